"""Self-updating lists of policies and measures, computed per request.

Filters arrive as GET parameters; unknown values are ignored (the page shows
everything) rather than answered with an error, as a listing link may be old.
Validity and application status are computed in Python on the day: a district
has hundreds of policies, not millions, and the search engine does the heavy
filtering for full-text queries.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Q

from portal.models import Department, Topic
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


def filter_policies(params, parent=None):
    qs = live_policies()
    if parent is not None:
        qs = qs.child_of(parent)
    result = PolicyFilters()
    kept = {}
    dept = Department.objects.filter(slug=params.get("department", "")).first()
    if dept:
        qs = qs.filter(issuing_offices=dept)
        result.department, kept["department"] = dept, dept.slug
    topic = Topic.objects.filter(slug=params.get("topic", "")).first()
    if topic:
        qs = qs.filter(Q(topic=topic) | Q(topic__parent=topic))
        result.topic, kept["topic"] = topic, topic.slug
    if params.get("level") in dict(POLICY_LEVELS):
        qs = qs.filter(level=params["level"])
        result.level = kept["level"] = params["level"]
    if params.get("genre") in dict(GENRES):
        qs = qs.filter(genre=params["genre"])
        result.genre = kept["genre"] = params["genre"]
    items = list(qs.distinct())
    if params.get("validity") in validity.LABELS:
        wanted = params["validity"]
        items = [p for p in items if p.validity_key() == wanted]
        result.validity = kept["validity"] = wanted
    result.items = items
    result.query_string = urlencode(kept)
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
