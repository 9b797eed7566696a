"""Alerts and Atom feeds for any search, on PostgreSQL and the real
Elasticsearch node: policies are published as editors publish them, the
outbox is drained into a fresh index, and a subscriber or feed reader sees
only what matches, newest first, never the same item twice."""

import datetime as dt
import html as htmllib
import re
from urllib.parse import urlencode

import feedparser
import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client, override_settings
from django.utils import timezone

from matcher.models import SentItem, Subscription
from policies.models import PolicyIndexPage
from search import outbox

from .policy_helpers import department, make_policy
from .refusing_email import REFUSED
from .search_support import es_index, refdata  # noqa: F401

pytestmark = [pytest.mark.django_db]
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"
TODAY = dt.date(2025, 6, 16)
D = dt.timedelta
QUIET = {"stdout": open("/dev/null", "w"), "stderr": open("/dev/null", "w")}


def at(day, hour=10):
    return time_machine.travel(dt.datetime.combine(day, dt.time(hour)), tick=False)


@pytest.fixture(autouse=True)
def locmem_and_fresh_cache(settings):
    settings.EMAIL_BACKEND = LOCMEM
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(es_index):
    """The demo's policy library, an empty index with one old policy on
    冷链物流 in it, and one department."""
    library = PolicyIndexPage.objects.get()
    outbox.pending().delete()  # the demo's backlog is not needed here (rolled back after the test)
    jxw = department("jxw", "南川区经济和信息化委员会", "009256036", 20)
    world = {"library": library, "jxw": jxw}
    with at(TODAY - D(30)):
        world["old"] = publish(world, "old", "南川区冷链物流设施建设补助办法", TODAY - D(30))
    return world


def publish(world, slug, title, day, office=None):
    page = make_policy(world["library"], slug, [office or world["jxw"]], title=title, written=day,
                       published_date=day, live=False)
    page.save_revision().publish()
    done, failed = outbox.drain(refresh=True)
    assert done and not failed
    return page


def _link(message, kind):
    return re.search(rf"http://[^/\s]+(/dingyue/{kind}/[^/\s]+/)", message.body).group(1)


def _subscribe_from_search_page(client, params, email="trader@example.com"):
    """What a visitor does: open the search page, fill in the e-mail form."""
    page = client.get("/search/?" + urlencode(params))
    assert page.status_code == 200
    html = page.content.decode()
    form = re.search(r'<form method="post" action="/dingyue/">(.*?)</form>', html, re.S).group(1)
    fields = {name: htmllib.unescape(value) for name, value in
              re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form)}
    assert "csrfmiddlewaretoken" in fields
    return client.post("/dingyue/", {**fields, "email": email})


def test_subscribe_to_a_search_confirm_and_get_new_items_once(world):
    client = Client(enforce_csrf_checks=True)
    with at(TODAY):
        response = _subscribe_from_search_page(client, {"q": "冷链物流", "department": "jxw", "sort": "date", "page_size": "20"})
    assert response.status_code == 200 and "我们已向 trader@example.com 发送邮件" in response.content.decode()
    sub = Subscription.objects.get()
    # Normalised: what is searched, not how the page showed it.
    assert (sub.kind, sub.query) == ("search", urlencode({"q": "冷链物流", "department": "jxw"}))
    assert sub.title == "检索：“冷链物流”；发布部门：南川区经济和信息化委员会"
    [confirmation] = mail.outbox
    with at(TODAY, 11):
        assert "确认订阅" in client.get(_link(confirmation, "queren")).content.decode()
        confirmed = client.post(_link(confirmation, "queren"))
    assert confirmed.status_code == 200 and "订阅成功" in confirmed.content.decode()

    other = department("swj", "南川区税务局", "009256099", 30)
    with at(TODAY + D(1), 8):
        fresh = publish(world, "fresh", "关于支持冷链物流企业数字化改造的通知", TODAY + D(1))
        publish(world, "unrelated", "南川区中小学校园安全管理办法", TODAY + D(1))
        publish(world, "elsewhere", "冷链物流车辆通行税费减免公告", TODAY + D(1), office=other)  # other department
        call_command("send_alert_digests", **QUIET)
    [_, digest] = mail.outbox
    assert digest.to == ["trader@example.com"]
    assert digest.subject == "【南川区政务公开专区】检索：“冷链物流”；发布部门：南川区经济和信息化委员会（1 条新信息）"
    assert "关于支持冷链物流企业数字化改造的通知" in digest.body and "发布日期：2025-06-17" in digest.body
    assert f"http://localhost{fresh.url}" in digest.body or fresh.url in digest.body
    assert "设施建设补助办法" not in digest.body  # published before the subscription
    assert "校园安全" not in digest.body and "车辆通行" not in digest.body  # does not match the search
    assert re.search(r"/dingyue/tuiding/\S+/", digest.body)
    assert list(sub.sent_items.values_list("item_id", flat=True)) == [f"policy:{fresh.pk}"]

    with at(TODAY + D(2), 8):
        call_command("send_alert_digests", **QUIET)
    assert len(mail.outbox) == 2  # nothing new: no second message, never the same item twice

    with at(TODAY + D(3), 8):
        publish(world, "later", "冷链物流园区用地保障措施", TODAY + D(3))
        call_command("send_alert_digests", **QUIET)
    [_, _, third] = mail.outbox
    assert "冷链物流园区用地保障措施" in third.body and "数字化改造" not in third.body


def test_bad_search_subscriptions_are_refused_in_chinese(world, client):
    bad = client.post("/dingyue/", {"email": "a@example.com", "kind": "search", "query": "q=冷链&level=galactic"})
    assert bad.status_code == 400
    assert "订阅的查询条件有误：参数 level 的取值“galactic”无效" in bad.content.decode()
    unknown = client.post("/dingyue/", {"email": "a@example.com", "kind": "search", "query": "q=冷链&colour=red"})
    assert unknown.status_code == 400 and "未知参数：colour" in unknown.content.decode()
    assert not Subscription.objects.exists() and not mail.outbox
    # The same search spelled differently is one subscription.
    for query in ("q=冷链物流&department=jxw", "department=jxw&q=冷链物流&sort=date&page=3"):
        assert client.post("/dingyue/", {"email": "a@example.com", "kind": "search", "query": query}).status_code == 200
    assert Subscription.objects.count() == 1


@override_settings(EMAIL_BACKEND="tests.refusing_email.RefusingBackend")
def test_a_refused_search_digest_is_retried_and_does_not_stop_the_others(world):
    since = timezone.make_aware(dt.datetime.combine(TODAY - D(60), dt.time(9)))  # the old policy is new to them
    subs = [Subscription.objects.create(email=e, kind="search", query="q=%E5%86%B7%E9%93%BE%E7%89%A9%E6%B5%81",
                                        title="检索：“冷链物流”", confirmed_at=since)
            for e in ("first@example.com", REFUSED, "last@example.com")]
    with at(TODAY, 12), pytest.raises(CommandError, match="1 封汇总邮件发送失败"):
        call_command("send_alert_digests", **QUIET)
    assert sorted(m.to[0] for m in mail.outbox) == ["first@example.com", "last@example.com"]
    assert "南川区冷链物流设施建设补助办法" in mail.outbox[0].body
    refused = subs[1]
    refused.refresh_from_db()
    assert refused.last_sent_at is None and not refused.sent_items.exists()
    with override_settings(EMAIL_BACKEND=LOCMEM), at(TODAY + D(1), 9):
        call_command("send_alert_digests", **QUIET)
    assert [m.to[0] for m in mail.outbox[2:]] == [REFUSED]
    assert SentItem.objects.filter(subscription=refused).count() == 1


def test_search_page_announces_its_feed_and_the_feed_is_valid_atom(world, client):
    with at(TODAY + D(2)):
        publish(world, "fresh", "关于支持冷链物流企业数字化改造的通知", TODAY + D(1))
        publish(world, "unrelated", "南川区中小学校园安全管理办法", TODAY + D(1))
        page = client.get("/search/?q=冷链物流&sort=relevance&page_size=20")
        html = page.content.decode()
        feed_path = "/search/feed/?" + urlencode({"q": "冷链物流"})
        assert f'<link rel="alternate" type="application/atom+xml" title="检索结果订阅（Atom）" href="{feed_path}">' in html
        assert re.search(rf'<a href="{re.escape(feed_path)}"[^>]*>订阅（Atom）</a>', html)
        assert '<a href="#subscribe">邮件订阅此搜索</a>' in html and '<h2 id="subscribe-heading">邮件订阅此搜索</h2>' in html

        response = client.get(feed_path + "&sort=relevance&page=2")  # a view's order and page do not change the feed
    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    assert feed.feed.title == "南川区政务公开专区 · 检索：“冷链物流”"
    assert [e.title for e in feed.entries] == ["关于支持冷链物流企业数字化改造的通知", "南川区冷链物流设施建设补助办法"]
    newest = feed.entries[0]
    assert newest.link.startswith("http") and newest.link.endswith("/zhengce/fresh/")
    assert newest.published.startswith("2025-06-17")
    assert "南川区经济和信息化委员会" in newest.summary
    assert feed.feed.links[0].href.endswith(feed_path) or any(link.href.endswith(feed_path) for link in feed.feed.links)


def test_feed_of_everything_and_bad_feed_parameters(world, client):
    everything = feedparser.parse(client.get("/search/feed/").content)
    assert not everything.bozo and everything.feed.title.endswith("检索：全部信息")
    assert "南川区冷链物流设施建设补助办法" in [e.title for e in everything.entries]
    for params, parameter in [("level=galactic", "level"), ("from=2025-13-01", "from"), ("colour=red", "colour")]:
        response = client.get(f"/search/feed/?{params}")
        assert response.status_code == 400, params
        assert response.json()["error"]["parameter"] == parameter
        assert response.json()["error"]["message"]
