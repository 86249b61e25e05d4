"""For tests: sessions made by the test client's login helpers pass the second step.

tests/conftest.py applies `verified_logins` to every test; the tests of the second step
itself put the client's own login back (`ORIGINAL_LOGIN`).
"""

from django.test import Client

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

ORIGINAL_LOGIN = Client._login


def mark_verified(client, user):
    """Make the client's session one that passed the second step with `user`'s authenticator."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or enrol(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def _verified_login(self, user, backend=None):
    ORIGINAL_LOGIN(self, user, backend)
    mark_verified(self, user)


def verified_logins(monkeypatch):
    """Client.force_login() and Client.login() leave sessions that passed the second step."""
    monkeypatch.setattr(Client, "_login", _verified_login)


def enrol(user):
    """A confirmed authenticator for `user` (for tests that sign in through the forms)."""
    return TOTPDevice.objects.create(user=user, name="test", confirmed=True)


def current_code(device):
    """The code `device`'s authenticator app shows now: what a test types in the second step."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"
