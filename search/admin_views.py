"""搜索分析 in the admin (the portal office's): searches per day, queries that
find nothing, queries whose results nobody opens; from a zero-result query
one step to a best bet or an alias for it."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.db.models import Count, Max, OuterRef, Q, Subquery, Sum
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from wagtail.contrib.search_promotions import views as promotion_views

from portal.daterules import today as district_today
from portal.permissions import is_portal_office

from . import alias_targets, service
from .analysis import clean_query
from .models import QueryDay
from .query import SearchQuery

PERIODS = {7: "近 7 天", 30: "近 30 天", 180: "近 180 天"}
LIMIT = 100


def office_only(view):
    """portal.admin_scope answers 404 to editors first; this keeps it so for any other non-office user."""

    def wrapped(request, *args, **kwargs):
        if not is_portal_office(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    return wrapped


def _links(query):
    q = urlencode({"q": query})
    return {"best_bet": f"{reverse('search_admin:best_bet')}?{q}", "alias": f"{reverse('search_admin:alias')}?{q}"}


@office_only
def analytics(request):
    try:
        days = int(request.GET.get("days", 30))
    except ValueError:
        days = 30
    days = days if days in PERIODS else 30
    since = district_today() - dt.timedelta(days=days - 1)
    rows = QueryDay.objects.filter(day__gte=since)
    per_day = rows.values("day").annotate(
        total=Sum("searches"), queries=Count("id"), zero=Sum("searches", filter=Q(results=0)), opened=Sum("clicks"),
    ).order_by("-day")
    # A query's latest result count decides: one that found nothing before an alias was added no longer counts.
    latest = QueryDay.objects.filter(query=OuterRef("query")).order_by("-day").values("results")[:1]
    per_query = rows.values("query").annotate(
        total=Sum("searches"), opened=Sum("clicks"), last_day=Max("day"), latest_results=Subquery(latest),
    ).order_by("-total", "query")
    zero = list(per_query.filter(latest_results=0)[:LIMIT])
    unopened = list(per_query.filter(latest_results__gt=0, opened=0)[:LIMIT])
    for row in zero:
        row.update(_links(row["query"]))
    for row in unopened:
        row["search_url"] = f"/search/?{urlencode({'q': row['query']})}"
        row.update(_links(row["query"]))
    totals = rows.aggregate(total=Sum("searches"), opened=Sum("clicks"), zero=Sum("searches", filter=Q(results=0)))
    return render(request, "search/admin/analytics.html", {
        "page_title": "搜索分析", "days": days, "periods": PERIODS, "per_day": per_day,
        "zero": zero, "unopened": unopened, "totals": totals,
    })


class BestBetCreateView(promotion_views.CreateView):
    """Wagtail's 推荐结果 form with the search term filled in (?q=)."""

    def get_initial(self):
        return {**super().get_initial(), "query_string": clean_query(self.request.GET.get("q", ""))}

    def get_add_url(self):
        return self.request.get_full_path()


best_bet = office_only(BestBetCreateView.as_view())


@office_only
def alias(request):
    """Find the item a query meant and open its edit form with the query as a new alias."""
    alias_text = clean_query(request.GET.get("q", ""))
    words = clean_query(request.GET.get("find", "")) or alias_text
    found = []
    if words:
        hits = service.search(SearchQuery(text=words, page_size=20), with_suggestion=False).hits
        found = alias_targets.targets(hits, alias_text, request.user) if alias_text else []
    return render(request, "search/admin/alias.html", {
        "page_title": "为搜索词添加别名", "alias": alias_text, "words": words, "found": found,
    })
