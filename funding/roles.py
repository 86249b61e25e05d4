"""Funding editors keep the grants and payments; communications staff can read them."""

from pirsote.core.roles import (
    COMMUNICATIONS,
    ensure_group,
    grant_admin_access,
    grant_model_permissions,
)
from projects.models import Organisation

from .models import Grant

FUNDING_EDITORS = "Rahoitus / Funding editors"


def setup_funding_roles():
    group = ensure_group(FUNDING_EDITORS)
    grant_admin_access(group)
    grant_model_permissions(group, Grant, ("add", "change", "delete", "publish", "view"))
    # Funders, recipients and payers are organisations; editors may need to add one.
    grant_model_permissions(group, Organisation, ("add", "change", "view"))
    # Amounts are financial records: communications staff see them but do not change them.
    grant_model_permissions(ensure_group(COMMUNICATIONS), Grant, ("view",))
    return [group]
