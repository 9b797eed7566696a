"""Measures in search show their window (badge and deadline), the 截止日期
sort and the empty query's date order: identical on both engines, then as
the page, the JSON API and the feed show them."""

import datetime as dt
import re

import feedparser
import pytest
import time_machine

from search.documents import SearchDocument
from search.ordering import deadline_key

from .search_support import TODAY, engine, es_index, index_documents, refdata, sample_documents  # noqa: F401

d = dt.date.fromisoformat

# Besides the sample measures (on 2024-06-01: m1:2 closes 06-10, m4:1 opens
# 07-01 and closes 09-30, m1:1 closes 12-31, m3:1 closed 2021-06-30):
ROLLING = SearchDocument(id="measure:7:1", type="measure", title="上规入统奖励", url="/zhengce/rt/#m1", body="首次上规入统的企业给予奖励。",
                         departments=["jxw"], published=d("2023-02-01"), window_opens=d("2023-02-01"))
RECENTLY_CLOSED = SearchDocument(id="measure:8:1", type="measure", title="展会补贴", url="/zhengce/zh/#m1", body="参加展会的企业给予补贴。",
                                 departments=["swwyh"], published=d("2024-01-10"), window_opens=d("2024-02-01"),
                                 window_closes=d("2024-05-01"))
MEASURES_BY_DEADLINE = ["measure:1:2", "measure:4:1", "measure:1:1", "measure:7:1", "measure:8:1", "measure:3:1"]


@pytest.fixture
def windows_engine(engine):
    engine.index([ROLLING, RECENTLY_CLOSED])
    return engine


def test_deadline_sort_closing_soonest_then_rolling_then_closed(windows_engine):
    assert windows_engine.ids(type=["measure"], sort="deadline", page_size=50) == MEASURES_BY_DEADLINE
    # Documents without a window follow every measure, newest first.
    ids = windows_engine.ids(sort="deadline", page_size=50)
    assert ids[:6] == MEASURES_BY_DEADLINE
    rest = windows_engine.search(sort="deadline", page_size=50).hits[6:]
    assert len(rest) == 10 and all(h.type != "measure" for h in rest)
    assert [h.published for h in rest] == sorted((h.published for h in rest), reverse=True)


def test_deadline_sort_moves_with_the_day(windows_engine):
    # On 07-01 m1:2 has closed (06-10): it joins the closed ones, most recent first.
    later = windows_engine.ids(today=d("2024-07-01"), type=["measure"], sort="deadline", page_size=50)
    assert later == ["measure:4:1", "measure:1:1", "measure:7:1", "measure:1:2", "measure:8:1", "measure:3:1"]


def test_deadline_sort_with_text_keeps_the_order(windows_engine):
    ids = windows_engine.ids(q="小微企业", sort="deadline", page_size=50)
    assert ids[:2] == ["measure:1:2", "measure:1:1"]


def test_the_rule_is_the_listing_rule():
    # search.ordering.deadline_key is what the engines and /huiqi/ order by.
    keys = [deadline_key(today=TODAY, closes=c, windowed=w) for c, w in
            [(d("2024-06-01"), True), (d("2024-06-02"), True), (None, True), (d("2024-05-31"), True), (d("2020-01-01"), True), (None, False)]]
    assert keys == sorted(keys)


def test_empty_query_is_ordered_by_date(windows_engine):
    result = windows_engine.search(page_size=50)
    dates = [h.published for h in result.hits]
    assert dates == sorted(dates, reverse=True)
    assert result.as_json()["sort"] == "date"
    assert windows_engine.search(q="企业").as_json()["sort"] == "relevance"


def test_measure_hits_carry_their_window_not_the_policy_date(windows_engine):
    hits = {h.id: h for h in windows_engine.search(type=["measure"], page_size=50).hits}
    texts = {k: [b.text for b in h.badges] for k, h in hits.items()}
    assert texts == {
        "measure:1:2": ["即将截止 · 截止 2024-06-10"], "measure:1:1": ["申报中 · 截止 2024-12-31"],
        "measure:4:1": ["未开始 · 07-01 起"], "measure:3:1": ["已截止 · 2021-06-30 截止"],
        "measure:7:1": ["常年受理"], "measure:8:1": ["已截止 · 2024-05-01 截止"],
    }
    assert hits["measure:1:2"].as_json()["badges"] == [
        {"facet": "status", "value": "closing", "label": "即将截止", "note": "截止 2024-06-10", "text": "即将截止 · 截止 2024-06-10"}]
    assert hits["measure:1:2"].as_json()["window_closes"] == "2024-06-10"
    assert all(not h.badges for h in windows_engine.search(type=["policy"]).hits)


# --- over HTTP (Elasticsearch) ------------------------------------------------


@pytest.fixture
def indexed(db, refdata, es_index):
    index_documents("elasticsearch", [*sample_documents(), ROLLING, RECENTLY_CLOSED])
    with time_machine.travel(dt.datetime(2024, 6, 1, 10), tick=False):
        yield


def _rows(html):
    """(title, meta line) of each result row, tags stripped."""
    rows = re.findall(r'<li class="hit hit-\w+">\s*<h3><a [^>]+>(.*?)</a></h3>\s*<p class="hit-meta">(.*?)</p>', html, re.S)
    strip = lambda s: re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", s)).strip()  # noqa: E731
    return [(strip(t), strip(m)) for t, m in rows]


def test_page_shows_badge_and_deadline_and_sorts_by_deadline(client, indexed):
    html = client.get("/search/", {"type": "measure", "sort": "deadline"}).content.decode()
    rows = _rows(html)
    assert [t for t, _m in rows] == ["小微企业房租补贴", "技能提升补贴", "小微企业创业担保贷款贴息", "上规入统奖励", "展会补贴", "研发费用补助"]
    assert rows[0][1].endswith("即将截止 截止 2024-06-10")
    assert rows[1][1].endswith("未开始 07-01 起") and rows[3][1].endswith("常年受理")
    assert "2024-03-01" not in rows[0][1]  # the policy's date is not the measure's
    assert "排序：按发布日期 | <strong>按截止日期</strong>" in re.sub(r'<a href="[^"]*">', "", html).replace("</a>", "")


def test_sort_control_says_date_for_an_empty_query(client, indexed):
    html = client.get("/search/").content.decode()
    sort = re.search(r'<p class="sort">(.*?)</p>', html).group(1)
    assert "<strong>按发布日期</strong>" in sort and "相关度" not in sort and "按截止日期</a>" in sort
    with_text = re.search(r'<p class="sort">(.*?)</p>', client.get("/search/", {"q": "企业"}).content.decode()).group(1)
    assert "<strong>按相关度</strong>" in with_text and "按发布日期</a>" in with_text


def test_api_and_feed_carry_the_window(client, indexed):
    data = client.get("/api/search/", {"type": "measure", "sort": "deadline"}).json()
    assert data["sort"] == "deadline"
    first = data["results"][0]
    assert first["title"] == "小微企业房租补贴" and first["window_closes"] == "2024-06-10"
    assert first["badges"][0]["text"] == "即将截止 · 截止 2024-06-10"
    feed = feedparser.parse(client.get("/search/feed/", {"type": "measure"}).content)
    summaries = {e.title: e.summary for e in feed.entries}
    assert "常年受理" in summaries["上规入统奖励"] and "未开始 · 07-01 起" in summaries["技能提升补贴"]
