"""The site search's own index: a Wagtail search backend that keeps SearchEntry rows.

Wagtail's database backend keeps one index row per object with every language's text under
one text-search configuration, and cannot know Finnish compounds. This backend, listed
beside it in WAGTAILSEARCH_BACKENDS, is fed by the same signals and `update_index`, and
keeps one entry per object and language: each field's text in the language it is really in
(an untranslated English field shows Finnish), Finnish text expanded with Voikko's base forms
and compound parts, and on PostgreSQL a weighted tsvector built with the `finnish` or
`english` configuration. Empty fields are not indexed (modeltranslation's would be "None").
Searching is pirsote.core.search.query; the admin keeps Wagtail's default backend.
"""

from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.db.models import TextField, Value
from django.utils import translation
from django.utils.encoding import force_str
from django.utils.html import strip_tags

from modeltranslation.translator import NotRegistered, translator

from modelsearch.backends.base import BaseIndex, BaseSearchBackend
from modelsearch.index import RelatedFields, SearchField

from . import finnish
from .types import PERSON

DEFAULT_LANGUAGE = settings.LANGUAGE_CODE
# PostgreSQL text-search configurations by language.
TEXT_SEARCH_CONFIGS = {"fi": "finnish", "en": "english"}
# tsvector weights: titles and boosted fields first, leads and keywords next, then the rest.
TITLE_WEIGHT, LEAD_WEIGHT, BODY_WEIGHT = "A", "B", "C"
LEAD_FIELDS = {"intro", "search_description", "job_title", "organisation"}
# The stored snippet text; longer bodies are searched whole but quoted from their start.
MAX_SNIPPET_SOURCE = 20_000


def _translated_fields(model):
    try:
        return set(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return set()


def _text(value):
    """Indexable text of a field value: lists joined, markup stripped, None left out."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return " ".join(_text(item) for item in value)
    return " ".join(strip_tags(force_str(value)).split())


class Document:
    """The texts of one object in one language: (text, weight, language it is in) per field."""

    def __init__(self, obj, language):
        self.obj = obj
        self.language = language
        self.translated = _translated_fields(type(obj))
        self.title = ""
        self.title_language = language
        self.fields = []
        with translation.override(language):
            for field in obj.get_search_fields():
                self._add(obj, field, self.translated)

    def _real_language(self, obj, name, translated):
        """The language a translated field's value is shown in: Finnish if it has no translation."""
        untranslated = (
            name in translated
            and self.language != DEFAULT_LANGUAGE
            and not getattr(obj, f"{name}_{self.language}", None)
        )
        return DEFAULT_LANGUAGE if untranslated else self.language

    def _add(self, obj, field, translated, weight=None):
        if isinstance(field, RelatedFields):
            related = field.get_value(obj)
            if related is None:
                return
            items = related.all() if hasattr(related, "all") else [related]
            for item in items:
                item_translated = _translated_fields(type(item))
                for sub_field in field.fields:
                    self._add(item, sub_field, item_translated, weight=LEAD_WEIGHT)
            return
        if not isinstance(field, SearchField):
            return
        name = field.field_name
        # modeltranslation adds a copy of each translated field per language (title_fi,
        # title_en); the field itself already reads the right language, with fallback.
        base, _sep, suffix = name.rpartition("_")
        if base in translated and suffix in TEXT_SEARCH_CONFIGS:
            return
        text = _text(field.get_value(obj))
        if not text:
            return
        language = self._real_language(obj, name, translated)
        if name == "title" and obj is self.obj:
            self.title, self.title_language = text, language
            weight = TITLE_WEIGHT
        elif weight is None:
            if (field.boost or 1) > 1:
                weight = TITLE_WEIGHT
            elif name in LEAD_FIELDS:
                weight = LEAD_WEIGHT
            else:
                weight = BODY_WEIGHT
        self.fields.append((text, weight, language))

    @property
    def text(self):
        """Everything but the title, as the snippet quotes it."""
        return " ".join(text for text, weight, _lang in self.fields if weight != TITLE_WEIGHT)[
            :MAX_SNIPPET_SOURCE
        ]

    @property
    def text_language(self):
        languages = {lang for _text, weight, lang in self.fields if weight != TITLE_WEIGHT}
        return self.language if self.language in languages or not languages else languages.pop()

    @property
    def terms(self):
        forms = dict.fromkeys(
            form
            for text, _weight, _lang in [(self.title, TITLE_WEIGHT, None), *self.fields]
            for word in finnish.words(text)
            for form in finnish.index_forms(word)
        )
        return " " + " ".join(forms) + " "

    def vector(self):
        parts = []
        for text, weight, language in [
            (self.title, TITLE_WEIGHT, self.title_language),
            *self.fields,
        ]:
            if not text:
                continue
            if language == "fi":
                text = finnish.expand(text)
            parts.append(
                SearchVector(
                    Value(text, output_field=TextField()),
                    config=TEXT_SEARCH_CONFIGS.get(language, "simple"),
                    weight=weight,
                )
            )
        if not parts:
            return None
        vector = parts[0]
        for part in parts[1:]:
            vector = vector + part
        return vector


def _owner(obj):
    """{"page": obj} or {"person": obj} and the result type, or None if the site search skips it."""
    result_type = getattr(obj, "search_result_type", None)
    if result_type is not None and hasattr(obj, "path"):
        return {"page": obj}, result_type
    if obj._meta.label == "core.ContactPerson":
        return {"person": obj}, PERSON
    return None


class SiteSearchIndex(BaseIndex):
    def add_items(self, model, items):
        from pirsote.core.models import SearchEntry

        with transaction.atomic():
            for obj in items:
                owner = _owner(obj)
                if owner is None:
                    continue
                owner_kwargs, result_type = owner
                for language, _name in settings.LANGUAGES:
                    document = Document(obj, language)
                    entry, _created = SearchEntry.objects.update_or_create(
                        **owner_kwargs,
                        language=language,
                        defaults={
                            "result_type": result_type.key,
                            "title": document.title or str(obj),
                            "title_language": document.title_language,
                            "text": document.text,
                            "text_language": document.text_language,
                            "terms": document.terms,
                        },
                    )
                    if connection.vendor == "postgresql":
                        SearchEntry.objects.filter(pk=entry.pk).update(vector=document.vector())

    def delete_item(self, item):
        from pirsote.core.models import SearchEntry

        owner = _owner(item)
        if owner is not None:
            SearchEntry.objects.filter(**owner[0]).delete()

    def reset(self):
        from pirsote.core.models import SearchEntry

        SearchEntry.objects.all().delete()


class SiteSearchRebuilder:
    """`update_index` rebuilds the whole index in one transaction: searches never see it empty."""

    def __init__(self, index):
        self.index = index
        self.transaction = transaction.atomic()

    def start(self):
        self.transaction.__enter__()
        self.index.reset()
        return self.index

    def finish(self):
        self.transaction.__exit__(None, None, None)


class SiteSearchBackend(BaseSearchBackend):
    index_class = SiteSearchIndex
    rebuilder_class = SiteSearchRebuilder
    # A failure to index must fail the save: the entry would silently go stale otherwise.
    catch_indexing_errors = False

    def search(self, *args, **kwargs):
        raise NotImplementedError("The site search is pirsote.core.search.query.search().")

    autocomplete = search


SearchBackend = SiteSearchBackend
