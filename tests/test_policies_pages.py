"""Public pages of policies/ on PostgreSQL: what a visitor sees on a given day."""

import datetime as dt
import io
import json
import re

import feedparser
import pytest
import time_machine
from django.core.management import call_command

from policies.documents import SOURCES
from policies.models import PolicyChange, PolicyPage
from search.documents import all_sources

from .policy_helpers import department, make_policy, site_with_library

pytestmark = pytest.mark.django_db
FROZEN = dt.datetime(2024, 6, 15, 10, 0)


@pytest.fixture
def world():
    library, jiedu = site_with_library()
    jxw = department("jxw", "南川区经济和信息化委员会", "009256036", 20)
    czj = department("czj", "南川区财政局", "009256052", 40)
    return library, jxw, czj


def _text(response):
    return _text_of(response.content.decode())


def _text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def test_policy_page_shows_metadata_measures_and_status_on_a_frozen_day(world, client):
    library, jxw, czj = world
    page = make_policy(
        library, "zjtx", [czj, jxw], title="南川区支持专精特新中小企业高质量发展若干措施", number="南川经信发[2024]18号",
        written=dt.date(2024, 1, 10), effective_date=dt.date(2024, 2, 1), expiry_date=dt.date(2026, 1, 31),
        measures=[
            dict(title="技改补助", window_opens=dt.date(2024, 6, 1), window_closes=dt.date(2024, 6, 20), amount_cap=200, scales=["small"]),
            dict(title="入统奖励", window_opens=dt.date(2024, 7, 1), window_closes=dt.date(2024, 8, 1)),
            dict(title="老补助", window_opens=dt.date(2024, 3, 1), window_closes=dt.date(2024, 4, 1)),
            dict(title="长期贴息"),
        ],
    )
    # Index number from the first office in department order, year of writing.
    assert page.index_number == "009256036/2024-00001"
    assert page.document_number == "南川经信发〔2024〕18号"
    with time_machine.travel(FROZEN, tick=False):
        response = client.get("/zhengce/zjtx/")
    assert response.status_code == 200
    text = _text(response)
    for expected in ("索引号 009256036/2024-00001", "发文机关 南川区经济和信息化委员会、南川区财政局", "发文字号 南川经信发〔2024〕18号",
                     "成文日期 2024-01-10", "有效性 有效", "最高 200 万元", "企业规模：小型企业", "适用区域：全区"):
        assert expected in text, expected
    statuses = re.findall(r'<h3 id="measure-\d+-title">(\S+)</h3>\s*<p class="measure-window">(.*?)</p>', response.content.decode())
    assert [(title, _text_of(window)) for title, window in statuses] == [
        ("技改补助", "即将截止 截止 2024-06-20"), ("入统奖励", "未开始 07-01 起"), ("老补助", "已截止 2024-04-01 截止"), ("长期贴息", "常年受理")]
    assert "validity-banner" not in response.content.decode()
    # The measure's stable address lands on its anchor.
    measure = page.measures.get(title="入统奖励")
    redirect = client.get(f"/huiqi/{measure.pk}/")
    assert redirect.status_code == 302 and redirect["Location"] == f"/zhengce/zjtx/#measure-{measure.pk}"


def test_repealed_revised_and_expired_policies_show_a_banner_linking_the_successor(world, client):
    library, jxw, czj = world
    old = make_policy(library, "old", [jxw], title="南川区人才引进暂行办法", number="南川人社发〔2019〕12号", written=dt.date(2019, 3, 1))
    revised = make_policy(library, "rev-old", [jxw], title="上规入统奖励办法", written=dt.date(2021, 3, 1))
    expired = make_policy(library, "exp", [jxw], title="过期办法", written=dt.date(2020, 1, 1), expiry_date=dt.date(2024, 6, 14))
    repeal = PolicyPage(title="关于废止人才引进暂行办法的决定", slug="repeal", written_date=dt.date(2024, 5, 20),
                        published_date=dt.date(2024, 5, 25), effective_date=dt.date(2024, 6, 1), topic=old.topic, genre="decision",
                        document_number="南川人社发〔2024〕54号")
    repeal.issuing_offices.set([jxw])
    repeal.changes.add(PolicyChange(old_policy=old, kind="repeal"))
    repeal.changes.add(PolicyChange(old_policy=revised, kind="revise"))
    library.add_child(instance=repeal)

    with time_machine.travel(FROZEN, tick=False):
        html = client.get("/zhengce/old/").content.decode()
        assert "本文件已废止" in html and 'href="/zhengce/repeal/"' in html and "自 2024-06-01 起废止" in html
        assert "本文件已修订" in client.get("/zhengce/rev-old/").content.decode()
        assert "本文件已失效" in client.get("/zhengce/exp/").content.decode()
        assert old.validity_label == "废止" and expired.validity_label == "失效"
        listing = _text(client.get("/zhengce/?validity=repealed"))
        assert "南川区人才引进暂行办法" in listing and "过期办法" not in listing
    # Before the repeal took effect the old policy was still in force.
    with time_machine.travel(dt.datetime(2024, 5, 30, 10), tick=False):
        assert old.validity_label == "有效"
        assert "validity-banner" not in client.get("/zhengce/old/").content.decode()
    # An unpublished repealing document does not repeal anything.
    repeal.unpublish()
    with time_machine.travel(FROZEN, tick=False):
        assert PolicyPage.objects.get(pk=old.pk).validity_label == "有效"


def test_unknown_policy_and_measure_are_404_pages(world, client):
    for url in ("/zhengce/no-such-policy/", "/huiqi/999999/", "/zhengce/feed/department/nobody/", "/zhengce/feed/topic/nothing/"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "页面不存在" in response.content.decode()


def test_malformed_body_never_lets_a_script_through(world, client, tmp_path):
    # Raw HTML bodies arrive through the importer, which cleans them; editor
    # bodies through Wagtail's rich-text features (tests/test_policies_admin.py).
    record = dict(title="脏正文", issuing_office="南川区财政局", document_number="南川财发〔2024〕77号",
                  topic=["财政、金融、审计", "财政"], written_date="2024-03-01", publish_date="2024-03-05",
                  body_html='<p onmouseover="steal()">正文<script>alert("x")</script><img src=x onerror=alert(1)><table><tr><td>未闭合')
    path = tmp_path / "dirty.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    call_command("import_policies", str(path), stdout=io.StringIO())
    response = client.get(PolicyPage.objects.get(document_number="南川财发〔2024〕77号").url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "alert(" not in html and "steal()" not in html and "onerror" not in html
    assert "正文" in html and "<td>未闭合</td>" in html


def test_print_view_and_feeds_announced(world, client):
    library, jxw, _ = world
    make_policy(library, "p1", [jxw], title="南川区数字经济发展扶持办法", number="南川经信发〔2024〕6号")
    html = client.get("/zhengce/p1/print/").content.decode()
    assert "南川区数字经济发展扶持办法" in html and "site-header" not in html and "打印日期" in html
    page_html = client.get("/zhengce/p1/").content.decode()
    links = re.findall(r'<link rel="alternate" type="application/atom\+xml"[^>]*href="([^"]+)"', page_html)
    assert "/zhengce/feed/" in links and "/zhengce/feed/department/jxw/" in links
    assert any(l.startswith("/zhengce/feed/topic/") for l in links)


def test_atom_feeds_parse_and_filter(world, client):
    library, jxw, czj = world
    make_policy(library, "a", [jxw], title="经信委文件", number="南川经信发〔2024〕1号", published_date=dt.date(2024, 3, 5))
    make_policy(library, "b", [czj], title="财政局文件", number="南川财发〔2024〕2号", published_date=dt.date(2024, 3, 6))
    make_policy(library, "c", [jxw, czj], title="联合文件", number="南川经信发〔2024〕3号", published_date=dt.date(2024, 3, 7))
    make_policy(library, "draft", [jxw], title="草稿文件", live=False)

    feed = feedparser.parse(client.get("/zhengce/feed/").content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    assert [e.title for e in feed.entries] == ["联合文件（南川经信发〔2024〕3号）", "财政局文件（南川财发〔2024〕2号）", "经信委文件（南川经信发〔2024〕1号）"]
    assert feed.entries[0].link == "http://testserver/zhengce/c/"
    assert feed.entries[0].published.startswith("2024-03-07")

    dept = feedparser.parse(client.get("/zhengce/feed/department/czj/").content)
    assert not dept.bozo and {e.title.split("（")[0] for e in dept.entries} == {"财政局文件", "联合文件"}
    topic_slug = PolicyPage.objects.get(slug="a").topic.parent.slug
    by_topic = feedparser.parse(client.get(f"/zhengce/feed/topic/{topic_slug}/").content)
    assert not by_topic.bozo and len(by_topic.entries) == 3


def test_scheduled_page_goes_live_when_the_scheduler_runs(world, client):
    library, jxw, _ = world
    page = make_policy(library, "sched", [jxw], title="定时发布的政策", live=False)
    go_live = dt.datetime(2024, 6, 15, 9, 0, tzinfo=dt.timezone.utc)
    page.go_live_at = go_live
    with time_machine.travel(dt.datetime(2024, 6, 14, 9, 0, tzinfo=dt.timezone.utc), tick=False):
        page.save_revision().publish()  # scheduled: not live yet
    page.refresh_from_db()
    assert not page.live and client.get("/zhengce/sched/").status_code == 404
    with time_machine.travel(dt.datetime(2024, 6, 15, 10, 0, tzinfo=dt.timezone.utc), tick=False):
        call_command("publish_scheduled", stdout=open("/dev/null", "w"))
    page.refresh_from_db()
    assert page.live
    assert client.get("/zhengce/sched/").status_code == 200


def test_search_documents_for_policy_measures_and_interpretation(world):
    library, jxw, czj = world
    from policies.models import PolicyInterpretationPage

    _, jiedu = site_with_library()
    page = make_policy(
        library, "doc", [jxw, czj], title="专精特新措施", number="南川经信发〔2024〕18号", summary="摘要",
        body="<p>正文<b>内容</b></p>", effective_date=dt.date(2024, 3, 10), expiry_date=dt.date(2026, 1, 1),
        measures=[dict(title="技改补助", scales=["small", "micro"], industries=["C"], window_opens=dt.date(2024, 4, 1), window_closes=dt.date(2024, 9, 1))],
    )
    make_policy(library, "hidden", [jxw], live=False)
    jiedu.add_child(instance=PolicyInterpretationPage(title="解读专精特新", slug="j1", policy=page, kind="text", live=True, body="<p>解读</p>"))

    assert any(s.model is PolicyPage for s in all_sources())
    policy_source, interp_source = SOURCES
    assert {p.slug for p in policy_source.queryset()} == {"doc"}
    docs = policy_source.to_documents(page)
    policy_doc, measure_doc = docs
    assert policy_doc.id == f"policy:{page.pk}" and policy_doc.type == "policy" and policy_doc.url == "/zhengce/doc/"
    assert policy_doc.body == "正文内容" and policy_doc.document_number == "南川经信发〔2024〕18号"
    assert policy_doc.departments == ["jxw", "czj"] and len(policy_doc.topics) == 2
    assert policy_doc.effective == dt.date(2024, 3, 10) and policy_doc.expiry == dt.date(2026, 1, 1)
    assert measure_doc.type == "measure" and measure_doc.url.startswith("/zhengce/doc/#measure-")
    assert measure_doc.scales == ["small", "micro"] and measure_doc.industries == ["C"] and measure_doc.window_closes == dt.date(2024, 9, 1)
    [interp] = [interp_source.to_documents(p) for p in interp_source.queryset()]
    assert interp[0].type == "interpretation" and interp[0].url == "/jiedu/j1/" and interp[0].departments == ["jxw", "czj"]


def test_demo_shows_every_status_today_and_is_idempotent(demo, client):
    from policies.models import PolicyInterpretationPage, SupportMeasure

    assert PolicyPage.objects.filter(level="district").count() >= 60
    assert set(PolicyPage.objects.values_list("level", flat=True)) == {"district", "municipal", "national"}
    assert PolicyPage.objects.filter(level="national").count() == 60
    assert PolicyInterpretationPage.objects.count() >= 20
    assert SupportMeasure.objects.count() >= 40
    assert {m.status_label for m in SupportMeasure.objects.all()} == {"申报中", "即将截止", "未开始", "已截止"}
    assert {"有效", "失效", "废止", "已修订"} <= {p.validity_label for p in PolicyPage.objects.all()}
    before = PolicyPage.objects.count()
    call_command("load_demo", stdout=open("/dev/null", "w"))
    assert PolicyPage.objects.count() == before

    home = client.get("/")
    html = home.content.decode()
    assert 'href="/zhengce/feed/"' in html and "最新政策文件" in html and "申报中的惠企事项" in html
    for url in ("/zhengce/", "/jiedu/", "/huiqi/", "/huiqi/?status=closing", "/zhengce/?department=jxw"):
        assert client.get(url).status_code == 200, url
    shown = re.findall(r'<span class="status-badge status-badge--\w+">(\S+)</span>', client.get("/huiqi/?status=closing").content.decode())
    assert shown and set(shown) == {"即将截止"}


def test_department_lists_group_offices_outside_the_district_under_their_level(demo, client):
    # The home page and the library sidebar list the district's departments
    # first; 国务院 and 中央军委 come under 中央和国家机关, not among them (issue 13).
    for url, anchor in (("/", 'id="home-dept"'), ("/zhengce/", 'id="dept-heading"')):
        html = client.get(url).content.decode()
        section = html[html.index(anchor):]
        text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", section[:section.index("</section>")]))
        district, municipal, national = (text.index(h) for h in ("区级部门", "市级部门", "中央和国家机关"))
        assert district < text.index("区财政局") < municipal < text.index("市政府办公厅") < national
        assert national < text.index("国务院办公厅") and national < text.index("中央军委")
