"""Application status of a support measure from its window, on a given day.

申报中 (open), 即将截止 (open and closes within CLOSING_SOON_DAYS, counting
today), 未开始 (opens later), 已截止 (closed). Both ends are inclusive: a
window closing on 06-30 still accepts applications on 06-30. A measure with
no closing date (常年受理, 免申即享) is open from its opening date onwards.
"""

OPEN = "open"
CLOSING = "closing"
UPCOMING = "upcoming"
CLOSED = "closed"

CLOSING_SOON_DAYS = 14

LABELS = {
    OPEN: "申报中",
    CLOSING: "即将截止",
    UPCOMING: "未开始",
    CLOSED: "已截止",
}
CHOICES = list(LABELS.items())


def window_status(*, today, opens=None, closes=None):
    if closes and closes < today:
        return CLOSED
    if opens and opens > today:
        return UPCOMING
    if closes and (closes - today).days <= CLOSING_SOON_DAYS:
        return CLOSING
    return OPEN


def is_accepting(status):
    """申报中 and 即将截止 both mean "you can apply today"."""
    return status in (OPEN, CLOSING)


def label(key):
    return LABELS[key]
