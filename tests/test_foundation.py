"""The foundation on the real services: PostgreSQL, Elasticsearch, the site."""

import uuid

import pytest
from django.conf import settings
from django.db import connection

from portal.models import Department
from wagtail.models import Site


@pytest.mark.django_db
def test_database_is_postgresql():
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        assert int(cursor.fetchone()[0].split(".")[0]) >= 13


def test_elasticsearch_indexes_and_finds_a_chinese_document(es_client):
    index = f"{settings.SEARCH_INDEX_PREFIX}-smoke-{uuid.uuid4().hex[:8]}"
    es_client.indices.create(
        index=index,
        mappings={"properties": {"title": {"type": "text", "analyzer": "whitespace"}}},
    )
    try:
        es_client.index(index=index, id="1", document={"title": "小微企业 所得税 优惠"}, refresh=True)
        es_client.index(index=index, id="2", document={"title": "食品 经营 许可"}, refresh=True)
        hits = es_client.search(index=index, query={"match": {"title": "小微企业"}})["hits"]["hits"]
        assert [h["_id"] for h in hits] == ["1"]
    finally:
        es_client.indices.delete(index=index)
    versions = {n["version"] for n in es_client.nodes.info()["nodes"].values()}
    assert all(v.startswith("8.") for v in versions)


def test_demo_content_is_believable_and_idempotent(demo, client):
    from django.core.management import call_command

    assert Department.objects.count() >= 15
    names = set(Department.objects.values_list("short_name", flat=True))
    assert {"区发展改革委", "区经济信息委", "区市场监管局", "区人力社保局", "区税务局"} <= names
    before = Department.objects.count()
    call_command("load_demo", stdout=open("/dev/null", "w"))
    assert Department.objects.count() == before
    assert Site.objects.get(is_default_site=True).root_page.specific.title == "南川区政务公开专区"


def test_home_page_and_admin_are_served(demo, client, django_user_model):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "南川区政务公开专区" in html and 'lang="zh-CN"' in html
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("style-src")[0]
    assert response["X-Frame-Options"] == "DENY"

    assert client.get("/admin/").status_code == 302  # to the login page
    django_user_model.objects.create_superuser("editor", "e@example.com", "pw-123456")
    client.login(username="editor", password="pw-123456")
    assert client.get("/admin/").status_code == 200


def test_unknown_url_is_a_chinese_404_page(demo, client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


def test_healthz(db, client):
    assert client.get("/healthz").json() == {"status": "ok", "database": "postgresql"}
