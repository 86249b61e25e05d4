"""The subscription form: an address, a language, and optionally types and projects.

Choices are checked against lists already in memory, and error messages never repeat the
visitor's value, which may be 10 kB of anything.
"""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from news.models import ReleaseType

from .models import Choices

NOT_AVAILABLE = _("This choice is not available. Choose one of the options.")


class SubscriptionForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    language = forms.ChoiceField(
        label=_("Language of the messages"),
        choices=settings.LANGUAGES,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": NOT_AVAILABLE},
    )
    release_types = forms.MultipleChoiceField(
        label=_("Types of release"),
        required=False,
        choices=ReleaseType.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose none to get every type."),
        error_messages={"invalid_choice": NOT_AVAILABLE},
    )
    projects = forms.MultipleChoiceField(
        label=_("Projects"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Choose none to get releases on every project and on the reform as a whole. "
            "If you choose projects, you get only the releases related to them."
        ),
        error_messages={"invalid_choice": NOT_AVAILABLE},
    )

    def __init__(self, data=None, *, projects, **kwargs):
        super().__init__(data, **kwargs)
        self.project_objects = {str(project.pk): project for project in projects}
        self.fields["projects"].choices = [
            (pk, str(project)) for pk, project in self.project_objects.items()
        ]

    def clean_email(self):
        # The domain is case-insensitive; the local part is kept as typed.
        local, _at, domain = self.cleaned_data["email"].strip().rpartition("@")
        return f"{local}@{domain.lower()}"

    @property
    def choices(self):
        data = self.cleaned_data
        return Choices(
            data["language"], list(data["release_types"]), [int(pk) for pk in data["projects"]]
        )

    @property
    def chosen_projects(self):
        return [self.project_objects[pk] for pk in self.cleaned_data["projects"]]

    @property
    def invalid_fields(self):
        return [self[name] for name in self.errors if name in self.fields]
