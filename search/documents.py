"""The contract between content apps and search.

Page models know nothing of search engines. Each content app has a
`documents.py` module with a list `SOURCES` of `Source` objects; a source
says which model it covers, which instances are searchable right now, and how
one instance turns into plain `SearchDocument`s (a policy yields itself and
one document per support measure). search/ owns how documents are indexed
and queried, by either engine.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import asdict, dataclass, field
from importlib import import_module
from importlib.util import find_spec
from typing import Callable, Iterable

from django.core.signals import setting_changed
from django.dispatch import receiver


@dataclass
class SearchDocument:
    id: str  # globally unique, e.g. "policy:12", "measure:12:3"
    type: str  # a key of its source's `types`
    title: str
    url: str  # path on this site, e.g. "/zhengce/xxx/"
    body: str = ""  # plain text, no HTML
    summary: str = ""
    document_number: str = ""  # 发文字号 (policies)
    index_number: str = ""  # 索引号 (policies)
    code: str = ""  # 事项编码 (power items)
    # Words people use for it (开饭店 for 食品经营许可), maintained by
    # editors: matched like the title, weighted above it (parse_aliases).
    aliases: list[str] = field(default_factory=list)
    # False when the numbers above are another document's, shown for
    # reference (a measure or interpretation shows its policy's 发文字号):
    # typing a number then finds that document first, these after it.
    own_numbers: bool = True
    departments: list[str] = field(default_factory=list)  # Department.slug
    topics: list[str] = field(default_factory=list)  # Topic.slug, both levels
    genre: str = ""  # portal.taxonomies.GENRES key
    level: str = ""  # POLICY_LEVELS key
    disclosure: str = ""  # DISCLOSURE_CATEGORIES key
    power_type: str = ""  # powerlists power type key
    category: str = ""  # an app's own classification (laws: 法律部门)
    state: str = ""  # an app's own stored status (laws: 时效性)
    scales: list[str] = field(default_factory=list)  # ENTERPRISE_SCALES keys (measures)
    industries: list[str] = field(default_factory=list)  # INDUSTRIES keys (measures)
    regions: list[str] = field(default_factory=list)  # Region.slug (measures)
    audiences: list[str] = field(default_factory=list)  # "enterprise" (惠企) and/or "person" (惠民)
    life_events: list[str] = field(default_factory=list)  # LIFE_EVENTS keys (惠民)
    published: dt.date | None = None
    # Inputs of validity (有效/失效/废止/已修订), computed at query time.
    effective: dt.date | None = None
    expiry: dt.date | None = None
    repealed: dt.date | None = None  # date a repealing document took effect
    revised: dt.date | None = None  # date a revising document took effect
    # Inputs of application status (申报中/即将截止/未开始/已截止).
    window_opens: dt.date | None = None
    window_closes: dt.date | None = None
    boost: float = 1.0

    def as_dict(self):
        return asdict(self)


# Editors type one alias per line, or several on a line separated as in
# Chinese prose (、，；) or with ASCII commas and semicolons.
_ALIAS_SEPARATORS = re.compile(r"[\n\r、，,；;]+")


def parse_aliases(text):
    """An editor's alias field -> the aliases, trimmed, without duplicates."""
    return list(dict.fromkeys(a.strip() for a in _ALIAS_SEPARATORS.split(text or "") if a.strip()))


@dataclass
class Source:
    model: type
    # The instances that may be public right now (live, not private).
    queryset: Callable[[], Iterable]
    # One instance -> its documents ([] when it must not be searchable).
    to_documents: Callable[[object], list[SearchDocument]]
    # Models whose changes should re-index an instance of `model`
    # (e.g. a Department rename), as (model, instance -> iterable of owners).
    dependents: list = field(default_factory=list)
    # The document types it yields, with the labels the public sees, in
    # display order ({"policy": "政策文件", "measure": "惠企事项"}).
    types: dict = field(default_factory=dict)
    # Facets its documents add to the common ones (search.facets.Facet).
    facets: list = field(default_factory=list)


# Sources added at run time (tests, the benchmark) besides the apps' own.
_registered = []


def all_sources():
    return (*_app_sources(), *_registered)


def add_source(source):
    _registered.append(source)


def remove_source(source):
    _registered.remove(source)


@functools.cache
def _app_sources():
    """Every app's SOURCES, discovered from `<app>.documents` modules (once
    per process; again when INSTALLED_APPS changes, as in tests)."""
    from django.apps import apps

    sources = []
    for config in apps.get_app_configs():
        name = f"{config.name}.documents"
        # The project's own apps only (installed packages may have a
        # `documents` module of another meaning: wagtail.documents).
        if config.name == "search" or "site-packages" in config.path or not find_spec(name):
            continue
        sources.extend(getattr(import_module(name), "SOURCES", []))
    return tuple(sources)


def content_types():
    """Every document type of every source: {type: label}."""
    return {key: label for source in all_sources() for key, label in source.types.items()}


@receiver(setting_changed)
def _installed_apps_changed(setting, **kwargs):
    if setting == "INSTALLED_APPS":
        _app_sources.cache_clear()


def find_source(model):
    """The Source for a model or any of its base models, or None."""
    for source in all_sources():
        if isinstance(model, type) and issubclass(model, source.model):
            return source
    return None


def source_key(model, pk):
    return f"{model._meta.label_lower}:{pk}"


def parse_key(key):
    from django.apps import apps

    label, pk = key.rsplit(":", 1)
    return apps.get_model(label), pk


def current_documents(model, pk):
    """The documents an object has right now: [] when it is not public."""
    from django.db.models import QuerySet

    source = find_source(model)
    if source is None:
        return []
    candidates = source.queryset()
    if isinstance(candidates, QuerySet):
        obj = candidates.filter(pk=pk).first()
    else:
        obj = next((o for o in candidates if str(o.pk) == str(pk)), None)
    return list(source.to_documents(obj)) if obj is not None else []
