"""Facets as data: GET parameter, label, document field, and where the
allowed values and their labels come from.

Two kinds:
- field facets: the value is a stored field of the document (terms);
- date facets (validity, application status): the value depends on TODAY,
  so it is computed when the query runs, from dates stored in the document
  (never stored itself, never set by a nightly job).
Facets are disjunctive: OR within a facet, AND across facets, and a facet's
counts ignore its own selection.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from dataclasses import dataclass
from importlib import import_module
from typing import Callable

from portal import taxonomies

from .documents import CONTENT_TYPES

# Application windows closing within this many days (today included) are 即将截止.
CLOSING_SOON_DAYS = 14
# Types to which 有效性 applies.
VALIDITY_TYPES = ("policy", "interpretation", "measure")

VALIDITY = {
    "valid": "有效",
    "pending": "尚未施行",
    "expired": "失效",
    "repealed": "废止",
    "revised": "已修订",
}
STATUS = {
    "open": "申报中",
    "closing": "即将截止",
    "upcoming": "未开始",
    "closed": "已截止",
}

# 9 + X power types (DESIGN.md §2). powerlists owns the list
# (`powerlists.codes.POWER_TYPE_CHOICES`); this is the fallback without it.
POWER_TYPES = [
    ("licensing", "行政许可"),
    ("penalty", "行政处罚"),
    ("coercion", "行政强制"),
    ("levy", "行政征收"),
    ("payment", "行政给付"),
    ("inspection", "行政检查"),
    ("confirmation", "行政确认"),
    ("reward", "行政奖励"),
    ("adjudication", "行政裁决"),
    ("other", "其他行政权力"),
    ("public_service", "公共服务事项"),
]


def power_types():
    for module in ("powerlists.codes",):
        try:
            found = getattr(import_module(module), "POWER_TYPE_CHOICES", None)
        except ImportError:
            continue
        if found:
            return list(found)
    return POWER_TYPES


# Labels from the database, cached briefly (and cleared when they change:
# see search/signals.py) so a search does not reload every topic.
_CACHE_SECONDS = 60
_cache = {}


def cached(fn):
    def wrapper():
        hit = _cache.get(fn.__name__)
        if hit and time.monotonic() - hit[0] < _CACHE_SECONDS:
            return hit[1]
        value = fn()
        _cache[fn.__name__] = (time.monotonic(), value)
        return value

    wrapper.__name__ = fn.__name__
    return wrapper


def clear_cache(*args, **kwargs):
    _cache.clear()


@cached
def _departments():
    from portal.models import Department

    return [(d.slug, d.name) for d in Department.objects.order_by("sort_order", "id")]


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
def _regions():
    from portal.models import Region

    return [(r.slug, r.name) for r in Region.objects.order_by("sort_order", "id")]


@dataclass(frozen=True)
class Facet:
    name: str  # GET parameter and key in the API's "facets"
    label: str
    field: str  # SearchDocument attribute / index field ("" for date facets)
    choices: Callable[[], list] | None = None  # [(value, label)] in display order
    pattern: str | None = None  # allowed values when they are open-ended (year)
    computed: bool = False  # depends on today's date

    def allowed(self):
        return dict(self.choices()) if self.choices else {}

    def is_valid(self, value):
        if self.pattern:
            return bool(re.fullmatch(self.pattern, value))
        return value in self.allowed()


FACETS = [
    Facet("type", "内容类型", "type", lambda: list(CONTENT_TYPES.items())),
    Facet("department", "发布部门", "departments", _departments),
    Facet("power_type", "权力类型", "power_type", power_types),
    Facet("topic", "主题分类", "topics", _topics),
    Facet("genre", "公文种类", "genre", lambda: taxonomies.GENRES),
    Facet("level", "政策级别", "level", lambda: taxonomies.POLICY_LEVELS),
    Facet("disclosure", "公开类别", "disclosure", lambda: taxonomies.DISCLOSURE_CATEGORIES),
    Facet("validity", "有效性", "", lambda: list(VALIDITY.items()), computed=True),
    Facet("status", "申报状态", "", lambda: list(STATUS.items()), computed=True),
    Facet("scale", "企业规模", "scales", lambda: taxonomies.ENTERPRISE_SCALES),
    Facet("industry", "行业", "industries", lambda: taxonomies.INDUSTRIES),
    Facet("region", "镇街", "regions", _regions),
    Facet("year", "发布年份", "year", pattern=r"(19|20)\d\d"),
]
BY_NAME = {f.name: f for f in FACETS}


def all_facets():
    """Every facet, in display order."""
    return FACETS


def get(name):
    return BY_NAME[name]


# --- date facets, computed for one document on one day ----------------------


def validity_of(doc, today):
    """Same rules as the policy pages: repeal > revision > expiry > not yet in force."""
    if doc.get("type") not in VALIDITY_TYPES:
        return None
    repealed, revised, expiry, effective = (doc.get(k) for k in ("repealed", "revised", "expiry", "effective"))
    if repealed and repealed <= today:
        return "repealed"
    if revised and revised <= today:
        return "revised"
    if expiry and expiry < today:
        return "expired"
    if effective and effective > today:
        return "pending"
    return "valid"


def status_of(doc, today):
    opens, closes = doc.get("window_opens"), doc.get("window_closes")
    if not opens and not closes:
        return None
    if closes and closes < today:
        return "closed"
    if opens and opens > today:
        return "upcoming"
    if closes and (closes - today).days <= CLOSING_SOON_DAYS:
        return "closing"
    return "open"


def values_of(facet, doc, today):
    """The values one document (a dict of SearchDocument fields) has for a facet."""
    if facet.name == "validity":
        value = validity_of(doc, today)
        return [value] if value else []
    if facet.name == "status":
        value = status_of(doc, today)
        return [value] if value else []
    if facet.name == "year":
        published = doc.get("published")
        return [str(published.year)] if published else []
    value = doc.get(facet.field)
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value] if value else []


def today():
    from django.utils import timezone

    return timezone.localdate()


def closing_soon_limit(day: dt.date):
    return day + dt.timedelta(days=CLOSING_SOON_DAYS)


def department_names():
    return dict(_departments())
