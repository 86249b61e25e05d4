"""For the test settings only."""

from axes.backends import AxesBackend


class TestClientLockoutBackend(AxesBackend):
    """django-axes' backend, letting through Django's test client's login(), which
    authenticates without a request (axes refuses that). Real sign-ins always have one."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
