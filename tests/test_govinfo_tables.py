"""Table 3 of the 年度报告 (收到和处理政府信息公开申请情况) balances for any
requests whatever: 新收 + 上年结转 = 办理结果总计 + 结转下年度 in every
column, and the outcome rows add up to the 总计 row."""

import datetime as dt
from types import SimpleNamespace

from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from govinfo import tables
from inforequests.outcomes import CATEGORIES, ORGANISATION_KINDS

YEAR = 2023
OUTCOMES = ["", "bogus", "bogus.x"] + [k for k, _l, _r in CATEGORIES] + [
    f"{k}.{r}" for k, _l, reasons in CATEGORIES for r, _rl in reasons] + ["withheld.not_a_reason", "disclosed.x"]
days = st.dates(dt.date(YEAR - 2, 1, 1), dt.date(YEAR + 1, 12, 31))


@st.composite
def requests(draw):
    received = draw(days)
    outcome = draw(st.sampled_from(OUTCOMES))
    answered = draw(st.none() | days)
    return SimpleNamespace(
        code="X", received_at=timezone.make_aware(dt.datetime.combine(received, dt.time(23, 30))),
        applicant_type=draw(st.sampled_from(["person", "organisation"])),
        organisation_kind=draw(st.sampled_from(["", "unknown"] + [k for k, _l in ORGANISATION_KINDS])),
        outcome=outcome.split(".")[0], outcome_reason=outcome if "." in outcome else "",
        answered_on=answered, status=draw(st.sampled_from(["processing", "answered", "closed"])))


def _rows(table):
    return {row["label"]: row["values"] for row in table["rows"]}


@settings(max_examples=300, deadline=None)
@given(st.lists(requests(), max_size=40))
def test_table_balances_for_any_requests(items):
    table = tables.request_table(YEAR, items)
    rows = _rows(table)
    new, carried = rows["一、本年新收政府信息公开申请数量"], rows["二、上年结转政府信息公开申请数量"]
    total, carried_over = rows["（七）总计"], rows["四、结转下年度继续办理"]
    assert [a + b for a, b in zip(new, carried)] == [a + b for a, b in zip(total, carried_over)]
    leaves = [row["values"] for row in table["rows"] if row["level"] >= 1 and row["values"] and "总计" not in row["label"]]
    assert [sum(column) for column in zip(*leaves)] == total
    assert table["balance"]["holds"]
    # Every column's 总计 is the sum of the applicant columns.
    assert all(values[-1] == sum(values[:-1]) for values in rows.values() if values)


def test_a_request_counts_once_in_the_year_it_is_received_and_once_where_it_ends():
    def req(received, answered=None, outcome=""):
        return SimpleNamespace(code="Y", received_at=timezone.make_aware(dt.datetime.combine(received, dt.time(9))),
                               applicant_type="person", organisation_kind="", outcome=outcome, outcome_reason="",
                               answered_on=answered, status="answered" if answered else "processing")

    spanning = req(dt.date(YEAR, 12, 30), dt.date(YEAR + 1, 1, 4), "disclosed")
    first, second = tables.request_table(YEAR, [spanning]), tables.request_table(YEAR + 1, [spanning])
    assert first["balance"] == {"new": 1, "carried": 0, "total": 0, "carried_over": 1, "holds": True}
    assert second["balance"] == {"new": 0, "carried": 1, "total": 1, "carried_over": 0, "holds": True}
    assert tables.request_table(YEAR + 2, [spanning])["balance"]["carried"] == 0
