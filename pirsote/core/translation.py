"""Which fields exist in Finnish and English (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import (
    ContactPerson,
    CustomImage,
    HomePage,
    ReformPage,
    SectionIndexPage,
    SiteSettings,
)


@register(CustomImage)
class CustomImageTranslationOptions(TranslationOptions):
    fields = ("description", "credit")


@register(ContactPerson)
class ContactPersonTranslationOptions(TranslationOptions):
    fields = ("job_title", "organisation")


@register(SiteSettings)
class SiteSettingsTranslationOptions(TranslationOptions):
    fields = (
        "publisher_name",
        "publisher_description",
        "address",
        "not_found_title",
        "not_found_text",
        "successor_name",
        "successor_url",
        "second_successor_name",
        "second_successor_url",
    )


@register(HomePage)
class HomePageTranslationOptions(TranslationOptions):
    fields = ("intro", "body")


@register(SectionIndexPage)
class SectionIndexPageTranslationOptions(TranslationOptions):
    fields = ("intro", "body")


@register(ReformPage)
class ReformPageTranslationOptions(TranslationOptions):
    fields = ("intro", "body")
