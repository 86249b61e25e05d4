"""Test data builders: the one place tests get pages, images and people from."""

from django.utils.text import slugify

from wagtail.models import Page, Site

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from pirsote.core.models import (
    ContactPerson,
    CustomImage,
    HomePage,
    ReformPage,
    SectionIndexPage,
    SiteSettings,
)


class ImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Kuva {n}")
    description_fi = factory.Sequence(lambda n: f"Kuvaus {n}")
    description_en = factory.Sequence(lambda n: f"Description {n}")
    credit = "Pirkanmaan liitto"

    class Meta:
        model = CustomImage


class ContactPersonFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Henkilö {n}")
    job_title_fi = "Hankepäällikkö"
    job_title_en = "Project manager"
    organisation_fi = "Pirkanmaan liitto"
    organisation_en = "Council of Tampere Region"
    phone = "+358 40 000 0000"
    email = factory.Sequence(lambda n: f"henkilo{n}@example.fi")

    class Meta:
        model = ContactPerson


def _root():
    return Page.get_first_root_node()


class BasePageFactory(wagtail_factories.PageFactory):
    """Sets both languages' title and slug; pass `parent` to place the page."""

    title_fi = factory.Sequence(lambda n: f"Sivu {n}")
    title_en = factory.Sequence(lambda n: f"Page {n}")
    slug_fi = factory.LazyAttribute(lambda o: slugify(o.title_fi))
    slug_en = factory.LazyAttribute(lambda o: slugify(o.title_en) if o.title_en else None)
    title = factory.SelfAttribute("title_fi")
    slug = factory.SelfAttribute("slug_fi")
    live = True

    class Meta:
        abstract = True


class HomePageFactory(BasePageFactory):
    title_fi = "Sote-uudistus Pirkanmaalla"
    title_en = "Health and social services reform in Pirkanmaa"
    slug_fi = "etusivu"
    slug_en = "home"
    intro_fi = "Pirkanmaan sote-uudistuksen tietoa."
    intro_en = "Information on the reform in Pirkanmaa."
    parent = factory.LazyFunction(_root)

    class Meta:
        model = HomePage


class SectionIndexPageFactory(BasePageFactory):
    intro_fi = "Osion johdanto."
    intro_en = "Section introduction."
    show_in_menus = True

    class Meta:
        model = SectionIndexPage


class ReformPageFactory(BasePageFactory):
    intro_fi = "Sivun johdanto."
    intro_en = "Page introduction."
    body_fi = wagtail_factories.StreamFieldFactory({})
    body_en = wagtail_factories.StreamFieldFactory({})

    class Meta:
        model = ReformPage


class SiteFactory(DjangoModelFactory):
    hostname = "testserver"
    port = 80
    is_default_site = True
    site_name = "Pirkanmaan sote-uudistus"
    root_page = factory.SubFactory(HomePageFactory)

    class Meta:
        model = Site
        django_get_or_create = ("hostname", "port")


class SiteSettingsFactory(DjangoModelFactory):
    site = factory.LazyFunction(lambda: Site.objects.get(is_default_site=True))
    publisher_name_fi = "Pirkanmaan liitto"
    publisher_name_en = "Council of Tampere Region"
    email = "kirjaamo@example.fi"

    class Meta:
        model = SiteSettings
        django_get_or_create = ("site",)
