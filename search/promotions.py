"""Best bets (推荐结果): what the portal office pins above the results for a
query, kept with Wagtail's `search_promotions` (admin: 设置 › 推广搜索结果).

A promotion's search term matches a query when both are equal after the
cleaning the search itself applies (`analysis.clean_query`: width, case,
spaces), so "ＡＢＣ  证明" typed in the admin matches "abc 证明" typed on
/search/. The few promoted terms are read once into the shared cache and
read again whenever a promotion or a term changes.

Items that are not pages (power items, support measures) are promoted as a
link (`external_link_url`): a link to this site is shown as a path, so it
works on any host name the site answers to.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page

from .analysis import clean_query

CACHE_KEY = "search:promoted-terms"


@dataclass(frozen=True)
class Promoted:
    title: str
    url: str
    description: str

    def as_json(self):
        return {"title": self.title, "url": self.url, "description": self.description}


def _terms():
    """{cleaned term: [Query id, ...]} of the terms that have promotions
    (Wagtail's own normalising keeps "ＡＰＰ" and "app" apart)."""
    terms = cache.get(CACHE_KEY)
    if terms is None:
        terms = {}
        for text, pk in Query.objects.filter(editors_picks__isnull=False).distinct().values_list("query_string", "pk"):
            terms.setdefault(clean_query(text), []).append(pk)
        cache.set(CACHE_KEY, terms, None)
    return terms


def _forget(**kwargs):
    cache.delete(CACHE_KEY)


def connect():
    for model in (Query, SearchPromotion):
        post_save.connect(_forget, sender=model, dispatch_uid=f"search-promotions-{model.__name__}-save")
        post_delete.connect(_forget, sender=model, dispatch_uid=f"search-promotions-{model.__name__}-delete")


def site_path(url):
    """A link to this site as a path ("/quanze/shixiang/XK00012000/"), any other link unchanged."""
    base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") and parts.netloc == base.netloc:
        return parts.path + (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")
    return url


def promoted(text):
    """The promotions for a cleaned query text, in the editors' order; pages
    that are not live or not public are left out."""
    query_ids = _terms().get(clean_query(text)) if text else None
    if not query_ids:
        return []
    picks = SearchPromotion.objects.filter(query_id__in=query_ids).select_related("page").order_by("query_id", "sort_order", "pk")
    visible = set(Page.objects.live().public().filter(pk__in=[p.page_id for p in picks if p.page_id]).values_list("pk", flat=True))
    out = []
    for pick in picks:
        if pick.page_id:
            if pick.page_id in visible:
                out.append(Promoted(pick.page.title, pick.page.url, pick.description))
        elif pick.external_link_url:
            out.append(Promoted(pick.external_link_text or pick.external_link_url, site_path(pick.external_link_url), pick.description))
    return out
