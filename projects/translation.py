"""Which fields of the projects app exist in Finnish and English (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import (
    Goal,
    GoalIndexPage,
    Organisation,
    ProjectContact,
    ProjectIndexPage,
    ProjectPage,
    ProjectStaffFigure,
    ServiceModelIndexPage,
    ServiceModelPage,
    TargetGroup,
)


@register(Organisation)
class OrganisationTranslationOptions(TranslationOptions):
    fields = ("name", "abbreviation")


@register(Goal)
class GoalTranslationOptions(TranslationOptions):
    fields = ("name", "description")


@register(TargetGroup)
class TargetGroupTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(ProjectIndexPage)
class ProjectIndexPageTranslationOptions(TranslationOptions):
    fields = ("intro", "body")


@register(ProjectPage)
class ProjectPageTranslationOptions(TranslationOptions):
    fields = ("intro", "body")


@register(ProjectStaffFigure)
class ProjectStaffFigureTranslationOptions(TranslationOptions):
    fields = ("description",)


@register(ProjectContact)
class ProjectContactTranslationOptions(TranslationOptions):
    fields = ("role",)


@register(ServiceModelPage)
class ServiceModelPageTranslationOptions(TranslationOptions):
    fields = ("intro", "body")


@register(ServiceModelIndexPage)
class ServiceModelIndexPageTranslationOptions(TranslationOptions):
    fields = ("intro", "body")


@register(GoalIndexPage)
class GoalIndexPageTranslationOptions(TranslationOptions):
    fields = ("intro", "body")
