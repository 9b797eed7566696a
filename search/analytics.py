"""Search analytics (搜索分析) without personal data.

What is kept, per day and cleaned query text (`models.QueryDay`): how often
it was searched, how many results the last search found, on which engine
and after which relaxation step, and how often a result was opened. Nothing
about the person: no address, browser, session or time of day.

Opening a result goes through `/search/go/?to=<signed>` (a plain link, no
JavaScript): the signed value names the target and the (day, query) row
to count on; a value that is not ours, or a target that is neither on this
site nor a promoted link, is refused, so the redirect is not an open one.

Rows older than RETENTION_DAYS are deleted by `manage.py search_analytics_prune`
(schedule it daily) and, in case nobody does, by the first search of each day.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.core import signing
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.http import url_has_allowed_host_and_scheme
from wagtail.contrib.search_promotions.models import SearchPromotion

from portal.daterules import today as district_today

from .models import QueryDay

RETENTION_DAYS = 180
_SALT = "search.clickthrough"


def record(result, today=None):
    """Count one search (the first page of a query with text)."""
    query = result.query
    if not query.text or query.page != 1:
        return
    today = today or district_today()
    _prune_once_a_day(today)
    # Relaxation step of the aliases work; empty until the result carries it.
    relaxation = getattr(result, "relaxation", "") or ""
    last = {"results": result.total, "engine": result.engine, "relaxation": str(relaxation)[:40]}
    rows = QueryDay.objects.filter(day=today, query=query.text)
    if rows.update(searches=F("searches") + 1, **last):
        return
    try:
        with transaction.atomic():
            QueryDay.objects.create(day=today, query=query.text, searches=1, **last)
    except IntegrityError:  # another process created the row meanwhile
        rows.update(searches=F("searches") + 1, **last)


def link(url, text, today=None):
    """The /search/go/ address that opens `url` and counts it for `text`."""
    day = (today or district_today()).isoformat()
    return "/search/go/?" + urlencode({"to": signing.dumps({"u": url, "q": text, "d": day}, salt=_SALT, compress=True)})


class BadTarget(Exception):
    """A /search/go/ value that was not made here, or names a target not allowed."""


def open_target(token):
    """Count the click and return the target; BadTarget when refused."""
    try:
        data = signing.loads(token or "", salt=_SALT)
        url, text, day = data["u"], data["q"], dt.date.fromisoformat(data["d"])
    except (signing.BadSignature, KeyError, TypeError, ValueError) as exc:
        raise BadTarget from exc
    if not _allowed(url):
        raise BadTarget
    QueryDay.objects.filter(day=day, query=text).update(clicks=F("clicks") + 1)
    return url


def _allowed(url):
    # Same-site paths only ("/x/", not "//host/" or "javascript:"), or a link the office promoted.
    if isinstance(url, str) and url.startswith("/") and url_has_allowed_host_and_scheme(url, allowed_hosts=None):
        return True
    return isinstance(url, str) and url.startswith(("https://", "http://")) and SearchPromotion.objects.filter(external_link_url=url).exists()


def prune(today=None):
    """Delete rows older than RETENTION_DAYS; returns how many."""
    oldest = (today or district_today()) - dt.timedelta(days=RETENTION_DAYS)
    deleted, _ = QueryDay.objects.filter(day__lt=oldest).delete()
    return deleted


def _prune_once_a_day(today):
    if cache.add(f"search:analytics-pruned:{today.isoformat()}", True, 2 * 86400):
        prune(today)
