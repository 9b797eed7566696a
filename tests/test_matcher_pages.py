"""政策计算器 page, JSON API and Atom feed on PostgreSQL, on a frozen day."""

import datetime as dt
import re

import feedparser
import pytest
import time_machine

from .matcher_helpers import CANONICAL, FIRM, TODAY, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    with time_machine.travel(dt.datetime.combine(TODAY, dt.time(10)), tick=False):
        yield build_world()


def _text(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def _section(html, heading_id):
    start = html.index(f'id="{heading_id}"')
    end = html.find("</section>", start)
    return html[start:end]


def test_page_lists_matches_in_window_order_with_reasons(world, client):
    response = client.get(f"/jisuanqi/?{FIRM}")
    assert response.status_code == 200
    html = response.content.decode()
    results = re.sub(r"<[^>]+>", " ", _section(html, "results-heading"))
    titles = re.findall(r'<h3 class="result__title"><a href="/huiqi/\d+/">([^<]+)</a>', _section(html, "results-heading"))
    # 申报中 → 即将截止 → 未开始 → 常年受理; closed, expired, draft, other-region never.
    assert titles == ["技术改造补助", "贷款贴息", "上云用数补助", "专精特新认定奖励"]
    assert "符合：小型企业；符合：制造业" in results
    assert "符合：小型企业；符合：专精特新中小企业" in results
    assert re.search(r'专精特新认定奖励</a>\s*<strong class="tag tag--automatic">免申即享</strong>', html)
    for absent in ["以工代训补贴", "旧办法补助", "草稿补助", "民宿补助"]:
        assert absent not in html
    near = re.sub(r"<[^>]+>", " ", _section(html, "near-heading"))
    assert "高新技术企业奖励" in near and "需要：高新技术企业认定" in near
    # Registered 2018: too old for a measure limited to firms under 3 years — a hard gap, not a near miss.
    assert "标准厂房租金减免" not in html


def test_page_announces_feed_and_subscription_for_the_profile(world, client):
    html = client.get(f"/jisuanqi/?qual=zhuan-jing-te-xin-zhong-xiao-qi-ye&{FIRM}&utm=x").content.decode()
    canonical = CANONICAL.replace("&", "&amp;")
    assert f'<link rel="alternate" type="application/atom+xml" title="政策计算器：' in html
    assert f'href="/jisuanqi/feed/?{canonical}"' in html
    assert 'action="/dingyue/"' in html and 'name="csrfmiddlewaretoken"' in html
    assert f'name="query" value="{canonical}"' in html


def test_empty_page_shows_only_the_form(world, client):
    response = client.get("/jisuanqi/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<label for="id_industry">' in html and 'id="results-heading"' not in html
    assert '<a href="/jisuanqi/">政策计算器</a>' in html  # main navigation


@pytest.mark.parametrize(
    "query, field, message",
    [
        ("industry=C&scale=small&headcount=-5", "headcount", "从业人数不能为负数。"),
        ("industry=C&scale=small&founded=2999", "founded", "成立年份不能晚于今年（2025年）。"),
        ("industry=Z&scale=small", "industry", "未知的行业门类代码：Z。"),
        ("industry=C&scale=small&region=atlantis", "region", "未知的镇街：atlantis。"),
        ("industry=C&scale=small&qual=nobel", "qual", "未知的企业资质：nobel。"),
        ("industry=C", "scale", "请选择企业规模，或填写从业人数和营业收入以便自动测算。"),
        ("scale=small&headcount=3", "industry", "请选择行业门类代码。"),
        ("industry=C&scale=large&headcount=15&revenue=200", "scale", "按所填从业人数和营业收入测算为微型企业，与所选“大型企业”不符。"),
        ("industry=F&headcount=15&revenue=200", "sector", "该行业门类包含多个划型标准（批发业、零售业），请选择具体行业以便测算企业规模。"),
        ("industry=C&sector=retail&headcount=15&revenue=200", "sector", "划型行业“零售业”不属于所选行业门类“制造业”。"),
        ("industry=C&headcount=15", "revenue", "按该行业的划型标准需要填写营业收入。"),
        # Digits of other scripts: Python's int() and Decimal() would read them.
        ("industry=C&scale=small&founded=20٢٥", "founded", "成立年份请用半角阿拉伯数字（0-9）填写。"),
        ("industry=C&scale=small&headcount=８０", "headcount", "从业人数请用半角阿拉伯数字（0-9）填写。"),
        ("industry=C&scale=small&revenue=３０００.５", "revenue", "营业收入请用半角阿拉伯数字（0-9）填写。"),
        ("industry=F&sector=wholesale&headcount=5&revenue=100&assets=১০", "assets", "资产总额请用半角阿拉伯数字（0-9）填写。"),
    ],
)
def test_bad_profiles_get_field_errors_in_chinese_not_empty_results(world, client, query, field, message):
    page = client.get(f"/jisuanqi/?{query}")
    assert page.status_code == 400
    html = page.content.decode()
    assert f'<p class="error-message" id="err-{field}">{message}</p>' in html
    assert f'<a href="#id_{field}{"_1" if field == "qual" else ""}">' in html  # the error summary links to the field
    assert 'id="results-heading"' not in html
    api = client.get(f"/api/matcher/?{query}")
    assert api.status_code == 400
    assert api.json()["error"]["errors"][field] == [message]


def test_api_returns_ordered_matches_near_misses_and_canonical_query(world, client):
    m = world["measures"]
    response = client.get(f"/api/matcher/?{FIRM}")
    assert response.status_code == 200
    body = response.json()
    assert [x["id"] for x in body["matches"]] == [m["open"].pk, m["closing"].pk, m["upcoming"].pk, m["automatic"].pk]
    assert [x["group_label"] for x in body["matches"]] == ["申报中", "即将截止", "未开始", "常年受理"]
    first = body["matches"][0]
    assert first["reasons"] == ["符合：小型企业", "符合：制造业"] and first["missing"] == []
    assert first["url"] == f"/huiqi/{m['open'].pk}/"
    assert first["policy"]["document_number"] == "南川经信发〔2025〕8号"
    assert body["matches"][3]["automatic"] is True and body["matches"][3]["delivery_mode_label"] == "免申即享"
    assert [(x["title"], x["missing"]) for x in body["near_misses"]] == [("高新技术企业奖励", ["需要：高新技术企业认定"])]
    assert body["query"] == CANONICAL
    assert body["profile"]["summary"] == "小型企业，制造业，东城街道，专精特新中小企业，2018年成立，80人，营业收入3000万元"


def test_api_rejects_unknown_parameters(world, client):
    response = client.get(f"/api/matcher/?{FIRM}&size=big")
    assert response.status_code == 400
    error = response.json()["error"]
    assert (error["code"], error["parameter"]) == ("unknown_parameter", "size")
    assert error["message"].startswith("未知参数：size。")


def test_scale_is_derived_from_headcount_and_revenue(world, client):
    body = client.get("/api/matcher/?industry=C&headcount=80&revenue=3000&region=dong-cheng-jie-dao").json()
    assert body["profile"]["scale"] == "small" and body["profile"]["scale_derived"] is True
    assert body["query"] == "industry=C&region=dong-cheng-jie-dao&headcount=80&revenue=3000"
    assert "技术改造补助" in [x["title"] for x in body["matches"]]
    retail = client.get("/api/matcher/?industry=F&sector=retail&headcount=8&revenue=90").json()
    assert retail["profile"]["scale"] == "micro"


def test_profile_feed_is_valid_atom_with_the_matches(world, client):
    response = client.get(f"/jisuanqi/feed/?{FIRM}")
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    assert feed.feed.title.endswith("政策计算器：小型企业，制造业，东城街道，专精特新中小企业，2018年成立，80人，营业收入3000万元")
    titles = {e.title for e in feed.entries}
    assert titles == {"技术改造补助（申报中）", "贷款贴息（即将截止）", "上云用数补助（未开始）", "【免申即享】专精特新认定奖励（申报中）"}
    link = next(e.link for e in feed.entries if e.title.startswith("技术改造补助"))
    assert link == f"http://testserver/huiqi/{world['measures']['open'].pk}/"


def test_profile_feed_with_a_bad_profile_is_a_400_in_chinese(world, client):
    response = client.get("/jisuanqi/feed/?industry=Z&scale=small")
    assert response.status_code == 400
    assert "未知的行业门类代码：Z。" in response.content.decode()


def test_openapi_fragment_references_resolve(db):
    import json
    import re as _re

    from matcher.openapi import openapi
    from matcher.params import ProfileParams

    fragment = openapi()
    refs = set(_re.findall(r'"#/components/schemas/(\w+)"', json.dumps(fragment)))
    assert refs and refs - {"Error"} <= set(fragment["schemas"])
    params = fragment["paths"]["/api/matcher/"]["get"]["parameters"]
    assert {p["name"] for p in params} == {"industry", "scale", "sector", "region", "qual", "founded", "headcount", "revenue", "assets"}
    assert [p["name"] for p in params] == ProfileParams.names()
