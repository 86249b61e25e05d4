"""The money behind the reform: grants to its projects, payments made against them.

Grants are snippets with drafts and revisions: a funding editor can prepare one before the
decision is public, and only published grants appear on the site and in the open data.
Amounts are Decimals in euros; every sum shown is computed from them.
"""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Count, Sum
from django.db.models.functions import Coalesce
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import DraftStateMixin, Orderable, RevisionMixin, Site
from wagtail.search import index

from pirsote.core.dates import DatePrecision
from pirsote.core.formatting import format_euros
from pirsote.core.listing import paginate
from pirsote.core.models import BasePage
from pirsote.core.visibility import public_pages, visible_pages
from projects.models import Organisation, ProjectPage

CURRENCY = "EUR"
ZERO = Decimal("0.00")
MONEY = {"max_digits": 14, "decimal_places": 2}


class GrantQuerySet(models.QuerySet):
    def public(self, projects=None):
        """Published grants of projects the public can see.

        Pass `projects`, the live public projects, when they are already loaded.
        """
        if projects is None:
            projects = public_pages(ProjectPage.objects)
        return self.filter(live=True, project__in=projects)

    def with_amount_paid(self):
        """Each grant annotated with `amount_paid`, the sum of its payments (0.00 if none)."""
        return self.annotate(
            amount_paid=Coalesce(
                Sum("payments__amount"), ZERO, output_field=models.DecimalField(**MONEY)
            )
        )

    def totals(self):
        """Awarded, paid and the number of grants, summed over the queryset in one query."""
        # Paid is summed per payment row and awarded per grant: two subqueries avoid the
        # payments join multiplying the awarded amounts.
        ids = self.values("pk")
        awarded = Grant.objects.filter(pk__in=ids).aggregate(
            amount=Coalesce(Sum("amount_awarded"), ZERO, output_field=models.DecimalField(**MONEY)),
            count=Count("pk"),
        )
        paid = Payment.objects.filter(grant__in=ids).aggregate(
            amount=Coalesce(Sum("amount"), ZERO, output_field=models.DecimalField(**MONEY))
        )
        return {"awarded": awarded["amount"], "paid": paid["amount"], "count": awarded["count"]}


class GrantAdminForm(WagtailAdminModelForm):
    """Checks the payments entered on the same form against the amount awarded."""

    def clean(self):
        cleaned_data = super().clean()
        awarded = cleaned_data.get("amount_awarded")
        payments = self.formsets.get("payments")
        if awarded is None or payments is None:
            return cleaned_data
        # A payment form with errors shows them itself; removed and blank ones do not count.
        paid = sum(
            (
                form.cleaned_data["amount"]
                for form in payments.forms
                if form.is_valid()
                and form.cleaned_data.get("amount") is not None
                and not form.cleaned_data.get("DELETE")
            ),
            ZERO,
        )
        if paid > awarded:
            self.add_error(
                "amount_awarded",
                ValidationError(
                    _("The payments (%(paid)s) exceed the amount awarded (%(awarded)s)."),
                    code="payments_exceed_award",
                    params={"paid": format_euros(paid), "awarded": format_euros(awarded)},
                ),
            )
        return cleaned_data


class Grant(DraftStateMixin, RevisionMixin, index.Indexed, ClusterableModel):
    """A funding decision for a project: who granted how much, when, for what."""

    identifier = models.CharField(
        _("identifier"),
        max_length=100,
        unique=True,
        validators=[
            RegexValidator(
                r"^[A-Za-z0-9][A-Za-z0-9._-]*$",
                _("Use letters, numbers, full stops, hyphens and underscores."),
            )
        ],
        help_text=_(
            "A stable identifier that never changes once published, "
            "e.g. 360G-pirsote-2020-pirsote. It identifies the grant in the open data."
        ),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("purpose"))
    project = models.ForeignKey(
        ProjectPage, verbose_name=_("project"), on_delete=models.PROTECT, related_name="grants"
    )
    funder = models.ForeignKey(
        Organisation,
        verbose_name=_("funder"),
        on_delete=models.PROTECT,
        related_name="grants_funded",
    )
    recipient = models.ForeignKey(
        Organisation,
        verbose_name=_("recipient"),
        on_delete=models.PROTECT,
        related_name="grants_received",
    )
    payer = models.ForeignKey(
        Organisation,
        verbose_name=_("paid out by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="grants_paid_out",
    )
    supervisors = ParentalManyToManyField(
        Organisation, verbose_name=_("supervised by"), blank=True, related_name="grants_supervised"
    )
    amount_awarded = models.DecimalField(
        _("amount awarded (€)"), validators=[MinValueValidator(Decimal("0.01"))], **MONEY
    )
    award_date = models.DateField(_("award date"))
    award_date_precision = models.CharField(
        _("award date known to"),
        max_length=16,
        choices=DatePrecision,
        default=DatePrecision.DAY,
        help_text=_("If the sources only say “summer 2020”, enter 1 June 2020 and choose Season."),
    )
    planned_start = models.DateField(_("grant period starts"), null=True, blank=True)
    planned_end = models.DateField(_("grant period ends"), null=True, blank=True)
    decision_reference = models.CharField(
        _("decision reference"),
        max_length=100,
        blank=True,
        help_text=_("The record number of the funding decision."),
    )

    objects = GrantQuerySet.as_manager()

    base_form_class = GrantAdminForm
    panels = [
        MultiFieldPanel(
            [FieldPanel("identifier"), FieldPanel("title"), FieldPanel("description")],
            heading=_("Grant"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("project"),
                FieldPanel("funder"),
                FieldPanel("recipient"),
                FieldPanel("payer"),
                FieldPanel("supervisors", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Project and organisations"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("amount_awarded"),
                FieldRowPanel([FieldPanel("award_date"), FieldPanel("award_date_precision")]),
                FieldRowPanel([FieldPanel("planned_start"), FieldPanel("planned_end")]),
                FieldPanel("decision_reference"),
            ],
            heading=_("Decision"),
        ),
        InlinePanel("payments", heading=_("Payments"), label=_("Payment")),
    ]
    search_fields = [
        index.SearchField("title"),
        index.SearchField("description"),
        index.SearchField("identifier"),
        index.FilterField("live"),
    ]

    class Meta:
        ordering = ["award_date", "identifier"]
        verbose_name = _("grant")
        verbose_name_plural = _("grants")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.planned_start and self.planned_end and self.planned_end < self.planned_start:
            raise ValidationError(
                {"planned_end": _("The grant period cannot end before it starts.")}
            )


class Payment(Orderable):
    """An instalment paid against a grant."""

    grant = ParentalKey(Grant, on_delete=models.CASCADE, related_name="payments")
    date = models.DateField(_("date paid"))
    amount = models.DecimalField(
        _("amount (€)"), validators=[MinValueValidator(Decimal("0.01"))], **MONEY
    )
    reference = models.CharField(_("reference"), max_length=100, blank=True)

    panels = [FieldRowPanel([FieldPanel("date"), FieldPanel("amount")]), FieldPanel("reference")]

    class Meta(Orderable.Meta):
        verbose_name = _("payment")
        verbose_name_plural = _("payments")


class FundingPage(BasePage):
    """How the reform is funded: the figures are computed from the grants and payments.

    Editors write the lead and the body; the sums per project, the total, what has been
    paid and the list of grants come from the data, with links to it as open data.
    """

    parent_page_types = ["core.HomePage", "core.SectionIndexPage"]
    subpage_types = []
    max_count = 1
    grants_per_page = 20

    # The grants the page lists are found with it, in both languages ("avustus", "grant").
    search_fields = [*BasePage.search_fields, index.SearchField("grants_search_text")]

    class Meta:
        verbose_name = _("funding page")

    def grants_search_text(self):
        """The grants as the page shows them, for the site search: re-indexed when they change."""
        grants = Grant.objects.public().select_related("funder", "recipient").order_by("pk")
        texts = [
            f"{grant.title}. {grant.description} {grant.funder}, {grant.recipient}."
            for grant in grants
        ]
        # The heading of the page's grant list, in the language indexed.
        return [gettext("Grants"), *texts] if texts else []

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The projects the public sees, as the open data and the API name them.
        grants = Grant.objects.public(visible_pages(Site.find_for_request(request), ProjectPage))
        # Lazy, so that the queries run only where the template renders the figures: they
        # are a cached fragment.
        projects = SimpleLazyObject(lambda: funding_by_project(grants))
        context["projects"] = projects
        # What grants.totals() would give, added up from the sums per project: two queries
        # fewer, and the total is by construction the sum of the rows shown.
        context["totals"] = SimpleLazyObject(
            lambda: {
                "awarded": sum((row["awarded"] for row in projects), ZERO),
                "paid": sum((row["paid"] for row in projects), ZERO),
                "count": sum(row["count"] for row in projects),
            }
        )
        context["grants"] = paginate(
            request,
            grants.with_amount_paid()
            .select_related("project", "funder", "recipient")
            .order_by("award_date", "identifier"),
            self.grants_per_page,
        )
        return context


def funding_by_project(grants):
    """[{project, awarded, paid, count}] for the projects that have grants, in tree order."""
    # order_by() clears the models' default ordering, which would otherwise join the
    # GROUP BY and give one row per grant or payment instead of one per project.
    awarded = {
        row["project"]: row
        for row in grants.order_by()
        .values("project")
        .annotate(awarded=Sum("amount_awarded"), count=Count("pk"))
    }
    paid = dict(
        Payment.objects.filter(grant__in=grants.values("pk"))
        .order_by()
        .values("grant__project")
        .annotate(paid=Sum("amount"))
        .values_list("grant__project", "paid")
    )
    projects = ProjectPage.objects.filter(pk__in=awarded).order_by("path")
    return [
        {
            "project": project,
            "awarded": awarded[project.pk]["awarded"],
            "count": awarded[project.pk]["count"],
            "paid": paid.get(project.pk, ZERO),
        }
        for project in projects
    ]


def reindex_funding_pages(sender=None, instance=None, **kwargs):
    """Receiver for a grant's save and delete: the funding pages' search text shows the grants."""
    for page in FundingPage.objects.all():
        index.insert_or_update_object(page)


def funding_pages(_changed=None):
    """The funding pages and the open data, for the cache in front to purge."""
    from pirsote.core.frontend_cache import reversed_paths

    return [
        *FundingPage.objects.all(),
        *reversed_paths("funding:grants_json"),
        *reversed_paths("funding:grants_csv"),
    ]


def grant_pages(grant):
    """Where a grant shows: the funding pages, the open data and its project's page."""
    project = ProjectPage.objects.filter(pk=grant.project_id).first()
    return [*funding_pages(), project]
