"""How a measure is shown (PostgreSQL): its window on /huiqi/ with the
截止日期 sort, its 申报入口 and 办事指南 on the policy page, attachments with
type and size, 相关解读 near the top, and the 政策日历 page and iCalendar feed
(parsed back with the icalendar library)."""

import datetime as dt
import re

import pytest
import time_machine
from django.core.files.base import ContentFile
from icalendar import Calendar
from wagtail.documents import get_document_model

from policies.models import PolicyAttachment, PolicyInterpretationPage

from .policy_helpers import department, make_policy, site_with_library

pytestmark = pytest.mark.django_db
FROZEN = dt.datetime(2024, 6, 15, 10, 0)
d = dt.date.fromisoformat


def _text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


@pytest.fixture
def world(settings):
    settings.WAGTAILADMIN_BASE_URL = "https://gk.example.gov.cn"
    library, jiedu = site_with_library()
    jxw = department("jxw", "南川区经济和信息化委员会", "009256036", 20)
    policy = make_policy(
        library, "zjtx", [jxw], title="南川区支持专精特新中小企业高质量发展若干措施", written=d("2024-01-10"),
        published_date=d("2024-01-15"),
        measures=[
            dict(title="技改补助", window_opens=d("2024-06-01"), window_closes=d("2024-06-20"), amount_text="按设备投资的10%补助",
                 amount_cap=200, apply_url="https://zwykb.cq.gov.cn/qxzz/ncq/", materials="项目备案证明；设备发票。",
                 how_to_apply="通过渝快办在线申报。", contact="区经济信息委企业科 023-71423016（工作日）"),
            dict(title="入统奖励", window_opens=d("2024-07-01"), window_closes=d("2024-08-01"), amount_cap=10),
            dict(title="老补助", window_opens=d("2024-03-01"), window_closes=d("2024-04-01")),
            dict(title="很早的补助", window_opens=d("2023-01-01"), window_closes=d("2023-02-01")),
            dict(title="长期贴息", window_opens=d("2024-01-15")),
        ],
    )
    newer = make_policy(library, "wengang", [jxw], title="稳岗措施", written=d("2024-05-01"), published_date=d("2024-05-02"),
                        measures=[dict(title="稳岗返还", window_opens=d("2024-05-10"), window_closes=d("2024-12-31"))])
    return dict(library=library, jiedu=jiedu, jxw=jxw, policy=policy, newer=newer,
                m={m.title: m for m in [*policy.measures.all(), *newer.measures.all()]})


def test_measure_shows_its_entry_guide_phone_and_amount_once(world, client):
    with time_machine.travel(FROZEN, tick=False):
        html = client.get("/zhengce/zjtx/").content.decode()
    m = world["m"]["技改补助"]
    block = re.search(rf'<article class="measure" id="measure-{m.pk}".*?</article>', html, re.S).group(0)
    assert _text(re.search(r'<p class="measure-window">.*?</p>', block, re.S).group(0)) == "即将截止 截止 2024-06-20"
    assert '<a class="button" href="https://zwykb.cq.gov.cn/qxzz/ncq/" rel="external noopener">在线申报</a>' in block
    text = _text(block)
    assert "申报入口与办事指南" in text and "申报材料 项目备案证明；设备发票。" in text and "办理方式 通过渝快办在线申报。" in text
    assert '区经济信息委企业科 <a href="tel:02371423016">023-71423016</a>（工作日）' in block
    # The amount once: the editor's words, not the cap again beside them.
    assert text.count("按设备投资的10%补助") == 1 and "最高 200 万元" not in text
    other = world["m"]["入统奖励"]
    other_block = re.search(rf'<article class="measure" id="measure-{other.pk}".*?</article>', html, re.S).group(0)
    assert _text(other_block).count("最高 10 万元") == 1 and "在线申报" not in other_block and "tel:" not in other_block


def test_related_interpretations_near_the_top_and_attachments_with_type_and_size(world, client, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    policy = world["policy"]
    world["jiedu"].add_child(instance=PolicyInterpretationPage(title="一图读懂专精特新措施", slug="tujie", policy=policy,
                                                               kind="graphic", image_alt="要点", published_date=d("2024-01-20")))
    Document = get_document_model()
    pdf = Document(title="申报表")
    pdf.file.save("shenbaobiao.pdf", ContentFile(b"%PDF" + b"x" * (120 * 1024 - 4)), save=True)
    sheet = Document(title="项目清单")
    sheet.file.save("qingdan.xlsx", ContentFile(b"y" * 2_621_440), save=True)
    policy.attachments.add(PolicyAttachment(document=pdf, sort_order=0))
    policy.attachments.add(PolicyAttachment(document=sheet, title="附件2 项目清单", sort_order=1))
    policy.save_revision().publish()
    html = client.get("/zhengce/zjtx/").content.decode()
    text = _text(html)
    assert "申报表 （PDF，120 KB）" in text and "附件2 项目清单 （Excel，2.5 MB）" in text
    # 相关解读 inside the article, before the body and far above the measures.
    assert html.index("相关解读") < html.index('<div class="rich-text">') < html.index('id="measures-heading"')
    assert '<a href="/jiedu/tujie/">一图读懂专精特新措施</a>' in html
    # A file gone from storage costs its size, not the page.
    sheet.file.storage.delete(sheet.file.name)
    assert "附件2 项目清单 （Excel）" in _text(client.get("/zhengce/zjtx/").content.decode())


def _rows(html):
    rows = re.findall(r'<tr>\s*<td><a href="/huiqi/\d+/">([^<]+)</a>.*?</td>\s*<td[^>]*>(.*?)</td>', html, re.S)
    return [(title, _text(status)) for title, status in rows]


def test_measure_list_shows_windows_and_sorts_by_deadline(world, client):
    with time_machine.travel(FROZEN, tick=False):
        html = client.get("/huiqi/").content.decode()
        by_date = client.get("/huiqi/", {"sort": "date"}).content.decode()
        bad = client.get("/huiqi/", {"sort": "soonest"})
    assert _rows(html) == [
        ("技改补助", "即将截止 截止 2024-06-20"), ("入统奖励", "未开始 07-01 起"), ("稳岗返还", "申报中 截止 2024-12-31"),
        ("长期贴息", "常年受理"), ("老补助", "已截止 2024-04-01 截止"), ("很早的补助", "已截止 2023-02-01 截止"),
    ]
    assert "<strong>按截止日期</strong>" in html and 'href="/huiqi/?sort=date">按发布日期</a>' in html
    # 发布日期: the newer policy's measure first, then by deadline.
    assert [t for t, _s in _rows(by_date)][:2] == ["稳岗返还", "技改补助"]
    assert bad.status_code == 400 and "排序" in bad.content.decode()


def test_calendar_page_groups_open_and_coming_windows_by_month_and_day(world, client):
    with time_machine.travel(FROZEN, tick=False):
        html = client.get("/huiqi/rili/").content.decode()
        bad = client.get("/huiqi/rili/", {"month": "6"})
    months = re.findall(r'<h2 id="month-[\d-]+">([^<]+)</h2>', html)
    assert months == ["2024年6月", "2024年7月", "2024年8月", "2024年12月"]
    days = [_text(x) for x in re.findall(r'<h3 class="calendar-day">(.*?)</h3>', html)]
    assert days == ["6月20日 星期四", "7月1日 星期一", "8月1日 星期四", "12月31日 星期二"]
    text = _text(html)
    assert "截止申报 ： 技改补助 即将截止 截止 2024-06-20" in text
    assert "开始申报 ： 入统奖励 未开始 07-01 起" in text and "截止申报 ： 入统奖励" in text
    assert "老补助" not in text  # closed
    assert "常年受理（1 项）" in text and "长期贴息" in text
    assert 'href="/huiqi/rili.ics"' in html
    assert bad.status_code == 400


def test_icalendar_feed_has_one_event_per_window_with_stable_uids(world, client):
    with time_machine.travel(FROZEN, tick=False):
        response = client.get("/huiqi/rili.ics")
        again = client.get("/huiqi/rili.ics")
        bad = client.get("/huiqi/rili.ics", {"x": "1"})
    assert response.status_code == 200 and response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    m = world["m"]
    # Open and coming windows, and 老补助 closed 75 days ago; not 很早的补助 (500 days) nor the rolling one.
    assert set(events) == {"技改补助（申报期）", "入统奖励（申报期）", "稳岗返还（申报期）", "老补助（申报期）"}
    tech = events["技改补助（申报期）"]
    assert tech.decoded("DTSTART") == d("2024-06-01") and tech.decoded("DTEND") == d("2024-06-21")  # all day, end exclusive
    assert str(tech["UID"]) == f"measure-{m['技改补助'].pk}@gk.example.gov.cn"
    assert str(tech["URL"]) == f"https://gk.example.gov.cn/huiqi/{m['技改补助'].pk}/"
    description = str(tech["DESCRIPTION"])
    assert "即将截止 · 截止 2024-06-20" in description and "023-71423016" in description and "南川区支持专精特新" in description
    uids = sorted(str(e["UID"]) for e in calendar.walk("VEVENT"))
    assert uids == sorted(str(e["UID"]) for e in Calendar.from_ical(again.content).walk("VEVENT"))
    assert str(calendar["X-WR-CALNAME"]).endswith("政策日历")
    assert bad.status_code == 400 and bad.json()["error"]["parameter"] == "x"


def test_calendar_is_linked_from_the_home_page_and_the_measure_list(world, client):
    home = client.get("/").content.decode()
    assert 'href="/huiqi/rili/"' in home and 'href="/huiqi/rili.ics"' in home
    assert 'href="/huiqi/rili/"' in client.get("/huiqi/").content.decode()
