"""意见征集 (/zhengji/): per-article comments with moderation and receipts,
status by date (time machine, on both search engines), 采纳情况反馈 linked
both ways with the final policy, the 重大行政决策事项目录 (/juece/), feeds
and the home page. PostgreSQL, Redis-backed rate limits and Elasticsearch."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import feedparser
import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.models import User
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import Client

from consultations import articles
from consultations.models import Comment, ConsultationIndexPage, ConsultationPage, DecisionItem, FeedbackGroup
from consultations.page_views import HOURLY_LIMIT
from policies.models import PolicyIndexPage
from portal.permissions import ensure_editor_group
from search import outbox, service
from search.query import SearchQuery

from .policy_helpers import department, make_policy
from .refusing_email import REFUSED
from .search_support import es_index  # noqa: F401

pytestmark = pytest.mark.django_db
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"
D = dt.timedelta
OPENS, CLOSES, ANSWERED = dt.date(2026, 3, 2), dt.date(2026, 3, 31), dt.date(2026, 4, 10)

DRAFT = """为规范小餐饮经营，制定本办法。
第一章 总则
第一条 为了规范小餐饮经营，制定本办法。
第二条 本办法适用于本区小餐饮经营者。
第二章 登记
第三条 小餐饮实行登记管理。
第4条 登记证有效期五年。
第五条 登记全程网上办理，即时办结。
现场核查不得超过一次。
第六条 本办法自印发之日起施行。"""


def at(day, hour=10, minute=0):
    """That moment of the district's day (TIME_ZONE), whatever the server's zone."""
    return time_machine.travel(dt.datetime.combine(day, dt.time(hour, minute), tzinfo=ZoneInfo(settings.TIME_ZONE)), tick=False)


@pytest.fixture(autouse=True)
def locmem_and_fresh_cache(settings):  # noqa: F811 (pytest-django's fixture)
    settings.EMAIL_BACKEND = LOCMEM
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world():
    """The demo's /zhengji/ with one more consultation of fixed dates, by 区市场监管局."""
    index = ConsultationIndexPage.objects.get()
    scj = department("scjgj", "南川区市场监督管理局", "009256079", 30)
    page = index.add_child(instance=ConsultationPage(
        title="南川区小餐饮登记管理办法（征求意见稿）", slug="xiaocanyin", department=scj, draft=DRAFT,
        summary="小餐饮登记。", opens=OPENS, closes=CLOSES, email="xcy@example.gov.cn", postal_address="东城街道新华路12号",
    ))
    page.save_revision().publish()
    return {"index": index, "page": page, "scj": scj}


def _comment(client, page, **data):
    return client.post(f"{page.url}yijian/", {"article": "", "text": "意见", "name": "", "contact": "", **data})


def _text(response):
    return response.content.decode()


def test_draft_articles_chapters_and_anchors():
    draft = articles.parse(DRAFT)
    assert draft.preamble == "为规范小餐饮经营，制定本办法。"
    assert [(a.number, a.label, a.chapter) for a in draft.articles] == [
        (1, "第一条", "第一章 总则"), (2, "第二条", "第一章 总则"), (3, "第三条", "第二章 登记"),
        (4, "第4条", "第二章 登记"), (5, "第五条", "第二章 登记"), (6, "第六条", "第二章 登记")]
    assert draft.article(5).text == "登记全程网上办理，即时办结。\n现场核查不得超过一次。"
    assert draft.article(5).anchor == "tiao-5"
    assert draft.article(0) is None and draft.article(7) is None


def test_comment_on_an_article_receipt_moderation_and_privacy(world):
    page, client = world["page"], Client(enforce_csrf_checks=True)
    with at(OPENS + D(3)):
        html = _text(client.get(f"{page.url}?tiao=5"))
        assert 'id="tiao-5"' in html and "对第五条提意见" in html
        assert re.search(r'<option value="5" selected>第五条', html)  # the link preselects the article
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        response = _comment(client, page, article="5", text="建议写明“即时办结”的时限。", name="张三",
                            contact="zhangsan@example.com", csrfmiddlewaretoken=token)
        assert response.status_code == 302
        receipt_page = client.get(response["Location"])
    comment = Comment.objects.get(consultation=page)
    assert (comment.article, comment.article_label, comment.status) == (5, "第五条", Comment.PENDING)
    assert re.fullmatch(r"YJ20260305-[2-9A-HJ-NP-Z]{6}", comment.receipt)
    assert comment.receipt in _text(receipt_page) and "第五条" in _text(receipt_page)
    [receipt_mail] = mail.outbox
    assert receipt_mail.to == ["zhangsan@example.com"] and comment.receipt in receipt_mail.body
    assert f"{page.url}fankui/" in receipt_mail.body
    # Another visitor cannot open the receipt without its signed link.
    assert Client().get(f"{page.url}huizhi/?r={comment.pk}").status_code == 404

    with at(OPENS + D(3)):
        assert "即时办结”的时限" not in _text(Client().get(page.url))  # nothing public before moderation
        comment.status, comment.reply = Comment.PUBLISHED, "将在正式文件中写明。"
        comment.save()
        html = _text(Client().get(page.url))
    article5 = html[html.index('id="tiao-5"'):html.index('id="tiao-6"')]
    assert "建议写明“即时办结”的时限。" in article5 and "将在正式文件中写明。" in article5
    assert "张三" not in html and "zhangsan@example.com" not in html  # name and contact stay private
    assert comment.moderated is not None


def test_mail_failure_loses_no_comment(world, settings):
    settings.EMAIL_BACKEND = "tests.refusing_email.RefusingBackend"
    with at(OPENS):
        response = _comment(Client(), world["page"], text="邮件发不出去也要保存。", contact=REFUSED)
    assert response.status_code == 302
    assert Comment.objects.get(consultation=world["page"]).text == "邮件发不出去也要保存。"
    assert mail.outbox == []


def test_bad_input_is_refused_in_chinese_and_nothing_is_stored(world):
    page, client = world["page"], Client()
    with at(OPENS):
        cases = [
            (dict(text="  "), "请填写意见内容。"),
            (dict(article="7"), "所选条款不存在，请重新选择。"),
            (dict(article="五"), "所选条款不存在，请重新选择。"),
            (dict(text="长" * 2001), "意见内容不能超过2000字。"),
            (dict(contact="1" * 101), "联系方式不能超过100字。"),
        ]
        for data, message in cases:
            response = _comment(client, page, **data)
            assert response.status_code == 400, data
            assert message in _text(response) and "意见未提交" in _text(response)
        assert Client(enforce_csrf_checks=True).post(f"{page.url}yijian/", {"text": "无令牌"}).status_code == 403
        assert client.get(f"{page.url}yijian/").status_code == 302  # GET goes back to the form
    assert not Comment.objects.filter(consultation=page).exists()


def test_rate_limit_per_client(world):
    page, client = world["page"], Client()
    limit = HOURLY_LIMIT[0]
    with at(OPENS):
        for i in range(limit):
            assert _comment(client, page, text=f"第{i}条意见").status_code == 302
        refused = _comment(client, page, text="再来一条")
        assert refused.status_code == 429 and "您提交意见的次数过多" in _text(refused)
        assert _comment(Client(REMOTE_ADDR="198.51.100.7"), page, text="另一位市民").status_code == 302
    assert Comment.objects.filter(consultation=page).count() == limit + 1


def test_status_and_comment_acceptance_change_by_date_alone(world):
    page, client = world["page"], Client()
    page.feedback_date = ANSWERED
    page.feedback_groups.add(FeedbackGroup(summary="时限", count=1, decision="adopted", reason="已写明。"))
    page.save_revision().publish()
    expected = [
        (OPENS - D(1), "未开始", 400, 404), (OPENS, "征集中", 302, 404),
        (CLOSES, "征集中", 302, 404), (CLOSES + D(1), "已结束", 400, 404),
        (ANSWERED - D(1), "已结束", 400, 404), (ANSWERED, "已反馈", 400, 200),
    ]
    for day, label, post_status, feedback_status in expected:
        with at(day, 23, 59):  # the district's day, to its last minute
            html = _text(client.get(page.url))
            assert re.search(rf'<p class="consultation-status"><span class="status-badge status-badge--\w+">{label}</span>', html), day
            assert _comment(client, page, text=f"{day} 的意见").status_code == post_status, day
            assert client.get(f"{page.url}fankui/").status_code == feedback_status, day
    assert sorted(c.text for c in page.comments.all()) == [f"{OPENS} 的意见", f"{CLOSES} 的意见"]


def test_search_status_facet_moves_with_the_day_on_both_engines(world, es_index):  # noqa: F811
    outbox.pending().delete()
    world["page"].save_revision().publish()
    done, failed = outbox.drain(refresh=True)
    assert done and not failed
    for engine in ("embedded", "elasticsearch"):
        for day, key in [(OPENS - D(1), "upcoming"), (OPENS, "open"), (CLOSES, "open"), (CLOSES + D(1), "closed")]:
            result = service.search(SearchQuery(text="小餐饮", filters={"type": ("consultation",)}), engine=engine, today=day)
            [hit] = [h for h in result.hits if h.url == world["page"].url]
            assert [b.value for b in hit.badges] == [key], (engine, day)
            counts = {v.value: v.count for f in result.facets if f.name == "consultation_status" for v in f.values}
            assert counts.get(key) >= 1, (engine, day, counts)
            only = service.search(SearchQuery(text="小餐饮", filters={"type": ("consultation",), "consultation_status": (key,)}),
                                  engine=engine, today=day)
            assert world["page"].url in [h.url for h in only.hits], (engine, day)


def test_short_window_needs_a_public_reason(world):
    page = world["page"]
    page.closes = page.opens + D(19)
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert error.value.message_dict["short_window_reason"] == ["征集期只有 20 天，少于30日：请说明理由（将向社会公开）。"]
    page.short_window_reason = "汛期前必须出台。"
    page.feedback_date = page.closes
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "公布日期应晚于截止日期" in error.value.message_dict["feedback_date"][0]
    page.feedback_date = None
    page.full_clean()
    page.save_revision().publish()
    with at(OPENS):
        html = _text(Client().get(page.url))
    assert "征集期少于30日的理由" in html and "汛期前必须出台。" in html and "（20 天）" in html


def test_feedback_counts_and_the_final_policy_links_both_ways(world):
    page = world["page"]
    final = make_policy(PolicyIndexPage.objects.get(), "xcy-final", [world["scj"]], title="南川区小餐饮登记管理办法", number="南川市监发〔2026〕5号", written=ANSWERED)
    page.feedback_date, page.final_policy, page.feedback_summary = ANSWERED, final, "共收到意见9条。"
    for summary, count, decision in [("时限", 4, "adopted"), ("费用", 3, "partly"), ("取消登记", 2, "rejected")]:
        page.feedback_groups.add(FeedbackGroup(summary=summary, count=count, decision=decision, reason=f"{summary}的理由"))
    page.save_revision().publish()
    Comment.objects.create(consultation=page, text="网上意见", status=Comment.PUBLISHED)
    client = Client()
    with at(ANSWERED - D(1)):
        assert "本文件已公开征求意见" in _text(client.get(final.url))  # linked to the consultation before feedback
        assert client.get(f"{page.url}fankui/").status_code == 404
    with at(ANSWERED):
        html = _text(client.get(f"{page.url}fankui/"))
        counts = dict(re.findall(r'data-count="(\w+)">(\d+)<', html))
        assert counts == {"total": "9", "adopted": "4", "partly": "3", "rejected": "2"}
        assert "（其中网上提交 1 条）" in html and "取消登记的理由" in html
        assert f'href="{final.url}"' in html
        policy_html = _text(client.get(final.url))
        assert re.search(rf'本文件已公开征求意见：<a href="{page.url}fankui/">意见采纳情况反馈</a>', policy_html)


def test_decision_catalogue_links_what_exists(world):
    page = world["page"]
    DecisionItem.objects.create(year=2026, title="小餐饮登记管理办法", department=world["scj"], planned="2026年第二季度",
                                stage="research", consultation=page)
    DecisionItem.objects.create(year=2026, title="农贸市场升级改造方案", department=world["scj"], planned="2026年第四季度",
                                stage="review")
    client = Client()
    with at(OPENS + D(1)):
        html = _text(client.get("/juece/2026/"))
        assert "2026年重大行政决策事项目录" in html
        row = html[html.index("小餐饮登记管理办法"):html.index("农贸市场升级改造方案")]
        assert "公开征求意见中" in row and f'href="{page.url}">意见征集</a>' in row  # derived from the open consultation
        other = html[html.index("农贸市场升级改造方案"):]
        assert "合法性审查" in other and "<td data-label=\"相关信息\">—</td>" in other
        assert client.get("/juece/1999/").status_code == 404
    with at(CLOSES + D(1)):
        assert "调研论证" in _text(client.get("/juece/2026/"))


def test_feed_index_and_home_list_open_consultations(world):
    page, client = world["page"], Client()
    with at(OPENS + D(1)):
        feed = feedparser.parse(client.get("/zhengji/feed/").content)
        [entry] = [e for e in feed.entries if e.title == page.title]
        assert "征集中 · 还剩 28 天（截止 2026-03-31）" in entry.summary and entry.link.endswith(page.url)
        index = _text(client.get("/zhengji/"))
        open_part = index[index.index('id="group-open"'):index.index("</section>", index.index('id="group-open"'))]
        assert page.title in open_part
        assert 'name="query" value="type=consultation"' in index  # e-mail alerts for new consultations
        home = _text(client.get("/"))
        assert "正在征求意见" in home and page.title in home
    with at(CLOSES + D(1)):
        home = _text(client.get("/"))
        section = home[home.index('id="home-consult"'):]
        assert page.title not in section[:section.index("</section>")]


def test_moderation_queue_is_the_departments_own(world):
    page = world["page"]
    mine = Comment.objects.create(consultation=page, text="本部门收到的意见", article=3, article_label="第三条")
    other_page = ConsultationPage.objects.exclude(department=world["scj"]).first()
    theirs = Comment.objects.create(consultation=other_page, text="别的部门的意见")
    editor = User.objects.create_user("scj-editor", password="pw")
    editor.groups.add(ensure_editor_group(world["scj"]))
    client = Client()
    client.force_login(editor)
    listing = _text(client.get("/admin/snippets/consultations/comment/"))
    assert "本部门收到的意见" in listing and "别的部门的意见" not in listing
    assert client.get(f"/admin/snippets/consultations/comment/edit/{theirs.pk}/").status_code == 404
    edit_url = f"/admin/snippets/consultations/comment/edit/{mine.pk}/"
    assert client.get(edit_url).status_code == 200
    response = client.post(edit_url, {"status": Comment.PUBLISHED, "reply": "已研究。"})
    assert response.status_code == 302, response.content.decode()[:2000]
    mine.refresh_from_db()
    assert (mine.status, mine.reply, mine.text) == (Comment.PUBLISHED, "已研究。", "本部门收到的意见")
