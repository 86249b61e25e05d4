"""The kinds of result the site search shows and filters by.

Every page type says what kind of result it is (`search_result_type`, a BasePage attribute
that feature apps' page types override); contact people are the core's own kind. The search
finds the kinds through the page models, so the core names no feature app.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from wagtail.models import get_page_models


@dataclass(frozen=True)
class ResultType:
    key: str
    label: str | Promise
    plural: str | Promise
    # Position among the type filter's options.
    order: int


PAGE = ResultType("page", _("Page"), _("Pages"), 10)
PERSON = ResultType("person", _("Contact person"), _("Contact people"), 90)


def result_types():
    """Every kind of result, in the type filter's order."""
    kinds = {PERSON.key: PERSON}
    for model in get_page_models():
        kind = getattr(model, "search_result_type", None)
        if kind is not None:
            kinds.setdefault(kind.key, kind)
    return sorted(kinds.values(), key=lambda kind: kind.order)
