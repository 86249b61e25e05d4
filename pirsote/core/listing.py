"""Paginated, filterable listings whose query parameters can never cause a server error.

Visitors (and crawlers) send anything: `?page=abc`, huge numbers, NUL bytes, 10 kB strings.
Filters are plain choice fields whose choices are known in advance, so a value is checked
against a list in memory and never reaches the database unless it is one of them.
"""

from collections.abc import Sequence

from django import forms
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _


class CountedPaginator(Paginator):
    """A paginator told how many items there are, for lists whose count is already known."""

    def __init__(self, object_list, per_page, count):
        super().__init__(object_list, per_page)
        self.known_count = count

    @property
    def count(self):
        return self.known_count


def paginate_by_key(request, items, per_page, count=None):
    """paginate(), reading the page's rows in two steps: their keys in order, then the rows.

    A deep page of a long listing (page 500 of a newsroom) is sorted from every row before
    it; sorting whole rows, bodies and all, spilled to disk. Sorting the keys alone stays in
    memory, and the rows of the page are then read by key, with the queryset's own
    select_related and prefetch_related: one query more, however deep the page.
    """
    page_obj = paginate(request, items, per_page, count)
    keys = list(page_obj.object_list.values_list("pk", flat=True))
    page_obj.object_list = RowsByKey(items, keys)
    return page_obj


class RowsByKey(Sequence):
    """The rows of `items` with these keys, in their order, read when first used.

    Lazy, so that a listing rendered from a cached fragment reads no rows at all.
    """

    def __init__(self, items, keys):
        self.items, self.keys = items, keys

    @cached_property
    def rows(self):
        if not self.keys:
            return []
        by_key = {row.pk: row for row in self.items.filter(pk__in=self.keys).order_by()}
        return [by_key[key] for key in self.keys if key in by_key]

    def __len__(self):
        return len(self.rows) if "rows" in self.__dict__ else len(self.keys)

    def __getitem__(self, index):
        return self.rows[index]

    def __iter__(self):
        return iter(self.rows)


def paginate(request, items, per_page, count=None):
    """The requested page of `items`; malformed or out-of-range numbers give the first or last.

    Paginator.get_page() already turns what int() refuses (text, NUL bytes, numbers longer
    than Python converts) into the first page and numbers out of range into the last.
    `count`, when the caller knows it, saves the paginator counting `items` itself.
    """
    paginator = (
        Paginator(items, per_page) if count is None else CountedPaginator(items, per_page, count)
    )
    return paginator.get_page(request.GET.get("page"))


class FilterChoiceField(forms.ChoiceField):
    """A choice that does not echo the visitor's value back: it may be 10 kB of anything."""

    default_error_messages = {
        "invalid_choice": _("This choice is not available. Choose one of the options."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)


class ListingFilterForm(forms.Form):
    """A GET form of filters: invalid values are reported on the page and ignored.

    Bound to request.GET, of which it reads only its own fields. Subclasses add
    FilterChoiceFields, setting their choices in __init__ from data that is already loaded.
    `filters` holds the valid, non-empty values only.
    """

    @property
    def filters(self):
        if not self.is_bound:
            return {}
        self.is_valid()  # runs the validation; valid fields land in cleaned_data
        return {name: value for name, value in self.cleaned_data.items() if value}

    @property
    def query_string(self):
        """The valid filters as a query string, for pagination and the language switcher."""
        return urlencode(self.filters)

    @property
    def invalid_fields(self):
        return [self[name] for name in self.errors] if self.is_bound else []


def redirect_to_chosen_filters(request, form_class, max_value_length):
    """A redirect to the address naming only the chosen filters, or None if it already does.

    A GET filter form sends every select, chosen or not (`?type=&year=2025`): the redirect
    gives an address to bookmark or share. Values longer than any valid one are left for the
    page to report rather than sent back in a redirect.
    """
    names = list(form_class.base_fields)
    values = {name: request.GET[name] for name in names if name in request.GET}
    if (
        request.method == "GET"
        and "" in values.values()
        and all(len(value) <= max_value_length for value in values.values())
    ):
        chosen = urlencode({name: value for name, value in values.items() if value})
        return redirect(f"{request.path}?{chosen}" if chosen else request.path)
    return None
