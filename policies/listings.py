"""Self-updating lists of policies and measures, computed per request.

Filters arrive as GET parameters, declared once (`PolicyListParams`,
portal.params): an unknown parameter or value is a 400 page naming it.
Validity and application status are computed in Python on the day: a district
has hundreds of policies, not millions, and the search engine does the heavy
filtering for full-text queries.
"""

from dataclasses import dataclass, field
from typing import Annotated
from urllib.parse import urlencode

from django.db.models import Q
from pydantic import Field

from portal.models import Department, Topic
from portal.params import Integer, OneOf, Params, rows
from portal.taxonomies import GENRES, POLICY_LEVELS

from . import validity, windows


def live_policies():
    from .models import PolicyPage

    return (
        PolicyPage.objects.live().public()
        .select_related("topic", "topic__parent")
        .prefetch_related("issuing_offices")
        .order_by("-published_date", "-pk")
    )


def live_measures():
    from .models import SupportMeasure

    return (
        SupportMeasure.objects.filter(page__live=True, page__view_restrictions__isnull=True)
        .select_related("page").prefetch_related("page__issuing_offices", "regions", "qualifications")
        .order_by("window_closes", "pk")
    )


@dataclass
class PolicyFilters:
    department: Department | None = None
    topic: Topic | None = None
    level: str = ""
    genre: str = ""
    validity: str = ""
    items: list = field(default_factory=list)
    query_string: str = ""

    @property
    def active(self):
        return bool(self.department or self.topic or self.level or self.genre or self.validity)


VALIDITY_LABELS = validity.LABELS  # the field below takes the module's name


class PolicyListParams(Params):
    """/zhengce/."""

    department: Annotated[str, OneOf(rows(Department))] | None = Field(None, title="发文机关")
    topic: Annotated[str, OneOf(rows(Topic))] | None = Field(None, title="主题分类")
    level: Annotated[str, OneOf(POLICY_LEVELS)] | None = Field(None, title="政策级别")
    genre: Annotated[str, OneOf(GENRES)] | None = Field(None, title="公文种类")
    validity: Annotated[str, OneOf(VALIDITY_LABELS)] | None = Field(None, title="有效性")
    page: Integer(1, 100_000) = Field(1, title="页码")


def filter_policies(params, parent=None):
    """The policies a PolicyListParams selects (under `parent`, if given)."""
    qs = live_policies().filter(**params.lookups(level="level", genre="genre"))
    if parent is not None:
        qs = qs.child_of(parent)
    result = PolicyFilters(level=params.level or "", genre=params.genre or "")
    if params.department:
        result.department = Department.objects.get(slug=params.department)
        qs = qs.filter(issuing_offices=result.department)
    if params.topic:
        result.topic = Topic.objects.get(slug=params.topic)
        qs = qs.filter(Q(topic=result.topic) | Q(topic__parent=result.topic))
    items = list(qs.distinct())
    if params.validity:
        items = [p for p in items if p.validity_key() == params.validity]
        result.validity = params.validity
    result.items = items
    result.query_string = urlencode(params.query_pairs(exclude=("page",)))
    return result


def open_measures(limit=None):
    """Measures accepting applications today, closing soonest first."""
    items = [m for m in live_measures() if windows.is_accepting(m.status_key())]
    items.sort(key=lambda m: (m.window_closes is None, m.window_closes or m.window_opens, m.pk))
    return items[:limit] if limit else items


def departments_with_policies():
    return (
        Department.objects.filter(policies__live=True).distinct()
        .order_by("sort_order", "id")
    )


def counts_by_department():
    from django.db.models import Count

    return (
        Department.objects.filter(policies__live=True)
        .annotate(n=Count("policies", distinct=True)).order_by("sort_order", "id")
    )


def counts_by_topic():
    from django.db.models import Count

    roots = Topic.objects.filter(parent__isnull=True).order_by("sort_order", "id")
    result = []
    for root in roots:
        n = (
            live_policies().filter(Q(topic=root) | Q(topic__parent=root)).order_by().values("pk").distinct().count()
        )
        if n:
            result.append((root, n))
    return result
