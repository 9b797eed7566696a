"""Presentation helpers shared by every public template.

    {% load portal_tags %}
    {{ value|datetime_min }}   2024-05-08 14:30  (local time, Asia/Shanghai)
    {{ value|ymd }}            2024-05-08
    {% breadcrumbs page %}     首页 › … › current page (a Wagtail page's ancestors)
    {% breadcrumbs page "标题" "/url/" "标题2" %}   the page's trail plus extra crumbs;
                              the last crumb is the current page (no link)
    {% breadcrumbs None "权责清单" "/quanze/" "区发展改革委" "" %}  a trail for a Django view
    {% elderly_switch %}       the 适老化 on/off link, returning to the current page
"""

import datetime

from django import template
from django.utils import timezone

register = template.Library()


def _local(value):
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


@register.filter
def datetime_min(value):
    """YYYY-MM-DD HH:MM; a plain date stays YYYY-MM-DD; empty stays empty."""
    if value in (None, ""):
        return ""
    value = _local(value)
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%Y-%m-%d")
    return value


@register.filter
def ymd(value):
    """YYYY-MM-DD for a date or datetime (local date for aware datetimes)."""
    if value in (None, ""):
        return ""
    value = _local(value)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.strftime("%Y-%m-%d")
    return value


def trail_for(page, extra=()):
    """[(title, url)] from the site root to `page`, then `extra` pairs.
    The last entry is the current page; its url is dropped."""
    crumbs = [("首页", "/")]
    if page is not None:
        for ancestor in page.get_ancestors(inclusive=True).filter(depth__gt=2):
            crumbs.append((ancestor.title, ancestor.url))
    crumbs.extend(extra)
    if len(crumbs) > 1:
        crumbs[-1] = (crumbs[-1][0], "")
    return crumbs


@register.inclusion_tag("portal/breadcrumbs.html")
def breadcrumbs(page=None, *pairs):
    extra = list(zip(pairs[0::2], pairs[1::2]))
    return {"crumbs": trail_for(page, extra)}


@register.inclusion_tag("portal/elderly_switch.html", takes_context=True)
def elderly_switch(context):
    request = context.get("request")
    return {
        "ELDERLY_MODE": context.get("ELDERLY_MODE", False),
        "next_path": request.get_full_path() if request is not None else "/",
    }


@register.inclusion_tag("portal/quick_entries.html")
def quick_entries():
    from portal.entries import QUICK_ENTRIES

    return {"entries": QUICK_ENTRIES}
