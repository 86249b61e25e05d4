from django import template

from ..models import Grant

register = template.Library()


@register.inclusion_tag("tags/project_funding.html", takes_context=True)
def project_funding(context, project):
    """The published grants of `project`, what they awarded and what has been paid."""
    grants = list(
        Grant.objects.filter(project=project, live=True)
        .with_amount_paid()
        .select_related("funder")
        .order_by("award_date", "identifier")
    )
    return {
        "request": context.get("request"),
        "project": project,
        "grants": grants,
        "awarded": sum((grant.amount_awarded for grant in grants), start=0),
        "paid": sum((grant.amount_paid for grant in grants), start=0),
    }
