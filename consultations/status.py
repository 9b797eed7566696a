"""征集状态 of a consultation, from its dates on the day it is read: the one
home of the rule (pages, the home page list, comment acceptance and both
search engines through the facet in documents.py). Never stored, never set
by a scheduled job.

Dates, both ends inclusive: comments are accepted from `opens` through
`closes`; 已反馈 from the day the 采纳情况反馈 is published. In search
documents the dates travel in the contract's window fields (`window_opens`,
`window_closes`) and the feedback date in `revised`, which no other rule
reads for this type; the field names below are those document fields.
"""

from dataclasses import dataclass

from portal.daterules import DateRule

UPCOMING = "upcoming"
OPEN = "open"
CLOSED = "closed"
ANSWERED = "answered"

RULE = DateRule(
    cases=(
        (ANSWERED, ("revised", "<=", 0)),
        (CLOSED, ("window_closes", "<", 0)),
        (UPCOMING, ("window_opens", ">", 0)),
        (OPEN, None),
    ),
    labels={OPEN: "征集中", UPCOMING: "未开始", CLOSED: "已结束", ANSWERED: "已反馈"},
)
LABELS = RULE.labels

# Nationally, 规范性文件 and 重大行政决策 are open for comment at least 30 days.
MIN_DAYS = 30


def status(*, today, opens, closes, answered=None):
    return RULE.evaluate(today, window_opens=opens, window_closes=closes, revised=answered)


def window_days(opens, closes):
    """Days comments are accepted, both ends counted."""
    return (closes - opens).days + 1


@dataclass(frozen=True)
class Countdown:
    key: str
    label: str
    note: str

    @property
    def text(self):
        return f"{self.label} · {self.note}" if self.note else self.label


def describe(*, today, opens, closes, answered=None):
    """The badge and its note: 征集中 · 还剩 12 天（截止 2026-12-10）."""
    key = status(today=today, opens=opens, closes=closes, answered=answered)
    if key == OPEN:
        left = (closes - today).days
        note = f"今天截止（{closes:%Y-%m-%d}）" if left == 0 else f"还剩 {left} 天（截止 {closes:%Y-%m-%d}）"
    elif key == UPCOMING:
        note = f"{opens:%Y-%m-%d} 开始"
    elif key == CLOSED:
        note = f"{closes:%Y-%m-%d} 已截止，正在整理采纳情况"
    else:
        note = f"{answered:%Y-%m-%d} 公布采纳情况"
    return Countdown(key, LABELS[key], note)


def badge(today, window_opens=None, window_closes=None, revised=None, **_):
    """The search hit's badge (search.facets.Facet.badge)."""
    return describe(today=today, opens=window_opens, closes=window_closes, answered=revised)
