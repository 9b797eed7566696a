"""Best bets (推荐结果) and search analytics (搜索分析), on PostgreSQL and both
engines, as the public and the editors see them."""

import datetime as dt
import re
from html import unescape
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from django.contrib.auth.models import Group
from django.core import signing
from django.core.management import call_command
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from policies.models import PolicyPage, SupportMeasure
from portal.daterules import today as district_today
from portal.models import Department
from portal.permissions import PORTAL_OFFICE_GROUP
from powerlists.models import PowerItem
from search import analytics
from search.models import QueryDay

from .search_support import es_index  # noqa: F401

pytestmark = pytest.mark.django_db

BASE = "http://127.0.0.1:8000"


@pytest.fixture(autouse=True)
def no_earlier_searches(db):
    # The browser tests' live server counts its searches in the shared test database.
    QueryDay.objects.all().delete()


@pytest.fixture
def on_engine(request, demo, settings):
    """The demo district, searched by the engine named by the test's parameter."""
    if request.param == "elasticsearch":
        request.getfixturevalue("es_index")  # a fresh index: answers come from Elasticsearch
    else:
        settings.ELASTICSEARCH_HOSTS = []
    return request.param


@pytest.fixture
def embedded(demo, settings):
    settings.ELASTICSEARCH_HOSTS = []


@pytest.fixture
def users(demo, django_user_model):
    office = django_user_model.objects.create_user("bb-office", password="pw")
    office.groups.add(Group.objects.get(name=PORTAL_OFFICE_GROUP))
    editor = django_user_model.objects.create_user("bb-editor", password="pw")
    editor.groups.add(Department.objects.get(slug="scjgj").editor_group)
    return {"office": office, "editor": editor}


def _promote(term, *, page=None, url="", text="", description=""):
    query = Query.get(term)
    return SearchPromotion.objects.create(query=query, page=page, external_link_url=url, external_link_text=text,
                                          description=description, sort_order=SearchPromotion.objects.filter(query=query).count())


def _html(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def _promoted_block(html):
    match = re.search(r'<ul class="promoted" aria-label="推荐结果">(.*?)</ul>', html, re.S)
    return match and match[1]


@pytest.mark.parametrize("on_engine", ["embedded", "elasticsearch"], indirect=True)
def test_best_bets_above_the_results_on_the_page_and_in_the_api(client, on_engine):
    policy = PolicyPage.objects.live().filter(measures__title="失业保险稳岗返还").first()
    item = PowerItem.objects.get(name="食品经营许可")
    hidden = PolicyPage.objects.live().exclude(pk=policy.pk).first()
    # Typed by the editor with full-width letters and extra spaces: matched after the search's own cleaning.
    _promote("  ＡＰＰ   开饭店 ", page=policy, description="稳岗返还在这里申请")
    _promote("app 开饭店", url=f"{BASE}/quanze/shixiang/{item.code}/", text="食品经营许可（开饭店、开餐馆）")
    _promote("app 开饭店", page=hidden)
    hidden.unpublish()  # an unpublished page is never shown, even when promoted

    data = client.get("/api/search/", {"q": "App 开饭店"}).json()
    assert data["engine"] == on_engine
    assert data["promoted"] == [
        {"title": policy.title, "url": policy.url, "description": "稳岗返还在这里申请"},
        {"title": "食品经营许可（开饭店、开餐馆）", "url": f"/quanze/shixiang/{item.code}/", "description": ""},
    ]
    assert client.get("/api/search/", {"q": "App 开饭店", "page": 2}).json()["promoted"] == []
    assert client.get("/api/search/", {"q": "开饭店"}).json()["promoted"] == []

    html = _html(client.get("/search/", {"q": "app　开饭店"}))  # an ideographic space, as a Chinese IME types it
    block = _promoted_block(html)
    assert block.count('<span class="promoted-badge">推荐</span>') == 2
    assert f">{policy.title}</a>" in block and ">食品经营许可（开饭店、开餐馆）</a>" in block
    assert "<p>稳岗返还在这里申请</p>" in block
    assert hidden.title not in block
    results = html.index('class="hits"') if 'class="hits"' in html else html.index("没有找到相关结果")
    assert html.index('class="promoted"') < results
    # The promoted links count their clicks too, and open the promoted page.
    href = unescape(re.search(r'<a href="([^"]+)">' + re.escape(policy.title), block)[1])
    assert href.startswith("/search/go/?to=")
    response = client.get(href)
    assert response.status_code == 302 and response["Location"] == policy.url


def test_openapi_declares_the_promoted_list(client, demo):
    schemas = client.get("/api/openapi.json").json()["components"]["schemas"]
    assert schemas["SearchResponse"]["properties"]["promoted"]["items"] == {"$ref": "#/components/schemas/PromotedResult"}
    assert set(schemas["PromotedResult"]["properties"]) == {"title", "url", "description"}


def test_result_links_go_through_the_redirect_and_are_counted(client, embedded):
    html = _html(client.get("/search/", {"q": "食品经营许可"}))
    links = [unescape(link) for link in re.findall(r'<h3><a href="([^"]+)">', html)]
    assert len(links) >= 2 and all(link.startswith("/search/go/?to=") for link in links)
    urls = [hit["url"] for hit in client.get("/api/search/", {"q": "食品经营许可"}).json()["results"]]
    row = QueryDay.objects.get(query="食品经营许可")
    assert (row.searches, row.clicks, row.engine, row.day) == (1, 0, "embedded", district_today())
    assert row.results == int(re.search(r"共 <strong>(\d+)</strong> 条", html)[1]) > 0
    # A plain link (no JavaScript): each opens its result and is counted.
    for n, link in enumerate(links[:2], start=1):
        response = client.get(link)
        assert response.status_code == 302 and response["Location"] == urls[n - 1]
        assert QueryDay.objects.get(query="食品经营许可").clicks == n
    # Without a query there is nothing to count: links are direct.
    html = _html(client.get("/search/", {"type": "policy"}))
    assert "/search/go/" not in html


@pytest.mark.parametrize("to", [
    None, "", "/zhengce/",  # unsigned
    signing.dumps({"u": "/zhengce/", "q": "x", "d": "2026-01-01"}, key="another-site-" * 5, salt="search.clickthrough"),
    signing.dumps({"u": "/zhengce/", "q": "x", "d": "2026-01-01"}),  # our key, another purpose
])
def test_the_redirect_refuses_values_it_did_not_make(client, embedded, to):
    response = client.get("/search/go/", {} if to is None else {"to": to})
    assert response.status_code == 400
    html = response.content.decode()
    assert "链接无效" in html and "不是本站生成的" in html
    assert "Location" not in response


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)"])
def test_the_redirect_refuses_foreign_targets_even_when_signed(client, embedded, target):
    response = client.get(analytics.link(target, "开饭店"))
    assert response.status_code == 400 and "链接无效" in response.content.decode()


def test_the_redirect_opens_a_promoted_link_to_another_site(client, embedded):
    _promote("社保", url="https://si.12333.gov.cn/", text="国家社会保险公共服务平台")
    html = _html(client.get("/search/", {"q": "社保"}))
    href = unescape(re.search(r'<a href="([^"]+)">国家社会保险公共服务平台', html)[1])
    response = client.get(href)
    assert response.status_code == 302 and response["Location"] == "https://si.12333.gov.cn/"


def test_one_row_per_day_and_query_without_personal_data(client, embedded):
    visitor = {"REMOTE_ADDR": "203.0.113.77", "HTTP_USER_AGENT": "Mozilla/5.0 Secret-Browser"}
    client.cookies["sessionid"] = "secret-session-key"
    for params in ({"q": "开饭店"}, {"q": " 开饭店 "}, {"q": "开饭店", "page": 2}, {"q": "开饭店", "type": "policy"},
                   {"q": "没有这个词xyzzy"}, {}):
        assert client.get("/search/", params, **visitor).status_code == 200
    rows = {r.query: r for r in QueryDay.objects.all()}
    assert set(rows) == {"开饭店", "没有这个词xyzzy"}  # page 2 and the empty query are not searches
    assert rows["开饭店"].searches == 3 and rows["没有这个词xyzzy"].results == 0
    # The table has these columns and no other: nothing about the person.
    assert [f.name for f in QueryDay._meta.fields] == ["id", "day", "query", "searches", "clicks", "results", "engine", "relaxation"]
    stored = " ".join(str(v) for r in QueryDay.objects.values() for v in r.values())
    for secret in ("203.0.113", "Secret-Browser", "secret-session-key"):
        assert secret not in stored


def test_rows_older_than_180_days_are_deleted(client, embedded):
    today = district_today()
    for age in (0, 179, 180, 181, 400):
        QueryDay.objects.create(day=today - dt.timedelta(days=age), query=f"词{age}", searches=1)
    call_command("search_analytics_prune", stdout=open("/dev/null", "w"))
    assert sorted(QueryDay.objects.values_list("query", flat=True)) == ["词0", "词179", "词180"]
    # Nobody scheduled the command: the day's first search deletes them too.
    QueryDay.objects.create(day=today - dt.timedelta(days=200), query="旧词", searches=1)
    client.get("/search/", {"q": "开饭店"})
    assert not QueryDay.objects.filter(query="旧词").exists()
    assert QueryDay.objects.filter(query="词180").exists()


OFFICE_URLS = ["/admin/search-analytics/", "/admin/search-analytics/best-bet/?q=x", "/admin/search-analytics/alias/?q=x",
               "/admin/searchpicks/", "/admin/searchpicks/add/"]


def test_only_the_portal_office_manages_best_bets_and_sees_the_analytics(client, users):
    query = _promote("开饭店", page=PolicyPage.objects.live().first()).query
    client.force_login(users["editor"])
    for url in [*OFFICE_URLS, f"/admin/searchpicks/{query.pk}/", f"/admin/searchpicks/{query.pk}/delete/"]:
        response = client.get(url)
        assert response.status_code == 404 and "开饭店" not in response.content.decode(), url
    response = client.post(f"/admin/searchpicks/{query.pk}/delete/")
    assert response.status_code == 404 and SearchPromotion.objects.filter(query=query).exists()
    assert not users["editor"].has_perm("wagtailsearchpromotions.add_searchpromotion")
    admin_home = _html(client.get("/admin/"))
    assert "搜索分析" not in admin_home and "/admin/searchpicks/" not in admin_home
    client.force_login(users["office"])
    for url in [*OFFICE_URLS, f"/admin/searchpicks/{query.pk}/"]:
        assert client.get(url).status_code == 200, url
    assert "/admin/search-analytics/" in _html(client.get("/admin/"))


def test_zero_result_query_to_a_best_bet_in_one_step(client, users, embedded):
    client.get("/search/", {"q": "奶茶店怎么办证xyz"})
    client.force_login(users["office"])
    html = _html(client.get("/admin/search-analytics/"))
    zero = html.split('id="zero"')[1].split('id="unopened"')[0]
    assert "奶茶店怎么办证xyz" in zero
    add = unescape(re.search(r'href="([^"]+)">添加推荐结果', zero)[1])
    form = _html(client.get(add))
    assert re.search(r'name="query_string"[^>]*value="奶茶店怎么办证xyz"', form)
    policy = PolicyPage.objects.live().first()
    response = client.post(add, {
        "query_string": "奶茶店怎么办证xyz",
        "editors_picks-TOTAL_FORMS": "1", "editors_picks-INITIAL_FORMS": "0",
        "editors_picks-MIN_NUM_FORMS": "0", "editors_picks-MAX_NUM_FORMS": "1000",
        "editors_picks-0-page": str(policy.pk), "editors_picks-0-description": "", "editors_picks-0-ORDER": "1",
        "editors_picks-0-DELETE": "", "editors_picks-0-external_link_url": "", "editors_picks-0-external_link_text": "",
    })
    assert response.status_code == 302
    client.logout()
    assert client.get("/api/search/", {"q": "奶茶店怎么办证xyz"}).json()["promoted"][0]["url"] == policy.url


def test_zero_result_query_to_an_alias_through_the_edit_form(client, users, embedded):
    item = PowerItem.objects.get(name="食品经营许可")
    measure = SupportMeasure.objects.filter(page__live=True, title="失业保险稳岗返还").first()
    before = (item.search_aliases, measure.search_aliases)
    client.force_login(users["office"])
    client.get("/search/", {"q": "奶茶店证xyz"})
    zero = _html(client.get("/admin/search-analytics/")).split('id="zero"')[1]
    alias_page = unescape(re.search(r'href="([^"]+)">添加为别名', zero)[1])
    assert parse_qs(urlsplit(alias_page).query)["q"] == ["奶茶店证xyz"]

    # The editor looks for what the person meant, and opens that item's form with the alias filled in.
    html = _html(client.get(alias_page + "&" + urlencode({"find": "食品经营许可"})))
    edit = unescape(re.search(r'href="([^"]+)">把“奶茶店证xyz”加为别名', html)[1])
    assert edit.startswith(f"/admin/snippets/powerlists/poweritem/edit/{item.pk}/")
    form = _html(client.get(edit))
    textarea = re.search(r'<textarea name="search_aliases"[^>]*>(.*?)</textarea>', form, re.S)[1]
    assert unescape(textarea).strip().splitlines()[-1] == "奶茶店证xyz"

    # A support measure is edited on its policy's page: its own alias field is filled.
    html = _html(client.get(alias_page + "&" + urlencode({"find": "失业保险稳岗返还"})))
    links = [unescape(u) for u in re.findall(r'href="([^"]+)">把“奶茶店证xyz”加为别名', html)]
    edit = next(u for u in links if parse_qs(urlsplit(u).query).get("search_aliases_item") == [f"policies.supportmeasure:{measure.pk}"])
    assert edit.startswith(f"/admin/pages/{measure.page_id}/edit/")
    form = _html(client.get(edit))
    filled = re.findall(r'<textarea name="measures-(\d+)-search_aliases"[^>]*>(.*?)</textarea>', form, re.S)
    assert [n for n, text in filled if "奶茶店证xyz" in unescape(text)] != []
    assert len([n for n, text in filled if "奶茶店证xyz" in unescape(text)]) == 1
    # Nothing was written: the editor saves it through the normal workflow.
    item.refresh_from_db()
    measure.refresh_from_db()
    assert (item.search_aliases, measure.search_aliases) == before


def test_setup_gives_best_bets_to_the_office_only(users):
    assert users["office"].has_perm("wagtailsearchpromotions.add_searchpromotion")
    assert users["office"].has_perm("wagtailsearchpromotions.change_searchpromotion")
    assert not users["editor"].has_perm("wagtailsearchpromotions.change_searchpromotion")


def test_the_analytics_page_shows_days_zero_results_and_unopened_queries(client, users, embedded):
    today = district_today()
    QueryDay.objects.create(day=today - dt.timedelta(days=3), query="老问题", searches=4, results=0)
    QueryDay.objects.create(day=today - dt.timedelta(days=2), query="老问题", searches=1, results=5, clicks=1)  # an alias helped
    QueryDay.objects.create(day=today - dt.timedelta(days=40), query="很久以前", searches=9, results=0)
    for _ in range(3):
        client.get("/search/", {"q": "食品经营许可"})  # found, never opened
    client.get("/search/", {"q": "查无此词qqq"})
    client.get(analytics.link("/zhengce/", "食品经营许可", today - dt.timedelta(days=2)))  # another day's row: not counted today
    client.force_login(users["office"])
    html = _html(client.get("/admin/search-analytics/"))
    zero = html.split('id="zero"')[1].split('id="unopened"')[0]
    unopened = html.split('id="unopened"')[1].split('id="per-day"')[0]
    per_day = html.split('id="per-day"')[1]
    assert "查无此词qqq" in zero and "老问题" not in zero and "很久以前" not in zero  # 30 days by default
    assert re.search(r">食品经营许可</a></td><td>3</td>", unopened)
    assert f"<tr><td>{today:%Y-%m-%d}</td><td>4</td><td>2</td><td>1</td><td>0</td></tr>" in per_day
    assert "很久以前" in _html(client.get("/admin/search-analytics/", {"days": 180})).split('id="unopened"')[0]
