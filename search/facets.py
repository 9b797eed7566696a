"""Facets as data: GET parameter, label, document field, and where the
allowed values and their labels come from.

search/ declares the facets every document has (type, department, topic,
year); each content app declares its own in its `documents.py` `SOURCES`
(policies: genre, level, validity…; powerlists: power type), so adding an
app needs no edit here. Two kinds:
- field facets: the value is a stored field of the document (terms);
- rule facets (validity, application status): the value depends on TODAY,
  so it is computed when the query runs from dates stored in the document,
  by the app's `portal.daterules.DateRule` (never stored, never set by a
  nightly job).
Facets are disjunctive: OR within a facet, AND across facets, and a facet's
counts ignore its own selection.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from django.core.cache import cache

from portal.daterules import DateRule

from .documents import all_sources, content_types

# Labels from the database, cached in Django's cache (shared by every
# process) and cleared when they change: see search/signals.py.
_CACHE_SECONDS = 300
_CACHE_PREFIX = "search:labels:"
_CACHED = []


def cached(fn):
    key = _CACHE_PREFIX + fn.__name__
    _CACHED.append(key)

    def wrapper():
        value = cache.get(key)
        if value is None:
            value = fn()
            cache.set(key, value, _CACHE_SECONDS)
        return value

    wrapper.__name__ = fn.__name__
    return wrapper


def clear_cache(*args, **kwargs):
    cache.delete_many(_CACHED)


def _department_rows():
    """Departments by level, the district's own first; offices outside it
    (国务院, 市级部门 …) under a heading of their level (Department.by_level)."""
    from portal.models import Department

    return [(d.slug, d.name, heading) for heading, ds in Department.by_level(Department.objects.order_by("sort_order", "id"))
            for d in ds]


@cached
def _departments():
    return [(slug, name) for slug, name, _ in _department_rows()]


@cached
def _department_places():
    return {slug: Placement(heading=heading) for slug, _, heading in _department_rows()}


@cached
def _topics():
    from portal.models import Topic

    topics = Topic.objects.select_related("parent").order_by("sort_order", "id")
    parents = [t for t in topics if not t.parent_id]
    out = []
    for parent in parents:
        out.append((parent.slug, parent.name))
        out.extend((t.slug, f"{parent.name} / {t.name}") for t in topics if t.parent_id == parent.id)
    return out


@cached
def _topic_places():
    from portal.models import Topic

    children = Topic.objects.select_related("parent").filter(parent__isnull=False)
    return {t.slug: Placement(parent=t.parent.slug, label=t.name) for t in children}


@cached
def _regions():
    from portal.models import Region

    return [(r.slug, r.name) for r in Region.objects.order_by("sort_order", "id")]


@dataclass(frozen=True)
class Placement:
    """Where the search page lists a value: under a heading, or nested under
    its parent value with a shorter label there. The API lists values flat."""

    heading: str = ""
    parent: str = ""
    label: str = ""


@dataclass(frozen=True)
class Facet:
    name: str  # GET parameter and key in the API's "facets"
    label: str
    field: str = ""  # SearchDocument attribute / index field ("" for rule facets)
    choices: Callable[[], list] | None = None  # [(value, label)] in display order
    pattern: str | None = None  # allowed values when they are open-ended (year)
    rule: DateRule | None = None  # computed on the query's day from dates
    types: tuple = ()  # rule facets: the document types it applies to (all when empty)
    needs_dates: bool = False  # rule facets: only documents with one of the rule's dates
    derive: Callable[[dict], list] | None = None  # values computed from other fields (year)
    # rule facets shown on each hit: (today, **the rule's dates) -> an object
    # with key, label, note, text (policies' 申报中 · 截止 2026-12-04)
    badge: Callable | None = None
    order: int = 100  # display position among all facets
    places: Callable[[], dict] | None = None  # {value: Placement} for the page's nested/grouped list

    @property
    def computed(self):
        return self.rule is not None

    def allowed(self):
        if self.rule:
            return dict(self.rule.labels)
        return dict(self.choices()) if self.choices else {}

    def is_valid(self, value):
        if self.pattern:
            return bool(re.fullmatch(self.pattern, value))
        return value in self.allowed()

    def applies(self, doc):
        if self.types and doc.get("type") not in self.types:
            return False
        return not self.needs_dates or any(doc.get(f) for f in self.rule.fields)

    def values_of(self, doc, today):
        """The values one document (a dict of SearchDocument fields) has."""
        if self.rule:
            if not self.applies(doc):
                return []
            return [self.rule.evaluate(today, **{f: doc.get(f) for f in self.rule.fields})]
        if self.derive:
            return self.derive(doc)
        value = doc.get(self.field)
        if isinstance(value, (list, tuple)):
            return list(value)
        return [value] if value else []


def _year(doc):
    published = doc.get("published")
    return [str(published.year)] if published else []


# The facets of every document, whatever app it comes from.
COMMON = [
    Facet("type", "内容类型", "type", lambda: list(content_types().items()), order=10),
    Facet("department", "发布部门", "departments", _departments, order=20, places=_department_places),
    Facet("topic", "主题分类", "topics", _topics, order=40, places=_topic_places),
    Facet("region", "镇街", "regions", _regions, order=130),
    Facet("year", "发布年份", "year", pattern=r"(19|20)\d\d", derive=_year, order=200),
]


# Built once per set of sources: the embedded engine asks for a facet per
# row and filter, so this must not rebuild and sort on every call.
# Holding the sources themselves, a new one is never taken for an old one.
_built = {"sources": None, "facets": [], "by_name": {}}


def _registry():
    sources = all_sources()
    if _built["sources"] != sources:
        found = {f.name: f for f in COMMON}
        for source in sources:
            for facet in source.facets:
                found.setdefault(facet.name, facet)
        facets = sorted(found.values(), key=lambda f: f.order)
        _built.update(sources=sources, facets=facets, by_name={f.name: f for f in facets})
    return _built


def all_facets():
    """Every facet, in display order: the common ones and each source's."""
    return _registry()["facets"]


def get(name):
    return _registry()["by_name"][name]


def department_names():
    return dict(_departments())


def outline(name, entries, value_of):
    """A facet's entries (in display order) as the page lists them: groups
    [{"heading", "nodes"}], each node {"entry", "label", "children"}; a
    heading only when there is more than one group, a child nested only when
    its parent is listed (else it keeps its full label at the top level)."""
    facet = get(name)
    places = facet.places() if facet.places else {}
    listed = {value_of(e) for e in entries}
    nodes, groups = {}, {}
    for entry in entries:
        place = places.get(value_of(entry), Placement())
        nested = place.parent in listed
        node = {"entry": entry, "label": place.label if nested else "", "children": []}
        nodes[value_of(entry)] = node
        if not nested:
            groups.setdefault(place.heading, []).append(node)
    for entry in entries:
        place = places.get(value_of(entry), Placement())
        if place.parent in listed:
            nodes[place.parent]["children"].append(nodes[value_of(entry)])
    headed = len(groups) > 1
    return [{"heading": heading if headed else "", "nodes": group} for heading, group in groups.items()]
