"""惠民 on the demo district: the citizen measures it ships, the business
measures' real conditions, the /huimin/ listing beside /huiqi/, the home page
entry, and what citizens type into search, on both engines."""

import re
from collections import Counter

import pytest

from policies.listings import live_measures
from policies.models import SupportMeasure
from portal.models import Qualification
from portal.taxonomies import LIFE_EVENTS
from search import service
from search.engines import elasticsearch as es_engine
from search.indexing import all_documents
from search.query import parse

from .search_support import ENGINES, es_index  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def _citizen_measures():
    return [m for m in live_measures() if m.audience in ("person", "both")]


def test_demo_has_citizen_measures_with_a_guide_for_every_life_event(demo):
    measures = _citizen_measures()
    assert len(measures) >= 40
    events = Counter(e for m in measures for e in m.life_events)
    assert set(events) == {key for key, _ in LIFE_EVENTS} and min(events.values()) >= 3
    for m in measures:
        assert m.search_aliases and m.contact and m.how_to_apply, m.title
        assert m.apply_url.startswith("https://"), m.title
        assert m.materials or m.delivery_mode == "automatic", m.title
    by_title = {m.title: m for m in measures}
    elderly = by_title["高龄津贴"]
    assert (elderly.min_age, elderly.residence, elderly.delivery_mode) == (80, "hukou", "automatic")
    assert by_title["重度残疾人护理补贴"].disability_grades == ["1", "2"]
    assert by_title["城乡最低生活保障"].max_income_per_head == 780
    assert by_title["就业见习补贴"].graduate_within_years == 2
    assert by_title["育儿补贴"].min_children == 1
    assert by_title["失业保险金"].employment == ["unemployed"] and "缴纳失业保险费满1年" in by_title["失业保险金"].other_conditions


def test_business_demo_measures_state_their_real_conditions(demo, client):
    trade = SupportMeasure.objects.get(title="限额以上商贸企业入统奖励")
    assert trade.min_revenue == 200 and "individual" not in trade.scales
    assert "住宿和餐饮业200万元以上" in trade.other_conditions
    standard = SupportMeasure.objects.get(title="主导制定标准奖励")
    assert "individual" not in standard.scales and "主导制定" in standard.other_conditions
    lead_days = dict(Qualification.objects.values_list("name", "lead_days"))
    assert lead_days["高新技术企业"] == 180 and lead_days["专精特新中小企业"] == 120 and all(lead_days.values())
    # A 2-person catering 个体户 is not told it meets them.
    body = client.get("/api/matcher/?industry=H&scale=individual&headcount=2&revenue=30").json()
    matched = {m["title"] for m in body["matches"]}
    assert not matched & {"限额以上商贸企业入统奖励", "主导制定标准奖励"}


def _main(html):
    return html[html.index('id="list-heading"'):html.index('class="policy-aside')]


def _rows(html):
    return re.findall(r'<a href="/huiqi/\d+/">([^<]+)</a>', _main(html))


def _facet(html, name):
    """label -> (count, link or None) of one facet of the sidebar."""
    section = re.search(rf'<section class="facet" id="facet-{name}".*?</section>', html, re.S).group(0)
    out = {}
    for item in re.findall(r"<li>(.*?)</li>", section, re.S):
        label = re.sub(r"<[^>]+>| ×", "", item.rsplit('<span class="count">', 1)[0]).strip()
        link = re.search(r'href="([^"]+)"', item)
        out[label] = (int(re.search(r'<span class="count">(\d+)</span>', item).group(1)), link and link.group(1).replace("&amp;", "&"))
    return out


def test_huimin_lists_citizen_measures_with_counts_by_life_event(demo, client):
    measures = _citizen_measures()
    html = client.get("/huimin/").content.decode()
    assert "<h1>惠民政策</h1>" in html and f"惠民事项（共 {len(measures)} 项）" in html
    events = _facet(html, "event")
    assert list(events) == [label for _, label in LIFE_EVENTS]
    for key, label in LIFE_EVENTS:
        assert events[label][0] == sum(key in m.life_events for m in measures), label
    assert sum(count for count, _ in _facet(html, "status").values()) == len(measures)

    # 养老 narrows the list; the other events keep their counts, the status
    # and department counts follow the choice.
    assert events["养老"][1] == "?event=elderly"
    html = client.get("/huimin/?event=elderly").content.decode()
    elderly = [m for m in measures if "elderly" in m.life_events]
    assert sorted(_rows(html)) == sorted(m.title for m in elderly)
    assert {"高龄津贴", "城乡居民基础养老金"} <= set(_rows(html)) and "一次性创业补贴" not in _rows(html)
    after = _facet(html, "event")
    assert after["就业创业"][0] == events["就业创业"][0] and after["养老"][1] == "?"
    assert sum(count for count, _ in _facet(html, "status").values()) == len(elderly)
    civil_affairs = sum(any(d.slug == "mzj" for d in m.page.issuing_offices.all()) for m in elderly)
    assert _facet(html, "department")["南川区民政局"] == (civil_affairs, "?event=elderly&department=mzj")

    html = client.get("/huimin/?event=elderly&department=mzj&status=open").content.decode()
    assert "高龄津贴" in _rows(html) and "城乡居民基础养老金" not in _rows(html)
    # The filter form keeps the chosen life event.
    assert '<input type="hidden" name="event" value="elderly">' in html


def test_huiqi_keeps_enterprise_measures_and_those_for_both(demo, client):
    html = client.get("/huiqi/").content.decode()
    expected = [m for m in live_measures() if m.audience in ("enterprise", "both")]
    assert f"惠企事项（共 {len(expected)} 项）" in html
    rows = _rows(html) + _rows(client.get("/huiqi/?page=2").content.decode()) + _rows(client.get("/huiqi/?page=3").content.decode())
    assert "个人创业担保贷款" in rows and "高龄津贴" not in rows and "专精特新企业贷款贴息" in rows
    assert "facet-event" not in html
    # The life event belongs to /huimin/; a bad value is a clear 400.
    assert client.get("/huiqi/?event=elderly").status_code == 400
    response = client.get("/huimin/?event=nope")
    assert response.status_code == 400 and "参数 event 的取值“nope”无效（人生事件中没有这一项）" in response.content.decode()


def test_home_and_navigation_lead_to_huimin(demo, client):
    html = client.get("/").content.decode()
    assert '<a class="card__title" href="/huimin/">惠民政策</a>' in html
    assert '<li><a href="/huimin/">惠民政策</a></li>' in html
    section = html[html.index('id="home-huimin"'):]
    section = section[:section.index("</section>")]
    listed = re.findall(r'<a href="/huiqi/\d+/">([^<]+)</a>', section)
    audiences = {m.title: m.audience for m in live_measures()}
    assert len(listed) == 8 and all(audiences[t] in ("person", "both") for t in listed)
    business = html[html.index('id="home-open"'):]
    business = business[:business.index("</section>")]
    assert all(audiences[t] in ("enterprise", "both") for t in re.findall(r'<a href="/huiqi/\d+/">([^<]+)</a>', business))


# --- search -----------------------------------------------------------------

# What citizens type, and a measure the first five results must hold (ten for
# a query of two common words).
CITIZEN_SEARCHES = [
    ("养老金", "城乡居民基础养老金"),
    ("高龄津贴", "高龄津贴"),
    ("高龄补贴", "高龄津贴"),
    ("租房补贴", "城镇低收入住房困难家庭租赁补贴"),
    ("租房补贴", "新就业高校毕业生租房补贴"),
    ("缓缴社保", "个体工商户和灵活就业人员阶段性缓缴养老保险费"),
    ("大学生 就业", "就业见习补贴", 10),
    ("大学生 就业", "高校毕业生求职创业补贴", 10),
    ("廉租房", "公共租赁住房配租"),
    ("低保", "城乡最低生活保障"),
    ("失业金", "失业保险金"),
]


@pytest.fixture(params=ENGINES)
def demo_engine(request, demo):
    """The demo district in one engine: the embedded index load_demo wrote,
    or a fresh Elasticsearch index holding the same documents."""
    if request.param == "elasticsearch":
        request.getfixturevalue("es_index")
        es_engine.apply(list(all_documents()), [], refresh=True)
    return request.param


def _search(engine, **params):
    return service.search(parse(params), engine=engine, with_suggestion=False)


def test_citizen_words_find_citizen_measures(demo_engine):
    missing = []
    for q, title, *depth in CITIZEN_SEARCHES:
        top = [h.title for h in _search(demo_engine, q=q).hits[: depth[0] if depth else 5]]
        if title not in top:
            missing.append((q, title, top))
    assert not missing


def test_search_filters_huimin_and_by_life_event(demo_engine):
    measures = {m.title: m for m in live_measures()}
    result = _search(demo_engine, q="补贴", type="measure", audience="person")
    assert result.total and all(measures[h.title].audience in ("person", "both") for h in result.hits)
    counts = {f.name: {v.value: v.count for v in f.values} for f in result.facets}
    assert counts["audience"]["enterprise"] and counts["audience"]["person"] == result.total

    result = _search(demo_engine, type="measure", life_event="elderly")
    assert result.total == sum("elderly" in m.life_events for m in measures.values())
    assert "高龄津贴" in {h.title for h in _search(demo_engine, type="measure", life_event="elderly", page_size=50).hits}
    counts = {f.name: {v.value: v.count for v in f.values} for f in result.facets}
    assert counts["life_event"]["veteran"] == sum("veteran" in m.life_events for m in measures.values())

    # 惠企 keeps measures for both audiences and drops those for persons only.
    titles = {h.title for h in _search(demo_engine, q="创业担保贷款", audience="enterprise").hits}
    assert "个人创业担保贷款" in titles and "退役军人创业担保贷款贴息" not in titles
