"""search/ learns types and facets from each app's documents.py: a content
app that exists only in tests (tests/searchapp) shows up in /api/search/,
with its type and its own facet, on both engines, without an edit under
search/. And the date rules (有效性, 申报状态) give the same answer on the
policy pages, in the embedded engine and in Elasticsearch on a fixed day."""

import datetime as dt

import pytest
import time_machine

from policies import validity, windows
from policies.documents import FACETS as POLICY_FACETS
from search import service
from search.documents import SearchDocument
from search.query import parse

from .search_support import ENGINES, es_index, index_documents, refdata  # noqa: F401

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 3, 10)


@pytest.fixture(params=ENGINES)
def engine(request, refdata):  # noqa: F811
    if request.param == "elasticsearch":
        request.getfixturevalue("es_index")
    return request.param


def test_a_test_only_content_app_appears_in_search_and_facets(engine, client):
    from search.indexing import all_documents

    from .searchapp.models import Bulletin

    # Saving is enough for the embedded index: search connected the app's model.
    Bulletin.objects.create(title="城东片区停水通知", body="因管网改造，城东片区周六停水。", kind="outage")
    Bulletin.objects.create(title="端午节放假通知", body="端午节放假三天。")
    if engine == "elasticsearch":
        index_documents(engine, [doc for _key, doc in all_documents() if doc.type == "bulletin"])
    result = service.search(parse({"q": "停水", "type": "bulletin"}), engine=engine)
    assert result.engine == engine
    assert [(h.title, h.type_label) for h in result.hits] == [("城东片区停水通知", "公告栏")]
    facets = {f.name: f for f in result.facets}
    assert [(v.value, v.label, v.count) for v in facets["type"].values] == [("bulletin", "公告栏", 1)]
    assert facets["kind"].label == "公告类别"
    assert [(v.label, v.count) for v in facets["kind"].values] == [("停水停电", 1)]
    assert [h.title for h in service.search(parse({"kind": "notice"}), engine=engine).hits] == ["端午节放假通知"]
    # The public API validates the app's facet values like any other.
    assert client.get("/api/search/", {"kind": "outage"}).status_code == 200
    bad = client.get("/api/search/", {"kind": "nonsense"})
    assert bad.status_code == 400 and "kind" in bad.content.decode()


# --- one rule, three readers -------------------------------------------------

D = dt.timedelta
VALIDITY_CASES = {
    validity.VALID: dict(effective=DAY - D(30)),
    validity.PENDING: dict(effective=DAY + D(1)),
    validity.EXPIRED: dict(effective=DAY - D(400), expiry=DAY - D(1)),
    validity.REPEALED: dict(repealed=DAY, expiry=DAY - D(5)),
    validity.REVISED: dict(revised=DAY - D(2)),
}
# Each boundary day on both sides: the rule's edges are where copies drift.
WINDOW_CASES = {
    "closes-today": (windows.CLOSING, dict(window_opens=DAY - D(10), window_closes=DAY)),
    "closed-yesterday": (windows.CLOSED, dict(window_opens=DAY - D(10), window_closes=DAY - D(1))),
    "opens-tomorrow": (windows.UPCOMING, dict(window_opens=DAY + D(1), window_closes=DAY + D(30))),
    "opens-today": (windows.OPEN, dict(window_opens=DAY, window_closes=DAY + D(15))),
    "closing-edge": (windows.CLOSING, dict(window_opens=DAY - D(1), window_closes=DAY + D(windows.CLOSING_SOON_DAYS))),
    "rolling": (windows.OPEN, dict(window_opens=DAY - D(3))),
}


def _docs():
    docs = [SearchDocument(id=f"policy:{key}", type="policy", title=f"有效性{key}", url=f"/v/{key}/", **dates)
            for key, dates in VALIDITY_CASES.items()]
    docs += [SearchDocument(id=f"measure:{key}", type="measure", title=f"窗口{key}", url=f"/w/{key}/", **dates)
             for key, (_status, dates) in WINDOW_CASES.items()]
    docs.append(SearchDocument(id="power_item:x", type="power_item", title="无日期事项", url="/p/x/"))
    return docs


def _facet_of(engine, facet, doc_id):
    """The value the engine puts a document under, read from its facet filter."""
    found = []
    for value in dict(next(f for f in POLICY_FACETS if f.name == facet).rule.labels):
        result = service.search(parse({facet: value, "page_size": "100"}), engine=engine, today=DAY)
        if doc_id in {h.id for h in result.hits}:
            found.append(value)
    return found


def test_validity_and_window_status_agree_on_pages_and_both_engines(engine):
    index_documents(engine, _docs())
    for key, dates in VALIDITY_CASES.items():
        assert validity.validity(today=DAY, **dates) == key  # what a policy page shows
        assert _facet_of(engine, "validity", f"policy:{key}") == [key]
    for key, (status, dates) in WINDOW_CASES.items():
        assert windows.window_status(today=DAY, opens=dates.get("window_opens"), closes=dates.get("window_closes")) == status
        assert _facet_of(engine, "status", f"measure:{key}") == [status], key
    # No rule applies to a power item: it is under no validity and no status.
    assert _facet_of(engine, "validity", "power_item:x") == []
    assert _facet_of(engine, "status", "power_item:x") == []


def test_policy_page_and_search_read_the_same_day(engine, client):
    """A real policy through the page and the engine on one frozen day (the
    district's day, whatever the server's time zone)."""
    from policies.models import PolicyPage

    from .policy_helpers import department, make_policy, site_with_library

    library, _jiedu = site_with_library()
    office = department("scjgj", "南川区市场监督管理局", "009256079")
    policy = make_policy(library, "frozen-day", [office], title="冻结日测试政策",
                         effective_date=DAY - D(10), expiry_date=DAY - D(1))
    index_documents(engine, policy_documents(policy))
    # 23:30 UTC on the 9th is already the 10th in the district (Asia/Shanghai).
    with time_machine.travel(dt.datetime(2026, 3, 9, 23, 30, tzinfo=dt.timezone.utc), tick=False):
        page = PolicyPage.objects.get(pk=policy.pk)
        assert page.validity_label == "失效"
        html = client.get(page.url).content.decode()
        assert "失效" in html
        result = service.search(parse({"q": "冻结日测试政策", "validity": "expired"}), engine=engine)
        assert [h.title for h in result.hits] == ["冻结日测试政策"]


def policy_documents(policy):
    from policies.documents import policy_documents as to_documents

    return to_documents(policy)
