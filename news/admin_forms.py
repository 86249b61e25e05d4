"""The release editor's form: staff who may edit only their own releases write about their
own projects.

Imported by news.models, so it imports no news module itself.
"""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail.permissions import page_permission_policy

from pirsote.core.bilingual_admin import BilingualPageForm
from projects.roles import projects_managed_by


class ReleaseAdminForm(BilingualPageForm):
    """Keeps a project manager's releases about the projects they manage.

    The rule applies to whoever may neither edit every release in the newsroom nor publish
    there, i.e. staff who may only add releases and edit their own: the project managers.
    Communications staff and approvers are not restricted, even when they also manage a
    project, and a managers' group whose project is gone lets its members write about none.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.own_project_ids = self.projects_user_may_write_about()
        field = self.fields.get("projects")
        if self.own_project_ids is not None and field is not None:
            # Their own projects, and any the release is already about, so that a project
            # they may not choose is reported below rather than silently dropped.
            current = [project.pk for project in self.instance.projects.all()]
            field.queryset = field.queryset.filter(
                Q(pk__in=self.own_project_ids) | Q(pk__in=current)
            )

    def projects_user_may_write_about(self):
        """Ids of the projects the user may write about; None when any project will do."""
        user, newsroom = self.for_user, self.parent_page
        if user is None or newsroom is None:
            return None
        if page_permission_policy.user_has_any_permission_for_instance(
            user, {"change", "publish"}, newsroom
        ):
            return None
        return set(projects_managed_by(user).values_list("pk", flat=True))

    def clean(self):
        cleaned_data = super().clean()
        projects = cleaned_data.get("projects")
        if self.own_project_ids is None or projects is None:
            return cleaned_data
        if not self.own_project_ids:
            self.add_error(
                "projects",
                ValidationError(
                    _("You manage no project, so you cannot write releases."),
                    code="no_own_projects",
                ),
            )
        elif not projects:
            self.add_error(
                "projects",
                ValidationError(
                    _("Choose the project, one that you manage, that the release is about."),
                    code="required",
                ),
            )
        elif others := [project for project in projects if project.pk not in self.own_project_ids]:
            self.add_error(
                "projects",
                ValidationError(
                    _("You may only write about projects you manage, not %(projects)s."),
                    code="not_own_project",
                    params={"projects": ", ".join(str(project) for project in others)},
                ),
            )
        return cleaned_data
