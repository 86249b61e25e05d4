"""The reform's projects, the service models they develop and the goals both pursue.

Projects and service models are pages, so that each has its own address, drafts, revisions
and scheduled publishing, and so that a project manager's permissions on their project's
page reach its service models (its child pages) and nothing else. Goals, target groups and
organisations are shared taxonomies edited as snippets.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils.functional import SimpleLazyObject
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    TitleFieldPanel,
)
from wagtail.models import Orderable, Page
from wagtail.search import index

from pirsote.core.dates import DatePrecision
from pirsote.core.listing import paginate, redirect_to_chosen_filters
from pirsote.core.models import BasePage
from pirsote.core.renditions import prefetch_renditions
from pirsote.core.safe_urls import validate_safe_url
from pirsote.core.search.types import ResultType
from pirsote.core.visibility import public_pages

# Taxonomies


class Organisation(index.Indexed, models.Model):
    """An organisation that carries out, coordinates, funds, pays out or supervises projects."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        JOINT_AUTHORITY = "joint-authority", _("Joint municipal authority")
        WELLBEING_COUNTY = "wellbeing-county", _("Wellbeing services county")
        MINISTRY = "ministry", _("Ministry")
        AGENCY = "agency", _("Government agency")
        HIGHER_EDUCATION = "higher-education", _("Higher education institution")
        OTHER = "other", _("Other")

    slug = models.SlugField(
        _("short name in addresses"),
        max_length=60,
        unique=True,
        help_text=_("Lowercase letters, numbers and hyphens, the same in both languages."),
    )
    name = models.CharField(_("name"), max_length=200)
    abbreviation = models.CharField(
        _("abbreviation"), max_length=20, blank=True, help_text=_("For example STM or THL.")
    )
    kind = models.CharField(_("type"), max_length=32, choices=Kind, default=Kind.OTHER)
    identifier = models.CharField(
        _("organisation identifier"),
        max_length=100,
        blank=True,
        help_text=_(
            "A registered identifier in the org-id.guide form, used in the open data. "
            "Leave empty if there is none."
        ),
    )
    website = models.URLField(_("website"), blank=True, validators=[validate_safe_url])

    panels = [
        FieldPanel("name"),
        FieldPanel("abbreviation"),
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldPanel("identifier"),
        FieldPanel("website"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("abbreviation"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name


class Goal(index.Indexed, Orderable):
    """One of the shared goals of the reform's preparation, e.g. curbing the growth in costs."""

    slug = models.SlugField(
        _("short name in addresses"),
        max_length=60,
        unique=True,
        help_text=_(
            "Used in filter addresses such as ?goal=saatavuus; the same in both languages."
        ),
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.SearchField("description")]

    class Meta(Orderable.Meta):
        # Goals made without an order (sort_order empty) in the order they were made: every
        # listing the same, on every database.
        ordering = ["sort_order", "pk"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self):
        return self.name


class TargetGroup(index.Indexed, Orderable):
    """Who a service model serves, e.g. older people or families with children."""

    slug = models.SlugField(
        _("short name in addresses"),
        max_length=60,
        unique=True,
        help_text=_("Used in filter addresses; the same in both languages."),
    )
    name = models.CharField(_("name"), max_length=200)

    panels = [FieldPanel("name"), FieldPanel("slug")]
    search_fields = [index.SearchField("name")]

    class Meta(Orderable.Meta):
        ordering = ["sort_order", "pk"]  # as Goal
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")

    def __str__(self):
        return self.name


# Projects


class ProjectStatus(models.TextChoices):
    IN_PREPARATION = "in-preparation", _("In preparation")
    RUNNING = "running", _("Running")
    ENDED = "ended", _("Ended")
    TRANSFERRED = "transferred", _("Transferred to the wellbeing services county")


def check_period(errors, end_field, start, end):
    """Report on `end_field` when a period ends before it starts."""
    if start and end and end < start:
        errors[end_field] = ValidationError(_("The end cannot be before the start."))


class ProjectIndexPage(BasePage):
    """The list of the reform's projects with their status and period."""

    parent_page_types = ["core.HomePage", "core.SectionIndexPage"]
    subpage_types = ["projects.ProjectPage", "projects.ServiceModelIndexPage"]
    max_count = 1
    projects_per_page = 12

    class Meta:
        verbose_name = _("project index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        projects = (
            public_pages(ProjectPage.objects.child_of(self))
            .select_related("listing_image", "coordinator")
            .prefetch_related(prefetch_renditions("listing_image__renditions", "card"))
            .order_by("path")
        )
        context["projects"] = paginate(request, projects, self.projects_per_page)
        # The listing may live elsewhere in the tree; there is at most one. Lazy: the list
        # is a cached fragment.
        context["service_model_index"] = SimpleLazyObject(
            lambda: public_pages(ServiceModelIndexPage.objects).first()
        )
        return context


def project_code(acronym):
    """What a project is called in addresses and the API: its acronym as a slug ("pirsote")."""
    return slugify(acronym or "")


class ProjectPage(BasePage):
    """A project preparing the reform: its facts as data, and a free body for the rest.

    The title is the project's full name; its acronym, status, period, organisations,
    staff figures, goals and contacts are fields, so that lists, filters and the open data
    are computed rather than typed. Service models are the project's child pages.
    """

    acronym = models.CharField(
        _("acronym"), max_length=20, unique=True, help_text=_("For example PirSOTE.")
    )
    # The acronym as filter addresses and the API name the project (?project=pirsote): set
    # from the acronym on every save (project_code), unique, so that lookups are in SQL.
    code = models.SlugField(_("code"), max_length=30, unique=True, editable=False)
    status = models.CharField(
        _("status"), max_length=32, choices=ProjectStatus, default=ProjectStatus.RUNNING
    )
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    actual_end = models.DateField(_("actual end"), null=True, blank=True)
    date_precision = models.CharField(
        _("dates known to"),
        max_length=16,
        choices=DatePrecision,
        default=DatePrecision.DAY,
        help_text=_("If only the year is known, enter 1 January of that year and choose Year."),
    )
    coordinator = models.ForeignKey(
        Organisation,
        verbose_name=_("coordinator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="coordinated_projects",
        help_text=_("The organisation running the project office."),
    )
    implementers = ParentalManyToManyField(
        Organisation,
        verbose_name=_("implementing organisations"),
        blank=True,
        related_name="implemented_projects",
    )
    goals = ParentalManyToManyField(
        Goal, verbose_name=_("goals"), blank=True, related_name="projects"
    )
    innokyla_url = models.URLField(
        _("Innokylä address"),
        blank=True,
        validators=[validate_safe_url],
        help_text=_("The project's page on Innokylä, where its materials are stored."),
    )

    content_panels = [
        TitleFieldPanel("title"),
        FieldPanel("acronym"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("status"),
                FieldRowPanel([FieldPanel("planned_start"), FieldPanel("planned_end")]),
                FieldRowPanel([FieldPanel("actual_start"), FieldPanel("actual_end")]),
                FieldPanel("date_precision"),
            ],
            heading=_("Status and period"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("coordinator"),
                FieldPanel("implementers", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Organisations"),
        ),
        InlinePanel("staff_figures", heading=_("Staff"), label=_("Staff figure")),
        FieldPanel("goals", widget=forms.CheckboxSelectMultiple),
        InlinePanel("contacts", heading=_("Contact people"), label=_("Contact person")),
        FieldPanel("innokyla_url"),
        FieldPanel("body"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("acronym", boost=2),
        index.AutocompleteField("acronym"),
    ]
    search_result_type = ResultType("project", _("Project"), _("Projects"), 30)

    parent_page_types = ["projects.ProjectIndexPage"]
    subpage_types = ["projects.ServiceModelPage"]

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self):
        return f"{self.title} ({self.acronym})" if self.acronym else self.title

    def save(self, *args, **kwargs):
        self.code = project_code(self.acronym)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "acronym" in update_fields:
            kwargs["update_fields"] = {*update_fields, "code"}
        return super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        errors = {}
        check_period(errors, "planned_end", self.planned_start, self.planned_end)
        check_period(errors, "actual_end", self.actual_start, self.actual_end)
        code = project_code(self.acronym)
        if self.acronym and not code:
            errors["acronym"] = ValidationError(_("The acronym needs letters or numbers."))
        elif self.acronym:
            # "Pir SOTE" and "Pir-SOTE" would share the address ?project=pir-sote.
            clashing = ProjectPage.objects.exclude(pk=self.pk).filter(code=code)
            if clashing.exists():
                errors["acronym"] = ValidationError(_("Another project has this acronym."))
        if errors:
            raise ValidationError(errors)

    def frontend_cache_dependents(self):
        """The lists of service models and goals name the project besides its own index."""
        return [*ServiceModelIndexPage.objects.all(), *GoalIndexPage.objects.all()]

    def structured_data(self, request):
        """A schema.org Project (an organisation of its own) with its coordinator."""
        data = {
            "@type": "Project",
            "name": self.title,
            "alternateName": self.acronym,
            "url": self.get_full_url(request),
        }
        if self.intro:
            data["description"] = self.intro
        if self.start:
            data["foundingDate"] = self.start.isoformat()[
                : 4 if self.date_precision == "year" else 10
            ]
        if self.coordinator:
            data["parentOrganization"] = {"@type": "Organization", "name": self.coordinator.name}
        return data

    @property
    def start(self):
        return self.actual_start or self.planned_start

    @property
    def end(self):
        return self.actual_end or self.planned_end

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The page lists its service models compactly, with their status and target groups;
        # the service model list, filtered by the project, shows their goals and pictures.
        context["service_models"] = (
            public_pages(ServiceModelPage.objects.child_of(self))
            .prefetch_related("target_groups")
            .order_by("path")
        )
        context["service_model_index"] = SimpleLazyObject(
            lambda: public_pages(ServiceModelIndexPage.objects).first()
        )
        context["contacts"] = self.contacts.select_related("person__photo").prefetch_related(
            "person__photo__renditions"
        )
        context["staff_figures"] = self.staff_figures.all()
        # A callable, so that the query runs only where the template renders it: the page's
        # body is a cached fragment.
        context["implementers"] = self.implementers_by_name
        context["project_goals"] = self.goals.all()
        return context

    def implementers_by_name(self):
        """Sorted by the name shown: in English, a name falling back to Finnish has no
        English value to sort by in the database."""
        return sorted(self.implementers.all(), key=lambda o: o.name.casefold())


class ProjectStaffFigure(Orderable):
    """A head count on a project page, e.g. "about 40 preparers"."""

    page = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="staff_figures")
    count = models.PositiveIntegerField(_("number"))
    is_approximate = models.BooleanField(
        _("approximate"), default=False, help_text=_("Shown as “about 40”.")
    )
    description = models.CharField(
        _("who they are"),
        max_length=200,
        help_text=_("Written after the number, e.g. “preparers” or “professionals in the field”."),
    )

    panels = [
        FieldRowPanel([FieldPanel("count"), FieldPanel("is_approximate")]),
        FieldPanel("description"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("staff figure")
        verbose_name_plural = _("staff figures")


class ProjectContact(Orderable):
    """A contact person shown on a project page, with their role in the project."""

    page = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="contacts")
    person = models.ForeignKey(
        "core.ContactPerson",
        verbose_name=_("contact person"),
        on_delete=models.CASCADE,
        related_name="project_contacts",
    )
    role = models.CharField(
        _("role in the project"),
        max_length=200,
        blank=True,
        help_text=_("Leave empty to show the person's job title."),
    )

    panels = [FieldPanel("person"), FieldPanel("role")]

    class Meta(Orderable.Meta):
        verbose_name = _("project contact")
        verbose_name_plural = _("project contacts")


# Service models


class ServiceModelStatus(models.TextChoices):
    IN_DEVELOPMENT = "in-development", _("In development")
    PILOTED = "piloted", _("Piloted")
    ESTABLISHED = "established", _("Established")
    SPREAD = "spread", _("Spread")


def attach_projects(service_models, projects=None):
    """Set `.project` on each service model from its parent: one query, however many models.

    A service model is always a child of its project page, so the project's tree path is
    the service model's path without its last step.
    """
    service_models = list(service_models)
    if projects is None:
        parent_paths = {page.path[: -Page.steplen] for page in service_models}
        projects = ProjectPage.objects.filter(path__in=parent_paths)
    by_path = {project.path: project for project in projects}
    for page in service_models:
        page.project = by_path.get(page.path[: -Page.steplen])
    return service_models


def listed_service_models():
    """The service models the public may see: not those under an unpublished project.

    Publishing a service model under a project that is still a draft (or was unpublished)
    must not list it: nothing public could link to its project.
    """
    return public_pages(ServiceModelPage.objects)


class ServiceModelPage(BasePage):
    """A way of working (toimintamalli) that a project develops: who it is for, its goals."""

    status = models.CharField(
        _("status"),
        max_length=32,
        choices=ServiceModelStatus,
        default=ServiceModelStatus.IN_DEVELOPMENT,
    )
    target_groups = ParentalManyToManyField(
        TargetGroup, verbose_name=_("target groups"), blank=True, related_name="service_models"
    )
    goals = ParentalManyToManyField(
        Goal, verbose_name=_("goals"), blank=True, related_name="service_models"
    )
    innokyla_url = models.URLField(
        _("Innokylä address"),
        blank=True,
        validators=[validate_safe_url],
        help_text=_("The service model's page on Innokylä."),
    )

    content_panels = [
        TitleFieldPanel("title"),
        FieldPanel("intro"),
        FieldPanel("status"),
        FieldPanel("target_groups", widget=forms.CheckboxSelectMultiple),
        FieldPanel("goals", widget=forms.CheckboxSelectMultiple),
        FieldPanel("innokyla_url"),
        FieldPanel("body"),
    ]

    search_result_type = ResultType("service-model", _("Service model"), _("Service models"), 40)
    parent_page_types = ["projects.ProjectPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("service model")
        verbose_name_plural = _("service models")

    def frontend_cache_dependents(self):
        """Its project (an ancestor) lists it, and so do the service model and goal lists."""
        return [*ServiceModelIndexPage.objects.all(), *GoalIndexPage.objects.all()]

    def serve(self, request, *args, **kwargs):
        # Wagtail routes through unpublished pages to their live children, and
        # wagtail-modeltranslation replaces every page's route(), so the check is here: a
        # service model is public only while its project is. Editors' previews still work.
        self.project = ProjectPage.objects.parent_of(self).first()
        if not getattr(request, "is_preview", False) and not (self.project and self.project.live):
            raise Http404
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        project = getattr(self, "project", None)
        # Lazy, so that the queries run only where the template renders them: the facts
        # are a cached fragment.
        context["project"] = project or SimpleLazyObject(
            lambda: ProjectPage.objects.parent_of(self).first()
        )
        context["service_model_index"] = SimpleLazyObject(
            lambda: public_pages(ServiceModelIndexPage.objects).first()
        )
        return context


# Longer than any goal, target group or status slug or project acronym.
MAX_FILTER_VALUE_LENGTH = 60


class ServiceModelIndexPage(BasePage):
    """Every project's service models in one list, filterable by project, goal and more."""

    language_switch_query_params = ("page", "project", "goal", "target_group", "status")

    parent_page_types = ["projects.ProjectIndexPage", "core.HomePage", "core.SectionIndexPage"]
    subpage_types = []
    max_count = 1
    service_models_per_page = 12

    class Meta:
        verbose_name = _("service model index page")

    def serve(self, request, *args, **kwargs):
        from .forms import ServiceModelFilterForm  # forms.py imports this module

        response = redirect_to_chosen_filters(
            request, ServiceModelFilterForm, MAX_FILTER_VALUE_LENGTH
        )
        if response:
            return response
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from .forms import ServiceModelFilterForm  # forms.py imports this module

        context = super().get_context(request, *args, **kwargs)
        projects = list(public_pages(ProjectPage.objects).order_by("path"))
        form = ServiceModelFilterForm(
            request.GET,
            projects=projects,
            goals=list(Goal.objects.all()),
            target_groups=list(TargetGroup.objects.all()),
        )
        service_models = form.filter(listed_service_models(), projects).prefetch_related(
            "goals", "target_groups"
        )
        # Already the specific type: select_related saves with_listing_images()'s .specific()
        # query.
        service_models = service_models.select_related("listing_image").prefetch_related(
            "listing_image__renditions"
        )
        page_obj = paginate(request, service_models.order_by("path"), self.service_models_per_page)
        page_obj.object_list = attach_projects(page_obj.object_list, projects)
        context.update(
            {
                "filter_form": form,
                "filter_query": form.query_string,
                "service_models": page_obj,
                # Filtered lists are views of this page, not pages of their own to index.
                "noindex": bool(form.filters) or page_obj.number > 1,
            }
        )
        return context


class GoalIndexPage(BasePage):
    """The reform's shared goals, each with the projects and service models that pursue it."""

    parent_page_types = ["core.HomePage", "core.SectionIndexPage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("goals page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Callables, so that the queries run only where the template renders them: the
        # goals are a cached fragment.
        context["goals"] = self.goals_with_pages
        context["service_model_index"] = SimpleLazyObject(
            lambda: public_pages(ServiceModelIndexPage.objects).first()
        )
        return context

    def goals_with_pages(self):
        """Every goal with the public projects and service models that pursue it."""
        projects = list(public_pages(ProjectPage.objects).order_by("path"))
        goals = list(
            Goal.objects.prefetch_related(
                models.Prefetch(
                    "projects",
                    queryset=public_pages(ProjectPage.objects).order_by("path"),
                    to_attr="live_projects",
                ),
                models.Prefetch(
                    "service_models",
                    queryset=listed_service_models().order_by("path"),
                    to_attr="live_service_models",
                ),
            )
        )
        for goal in goals:
            attach_projects(goal.live_service_models, projects)
        return goals


def project_listings(_changed=None):
    """Project and service model pages and their lists, for the cache in front to purge."""
    from pirsote.core.frontend_cache import prefix

    return [
        # Projects are the index's children, service models the projects' children.
        *(prefix(index) for index in ProjectIndexPage.objects.all()),
        *ServiceModelIndexPage.objects.all(),
        *GoalIndexPage.objects.all(),
    ]
