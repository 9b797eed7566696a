"""Self-updating lists of measures and counts, computed per request (the
policy library's own filtering is PolicyIndexPage's, in models.py).
Application status is computed in Python on the day: a district has
hundreds of measures, not millions.
"""

from django.db.models import Count, Q

from portal.models import Department, Topic

from . import windows
from .models import SupportMeasure, live_policies


def live_measures():
    return (
        SupportMeasure.objects.filter(page__live=True, page__view_restrictions__isnull=True)
        .select_related("page").prefetch_related("page__issuing_offices", "regions", "qualifications")
        .order_by("window_closes", "pk")
    )


def open_measures(limit=None, audience="enterprise"):
    """Measures for `audience` ("enterprise" or "person"; "both" counts for
    each) accepting applications today, closing soonest first."""
    measures = live_measures().filter(audience__in=(audience, "both"))
    items = [m for m in measures if windows.is_accepting(m.status_key())]
    items.sort(key=lambda m: (m.deadline_key(), m.pk))
    return items[:limit] if limit else items


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
    roots = Topic.objects.filter(parent__isnull=True).order_by("sort_order", "id")
    result = []
    for root in roots:
        n = (
            live_policies().filter(Q(topic=root) | Q(topic__parent=root)).order_by().values("pk").distinct().count()
        )
        if n:
            result.append((root, n))
    return result
