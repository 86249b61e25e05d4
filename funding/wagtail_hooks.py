from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from pirsote.core import audit_changes
from pirsote.core.visibility import public_pages
from projects.sections import PROJECT_PAGE_SECTIONS

from .audit import GRANT_PAYMENTS
from .models import ZERO, FundingPage, Grant
from .roles import setup_funding_roles


class GrantViewSet(SnippetViewSet):
    model = Grant
    icon = "tasks"
    menu_label = _("Grants")
    menu_order = 320
    add_to_admin_menu = True
    list_display = ["title", "identifier", "project", "amount_awarded", "award_date"]
    list_filter = ["project", "funder"]
    # Communications staff may view grants without changing them: this is their read-only page.
    inspect_view_enabled = True
    inspect_view_fields = [
        "identifier",
        "title_fi",
        "title_en",
        "description_fi",
        "description_en",
        "project",
        "funder",
        "recipient",
        "payer",
        "amount_awarded",
        "award_date",
        "planned_start",
        "planned_end",
        "decision_reference",
    ]
    list_export = [
        "identifier",
        "title",
        "project",
        "funder",
        "recipient",
        "amount_awarded",
        "award_date",
    ]


register_snippet(GrantViewSet)

# After the projects app's roles: funding editors work with the projects' organisations.
hooks.register("setup_roles", setup_funding_roles, order=10)


class GrantPaymentsFormatter(audit_changes.DifferenceFormatter):
    label = _("Change grant payments")
    message = _("Payments changed")
    added_message = _("Payments added: %(items)s")
    removed_message = _("Payments removed: %(items)s")


@hooks.register("register_log_actions")
def register_log_actions(actions):
    # What changed in a grant is logged from the start (funding/audit.py, connected in ready()).
    actions.register_action(GRANT_PAYMENTS)(GrantPaymentsFormatter)


@hooks.register(PROJECT_PAGE_SECTIONS, order=10)
def project_funding_section(project, request):
    """A project's published grants on its page (projects.sections): awarded and paid.

    Three queries, however many grants: the grants with their organisations and amount paid,
    the supervisors of all of them, and the funding page to link to.
    """
    grants = list(
        Grant.objects.filter(project=project, live=True)
        .with_amount_paid()
        .select_related("funder", "payer")
        .prefetch_related("supervisors")
        .order_by("award_date", "identifier")
    )
    if not grants:
        return None
    return "funding/includes/project_funding.html", {
        "project": project,
        "grants": grants,
        "awarded": sum((grant.amount_awarded for grant in grants), start=ZERO),
        "paid": sum((grant.amount_paid for grant in grants), start=ZERO),
        "funding_page": public_pages(FundingPage.objects).first(),
    }
