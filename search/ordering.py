"""The 截止日期 order (sort=deadline), one rule for both engines and /huiqi/.

Windows still to close come first, closing soonest first; then rolling
windows (a windowed document with no closing date: 常年受理); then closed
windows, most recently closed first; documents without a window last.
`deadline_key` is the rule in Python (embedded engine, listings);
search/engines/elasticsearch.py (`deadline_functions`) turns the same groups
into a score; tests/test_search_deadline.py checks both engines agree.
"""

from __future__ import annotations

from . import facets as facet_defs

GROUP = 1_000_000  # days within a group stay below this
PENDING, ROLLING, CLOSED, NONE = 0, 1, 2, 3


def deadline_key(*, today, closes, windowed):
    if closes is not None and closes >= today:
        return PENDING * GROUP + (closes - today).days
    if closes is None:
        return (ROLLING if windowed else NONE) * GROUP
    return CLOSED * GROUP + (today - closes).days


def windowed_types():
    """Document types that have an application window: those of the rule
    facets computed from `window_closes` (policies' 申报状态)."""
    return {t for f in facet_defs.all_facets() if f.rule and "window_closes" in f.rule.fields for t in f.types}
