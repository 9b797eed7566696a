"""The zero-setup run: the embedded engine on SQLite, no Elasticsearch."""

import pytest
from django.db import connection

from .search_support import Engine, index_documents, refdata, sample_documents  # noqa: F401

pytestmark = [pytest.mark.sqlite]


@pytest.fixture
def indexed(db, refdata):
    from search.facets import clear_cache

    clear_cache()
    index_documents("embedded", sample_documents())


def test_embedded_engine_on_sqlite(indexed):
    assert connection.vendor == "sqlite"
    engine = Engine("embedded")
    assert engine.ids(q="国发2019年5号")[0] == "policy:6"
    assert "interpretation:1" in engine.ids(q="个税")
    assert engine.search(q="幼儿圆").suggestion == "幼儿园"
    assert set(engine.ids(type=["measure"], status=["open", "closing"])) == {"measure:1:1", "measure:1:2"}


def test_search_page_and_api_on_sqlite(indexed, client):
    data = client.get("/api/search/", {"q": "小微企业"}).json()
    assert data["engine"] == "embedded" and data["notice"] is None and data["total"] >= 3
    html = client.get("/search/", {"q": "加计扣除"}).content.decode()
    assert "<mark>加计扣除</mark>" in html


def test_search_analytics_and_best_bets_on_sqlite(indexed, client):
    import re
    from html import unescape

    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    from search.models import QueryDay

    SearchPromotion.objects.create(query=Query.get("小微企业"), external_link_url="http://127.0.0.1:8000/huiqi/",
                                   external_link_text="惠企政策")
    html = client.get("/search/", {"q": "小微企业"}).content.decode()
    assert '<span class="promoted-badge">推荐</span>' in html and ">惠企政策</a>" in html
    link = unescape(re.findall(r'<h3><a href="([^"]+)">', html)[0])
    assert client.get(link).status_code == 302
    row = QueryDay.objects.get(query="小微企业")
    assert (row.searches, row.clicks, row.engine) == (1, 1, "embedded") and row.results >= 3
