"""Add N synthetic releases to the newsroom in bulk: data for benchmarks, never for the demo.

Wagtail pages are a materialised-path tree (treebeard) stored in two tables (wagtailcore_page
and news_releasepage), which Django's bulk_create cannot write for an inherited model. So the
tree paths are computed here, after the newsroom's last child, the page rows are bulk-created,
then the release rows are inserted with the child model's own field preparation, then the
keywords and projects through their M2M tables, and the newsroom's numchild is raised.

Each release is bilingual (titles, slugs unique per language among the siblings, url paths as
wagtail-modeltranslation computes them), live, published over the last four years, with a
lead and a body of a few paragraphs. Their sentences come from the pages already in the
database (the demo's text), so the words are real Finnish and English.

No revisions are written: Wagtail serves, lists, edits (get_latest_revision_as_object falls
back to the page) and schedules (publish_scheduled reads only revisions approved to go live)
pages without one, as it does for imported content. No signals are sent either: subscribers
get no mail, nothing is purged.
"""

import html
import random
import re
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import F
from django.db.models.expressions import RawSQL
from django.utils import timezone, translation
from django.utils.text import slugify

from wagtail.images import get_image_model
from wagtail.models import Page, get_page_models
from wagtail.search.backends import get_search_backend

from pirsote.core.models import BasePage, SearchEntry
from pirsote.core.search import backend as site_search
from pirsote.core.search import finnish
from projects.models import ProjectPage

from ...models import Keyword, NewsIndexPage, ReleasePage, ReleaseType

BATCH_SIZE = 500
MAX_SLUG_LENGTH = 80
PUBLISHED_OVER_DAYS = 4 * 365
# Pages whose text the vocabulary is read from: enough for variety, bounded however big the
# newsroom has grown (the oldest pages first, so the demo's text rather than earlier runs').
VOCABULARY_PAGES_PER_TYPE = 200
RELEASE_TYPE_WEIGHTS = {
    ReleaseType.PRESS_RELEASE: 5,
    ReleaseType.ARTICLE: 3,
    ReleaseType.BLOG_POST: 2,
}

# Titles: who does what where, in both languages.
SUBJECTS = [
    ("Pirkanmaan hyvinvointialue", "The Pirkanmaa wellbeing services county"),
    ("Pirkanmaan liitto", "The Council of Tampere Region"),
    ("PirSOTE-hanke", "The PirSOTE project"),
    ("KOMAS-hanke", "The KOMAS project"),
    ("PirKOTI-hanke", "The PirKOTI project"),
    ("Sote-keskus", "The health and social services centre"),
    ("Perhekeskus", "The family centre"),
    ("Kotihoito", "Home care"),
    ("Maakuntahallitus", "The regional board"),
    ("Asiakasohjaus", "Client guidance"),
    ("Mielenterveyskeskus", "The mental health centre"),
    ("Ikäkeskus", "The senior centre"),
]
PREDICATES = [
    ("avaa uuden palvelupisteen", "opens a new service point"),
    ("kokeilee etävastaanottoja", "tries out remote appointments"),
    ("kehittää kotikuntoutusta", "develops home rehabilitation"),
    ("julkaisi väliraportin", "published an interim report"),
    ("kutsuu asukkaat keskustelemaan palveluista", "invites residents to discuss services"),
    ("palkkaa lisää sosiaaliohjaajia", "hires more social counsellors"),
    ("aloittaa yhteistyön järjestöjen kanssa", "starts working with NGOs"),
    ("esittelee uuden toimintamallin", "presents a new operating model"),
    (
        "vahvistaa nuorten mielenterveyspalveluja",
        "strengthens young people's mental health services",
    ),
    ("kerää palautetta digitaalisista palveluista", "collects feedback on digital services"),
    ("lyhentää hoitoonpääsyn jonoja", "shortens waiting times for care"),
    ("kouluttaa henkilöstöä asiakaslähtöisyyteen", "trains staff in client-centred work"),
    ("tukee ikäihmisten kotona asumista", "supports older people living at home"),
    ("tuo matalan kynnyksen palvelut lähelle", "brings low-threshold services close"),
    ("sai valtionavustuksen", "received a government grant"),
    ("arvioi toimintakyvyn uudella tavalla", "assesses functional ability in a new way"),
]
PLACES = [
    ("Tampereella", "in Tampere"),
    ("Nokialla", "in Nokia"),
    ("Ylöjärvellä", "in Ylöjärvi"),
    ("Kangasalla", "in Kangasala"),
    ("Lempäälässä", "in Lempäälä"),
    ("Pirkkalassa", "in Pirkkala"),
    ("Valkeakoskella", "in Valkeakoski"),
    ("Sastamalassa", "in Sastamala"),
    ("Orivedellä", "in Orivesi"),
    ("Mänttä-Vilppulassa", "in Mänttä-Vilppula"),
    ("Ikaalisissa", "in Ikaalinen"),
    ("Hämeenkyrössä", "in Hämeenkyrö"),
    ("Akaassa", "in Akaa"),
    ("Urjalassa", "in Urjala"),
    ("Virroilla", "in Virrat"),
    ("Parkanossa", "in Parkano"),
    ("Ruovedellä", "in Ruovesi"),
    ("Pälkäneellä", "in Pälkäne"),
    ("Vesilahdella", "in Vesilahti"),
    ("Kuhmoisissa", "in Kuhmoinen"),
    ("koko Pirkanmaalla", "across Pirkanmaa"),
]
# Used where the database has too little text of its own (an empty test database).
FALLBACK_SENTENCES = {
    "fi": [
        "Hyvinvointialue vastaa sosiaali- ja terveyspalveluista sekä pelastustoimesta.",
        "Uudistuksen tavoitteena on turvata yhdenvertaiset palvelut kaikille asukkaille.",
        "Palveluja kehitetään yhdessä asiakkaiden, henkilöstön ja järjestöjen kanssa.",
        "Sote-keskuksessa asukas saa sosiaali- ja terveyspalvelut saman katon alta.",
        "Hankkeessa kokeillaan uusia tapoja tukea ikäihmisten kotona asumista.",
        "Digitaaliset palvelut täydentävät lähipalveluja mutta eivät korvaa niitä.",
        "Kehittämistyötä rahoitetaan valtionavustuksella vuoteen 2025 saakka.",
        "Lisätietoja saa hankkeen yhteyshenkilöiltä ja verkkosivuilta.",
    ],
    "en": [
        "The wellbeing services county is responsible for health, social and rescue services.",
        "The reform aims to secure equal services for every resident.",
        "Services are developed together with clients, staff and non-governmental organisations.",
        "At a health and social services centre, residents find both services under one roof.",
        "The project tries out new ways of supporting older people who live at home.",
        "Digital services complement local services but do not replace them.",
        "The development work is funded by a government grant until 2025.",
        "More information is available from the project's contact people and website.",
    ],
}
FALLBACK_HEADINGS = {
    "fi": ["Mitä muuttuu?", "Kokemuksia kokeilusta", "Seuraavat askeleet", "Taustaa"],
    "en": ["What changes?", "Experiences from the trial", "Next steps", "Background"],
}
SENTENCE_END_RE = re.compile(r"(?<=[.!?])\s+")
TAG_RE = re.compile(r"<[^>]*>")
MIN_SENTENCE_LENGTH, MAX_SENTENCE_LENGTH = 30, 300


class Command(BaseCommand):
    help = (
        "Add N synthetic bilingual releases to the newsroom in bulk, for benchmarks "
        "(`make bench`). Never run it on a real site."
    )

    def add_arguments(self, parser):
        parser.add_argument("count", type=int, nargs="?", help="how many releases to add")
        parser.add_argument(
            "--total", type=int, help="add as many as the newsroom needs to hold this many"
        )
        parser.add_argument("--seed", type=int, help="random seed, for the same releases again")
        parser.add_argument(
            "--newsroom", type=int, help="the newsroom's page id (default: the only newsroom)"
        )
        parser.add_argument(
            "--no-index", action="store_true", help="leave the search indexes alone"
        )
        parser.add_argument(
            "--admin-index",
            action="store_true",
            help="also index them in Wagtail's default backend (the admin's search): slower",
        )

    def handle(self, *args, count, total, seed, newsroom, no_index, admin_index, **options):
        if not (settings.DEBUG or getattr(settings, "ALLOW_SYNTHETIC_CONTENT", False)):
            raise CommandError(
                "Refusing to add synthetic releases with production settings: run it with "
                "DEBUG on (pirsote.settings.dev) or with pirsote.settings.bench."
            )
        if (count is None) == (total is None):
            raise CommandError("Give either a number of releases to add or --total.")
        parent = self._newsroom(newsroom)
        if total is not None:
            count = total - ReleasePage.objects.child_of(parent).count()
            if count <= 0:
                self.stdout.write(f"{parent.title} already holds {total} releases or more.")
                return
        if count < 1:
            raise CommandError("Give a positive number of releases.")
        start = time.perf_counter()
        with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
            generator = ReleaseGenerator(parent, random.Random(seed))
            ids = generator.insert(count)
        inserted = time.perf_counter() - start
        if not no_index:
            index_releases(ids, admin_index=admin_index)
        if connection.vendor == "postgresql":
            # As autovacuum would, some minutes later: until then the planner takes the
            # newsroom for a handful of rows and sorts all of them for every listing.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        total = time.perf_counter() - start
        indexed = "not indexed" if no_index else f"indexed in {total - inserted:.1f} s"
        self.stdout.write(
            self.style.SUCCESS(
                f"Added {len(ids)} synthetic releases under {parent.title} (page {parent.pk}, "
                f"{parent.numchild + len(ids)} children now) in {inserted:.1f} s; {indexed}; "
                f"database {connection.settings_dict['NAME']}."
            )
        )

    def _newsroom(self, page_id):
        newsrooms = NewsIndexPage.objects.all()
        if page_id is not None:
            newsrooms = newsrooms.filter(pk=page_id)
        newsrooms = list(newsrooms[:2])
        if len(newsrooms) != 1:
            raise CommandError(
                f"No newsroom with id {page_id}."
                if page_id is not None
                else "Expected exactly one newsroom; pick one with --newsroom."
            )
        return newsrooms[0]


class ReleaseGenerator:
    """Builds and inserts releases under one newsroom; `insert()` returns their page ids."""

    def __init__(self, parent, rng):
        self.parent = parent
        self.rng = rng
        self.now = timezone.now().replace(microsecond=0)
        self.sentences, self.headings = vocabulary()
        self.keyword_ids = list(Keyword.objects.order_by("pk").values_list("pk", flat=True))
        self.project_ids = list(
            ProjectPage.objects.live().order_by("path").values_list("pk", flat=True)
        )
        self.image_ids = list(
            get_image_model()
            .objects.filter(is_private=False)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        self.content_type = ContentType.objects.get_for_model(ReleasePage)
        # Each language's slug as routing sees it (an empty English slug falls back).
        siblings = Page.objects.filter(
            path__startswith=parent.path, depth=parent.depth + 1
        ).values_list("slug", "slug_fi", "slug_en", "path")
        self.slugs = {"fi": set(), "en": set()}
        self.last_step = 0
        for slug, slug_fi, slug_en, path in siblings:
            self.slugs["fi"].add(slug_fi or slug)
            self.slugs["en"].add(slug_en or slug_fi or slug)
            self.last_step = max(self.last_step, Page._str2int(path[-Page.steplen :]))
        self.url_paths = {
            "fi": parent.url_path_fi or parent.url_path,
            "en": parent.url_path_en or parent.url_path_fi or parent.url_path,
        }

    def insert(self, count):
        ids = []
        for offset in range(0, count, BATCH_SIZE):
            releases = [self.build() for _ in range(min(BATCH_SIZE, count - offset))]
            pages = Page.objects.bulk_create([release["page"] for release in releases])
            for page, release in zip(pages, releases, strict=True):
                release["child"].page_ptr_id = page.pk
                ids.append(page.pk)
            insert_child_rows([release["child"] for release in releases])
            ReleasePage.keywords.through.objects.bulk_create(
                ReleasePage.keywords.through(releasepage_id=page.pk, keyword_id=keyword_id)
                for page, release in zip(pages, releases, strict=True)
                for keyword_id in release["keywords"]
            )
            ReleasePage.projects.through.objects.bulk_create(
                ReleasePage.projects.through(releasepage_id=page.pk, projectpage_id=project_id)
                for page, release in zip(pages, releases, strict=True)
                for project_id in release["projects"]
            )
        Page.objects.filter(pk=self.parent.pk).update(numchild=F("numchild") + len(ids))
        return ids

    def build(self):
        rng = self.rng
        subject, predicate, place = rng.choice(SUBJECTS), rng.choice(PREDICATES), rng.choice(PLACES)
        title = {
            "fi": f"{subject[0]} {predicate[0]} {place[0]}",
            "en": f"{subject[1]} {predicate[1]} {place[1]}",
        }
        slug = {language: self._unique_slug(language, title[language]) for language in title}
        url_path = {language: self.url_paths[language] + slug[language] + "/" for language in slug}
        first_published = self.now - timedelta(seconds=rng.randrange(PUBLISHED_OVER_DAYS * 86400))
        last_published = first_published
        if rng.random() < 0.3:  # corrected or updated later
            last_published = min(self.now, first_published + timedelta(hours=rng.randrange(1, 500)))
        self.last_step += 1
        page = Page(
            path=Page._get_path(self.parent.path, self.parent.depth + 1, self.last_step),
            depth=self.parent.depth + 1,
            numchild=0,
            content_type=self.content_type,
            locale_id=self.parent.locale_id,
            translation_key=uuid.uuid4(),  # unique even when a seed repeats
            draft_title=title["fi"],
            live=True,
            has_unpublished_changes=False,
            show_in_menus=False,
            first_published_at=first_published,
            last_published_at=last_published,
            **bilingual("title", title),
            **bilingual("slug", slug),
            **bilingual("url_path", url_path),
            **bilingual("seo_title", {"fi": "", "en": ""}),
            **bilingual("search_description", {"fi": "", "en": ""}),
        )
        child = ReleasePage(
            release_type=rng.choices(
                list(RELEASE_TYPE_WEIGHTS), weights=list(RELEASE_TYPE_WEIGHTS.values())
            )[0],
            listing_image_id=(
                rng.choice(self.image_ids) if self.image_ids and rng.random() < 0.3 else None
            ),
            **bilingual("intro", {language: self._text(language, 1, 2) for language in title}),
            **bilingual("body", {language: self._body(language) for language in title}),
        )
        return {
            "page": page,
            "child": child,
            "keywords": rng.sample(self.keyword_ids, min(len(self.keyword_ids), rng.randint(0, 3))),
            "projects": rng.sample(self.project_ids, min(len(self.project_ids), rng.randint(0, 2))),
        }

    def _unique_slug(self, language, title):
        base = slugify(title)
        if len(base) > MAX_SLUG_LENGTH:
            base = base[: MAX_SLUG_LENGTH + 1].rsplit("-", 1)[0]
        slug, number = base, 1
        while slug in self.slugs[language]:
            number += 1
            slug = f"{base}-{number}"
        self.slugs[language].add(slug)
        return slug

    def _text(self, language, low, high):
        return " ".join(self.rng.sample(self.sentences[language], self.rng.randint(low, high)))

    def _body(self, language):
        blocks = []
        for section in range(self.rng.randint(2, 4)):
            if section:
                blocks.append(
                    self._block(
                        "heading", {"text": self.rng.choice(self.headings[language]), "level": "h2"}
                    )
                )
            for _ in range(self.rng.randint(1, 2)):
                blocks.append(
                    self._block("paragraph", f"<p>{html.escape(self._text(language, 2, 4))}</p>")
                )
        return blocks

    def _block(self, block_type, value):
        return {
            "type": block_type,
            "value": value,
            "id": str(uuid.UUID(int=self.rng.getrandbits(128), version=4)),
        }


def bilingual(name, values):
    """The field in each language, and the untranslated column in the default language."""
    fields = {f"{name}_{language}": value for language, value in values.items()}
    fields[name] = values[settings.LANGUAGE_CODE]
    return fields


def insert_child_rows(releases):
    """Insert the news_releasepage rows of releases whose page rows exist.

    Django's own save() writes an inherited model's table with `_insert()`, one row at a
    time; given many objects it writes them in one statement, with each field prepared for the
    database as in save() (StreamField JSON, modeltranslation's columns).
    """
    fields = list(ReleasePage._meta.local_concrete_fields)
    batch = max(1, connection.ops.bulk_batch_size(fields, releases))
    for start in range(0, len(releases), batch):
        ReleasePage._base_manager._insert(
            releases[start : start + batch], fields=fields, using=ReleasePage.objects.db
        )


def vocabulary():
    """({language: sentences}, {language: headings}) from the pages' leads and bodies."""
    sentences = {"fi": [], "en": []}
    headings = {"fi": [], "en": []}
    models = [model for model in get_page_models() if issubclass(model, BasePage)]
    for model in models:
        rows = model.objects.order_by("pk").values_list(
            "intro_fi", "intro_en", "body_fi", "body_en"
        )
        for intro_fi, intro_en, body_fi, body_en in rows[:VOCABULARY_PAGES_PER_TYPE]:
            for language, intro, body in (("fi", intro_fi, body_fi), ("en", intro_en, body_en)):
                sentences[language].extend(_sentences(intro or ""))
                for block in body.raw_data if body else []:
                    if block["type"] == "paragraph":
                        sentences[language].extend(_sentences(block["value"]))
                    elif block["type"] == "heading":
                        headings[language].append(block["value"]["text"])
    for language in sentences:
        sentences[language] = sorted(set(sentences[language])) or FALLBACK_SENTENCES[language]
        if len(sentences[language]) < len(FALLBACK_SENTENCES[language]):
            sentences[language] += FALLBACK_SENTENCES[language]
        headings[language] = sorted(set(headings[language])) or FALLBACK_HEADINGS[language]
    return sentences, headings


def _sentences(markup):
    # Tags become spaces: list items and paragraphs must not run into each other.
    text = " ".join(html.unescape(TAG_RE.sub(" ", markup)).split())
    return [
        sentence
        for sentence in SENTENCE_END_RE.split(text)
        if MIN_SENTENCE_LENGTH <= len(sentence) <= MAX_SENTENCE_LENGTH
        and sentence[-1] in ".!?"
        and not sentence[0].islower()
    ]


def index_releases(ids, *, admin_index=False):
    """Index the new releases in the site search (and, if asked, Wagtail's admin search).

    Outside a transaction on PostgreSQL, one batch's entries are written by a second thread
    (its own connection) while the next batch is analysed: PostgreSQL's to_tsvector() and
    Voikko's analysis then run on two cores at once.
    """
    pipelined = connection.vendor == "postgresql" and not connection.in_atomic_block
    with ThreadPoolExecutor(max_workers=1) as writer:
        pending = None
        for start in range(0, len(ids), BATCH_SIZE):
            releases = list(
                ReleasePage.objects.filter(pk__in=ids[start : start + BATCH_SIZE])
                .order_by("pk")
                .prefetch_related("keywords")
            )
            entries = site_search_entries(releases)
            if pending is not None:
                pending.result()
            if pipelined:
                pending = writer.submit(_write_entries, entries)
            else:
                _write_entries(entries)
            if admin_index:
                get_search_backend("default").add_bulk(ReleasePage, releases)
        if pending is not None:
            pending.result()
        if pipelined:
            writer.submit(_close_connection).result()


def _close_connection():
    connection.close()  # the writer thread's own


def _write_entries(entries):
    SearchEntry.objects.bulk_create(entries, batch_size=BATCH_SIZE)


def site_search_entries(releases):
    """The entries the site search backend's add_items() writes for new pages, unsaved.

    add_items() updates or creates one entry per page and language (three to four queries
    each) and builds each tsvector from Django expressions, which costs more CPU than the
    analysis itself; for pages that have no entries yet the rows are built here from the
    backend's own Document, the tsvector as the same SQL that SearchVector compiles to.
    """
    postgres = connection.vendor == "postgresql"
    entries = []
    for release in releases:
        for language, _name in settings.LANGUAGES:
            document = site_search.Document(release, language)
            entries.append(
                SearchEntry(
                    page_id=release.pk,
                    language=language,
                    result_type=release.search_result_type.key,
                    title=document.title or str(release),
                    title_language=document.title_language,
                    text=document.text,
                    text_language=document.text_language,
                    terms=document.terms,
                    vector=tsvector_sql(document) if postgres else None,
                )
            )
    return entries


def tsvector_sql(document):
    """Document.vector() as raw SQL: setweight(to_tsvector(config, text), weight) || ..."""
    parts, params = [], []
    for text, weight, language in [
        (document.title, site_search.TITLE_WEIGHT, document.title_language),
        *document.fields,
    ]:
        if not text:
            continue
        if language == "fi":
            text = finnish.expand(text)
        parts.append("setweight(to_tsvector(%s::regconfig, COALESCE(%s, '')), %s)")
        params += [site_search.TEXT_SEARCH_CONFIGS.get(language, "simple"), text, weight]
    if not parts:
        return None
    return RawSQL(" || ".join(parts), params, output_field=SearchVectorField())
