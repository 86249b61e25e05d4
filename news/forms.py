"""The newsroom's filters: type, keyword, project and year, in any combination."""

from django.utils.translation import gettext_lazy as _

from pirsote.core.listing import FilterChoiceField, ListingFilterForm

from .models import ReleaseType


class ReleaseFilterForm(ListingFilterForm):
    type = FilterChoiceField(label=_("Type"))
    keyword = FilterChoiceField(label=_("Keyword"))
    project = FilterChoiceField(label=_("Project"))
    year = FilterChoiceField(label=_("Year"))

    def __init__(self, data=None, *, keywords, projects, years, **kwargs):
        super().__init__(data, **kwargs)
        everything = [("", _("All"))]
        self.keywords = {keyword.slug: keyword for keyword in keywords}
        self.projects = {project.code: project for project in projects}
        self.fields["type"].choices = everything + list(ReleaseType.choices)
        self.fields["keyword"].choices = everything + [(k.slug, k.name) for k in keywords]
        self.fields["project"].choices = everything + [(p.code, p.acronym) for p in projects]
        self.fields["year"].choices = everything + [(str(year), str(year)) for year in years]

    def filter(self, releases):
        """`releases` narrowed by the valid filters."""
        filters = self.filters
        if "type" in filters:
            releases = releases.filter(release_type=filters["type"])
        if "keyword" in filters:
            releases = releases.filter(keywords=self.keywords[filters["keyword"]])
        if "project" in filters:
            releases = releases.filter(projects=self.projects[filters["project"]])
        if "year" in filters:
            releases = releases.filter(first_published_at__year=int(filters["year"]))
        return releases

    def describe(self):
        """The chosen filters in words, e.g. "Press release · Sote-keskus", for feed titles."""
        filters = self.filters
        parts = []
        if "type" in filters:
            parts.append(str(ReleaseType(filters["type"]).label))
        if "keyword" in filters:
            parts.append(self.keywords[filters["keyword"]].name)
        if "project" in filters:
            parts.append(self.projects[filters["project"]].acronym)
        if "year" in filters:
            parts.append(filters["year"])
        return " · ".join(parts)
