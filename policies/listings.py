"""Self-updating lists of measures and counts, computed per request (the
policy library's own filtering is PolicyIndexPage's, in models.py), each in
a fixed number of queries whatever the size of the archive.
"""

from collections import Counter

from django.db.models import Count, F

from portal.daterules import today
from portal.models import Department, Topic

from . import windows
from .models import PolicyPage, SupportMeasure, live_policies, successor_links  # noqa: F401 (the home page tags read it here)


def live_measures():
    return (
        SupportMeasure.objects.filter(page__live=True, page__view_restrictions__isnull=True)
        .select_related("page")
        .prefetch_related("page__issuing_offices", successor_links("page__"), "regions", "qualifications")
        .order_by("window_closes", "pk")
    )


def open_measures(limit=None, audience="enterprise"):
    """Measures for `audience` ("enterprise" or "person"; "both" counts for
    each) accepting applications today, closing soonest first (the 截止日期
    order: no closing date last), selected and ordered by the database."""
    day = today()
    accepting = windows.RULE.q(day, windows.OPEN, WINDOW_COLUMNS) | windows.RULE.q(day, windows.CLOSING, WINDOW_COLUMNS)
    measures = (
        SupportMeasure.objects.filter(page__live=True, page__view_restrictions__isnull=True)
        .filter(accepting, audience__in=(audience, "both")).select_related("page")
        .order_by(F("window_closes").asc(nulls_last=True), "pk").distinct()
    )
    return list(measures[:limit] if limit else measures)


WINDOW_COLUMNS = {"window_opens": "window_opens", "window_closes": "window_closes"}


def departments_with_policies():
    return (
        Department.objects.filter(policies__live=True).distinct()
        .order_by("sort_order", "id")
    )


def counts_by_department():
    """(heading, departments with their number of live policies) per level."""
    return Department.by_level(
        Department.objects.filter(policies__live=True)
        .annotate(n=Count("policies", distinct=True)).order_by("sort_order", "id")
    )


def counts_by_topic():
    """(root topic, number of live policies in it or its sub-topics), one
    query whatever the number of topics."""
    per_root = Counter()
    rows = PolicyPage.objects.live().public().order_by().values("topic_id", "topic__parent_id").annotate(n=Count("pk"))
    for row in rows:
        per_root[row["topic__parent_id"] or row["topic_id"]] += row["n"]
    roots = Topic.objects.filter(parent__isnull=True).order_by("sort_order", "id")
    return [(root, per_root[root.pk]) for root in roots if per_root[root.pk]]
