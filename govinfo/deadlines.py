"""When the 政府信息公开工作年度报告 of a year is due (条例 art. 49–50):
departments by 31 January of the next year, the district (本级人民政府) by
31 March."""

import datetime as dt

from portal.daterules import today  # noqa: F401  (the district's today, re-exported for models and hooks)

DEPARTMENT_DUE = (1, 31)
DISTRICT_DUE = (3, 31)


def due(year, district):
    month, day = DISTRICT_DUE if district else DEPARTMENT_DUE
    return dt.date(year + 1, month, day)


def current_year(on):
    """The report year being prepared on `on`: last year's."""
    return on.year - 1


def describe(due_on, on, published_on=None):
    """(state, text) for a deadline: done / overdue / soon (≤ 14 days) / open."""
    if published_on:
        late = published_on > due_on
        return ("done" if not late else "late"), f"已于 {published_on:%Y-%m-%d} 发布" + ("（逾期）" if late else "")
    days = (due_on - on).days
    if days < 0:
        return "overdue", f"已逾期 {-days} 天（应于 {due_on:%Y-%m-%d} 前发布）"
    return ("soon" if days <= 14 else "open"), f"还有 {days} 天（{due_on:%Y-%m-%d} 前发布）"
