"""Test data builders: the one place tests get pages, images and people from."""

import datetime
import itertools
from decimal import Decimal

from django.contrib.auth.models import Permission
from django.utils import timezone
from django.utils.text import slugify

from wagtail.models import Collection, Page, Site
from wagtail.users.models import UserProfile

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from funding.models import FundingPage, Grant, Payment
from news.models import (
    Keyword,
    MediaVideo,
    NewsIndexPage,
    ReleaseContact,
    ReleaseCorrection,
    ReleaseImage,
    ReleasePage,
)
from pirsote.core.models import (
    ContactPerson,
    CustomImage,
    HomePage,
    PublicDocument,
    ReformPage,
    SectionIndexPage,
    SiteSettings,
)
from projects.models import (
    Goal,
    GoalIndexPage,
    Organisation,
    ProjectIndexPage,
    ProjectPage,
    ServiceModelIndexPage,
    ServiceModelPage,
    TargetGroup,
)


def own_collections(media):
    """The collections wagtail_factories made for these images and documents (each a root
    of its own), for a committed site's teardown to delete after them."""
    ids = {obj.collection_id for obj in media}
    ids.discard(Collection.get_first_root_node().pk)
    return Collection.objects.filter(pk__in=ids)


class ImageFactory(wagtail_factories.ImageFactory):
    """An image already public, as if a published page used it; `is_private=True` gives a
    fresh upload (private until something public uses it, pirsote.core.embargo)."""

    title = factory.Sequence(lambda n: f"Kuva {n}")
    description_fi = factory.Sequence(lambda n: f"Kuvaus {n}")
    description_en = factory.Sequence(lambda n: f"Description {n}")
    credit = "Pirkanmaan liitto"
    is_private = False

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


_page_numbers = itertools.count(1)


def _root():
    return Page.get_first_root_node()


class BasePageFactory(wagtail_factories.PageFactory):
    """Sets both languages' title and slug; pass `parent` to place the page."""

    # One counter for every page factory, so sibling pages of different types never share a slug.
    title_fi = factory.LazyFunction(lambda: f"Sivu {next(_page_numbers)}")
    title_en = factory.LazyAttribute(lambda o: o.title_fi.replace("Sivu", "Page"))
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


# Documents and a body with every block type, used by the browser tests' bilingual site.


class DocumentFactory(wagtail_factories.DocumentFactory):
    """A document already public, as if a published page used it; `public=False` gives a
    fresh upload (private until something public uses it, pirsote.core.embargo)."""

    title = factory.Sequence(lambda n: f"Asiakirja {n}")
    file = factory.django.FileField(filename="asiakirja.txt", data=b"Pirkanmaan sote-uudistus\n")

    class Meta:
        skip_postgeneration_save = True

    @factory.post_generation
    def public(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            PublicDocument.objects.get_or_create(document=obj)


class VideoDocumentFactory(DocumentFactory):
    """A few bytes named .mp4: enough for the video block's markup, not a playable clip."""

    title = factory.Sequence(lambda n: f"Video {n}")
    file = factory.django.FileField(
        filename="video.mp4", data=b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom"
    )


class CaptionsDocumentFactory(DocumentFactory):
    title = factory.Sequence(lambda n: f"Tekstitys {n}")
    file = factory.django.FileField(
        filename="tekstitys.vtt",
        data=b"WEBVTT\n\n00:00.000 --> 00:02.000\nTervetuloa sote-uudistuksen sivuille.\n",
    )


_BODY_TEXTS = {
    "fi": {
        "heading": "Hyvinvointialueuudistuksen tavoitteet",
        "subheading": "Sosiaali- ja terveydenhuollon palvelurakenne",
        "paragraph": (
            "<p>Sote-palvelut ja niitä tukeva rakenne uudistetaan. Tarkoituksena on taata "
            "<b>yhdenvertaiset</b>, sujuvat palvelut kaikkialla maakunnassa. Lue lisää "
            '<a href="https://example.fi/sote">sote-uudistuksesta</a>.</p>'
            "<ul><li>Perusterveydenhuolto</li><li>Sosiaalihuolto</li></ul>"
        ),
        "caption": "Sote-keskuksen odotustila Tampereella",
        "quote": "Kehittämisen tulee olla jatkuvaa ja asukaslähtöistä.",
        "attribution": "Eeva Halme, hankejohtaja",
        "facts": "Rahoitus",
        "fact_labels": ("Tulevaisuuden sote-keskus -hanke", "Valtionavustus", "Asiakkaita"),
        "links": "Lisätietoa",
        "external": "Sosiaali- ja terveysministeriön hyvinvointialueuudistussivut",
        "video": "Sote-uudistus kahdessa minuutissa",
        "transcript": "<p>Puhuja kertoo uudistuksen tavoitteista.</p>",
        "contacts": "Yhteyshenkilöt",
    },
    "en": {
        "heading": "Goals of the wellbeing services county reform",
        "subheading": "The structure of health and social services",
        "paragraph": (
            "<p>Health and social services and the structures that support them are being "
            "reformed to give <b>equal</b>, seamless services across the region. Read more "
            '<a href="https://example.fi/en/reform">about the reform</a>.</p>'
            "<ul><li>Primary health care</li><li>Social welfare</li></ul>"
        ),
        "caption": "The waiting room of a health and social services centre in Tampere",
        "quote": "Development must be continuous and start from the residents.",
        "attribution": "Eeva Halme, programme director",
        "facts": "Funding",
        "fact_labels": (
            "Health and social services centre of the future",
            "State grant",
            "Clients",
        ),
        "links": "Further information",
        "external": "Ministry of Social Affairs and Health: the wellbeing services counties",
        "video": "The reform in two minutes",
        "transcript": "<p>The speaker describes the goals of the reform.</p>",
        "contacts": "Contact people",
    },
}


def body_with_every_block(language, *, image, video, captions, people, internal_page):
    """Raw StreamField data using every block of BodyStreamBlock, in "fi" or "en"."""
    text = _BODY_TEXTS[language]
    figures = zip(
        ("5921081", "12.5", "48000"), ("eur", "percent", ""), text["fact_labels"], strict=True
    )
    return [
        {"type": "heading", "value": {"text": text["heading"], "level": "h2"}},
        {"type": "paragraph", "value": text["paragraph"]},
        {"type": "heading", "value": {"text": text["subheading"], "level": "h3"}},
        {"type": "image", "value": {"image": image.pk, "caption": text["caption"]}},
        {"type": "quote", "value": {"quote": text["quote"], "attribution": text["attribution"]}},
        {
            "type": "fact_figures",
            "value": {
                "heading": text["facts"],
                "figures": [
                    {"value": value, "unit": unit, "label": label} for value, unit, label in figures
                ],
            },
        },
        {
            "type": "link_list",
            "value": {
                "heading": text["links"],
                "links": [
                    {"page": internal_page.pk, "url": "", "text": ""},
                    {
                        "page": None,
                        "url": "https://stm.fi/hyvinvointialueet",
                        "text": text["external"],
                    },
                ],
            },
        },
        {
            "type": "video",
            "value": {
                "title": text["video"],
                "video": video.pk,
                "captions": captions.pk,
                "poster": image.pk,
                "transcript": text["transcript"],
            },
        },
        {
            "type": "contact_people",
            "value": {"heading": text["contacts"], "people": [person.pk for person in people]},
        },
    ]


class UserFactory(DjangoModelFactory):
    username = factory.Sequence(lambda n: f"kayttaja{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.fi")
    first_name = "Testi"
    last_name = factory.Sequence(lambda n: f"Käyttäjä {n}")
    password = factory.django.Password("testi-salasana-123")

    class Meta:
        model = "auth.User"
        skip_postgeneration_save = True


class StaffUserFactory(UserFactory):
    """An editor allowed into the Wagtail admin; `preferred_language` sets the admin's language."""

    is_staff = True

    @factory.post_generation
    def admin_access(obj, create, extracted, **kwargs):
        obj.user_permissions.add(
            Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
        )

    @factory.post_generation
    def preferred_language(obj, create, extracted, **kwargs):
        if extracted:
            profile = UserProfile.get_for_user(obj)
            profile.preferred_language = extracted
            profile.save()


# Projects, service models, goals and funding.


class OrganisationFactory(DjangoModelFactory):
    name_fi = factory.Sequence(lambda n: f"Organisaatio {n}")
    name_en = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisaatio-{n}")
    kind = Organisation.Kind.MUNICIPALITY

    class Meta:
        model = Organisation


class GoalFactory(DjangoModelFactory):
    name_fi = factory.Sequence(lambda n: f"Tavoite {n}")
    name_en = factory.Sequence(lambda n: f"Goal {n}")
    description_fi = "Tavoitteen kuvaus."
    description_en = "Description of the goal."
    slug = factory.Sequence(lambda n: f"tavoite-{n}")

    class Meta:
        model = Goal


class TargetGroupFactory(DjangoModelFactory):
    name_fi = factory.Sequence(lambda n: f"Kohderyhmä {n}")
    name_en = factory.Sequence(lambda n: f"Target group {n}")
    slug = factory.Sequence(lambda n: f"kohderyhma-{n}")

    class Meta:
        model = TargetGroup


class ProjectIndexPageFactory(BasePageFactory):
    title_fi = "Hankkeet"
    title_en = "Projects"
    slug_fi = "hankkeet"
    slug_en = "projects"
    intro_fi = "Sote-uudistusta valmistelevat hankkeet."
    intro_en = "The projects preparing the reform."
    show_in_menus = True

    class Meta:
        model = ProjectIndexPage


_acronyms = itertools.count(1)


class ProjectPageFactory(BasePageFactory):
    """A running project; pass `implementers`, `goals` as lists to set its relations."""

    acronym = factory.LazyFunction(lambda: f"HANKE{next(_acronyms)}")
    title_fi = factory.LazyAttribute(lambda o: f"Hanke {o.acronym}")
    title_en = factory.LazyAttribute(lambda o: f"Project {o.acronym}")
    slug_fi = factory.LazyAttribute(lambda o: slugify(o.acronym))
    slug_en = factory.LazyAttribute(lambda o: slugify(o.acronym))
    intro_fi = "Hankkeen tiivistelmä."
    intro_en = "Summary of the project."
    status = "running"
    actual_start = datetime.date(2020, 1, 1)
    date_precision = "year"

    class Meta:
        model = ProjectPage
        skip_postgeneration_save = True

    @factory.post_generation
    def implementers(obj, create, extracted, **kwargs):
        if extracted:
            obj.implementers.set(extracted)
            obj.save()

    @factory.post_generation
    def goals(obj, create, extracted, **kwargs):
        if extracted:
            obj.goals.set(extracted)
            obj.save()


class ServiceModelPageFactory(BasePageFactory):
    """A service model under `parent` (a ProjectPage); `goals`, `target_groups` as lists."""

    title_fi = factory.LazyFunction(lambda: f"Toimintamalli {next(_page_numbers)}")
    title_en = factory.LazyAttribute(lambda o: o.title_fi.replace("Toimintamalli", "Model"))
    intro_fi = "Toimintamallin kuvaus."
    intro_en = "Description of the service model."
    status = "piloted"

    class Meta:
        model = ServiceModelPage
        skip_postgeneration_save = True

    @factory.post_generation
    def goals(obj, create, extracted, **kwargs):
        if extracted:
            obj.goals.set(extracted)
            obj.save()

    @factory.post_generation
    def target_groups(obj, create, extracted, **kwargs):
        if extracted:
            obj.target_groups.set(extracted)
            obj.save()


class ServiceModelIndexPageFactory(BasePageFactory):
    title_fi = "Toimintamallit"
    title_en = "Service models"
    slug_fi = "toimintamallit"
    slug_en = "service-models"
    intro_fi = "Hankkeissa kehitetyt toimintamallit."
    intro_en = "The service models developed in the projects."

    class Meta:
        model = ServiceModelIndexPage


class GoalIndexPageFactory(BasePageFactory):
    title_fi = "Tavoitteet"
    title_en = "Goals"
    slug_fi = "tavoitteet"
    slug_en = "goals"
    intro_fi = "Uudistuksen yhteiset tavoitteet."
    intro_en = "The shared goals of the reform."

    class Meta:
        model = GoalIndexPage


class FundingPageFactory(BasePageFactory):
    title_fi = "Miten uudistus rahoitetaan"
    title_en = "How the reform is funded"
    slug_fi = "rahoitus"
    slug_en = "funding"
    intro_fi = "Uudistuksen rahoitus."
    intro_en = "Funding of the reform."

    class Meta:
        model = FundingPage


class GrantFactory(DjangoModelFactory):
    """A published grant; pass `project` (a ProjectPage)."""

    identifier = factory.Sequence(lambda n: f"360G-pirsote-test-{n}")
    title_fi = factory.Sequence(lambda n: f"Avustus {n}")
    title_en = factory.Sequence(lambda n: f"Grant {n}")
    description_fi = "Avustuksen käyttötarkoitus."
    description_en = "Purpose of the grant."
    funder = factory.SubFactory(OrganisationFactory, kind=Organisation.Kind.MINISTRY)
    recipient = factory.SubFactory(OrganisationFactory)
    amount_awarded = Decimal("100000.00")
    award_date = datetime.date(2020, 6, 1)
    award_date_precision = "season"
    live = True

    class Meta:
        model = Grant


class PaymentFactory(DjangoModelFactory):
    grant = factory.SubFactory(GrantFactory)
    date = datetime.date(2021, 3, 1)
    amount = Decimal("25000.00")

    class Meta:
        model = Payment


class ProjectStaffFigureFactory(DjangoModelFactory):
    """A head count on a project page; pass `page` (a ProjectPage)."""

    count = 40
    is_approximate = True
    description_fi = "valmistelijaa"
    description_en = "preparers"

    class Meta:
        model = "projects.ProjectStaffFigure"


class ProjectContactFactory(DjangoModelFactory):
    """A contact person on a project page; pass `page` (a ProjectPage) and `role_fi/_en`."""

    person = factory.SubFactory(ContactPersonFactory)

    class Meta:
        model = "projects.ProjectContact"


class GrantWithPaymentsFactory(GrantFactory):
    """A published grant; `payments` is a list of amounts paid, `supervisors` of organisations."""

    class Meta:
        skip_postgeneration_save = True

    @factory.post_generation
    def payments(obj, create, extracted, **kwargs):
        for number, amount in enumerate(extracted or (), start=1):
            PaymentFactory(
                grant=obj, amount=Decimal(amount), date=datetime.date(2021, number % 12 + 1, 1)
            )

    @factory.post_generation
    def supervisors(obj, create, extracted, **kwargs):
        if extracted:
            obj.supervisors.set(extracted)
            obj.save()


class RoleUserFactory(StaffUserFactory):
    """A staff user whose admin rights come only from `groups`: names of setup_roles' groups."""

    @factory.post_generation
    def admin_access(obj, create, extracted, **kwargs):
        """Nothing here: the groups must be what lets the user into the admin."""

    @factory.post_generation
    def groups(obj, create, extracted, **kwargs):
        for name in extracted or ():
            obj.groups.add(obj.groups.model.objects.get(name=name))


# News


class KeywordFactory(DjangoModelFactory):
    name_fi = factory.Sequence(lambda n: f"Avainsana {n}")
    name_en = factory.Sequence(lambda n: f"Keyword {n}")
    name = factory.SelfAttribute("name_fi")
    slug = factory.LazyAttribute(lambda o: slugify(o.name_fi))

    class Meta:
        model = Keyword
        django_get_or_create = ("slug",)


class NewsIndexPageFactory(BasePageFactory):
    title_fi = "Uutishuone"
    title_en = "Newsroom"
    slug_fi = "uutishuone"
    slug_en = "newsroom"
    intro_fi = "Tiedotteet, artikkelit ja blogit."
    intro_en = "Press releases, articles and blog posts."
    show_in_menus = True

    class Meta:
        model = NewsIndexPage


_release_times = itertools.count(1)


def _release_time():
    """Each new release an hour older than the one before, so their order is known."""
    base = datetime.datetime(2025, 9, 4, 7, 4, tzinfo=datetime.UTC)
    return base - datetime.timedelta(hours=next(_release_times))


class ReleasePageFactory(BasePageFactory):
    """A live release under `parent` (a NewsIndexPage); `keywords`, `projects` as lists."""

    title_fi = factory.LazyFunction(lambda: f"Tiedote {next(_page_numbers)}")
    title_en = factory.LazyAttribute(lambda o: o.title_fi.replace("Tiedote", "Release"))
    intro_fi = "Tiedotteen ingressi."
    intro_en = "The release's lead."
    release_type = "press-release"
    first_published_at = factory.LazyFunction(_release_time)
    last_published_at = factory.SelfAttribute("first_published_at")

    class Meta:
        model = ReleasePage
        skip_postgeneration_save = True

    @factory.post_generation
    def keywords(obj, create, extracted, **kwargs):
        if extracted:
            obj.keywords.set(extracted)
            obj.save()

    @factory.post_generation
    def projects(obj, create, extracted, **kwargs):
        if extracted:
            obj.projects.set(extracted)
            obj.save()


class ReleaseContactFactory(DjangoModelFactory):
    page = factory.SubFactory(ReleasePageFactory)
    person = factory.SubFactory(ContactPersonFactory)

    class Meta:
        model = ReleaseContact


class ReleaseImageFactory(DjangoModelFactory):
    page = factory.SubFactory(ReleasePageFactory)
    image = factory.SubFactory(ImageFactory)
    caption_fi = "Kuvateksti."
    caption_en = "Caption."

    class Meta:
        model = ReleaseImage


class ReleaseCorrectionFactory(DjangoModelFactory):
    page = factory.SubFactory(ReleasePageFactory)
    corrected_at = datetime.datetime(2025, 9, 5, 9, 0, tzinfo=datetime.UTC)
    text_fi = "Korjattu hankkeen nimi."
    text_en = "The project's name was corrected."

    class Meta:
        model = ReleaseCorrection


class MediaVideoFactory(DjangoModelFactory):
    title_fi = factory.Sequence(lambda n: f"Video {n}")
    title_en = factory.Sequence(lambda n: f"Video {n}")
    video = factory.SubFactory(VideoDocumentFactory)
    captions = factory.SubFactory(CaptionsDocumentFactory)
    credit = "Pirkanmaan liitto"
    licence = "cc-by-4.0"

    class Meta:
        model = MediaVideo


# E-mail subscriptions


class DraftReleasePageFactory(ReleasePageFactory):
    """A release never yet published: publish it with `save_revision().publish()`."""

    live = False
    first_published_at = None
    last_published_at = None


class SubscriberFactory(DjangoModelFactory):
    """A confirmed subscriber to every release; `projects` (a list) narrows them to those."""

    email = factory.Sequence(lambda n: f"tilaaja{n}@example.fi")
    language = "fi"
    release_types = factory.LazyFunction(list)

    class Meta:
        model = "subscriptions.Subscriber"
        skip_postgeneration_save = True

    @factory.post_generation
    def projects(obj, create, extracted, **kwargs):
        if extracted:
            obj.projects.set(extracted)
            obj.all_projects = False
            obj.save(update_fields=["all_projects"])


def scheduled_release(newsroom, **fields):
    """A release never published before, published now to go live in a week."""
    release = ReleasePageFactory(
        parent=newsroom,
        live=False,
        first_published_at=None,
        last_published_at=None,
        go_live_at=timezone.now() + datetime.timedelta(days=7),
        **fields,
    )
    release.save_revision().publish()
    release.refresh_from_db()
    assert not release.live
    return release
