"""The service-model listing's filters: project, goal, target group and status."""

from django.utils.translation import gettext_lazy as _

from pirsote.core.listing import FilterChoiceField, ListingFilterForm

from .models import ServiceModelStatus


class ServiceModelFilterForm(ListingFilterForm):
    project = FilterChoiceField(label=_("Project"))
    goal = FilterChoiceField(label=_("Goal"))
    target_group = FilterChoiceField(label=_("Target group"))
    status = FilterChoiceField(label=_("Status"))

    def __init__(self, data=None, *, projects, goals, target_groups, **kwargs):
        super().__init__(data, **kwargs)
        everything = [("", _("All"))]
        self.fields["project"].choices = everything + [(p.code, p.acronym) for p in projects]
        self.fields["goal"].choices = everything + [(g.slug, g.name) for g in goals]
        self.fields["target_group"].choices = everything + [(t.slug, t.name) for t in target_groups]
        self.fields["status"].choices = everything + list(ServiceModelStatus.choices)

    def filter(self, service_models, projects):
        """`service_models` narrowed by the valid filters; `projects` are the choosable ones."""
        filters = self.filters
        if "project" in filters:
            project = next(p for p in projects if p.code == filters["project"])
            service_models = service_models.descendant_of(project)
        if "goal" in filters:
            service_models = service_models.filter(goals__slug=filters["goal"])
        if "target_group" in filters:
            service_models = service_models.filter(target_groups__slug=filters["target_group"])
        if "status" in filters:
            service_models = service_models.filter(status=filters["status"])
        return service_models
