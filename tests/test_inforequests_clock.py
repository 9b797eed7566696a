"""The 依申请公开 clock (inforequests/clock.py) against an independent
computation: 2026's working days written out here from the State Council's
notice (国办发明电〔2025〕7号), not taken from chinesecalendar, and due dates
found by indexing into that list rather than by stepping day by day.
Derandomized Hypothesis, so CI runs the same examples every time."""

import bisect
import datetime as dt
from types import SimpleNamespace as Event

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from inforequests import clock

D = dt.date
# 2026 放假安排: weekdays off, and weekend days that are working days (调休).
HOLIDAYS_2026 = {
    D(2026, 1, 1), D(2026, 1, 2),                                                        # 元旦
    D(2026, 2, 16), D(2026, 2, 17), D(2026, 2, 18), D(2026, 2, 19), D(2026, 2, 20), D(2026, 2, 23),  # 春节
    D(2026, 4, 6),                                                                       # 清明节
    D(2026, 5, 1), D(2026, 5, 4), D(2026, 5, 5),                                         # 劳动节
    D(2026, 6, 19),                                                                      # 端午节
    D(2026, 9, 25),                                                                      # 中秋节
    D(2026, 10, 1), D(2026, 10, 2), D(2026, 10, 5), D(2026, 10, 6), D(2026, 10, 7),      # 国庆节
}
MAKEUP_2026 = {D(2026, 1, 4), D(2026, 2, 14), D(2026, 2, 28), D(2026, 5, 9), D(2026, 9, 20), D(2026, 10, 10)}
WORKDAYS_2026 = [
    D(2026, 1, 1) + dt.timedelta(days=n) for n in range(365)
    if ((D(2026, 1, 1) + dt.timedelta(days=n)).weekday() < 5 and D(2026, 1, 1) + dt.timedelta(days=n) not in HOLIDAYS_2026)
    or D(2026, 1, 1) + dt.timedelta(days=n) in MAKEUP_2026
]
SETTINGS = settings(max_examples=100, derandomize=True, database=None, deadline=None)


def oracle_add(start, n):
    """The n-th 2026 working day after `start`."""
    return WORKDAYS_2026[bisect.bisect_right(WORKDAYS_2026, start) + n - 1]


def oracle_accepted(received_at):
    day = received_at.date()
    if day in WORKDAYS_2026 and received_at.time() < clock.OFFICE_CLOSES:
        return day
    return next(d for d in WORKDAYS_2026 if d > day)


def at(y, m, d, hh=10, mm=0):
    return dt.datetime(y, m, d, hh, mm)


def compute(received_at, *events, today=D(2026, 1, 5)):
    return clock.compute(received_at, [Event(kind=k, date=day, working_days=n) for k, day, n in events], today)


def test_the_oracle_matches_the_notice():
    # 261 weekdays − 19 holidays on weekdays + 6 调休 weekend days.
    assert len(WORKDAYS_2026) == 261 - 19 + 6


def test_spring_festival():
    # Received Friday 6 February, 10:00: accepted that day; the 20 working days run
    # across the Spring Festival (16–23 February off, Saturdays 14 and 28 February on).
    c = compute(at(2026, 2, 6))
    assert c.accepted == D(2026, 2, 6)
    assert c.due == oracle_add(D(2026, 2, 6), 20) == D(2026, 3, 12)
    assert not c.provisional


def test_makeup_saturday_is_a_working_day():
    # Received on the 调休 Saturday 14 February at 11:00: accepted the same day.
    assert compute(at(2026, 2, 14, 11)).accepted == D(2026, 2, 14)
    # An ordinary Saturday: the next working day.
    assert compute(at(2026, 3, 7, 11)).accepted == D(2026, 3, 9)


def test_national_day():
    # Received Wednesday 30 September after hours: accepted on Thursday 8 October
    # (1–7 October off), due 20 working days later counting Saturday 10 October.
    c = compute(at(2026, 9, 30, 18))
    assert c.accepted == D(2026, 10, 8)
    assert c.due == oracle_add(D(2026, 10, 8), 20) == D(2026, 11, 4)


def test_correction_restarts_and_extension_adds():
    c = compute(at(2026, 3, 2), ("correction_requested", D(2026, 3, 5), None))
    assert c.due is None and c.paused == "correction"
    assert c.correction_due == oracle_add(D(2026, 3, 2), 7)
    c = compute(at(2026, 3, 2), ("correction_requested", D(2026, 3, 5), None),
                ("correction_completed", D(2026, 3, 16), None), ("extended", D(2026, 4, 1), 15))
    assert c.accepted == D(2026, 3, 16)
    assert c.due == oracle_add(D(2026, 3, 16), 35)
    # At most 20 working days of extension, whatever is entered.
    c = compute(at(2026, 3, 2), ("extended", D(2026, 3, 20), 30))
    assert c.extension_days == 20 and c.due == oracle_add(D(2026, 3, 2), 40)


def test_consultation_time_is_not_counted():
    c = compute(at(2026, 4, 1), ("consultation_started", D(2026, 4, 8), None))
    assert c.due is None and c.paused == "consultation"
    c = compute(at(2026, 4, 1), ("consultation_started", D(2026, 4, 8), None),
                ("consultation_ended", D(2026, 4, 17), None))
    not_counted = len([d for d in WORKDAYS_2026 if D(2026, 4, 8) < d <= D(2026, 4, 17)])
    assert not_counted == 7
    assert c.due == oracle_add(D(2026, 4, 1), 20 + not_counted)


def test_remaining_days_and_states():
    c = compute(at(2026, 2, 6), today=D(2026, 3, 9))
    assert c.remaining == 3 and c.state == "due_soon"
    c = compute(at(2026, 2, 6), today=D(2026, 3, 16))
    assert c.remaining == -2 and c.state == "overdue"
    c = compute(at(2026, 2, 6), ("answered", D(2026, 3, 1), None), today=D(2026, 6, 1))
    assert c.state == "done" and c.remaining is None


def test_a_year_the_calendar_does_not_know_is_provisional():
    # chinesecalendar 1.11.0 knows 2004–2026. A request received in late December 2026
    # runs into 2027: Monday–Friday are counted and the due date says it is provisional.
    assert not clock.is_known_year(2027)
    c = compute(at(2026, 12, 21))
    assert c.provisional
    assert c.due.weekday() < 5
    assert compute(at(2026, 11, 2)).provisional is False


# -- properties ---------------------------------------------------------------

RECEIVED = st.builds(
    lambda day, minutes: dt.datetime.combine(D(2026, 1, 1) + dt.timedelta(days=day), dt.time()) + dt.timedelta(minutes=minutes),
    st.integers(0, 270), st.integers(0, 24 * 60 - 1))


@SETTINGS
@given(RECEIVED, st.integers(0, 20))
def test_due_date_is_the_nth_working_day(received_at, extension):
    events = [("extended", received_at.date(), extension)] if extension else []
    c = compute(received_at, *events)
    assert c.accepted == oracle_accepted(received_at)
    assert c.due == oracle_add(c.accepted, 20 + extension)
    assert c.due in WORKDAYS_2026


@SETTINGS
@given(RECEIVED, st.integers(0, 240))
def test_later_receipt_is_never_due_earlier(received_at, minutes_later):
    later = received_at + dt.timedelta(hours=minutes_later)
    assert compute(later).due >= compute(received_at).due


@SETTINGS
@given(RECEIVED, st.integers(1, 25), st.integers(0, 30))
def test_consultation_moves_due_by_its_working_days(received_at, start_after, length):
    start = received_at.date() + dt.timedelta(days=start_after)
    end = start + dt.timedelta(days=length)
    plain = compute(received_at).due
    c = compute(received_at, ("consultation_started", start, None), ("consultation_ended", end, None))
    if start < plain:  # a consultation inside the period
        not_counted = len([d for d in WORKDAYS_2026 if start < d <= end and d > c.accepted])
        counted_days = [d for d in WORKDAYS_2026 if c.accepted < d <= c.due and not start < d <= end]
        assert len(counted_days) == 20
        assert c.due >= plain and (not_counted == 0) == (c.due == plain)


@SETTINGS
@given(RECEIVED, st.integers(-40, 40))
def test_remaining_counts_working_days_to_due(received_at, offset):
    due = compute(received_at).due
    today = due + dt.timedelta(days=offset)
    assume(today.year == 2026)  # the oracle knows 2026 only
    c = compute(received_at, today=today)
    if today <= due:
        assert c.remaining == len([d for d in WORKDAYS_2026 if today < d <= due])
    else:
        assert c.remaining == -len([d for d in WORKDAYS_2026 if due < d <= today])
