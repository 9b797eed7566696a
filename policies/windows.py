"""Application status of a support measure from its window, on a given day.
This rule is the one home of window status: pages, the calculator and both
search engines (through the facet policies/documents.py declares) ask it.

申报中 (open), 即将截止 (open and closes within CLOSING_SOON_DAYS, counting
today), 未开始 (opens later), 已截止 (closed). Both ends are inclusive: a
window closing on 06-30 still accepts applications on 06-30. A measure with
no closing date (常年受理, 免申即享) is open from its opening date onwards.
"""

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
