"""Staff account settings: a missing name does not stop anyone saving their settings.

Wagtail's account settings are one form of several panels, and its name panel requires a
first and a last name. A user made by `createsuperuser` has neither, so choosing the admin's
language failed on a panel the user had not touched. Names stay editable here, just optional,
as on the user model: where there is none, Wagtail shows the user name.
"""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms.account import NameEmailForm
from wagtail.admin.views.account import NameEmailSettingsPanel


class OptionalNameEmailForm(NameEmailForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("first_name", "last_name"):
            self.fields[name].required = False
        self.fields["first_name"].help_text = _(
            "Shown to other staff beside your edits. Without a name, your user name is shown."
        )


def install():
    """Use the form above in Wagtail's name panel (called from CoreConfig.ready)."""
    NameEmailSettingsPanel.form_class = OptionalNameEmailForm
