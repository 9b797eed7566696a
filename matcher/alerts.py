"""What a subscription follows, per kind: how its query is checked and
normalised, and which items are new for it.

A kind is a small adapter with two functions:
  normalise(query_string) -> (normalised query, title)   or raises ParamError
  new_items(subscription, today) -> [DigestItem]         not yet sent, newest first
"new" means published since the last digest (or since confirmation) or, for
support measures, whose application window opened since then.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import QueryDict
from django.utils import timezone

from portal.params import ParamError
from search.feeds import newest, query_string
from search.query import describe, parse


@dataclass
class DigestItem:
    id: str  # recorded in SentItem
    title: str
    url: str  # path on this site
    note: str  # "新发布" / "开始申报" and a detail line


def baseline(subscription):
    return subscription.last_sent_at or subscription.confirmed_at


def published_since(page, since):
    """True when the page was first published at or after `since`. Pages
    created live (imports, demo) have no first_published_at: fall back to
    their 发布日期."""
    if page.first_published_at:
        return page.first_published_at >= since
    return page.published_date >= timezone.localdate(since)


# --------------------------------------------------------------------------
# 政策计算器


class MatcherKind:
    """政策计算器 in one of its modes: 企业 (kind "matcher") or 个人 ("person")."""

    def __init__(self, key, mode, params, title):
        self.key, self.mode, self._params, self.title = key, mode, params, title

    def params(self, query):
        from . import params

        return getattr(params, self._params).parse(QueryDict(query))

    def normalise(self, query):
        params = self.params(query)
        return params.query_string(), f"{self.title}：{params.summary()}"[:300]

    def new_items(self, subscription, today):
        from . import service

        try:
            params = self.params(subscription.query)
        except ParamError:
            return []  # e.g. a region was since removed; nothing can match
        since = baseline(subscription)
        sent = set(subscription.sent_items.values_list("item_id", flat=True))
        found = []
        for item in service.match(params.profile(), today, mode=self.mode).matches:
            m = item.measure
            key = f"measure:{m.pk}"
            if key in sent:
                continue
            opened = m.window_opens and timezone.localdate(since) <= m.window_opens <= today
            if published_since(m.page, since):
                note = "新发布"
            elif opened:
                note = "开始申报"
            else:
                continue
            window = f"{m.window_opens:%Y-%m-%d}" if m.window_opens else "即日起"
            window += f" 至 {m.window_closes:%Y-%m-%d}" if m.window_closes else " 至 常年受理"
            mode = "免申即享；" if item.automatic else ""
            check = "".join(f"｜{line}" for line in item.to_check)
            found.append(DigestItem(key, m.title, m.permalink,
                                    f"{note}｜{mode}申报时间：{window}｜政策依据：{m.page.title}{check}"))
        return found


# --------------------------------------------------------------------------
# 检索 (any /search/ query)


class SearchKind:
    key = "search"

    @staticmethod
    def parse(query):
        return parse(QueryDict(query)).followed()

    def normalise(self, query):
        q = self.parse(query)
        return query_string(q), f"检索：{describe(q)}"[:300]

    def new_items(self, subscription, today):
        try:
            q = self.parse(subscription.query)
        except ParamError:
            return []  # e.g. a department was since removed; nothing can match
        since = timezone.localdate(baseline(subscription))
        sent = set(subscription.sent_items.values_list("item_id", flat=True))
        return [
            DigestItem(h.id, h.title, h.url, f"新发布｜{h.type_label}｜发布日期：{h.published:%Y-%m-%d}")
            for h in newest(q, today=today)
            if h.published and since <= h.published <= today and h.id not in sent
        ]


KINDS = {
    "matcher": MatcherKind("matcher", "enterprise", "ProfileParams", "政策计算器"),
    "person": MatcherKind("person", "person", "PersonParams", "个人政策计算器"),
    "search": SearchKind(),
}


def kind(key):
    return KINDS.get(key)
