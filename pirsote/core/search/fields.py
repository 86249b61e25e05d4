"""Empty translations are not words: Wagtail's own index must not learn "None".

wagtail-modeltranslation adds a SearchField per language for every translated field
(title_en, body_en...). An untranslated one holds None, which Wagtail's indexers write
as the text "None": a search for "none" then finds every page. Each such field becomes
a SearchField that reads None as no text at all.
"""

from modelsearch.index import SearchField, get_indexed_models


class NoneIsEmptySearchField(SearchField):
    def get_value(self, obj):
        value = super().get_value(obj)
        return "" if value is None else value


def index_no_empty_translations():
    """Run once modeltranslation has patched the models' search_fields (CoreConfig.ready).

    The fields change class in place: models share field objects with the classes they
    inherit from, and Wagtail's checks compare them.
    """
    for model in get_indexed_models():
        for field in model.search_fields:
            if type(field) is SearchField:
                field.__class__ = NoneIsEmptySearchField
