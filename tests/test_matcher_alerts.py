"""E-mail alerts: double opt-in, signed links, duplicates, throttling,
digests sent once, and one refused message not stopping the others."""

import datetime as dt
import re
import socket

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client, override_settings
from django.utils import timezone

from matcher import tokens
from matcher.models import SentItem, Subscription

from .matcher_helpers import CANONICAL, FIRM, TODAY, D, add_measure, build_world
from .policy_helpers import make_policy
from .refusing_email import REFUSED

pytestmark = [pytest.mark.django_db]
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture(autouse=True)
def locmem_and_fresh_cache(settings):
    settings.EMAIL_BACKEND = LOCMEM
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world():
    with time_machine.travel(dt.datetime.combine(TODAY, dt.time(10)), tick=False):
        yield build_world()


def _subscribe(client, email="boss@example.com", query=FIRM, kind="matcher"):
    return client.post("/dingyue/", {"email": email, "kind": kind, "query": query})


def _link(message, kind):
    return re.search(rf"http://[^/\s]+(/dingyue/{kind}/[^/\s]+/)", message.body).group(1)


def test_double_opt_in_then_unsubscribe_without_login(world, client):
    response = _subscribe(client, " Boss@Example.com ")
    assert response.status_code == 200
    assert "我们已向 boss@example.com 发送邮件" in response.content.decode()
    sub = Subscription.objects.get()
    assert (sub.email, sub.kind, sub.query, sub.confirmed_at) == ("boss@example.com", "matcher", CANONICAL, None)
    assert sub.title == "政策计算器：小型企业，制造业，东城街道，专精特新中小企业，2018年成立，80人，营业收入3000万元"
    [message] = mail.outbox
    assert message.to == ["boss@example.com"] and message.subject.startswith("【南川区政务公开专区】请确认订阅：")
    assert "/dingyue/tuiding/" in message.body  # even the confirmation mail can unsubscribe

    confirm = _link(message, "queren")
    ask = client.get(confirm)
    assert ask.status_code == 200 and f'<form method="post" action="{confirm}">' in ask.content.decode()
    assert "确认订阅" in ask.content.decode()
    sub.refresh_from_db()
    assert sub.confirmed_at is None  # a GET (mail scanners follow links) changes nothing
    confirmed = Client(enforce_csrf_checks=True).post(confirm)  # the token is the credential
    assert confirmed.status_code == 200 and "订阅成功" in confirmed.content.decode()
    sub.refresh_from_db()
    assert sub.confirmed_at is not None
    assert "订阅成功" in client.get(confirm).content.decode()  # opened again later

    unsubscribe = _link(message, "tuiding")
    ask = client.get(unsubscribe)
    assert ask.status_code == 200 and "确认退订" in ask.content.decode()
    assert Subscription.objects.exists()  # a GET (mail scanners) changes nothing
    done = Client(enforce_csrf_checks=True).post(unsubscribe)  # one-click from a mail client: no CSRF cookie
    assert done.status_code == 200 and "已取消订阅" in done.content.decode()
    assert not Subscription.objects.exists()
    again = client.post(unsubscribe)
    assert again.status_code == 200 and "该订阅已经取消" in again.content.decode()


def test_repeated_subscription_does_not_duplicate(world, client):
    _subscribe(client)
    _subscribe(client, "BOSS@example.com", query=f"qual=zhuan-jing-te-xin-zhong-xiao-qi-ye&{FIRM}")  # same profile, other spelling
    assert Subscription.objects.count() == 1
    assert len(mail.outbox) == 2  # unconfirmed: the confirmation is sent again
    Subscription.objects.update(confirmed_at=timezone.now())
    response = _subscribe(client)
    assert response.status_code == 200 and Subscription.objects.count() == 1
    assert mail.outbox[2].subject.startswith("【南川区政务公开专区】您已订阅：")  # already confirmed: nothing to confirm
    assert "/dingyue/queren/" not in mail.outbox[2].body and "/dingyue/tuiding/" in mail.outbox[2].body
    cache.clear()  # the next day: the address may submit again
    _subscribe(client, query="industry=C&scale=micro")
    assert Subscription.objects.count() == 2


def test_invalid_and_expired_links_explain_themselves(world, client):
    _subscribe(client)
    link = _link(mail.outbox[0], "queren")
    tampered = client.get(link[:-3] + "xx/")
    assert tampered.status_code == 400 and "确认链接无效" in tampered.content.decode()
    with time_machine.travel(timezone.now() + dt.timedelta(days=tokens.CONFIRM_DAYS, minutes=1)):
        expired = client.get(link)
    assert expired.status_code == 410
    assert "确认链接已过期" in expired.content.decode() and "请回到原页面重新订阅" in expired.content.decode()
    assert Subscription.objects.get().confirmed_at is None
    bad_unsubscribe = client.get("/dingyue/tuiding/nonsense/")
    assert bad_unsubscribe.status_code == 400 and "退订链接无效" in bad_unsubscribe.content.decode()
    # An unsubscribe token cannot confirm, and vice versa.
    sub = Subscription.objects.get()
    assert client.get(f"/dingyue/queren/{tokens.unsubscribe_token(sub)}/").status_code == 400


def test_subscription_form_rejects_bad_input_and_needs_csrf(world, client):
    bad_email = _subscribe(client, "not-an-address")
    assert bad_email.status_code == 400 and "电子邮箱格式不正确" in bad_email.content.decode()
    bad_profile = _subscribe(client, query="industry=Z&scale=small")
    assert bad_profile.status_code == 400 and "未知的行业门类代码：Z。" in bad_profile.content.decode()
    assert client.get("/dingyue/").status_code == 405
    assert _subscribe(Client(enforce_csrf_checks=True)).status_code == 403
    assert not Subscription.objects.exists() and not mail.outbox


def test_throttled_per_address_and_per_client(world):
    one = Client(REMOTE_ADDR="198.51.100.1")
    for _ in range(3):
        assert _subscribe(one, "victim@example.com").status_code == 200
    flood = _subscribe(Client(REMOTE_ADDR="198.51.100.2"), "victim@example.com", query="industry=C&scale=micro")
    assert flood.status_code == 429 and "该邮箱今天的订阅提交次数已达上限" in flood.content.decode()
    assert len(mail.outbox) == 3
    assert Subscription.objects.filter(email="victim@example.com").count() == 1  # checked before a row is written

    busy = Client(REMOTE_ADDR="198.51.100.3")
    codes = [_subscribe(busy, f"user{i}@example.com").status_code for i in range(11)]
    assert codes == [200] * 10 + [429]
    assert "请一小时后再试" in _subscribe(busy, "late@example.com").content.decode()


def _answers(email, times=4):
    client = Client(REMOTE_ADDR="198.51.100.9")
    return [(r.status_code, r.content.decode().replace(email, "ADDRESS")) for r in
            (_subscribe(client, email) for _ in range(times))]


def test_the_answer_does_not_tell_whether_an_address_subscribes(world):
    _confirmed("known@example.com", query=CANONICAL)
    known, new = _answers("known@example.com"), _answers("new@example.com")
    assert [status for status, _ in known] == [200, 200, 200, 429]
    assert known == new
    assert sorted(m.to[0] for m in mail.outbox) == ["known@example.com"] * 3 + ["new@example.com"] * 3


@pytest.fixture
def mail_server_down(settings):
    """The real SMTP backend against a port where nothing listens."""
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = closed.getsockname()
        yield


def test_no_subscription_without_its_mail(world, mail_server_down):
    unconfirmed = Subscription.objects.create(email="again@example.com", kind="matcher", query=CANONICAL, title="旧标题")
    _confirmed("known@example.com")
    answers = {}
    for email in ("new@example.com", "again@example.com", "known@example.com"):
        response = _subscribe(Client(), email)
        assert response.status_code == 503
        answers[email] = response.content.decode().replace(email, "ADDRESS")
        assert "邮件暂时无法发送，本次订阅没有登记。请稍后再试。" in answers[email]
    assert len(set(answers.values())) == 1
    assert sorted(Subscription.objects.values_list("email", flat=True)) == ["again@example.com", "known@example.com"]
    unconfirmed.refresh_from_db()
    assert unconfirmed.title == "旧标题" and unconfirmed.confirmed_at is None


def _confirmed(email, query=CANONICAL, at=None):
    return Subscription.objects.create(email=email, kind="matcher", query=query, title="政策计算器：测试",
                                       confirmed_at=at or timezone.now())


def test_digest_lists_new_items_once(world):
    confirmed_at = timezone.make_aware(dt.datetime.combine(TODAY, dt.time(9)))
    sub = _confirmed("boss@example.com", at=confirmed_at)
    with time_machine.travel(dt.datetime.combine(TODAY + D(1), dt.time(8)), tick=False):
        # Published after the subscription: new. The world's measures were published before: not new,
        # except the one whose window opens in 5 days (checked below).
        fresh = make_policy(world["library"], "fresh", [world["jxw"]], title="南川区制造业数字化转型若干措施",
                            number="南川经信发〔2025〕30号", written=TODAY, published_date=TODAY + D(1))
        fresh.first_published_at = timezone.now()
        fresh.save()
        add_measure(fresh, "智能化改造补助", scales=["small"], industries=["C"], window_opens=TODAY, window_closes=TODAY + D(90))
        call_command("send_alert_digests", stdout=open("/dev/null", "w"))
    [digest] = mail.outbox
    assert digest.to == ["boss@example.com"]
    assert digest.subject == "【南川区政务公开专区】政策计算器：测试（1 条新信息）"
    assert "智能化改造补助" in digest.body and "新发布" in digest.body
    assert "技术改造补助" not in digest.body  # published before the subscription
    assert re.search(r"退订（无需登录）：http://\S+/dingyue/tuiding/\S+/", digest.body)
    assert digest.extra_headers["List-Unsubscribe"].startswith("<http")
    assert list(sub.sent_items.values_list("item_id", flat=True)) == [f"measure:{fresh.measures.get().pk}"]

    with time_machine.travel(dt.datetime.combine(TODAY + D(2), dt.time(8)), tick=False):
        call_command("send_alert_digests", stdout=open("/dev/null", "w"))
    assert len(mail.outbox) == 1  # nothing new: no second message, never the same item twice

    with time_machine.travel(dt.datetime.combine(TODAY + D(5), dt.time(8)), tick=False):
        call_command("send_alert_digests", stdout=open("/dev/null", "w"))
    [_, opened] = mail.outbox
    assert "上云用数补助" in opened.body and "开始申报" in opened.body  # its window opened today
    assert "智能化改造补助" not in opened.body
    with time_machine.travel(dt.datetime.combine(TODAY + D(6), dt.time(8)), tick=False):
        call_command("send_alert_digests", stdout=open("/dev/null", "w"))
    assert len(mail.outbox) == 2


def test_unconfirmed_subscriptions_get_no_digest_and_are_purged(world):
    with time_machine.travel(dt.datetime.combine(TODAY, dt.time(8)), tick=False):
        Subscription.objects.create(email="late@example.com", kind="matcher", query=CANONICAL, title="x")
    with time_machine.travel(dt.datetime.combine(TODAY + D(tokens.CONFIRM_DAYS + 1), dt.time(9)), tick=False):
        call_command("send_alert_digests", stdout=open("/dev/null", "w"))
    assert not mail.outbox and not Subscription.objects.exists()


@override_settings(EMAIL_BACKEND="tests.refusing_email.RefusingBackend")
def test_a_refused_message_does_not_stop_the_others_and_is_not_marked_sent(world):
    since = timezone.make_aware(dt.datetime.combine(TODAY - D(300), dt.time(9)))  # everything is new
    first = _confirmed("first@example.com", at=since)
    refused = _confirmed(REFUSED, at=since)
    last = _confirmed("last@example.com", at=since)
    with time_machine.travel(dt.datetime.combine(TODAY, dt.time(12)), tick=False):
        with pytest.raises(CommandError, match="1 封汇总邮件发送失败"):
            call_command("send_alert_digests", stdout=open("/dev/null", "w"), stderr=open("/dev/null", "w"))
    assert sorted(m.to[0] for m in mail.outbox) == ["first@example.com", "last@example.com"]
    assert "技术改造补助" in mail.outbox[0].body
    refused.refresh_from_db()
    assert refused.last_sent_at is None and not refused.sent_items.exists()
    first.refresh_from_db()
    assert first.last_sent_at is not None and first.sent_items.count() == 4
    assert last.sent_items.count() == 4

    # The server accepts the address again: the same items are sent then, and only to it.
    with override_settings(EMAIL_BACKEND=LOCMEM), time_machine.travel(dt.datetime.combine(TODAY + D(1), dt.time(9)), tick=False):
        call_command("send_alert_digests", stdout=open("/dev/null", "w"))
    assert [m.to[0] for m in mail.outbox[2:]] == [REFUSED]
    assert SentItem.objects.filter(subscription=refused).count() == 4
