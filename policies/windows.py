"""Application status of a support measure from its window, on a given day.
This rule is the one home of window status: pages, the calculator and both
search engines (through the facet policies/documents.py declares) ask it.

申报中 (open), 即将截止 (open and closes within CLOSING_SOON_DAYS, counting
today), 未开始 (opens later), 已截止 (closed). Both ends are inclusive: a
window closing on 06-30 still accepts applications on 06-30. A measure with
no closing date (常年受理, 免申即享) is open from its opening date onwards.
"""

from dataclasses import dataclass

from portal.daterules import DateRule

OPEN = "open"
CLOSING = "closing"
UPCOMING = "upcoming"
CLOSED = "closed"

CLOSING_SOON_DAYS = 14

RULE = DateRule(
    cases=(
        (CLOSED, ("window_closes", "<", 0)),
        (UPCOMING, ("window_opens", ">", 0)),
        (CLOSING, ("window_closes", "<=", CLOSING_SOON_DAYS)),
        (OPEN, None),
    ),
    labels={OPEN: "申报中", CLOSING: "即将截止", UPCOMING: "未开始", CLOSED: "已截止"},
)
LABELS = RULE.labels
CHOICES = RULE.choices


def window_status(*, today, opens=None, closes=None):
    return RULE.evaluate(today, window_opens=opens, window_closes=closes)


def is_accepting(status):
    """申报中 and 即将截止 both mean "you can apply today"."""
    return status in (OPEN, CLOSING)


def label(key):
    return LABELS[key]


@dataclass(frozen=True)
class Window:
    """A window as users read it: badge (status key and label) and deadline."""

    key: str  # OPEN, CLOSING, UPCOMING, CLOSED
    label: str  # 申报中 / 即将截止 / 未开始 / 已截止, or 常年受理 (open, no closing date)
    note: str  # 截止 2026-12-04 / 12-15 起 / 2026-10-31 已截止 / ""

    @property
    def text(self):
        return f"{self.label} · {self.note}" if self.note else self.label


def describe(*, today, opens=None, closes=None):
    """The badge and deadline of a window on `today` (lists, search, calendar)."""
    key = window_status(today=today, opens=opens, closes=closes)
    if key == UPCOMING:
        day = f"{opens:%m-%d}" if opens.year == today.year else f"{opens:%Y-%m-%d}"
        return Window(key, LABELS[key], f"{day} 起")
    if closes is None:
        return Window(key, "常年受理", "")
    return Window(key, LABELS[key], f"{closes:%Y-%m-%d} 截止" if key == CLOSED else f"截止 {closes:%Y-%m-%d}")


def badge(today, window_opens=None, window_closes=None):
    """describe() on a search document's dates (the status facet's badge)."""
    return describe(today=today, opens=window_opens, closes=window_closes)
