"""Login brute force: after LOGIN_FAILURE_LIMIT failures for a user name or
from a client, both admin login forms refuse even the right password with a
Chinese page until LOGIN_COOLOFF_MINUTES have passed without an attempt.
Behind a proxy the client is the address the proxy wrote, not the proxy."""

import datetime as dt
import ipaddress

import pytest
import time_machine
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client, RequestFactory
from django.utils import timezone

from portal.clientip import client_ip

pytestmark = pytest.mark.django_db

WAGTAIL_LOGIN = "/admin/login/"
DJANGO_LOGIN = "/django-admin/login/"
PASSWORD = "Gk-portal-login-2026"
PROXY = "10.0.0.2"


@pytest.fixture
def users(django_user_model):
    for name in ("admin", "editor"):
        user, _ = django_user_model.objects.get_or_create(username=name)
        user.is_staff = user.is_superuser = True
        user.set_password(PASSWORD)
        user.save()


def attempt(client, username, password, url=WAGTAIL_LOGIN):
    return client.post(url, {"username": username, "password": password})


def in_admin(client):
    return client.get("/admin/").status_code == 200


def limit():
    return settings.AXES_FAILURE_LIMIT


@pytest.mark.parametrize("url", [WAGTAIL_LOGIN, DJANGO_LOGIN])
def test_forty_wrong_passwords_lock_the_user_out(users, url):
    attacker = Client(REMOTE_ADDR="203.0.113.66")
    statuses = [attempt(attacker, "admin", f"guess-{n}", url).status_code for n in range(40)]
    # The form with its error until the limit; the failure that reaches it is refused already.
    assert statuses == [200] * (limit() - 1) + [429] * (41 - limit())

    refused = attempt(attacker, "admin", PASSWORD, url)
    assert refused.status_code == 429
    html = refused.content.decode()
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    assert "登录已暂时锁定" in html and f"请 {minutes} 分钟后再试" in html
    assert 'class="site-header"' in html and settings.WAGTAIL_SITE_NAME in html  # the portal's page
    assert refused["Retry-After"] == str(minutes * 60)
    assert not in_admin(attacker)

    # The user name is locked whichever client tries it...
    assert attempt(Client(REMOTE_ADDR="198.51.100.20"), "admin", PASSWORD, url).status_code == 429
    # ...while another user on another client logs in as usual.
    colleague = Client(REMOTE_ADDR="198.51.100.21")
    assert attempt(colleague, "editor", PASSWORD, url).status_code == 302
    assert in_admin(colleague)


def test_a_client_trying_many_user_names_is_locked_out(users):
    attacker = Client(REMOTE_ADDR="203.0.113.67")
    for n in range(limit()):
        assert attempt(attacker, f"nobody{n}", "guess").status_code == (429 if n == limit() - 1 else 200)
    assert attempt(attacker, "editor", PASSWORD).status_code == 429
    assert not in_admin(attacker)
    elsewhere = Client(REMOTE_ADDR="198.51.100.22")
    assert attempt(elsewhere, "editor", PASSWORD).status_code == 302


def test_the_lockout_ends_a_cool_off_after_the_failure_that_caused_it(users):
    cool_off = settings.AXES_COOLOFF_TIME
    start = timezone.now()
    client = Client(REMOTE_ADDR="203.0.113.70")
    with time_machine.travel(start, tick=False):
        for n in range(limit()):
            attempt(client, "admin", f"guess-{n}")
    # Refused until the end, however often it is tried; tries while locked are not stored.
    with time_machine.travel(start + cool_off - dt.timedelta(minutes=1), tick=False):
        for _ in range(10):
            assert attempt(client, "admin", PASSWORD).status_code == 429
    assert AccessAttempt.objects.get().failures_since_start == limit()
    with time_machine.travel(start + cool_off + dt.timedelta(seconds=1), tick=False):
        assert attempt(client, "admin", PASSWORD).status_code == 302
        assert in_admin(client)


def test_the_limit_is_a_setting(users, settings):
    settings.AXES_FAILURE_LIMIT = 2
    client = Client(REMOTE_ADDR="203.0.113.71")
    assert [attempt(client, "admin", "guess").status_code for _ in range(2)] == [200, 429]


def test_without_behind_proxy_x_forwarded_for_is_ignored(users, settings):
    settings.BEHIND_PROXY = False
    for n in range(limit()):
        # A different forged header on every try does not make a new client.
        attempt(Client(REMOTE_ADDR="203.0.113.72", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}"), f"nobody{n}", "guess")
    forged = Client(REMOTE_ADDR="203.0.113.72", HTTP_X_FORWARDED_FOR="192.0.2.99")
    assert attempt(forged, "editor", PASSWORD).status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.72"}


def test_behind_a_proxy_the_client_is_the_address_the_proxy_forwarded(users, settings):
    settings.BEHIND_PROXY = True
    for n in range(limit()):
        attempt(Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.73"), f"nobody{n}", "guess")
    # Entries the client writes itself stand left of the one the proxy appends.
    forged = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="192.0.2.1, 203.0.113.73")
    assert attempt(forged, "editor", PASSWORD).status_code == 429
    # Another client behind the same proxy is not locked out with it.
    neighbour = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.23")
    assert attempt(neighbour, "editor", PASSWORD).status_code == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.73"}


def test_the_client_address_skips_trusted_proxies_only(settings):
    settings.BEHIND_PROXY = True
    settings.TRUSTED_PROXIES = [ipaddress.ip_network("10.0.0.0/8"), ipaddress.ip_network("fd00::/8")]

    def ip(forwarded=None, remote=PROXY):
        extra = {"REMOTE_ADDR": remote} | ({"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {})
        return client_ip(RequestFactory().get("/", **extra))

    assert ip("192.0.2.1, 198.51.100.5, 10.1.1.1") == "198.51.100.5"
    assert ip("198.51.100.5,fd00::7") == "198.51.100.5"
    assert ip("2001:db8::5") == "2001:db8::5"
    assert ip("not-an-address, 10.1.1.1") == "10.1.1.1"  # never text the client wrote
    assert ip("") == PROXY and ip() == PROXY
    settings.BEHIND_PROXY = False
    assert ip("198.51.100.5") == PROXY
