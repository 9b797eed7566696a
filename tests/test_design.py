"""The shared design: 适老化 switch, accessibility statement, error pages,
time formats, breadcrumbs, static file caching (Django test client; the
real-browser checks are in tests/browser)."""

import datetime
import re
import zoneinfo

import pytest
from django.template import Context, Template
from django.templatetags.static import static

from portal.templatetags.portal_tags import datetime_min, trail_for, ymd


def test_datetime_min_shows_local_time_to_the_minute():
    utc = datetime.datetime(2024, 5, 8, 6, 30, 59, tzinfo=datetime.timezone.utc)
    assert datetime_min(utc) == "2024-05-08 14:30"  # Asia/Shanghai is UTC+8
    assert datetime_min(datetime.datetime(2024, 12, 31, 23, 59)) == "2024-12-31 23:59"
    assert datetime_min(datetime.date(2024, 1, 2)) == "2024-01-02"
    assert datetime_min(None) == "" and datetime_min("") == ""


def test_ymd_uses_the_local_date():
    late_utc = datetime.datetime(2024, 5, 8, 20, 0, tzinfo=datetime.timezone.utc)  # 05-09 04:00 in 南川
    assert ymd(late_utc) == "2024-05-09"
    assert ymd(datetime.date(2024, 2, 29)) == "2024-02-29"
    assert ymd(None) == ""
    chongqing = datetime.datetime(2024, 5, 8, 9, 5, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))
    html = Template("{% load portal_tags %}{{ t|datetime_min }}|{{ t|ymd }}").render(Context({"t": chongqing}))
    assert html == "2024-05-08 09:05|2024-05-08"


def test_breadcrumb_trail_for_a_view_without_a_page():
    assert trail_for(None, [("权责清单", "/quanze/"), ("区发展改革委", "/quanze/bumen/fgw/")]) == [
        ("首页", "/"),
        ("权责清单", "/quanze/"),
        ("区发展改革委", ""),  # the current page is not a link
    ]


@pytest.mark.django_db
def test_breadcrumbs_tag_marks_the_current_page():
    html = Template('{% load portal_tags %}{% breadcrumbs None "无障碍声明" "" %}').render(Context({}))
    assert 'aria-label="当前位置"' in html
    assert '<a href="/">首页</a>' in html
    assert '<span aria-current="page">无障碍声明</span>' in html


def test_elderly_switch_sets_cookie_and_returns_to_the_page(demo, client):
    response = client.get("/shilaohua/", {"on": "1", "next": "/wuzhangai/?a=1"})
    assert response.status_code == 302 and response["Location"] == "/wuzhangai/?a=1"
    cookie = response.cookies["shilaohua"]
    assert cookie.value == "1" and cookie["max-age"] >= 365 * 24 * 3600 and cookie["httponly"]
    assert cookie["samesite"] == "Lax"

    response = client.get("/wuzhangai/")
    # A shared cache must not serve this version to someone without the cookie.
    assert "Cookie" in response["Vary"]
    page = response.content.decode()
    assert '<html lang="zh-CN" class="shilaohua">' in page
    assert re.search(r'<body class="shilaohua ', page)
    assert "退出适老化模式" in page and "/shilaohua/?on=0&amp;next=%2Fwuzhangai%2F" in page

    response = client.post("/shilaohua/", {"on": "0", "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert response.cookies["shilaohua"]["max-age"] == 0  # deleted
    page = client.get("/").content.decode()
    assert "shilaohua" not in page.split("<body", 1)[0] and "/shilaohua/?on=1&amp;next=%2F" in page


@pytest.mark.parametrize(
    "target",
    ["https://evil.example/", "//evil.example/path", "http:///evil.example", "javascript:alert(1)", "", "\\\\evil.example"],
)
def test_elderly_switch_never_redirects_off_site(db, client, target):
    response = client.get("/shilaohua/", {"on": "1", "next": target})
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_elderly_switch_rejects_other_methods(db, client):
    assert client.put("/shilaohua/").status_code == 405


def test_accessibility_statement_page(demo, client):
    response = client.get("/wuzhangai/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>无障碍声明</h1>" in html and "GB/T 37668-2019" in html and "适老化模式" in html
    assert "<title>无障碍声明 - 南川区政务公开专区</title>" in html
    # Linked from every page's footer.
    assert '<a href="/wuzhangai/">无障碍声明</a>' in client.get("/").content.decode()


def test_home_page_frame_and_landmarks(demo, client):
    html = client.get("/").content.decode()
    assert "<title>南川区政务公开专区</title>" in html  # not "南川区政务公开专区 - 南川区政务公开专区"
    assert '<a class="skip-link" href="#main">跳到正文</a>' in html
    for marker in ('<header class="site-header">', '<nav class="site-nav" aria-label="主导航">',
                   '<main id="main"', '<footer class="site-footer">', 'role="search"'):
        assert marker in html
    assert "<script>" not in html and "onclick" not in html  # CSP: script-src 'self'
    assert 'href="/zhengce/"' in html and 'href="/quanze/"' in html  # quick entries


def test_404_page_is_in_the_site_design(demo, client):
    response = client.get("/no-such-page/?q=x")
    assert response.status_code == 404
    html = response.content.decode()
    assert "页面不存在" in html and '<header class="site-header">' in html and '<footer class="site-footer">' in html
    assert 'action="/search/"' in html


@pytest.mark.urls("tests.design_urls")
def test_500_page_is_in_the_site_design(db, client):
    client.raise_request_exception = False
    response = client.get("/test-broken/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "服务暂时不可用" in html and "12345" in html
    assert '<header class="site-header">' in html and 'href="/static/css/portal.css"' in html


def test_static_files_have_hashed_names_and_far_future_cache_headers(client):
    url = static("css/portal.css")
    assert re.fullmatch(r"/static/css/portal\.[0-9a-f]{12}\.css", url)
    response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert response["Cache-Control"] == "max-age=315360000, public, immutable"
    assert response["Content-Encoding"] == "gzip"
    b"".join(response.streaming_content)
    js = client.get(static("js/portal.js"))
    assert js.status_code == 200 and "immutable" in js["Cache-Control"]
    b"".join(js.streaming_content)
