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
from dataclasses import asdict, dataclass, field
from importlib import import_module
from importlib.util import find_spec
from typing import Callable, Iterable

# Content types, with the labels the public sees.
CONTENT_TYPES = {
    "policy": "政策文件",
    "interpretation": "政策解读",
    "measure": "惠企事项",
    "power_item": "权力事项",
    "responsibility": "责任清单",
}


@dataclass
class SearchDocument:
    id: str  # globally unique, e.g. "policy:12", "measure:12:3"
    type: str  # a key of CONTENT_TYPES
    title: str
    url: str  # path on this site, e.g. "/zhengce/xxx/"
    body: str = ""  # plain text, no HTML
    summary: str = ""
    document_number: str = ""  # 发文字号 (policies)
    index_number: str = ""  # 索引号 (policies)
    code: str = ""  # 事项编码 (power items)
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
    scales: list[str] = field(default_factory=list)  # ENTERPRISE_SCALES keys (measures)
    industries: list[str] = field(default_factory=list)  # INDUSTRIES keys (measures)
    regions: list[str] = field(default_factory=list)  # Region.slug (measures)
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


def all_sources():
    """Every app's SOURCES, discovered from `<app>.documents` modules."""
    from django.apps import apps

    sources = []
    for config in apps.get_app_configs():
        name = f"{config.name}.documents"
        if config.name in {"search"} or "." in config.name or not find_spec(name):
            continue
        sources.extend(getattr(import_module(name), "SOURCES", []))
    return sources
