"""政策日历: the application windows that are open or still to open, as a
page grouped by month and day (/huiqi/rili/) and as an iCalendar feed
(/huiqi/rili.ics, one all-day event per window). Status and wording come
from windows.py."""

import datetime as dt
from dataclasses import dataclass, field
from itertools import groupby
from urllib.parse import urlparse

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from . import windows

WEEKDAYS = "一二三四五六日"
# Closed windows stay in the feed this long, so a subscribed calendar keeps
# the event it showed instead of losing it the day after the deadline.
FEED_KEEPS_CLOSED_DAYS = 90


@dataclass
class Entry:
    day: dt.date
    what: str  # 开始申报 / 截止申报
    measure: object


@dataclass
class Day:
    day: dt.date
    entries: list = field(default_factory=list)

    @property
    def label(self):
        return f"{self.day.month}月{self.day.day}日 星期{WEEKDAYS[self.day.weekday()]}"


@dataclass
class Month:
    year: int
    month: int
    days: list

    @property
    def label(self):
        return f"{self.year}年{self.month}月"


def entries(measures, today):
    """The dates still ahead (or today) of windows that are not closed."""
    out = []
    for m in measures:
        if m.status_key(today) == windows.CLOSED:
            continue
        if m.window_opens and m.window_opens > today:
            out.append(Entry(m.window_opens, "开始申报", m))
        if m.window_closes:
            out.append(Entry(m.window_closes, "截止申报", m))
    out.sort(key=lambda e: (e.day, e.what != "截止申报", e.measure.title, e.measure.pk))
    return out


def months(measures, today):
    result = []
    for (year, month), in_month in groupby(entries(measures, today), key=lambda e: (e.day.year, e.day.month)):
        days = [Day(day, list(items)) for day, items in groupby(in_month, key=lambda e: e.day)]
        result.append(Month(year, month, days))
    return result


def rolling(measures, today):
    """Open windows without a closing date (常年受理)."""
    return [m for m in measures if m.window_closes is None and windows.is_accepting(m.status_key(today))]


def uid(measure):
    """Stable across requests and edits: the measure's id and the site's host."""
    host = urlparse(settings.WAGTAILADMIN_BASE_URL).hostname or "localhost"
    return f"measure-{measure.pk}@{host}"


def feed(measures, today):
    """The iCalendar document: one all-day event per window with a closing
    date, from its opening day (or the closing day alone) to its closing day."""
    base = settings.WAGTAILADMIN_BASE_URL
    calendar = Calendar.new(
        name=f"{settings.SITE_NAME} · 政策日历", prodid=f"-//{settings.SITE_NAME}//政策日历//ZH",
        description="惠企惠民事项的申报期", url=f"{base}/huiqi/rili/", refresh_interval=dt.timedelta(days=1),
    )
    for m in measures:
        closes = m.window_closes
        if closes is None or (today - closes).days > FEED_KEEPS_CLOSED_DAYS:
            continue
        opens = m.window_opens if m.window_opens and m.window_opens <= closes else closes
        link = f"{base}{m.permalink}"
        lines = [m.window.text, m.amount, f"政策依据：{m.page.title}", f"办理方式：{m.how_to_apply}" if m.how_to_apply else "",
                 f"咨询电话：{m.contact}" if m.contact else "", link]
        calendar.add_component(Event.new(
            uid=uid(m), summary=f"{m.title}（申报期）", start=opens, end=closes + dt.timedelta(days=1), url=link,
            description="\n".join(filter(None, lines)), stamp=m.page.last_published_at or timezone.now(),
            categories=[m.support_type_label],
        ))
    return calendar.to_ical()
