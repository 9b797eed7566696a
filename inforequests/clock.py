"""The statutory clock of a 政府信息公开申请, in working days (条例 art. 30–33).

Working days are China's: weekends and statutory holidays off, 调休 weekend
days on, as published by the State Council and shipped in `chinesecalendar`.
For a year the package does not know yet (the State Council publishes each
year's arrangement around November), the clock counts Monday–Friday and marks
its result `provisional`; staff and the applicant see 暂定 beside such a date
until the package is updated. Nothing here is stored: the clock is computed
from the request's receipt time and its events every time it is read.

Rules (the day a period starts is not counted, 期间开始之日不计算在内):
- 受理: the day of receipt if it is a working day and the request came in
  before OFFICE_CLOSES; otherwise the next working day.
- 补正 notice: within 7 working days of 受理. Once the applicant completes
  the correction, the clock restarts from that day (as from a new receipt).
- Answer: within 20 working days; one extension of at most 20 more.
- 征求第三方意见: working days from the day after consultation starts to the
  day it ends are not counted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import chinese_calendar

ANSWER_DAYS = 20
MAX_EXTENSION_DAYS = 20
CORRECTION_NOTICE_DAYS = 7
DUE_SOON_DAYS = 3
OFFICE_CLOSES = dt.time(17, 30)


def working_day(day):
    """(is a working day, the calendar knows the year)."""
    try:
        return chinese_calendar.is_workday(day), True
    except NotImplementedError:
        return day.weekday() < 5, False


def is_known_year(year):
    return working_day(dt.date(year, 6, 1))[1]


@dataclass
class Counter:
    """Counts working days forward, remembering whether it had to guess."""

    skip: tuple = ()  # ((first, last), ...) inclusive ranges of days not counted
    provisional: bool = False

    def is_working(self, day):
        working, known = working_day(day)
        self.provisional |= not known
        return working

    def counts(self, day):
        return self.is_working(day) and not any(a <= day <= b for a, b in self.skip)

    def next_working(self, day, include=False):
        """The first working day after `day` (or `day` itself when `include`)."""
        day = day if include else day + dt.timedelta(days=1)
        while not self.is_working(day):
            day += dt.timedelta(days=1)
        return day

    def add(self, start, days):
        """The `days`-th counted working day after `start`."""
        day = start
        while days > 0:
            day += dt.timedelta(days=1)
            if self.counts(day):
                days -= 1
        return day

    def between(self, a, b):
        """Working days in (a, b]; negative when b is before a."""
        if b < a:
            return -self.between(b, a)
        n, day = 0, a
        while day < b:
            day += dt.timedelta(days=1)
            n += self.is_working(day)
        return n


def accepted_on(received_at, counter=None):
    """受理日 for a request received at the local datetime `received_at`."""
    counter = counter or Counter()
    day = received_at.date()
    if counter.is_working(day) and received_at.time() < OFFICE_CLOSES:
        return day
    return counter.next_working(day)


@dataclass
class Clock:
    accepted: dt.date  # the day the current period runs from (受理, or the completed 补正)
    due: dt.date | None  # None while the applicant has to correct, or a consultation runs
    correction_due: dt.date  # latest day for a 补正 notice
    extension_days: int = 0
    paused: str = ""  # why no due date now: "correction" | "consultation"
    done: dt.date | None = None  # answered or withdrawn on
    provisional: bool = False
    remaining: int | None = None  # working days from today to due (negative: overdue)
    skipped: list = field(default_factory=list)

    @property
    def overdue(self):
        """Working days past the due date (0 when not overdue)."""
        return -self.remaining if self.remaining and self.remaining < 0 else 0

    @property
    def state(self):
        """"done", "paused", "overdue", "due_soon" or "ok"."""
        if self.done:
            return "done"
        if self.due is None:
            return "paused"
        if self.remaining < 0:
            return "overdue"
        return "due_soon" if self.remaining <= DUE_SOON_DAYS else "ok"


def compute(received_at, events, today):
    """The clock of a request from its local receipt time and its events
    (objects with .kind, .date and .working_days, in date order)."""
    counter = Counter()
    start = accepted_on(received_at, counter)
    extension, paused, done = 0, "", None
    consultations, open_consultation = [], None
    for event in events:
        if event.kind == "correction_requested":
            paused = "correction"
        elif event.kind == "correction_completed":
            # The period starts again as if the request had been received that day.
            start = counter.next_working(event.date, include=True)
            paused, extension, consultations = "", 0, []
        elif event.kind == "consultation_started":
            open_consultation, paused = event.date, "consultation"
        elif event.kind == "consultation_ended" and open_consultation:
            consultations.append((open_consultation + dt.timedelta(days=1), event.date))
            open_consultation, paused = None, ""
        elif event.kind == "extended":
            extension = min(event.working_days or MAX_EXTENSION_DAYS, MAX_EXTENSION_DAYS)
        elif event.kind in ("answered", "withdrawn"):
            done = event.date
    correction_due = counter.add(start, CORRECTION_NOTICE_DAYS)
    counter.skip = tuple(consultations)
    due = None if paused else counter.add(start, ANSWER_DAYS + extension)
    remaining = counter.between(today, due) if due and not done else None
    return Clock(accepted=start, due=due, correction_due=correction_due, extension_days=extension, paused=paused,
                 done=done, provisional=counter.provisional, remaining=remaining, skipped=consultations)
