"""Which fields of the news app exist in Finnish and English (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import (
    Keyword,
    MediaVideo,
    NewsIndexPage,
    ReleaseCorrection,
    ReleaseImage,
    ReleasePage,
)


@register(Keyword)
class KeywordTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(NewsIndexPage)
class NewsIndexPageTranslationOptions(TranslationOptions):
    fields = ("intro", "body")


@register(ReleasePage)
class ReleasePageTranslationOptions(TranslationOptions):
    fields = ("intro", "body")


@register(ReleaseImage)
class ReleaseImageTranslationOptions(TranslationOptions):
    fields = ("caption",)


@register(ReleaseCorrection)
class ReleaseCorrectionTranslationOptions(TranslationOptions):
    fields = ("text",)


@register(MediaVideo)
class MediaVideoTranslationOptions(TranslationOptions):
    fields = ("title", "description", "credit")
