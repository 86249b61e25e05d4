"""Which fields of the funding app exist in Finnish and English (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import FundingPage, Grant


@register(Grant)
class GrantTranslationOptions(TranslationOptions):
    fields = ("title", "description")


@register(FundingPage)
class FundingPageTranslationOptions(TranslationOptions):
    fields = ("intro", "body")
