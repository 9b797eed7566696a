"""The search page and the JSON API, over HTTP, on PostgreSQL + Elasticsearch."""

import re
from html import unescape

import pytest

from search import service

from .search_support import es_index, index_documents, refdata, sample_documents  # noqa: F401


@pytest.fixture
def indexed(db, refdata, es_index):
    index_documents("elasticsearch", sample_documents())


def test_api_answers_in_the_documented_shape(client, indexed):
    response = client.get("/api/search/", {"q": "小微企业", "type": "measure", "page_size": 2})
    assert response.status_code == 200
    data = response.json()
    assert data["engine"] == "elasticsearch"
    assert data["query"] == "小微企业"
    assert data["total"] == 2 and data["page"] == 1 and data["page_size"] == 2
    hit = data["results"][0]
    assert {"type", "title", "url", "snippet", "document_number", "department", "published"} <= set(hit)
    assert hit["type"] == "measure" and "<mark>小微企业</mark>" in hit["snippet"]
    assert {"value": "measure", "label": "惠企事项", "count": 2, "selected": True} in data["facets"]["type"]
    assert {"value": "policy", "label": "政策文件", "count": 1, "selected": False} in data["facets"]["type"]
    assert data["suggestion"] is None


def test_api_document_number_field(client, indexed):
    hit = client.get("/api/search/", {"q": "国发2019年5号"}).json()["results"][0]
    assert hit["document_number"] == "国发〔2019〕5号"
    assert hit["department"] == "南川区市场监督管理局"
    assert hit["published"] == "2019-02-15"


@pytest.mark.parametrize(
    "params, parameter",
    [({"foo": "1"}, "foo"), ({"department": "no-such"}, "department"), ({"page_size": "1000"}, "page_size"),
     ({"status": "x"}, "status"), ({"from": "yesterday"}, "from")],
)
def test_api_rejects_bad_parameters_with_400_json(client, indexed, params, parameter):
    response = client.get("/api/search/", params)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["error"]["parameter"] == parameter
    assert response.json()["error"]["message"]


@pytest.mark.parametrize("q", ["\x00", "😀", "'", '"', "<script>alert(1)</script>", "国发〔", "x" * 5000, "%", "\\u0000"])
def test_api_never_fails_on_text(client, indexed, q):
    response = client.get("/api/search/", {"q": q})
    assert response.status_code == 200
    data = response.json()
    assert len(data["query"]) <= 100
    assert all("<script>" not in r["snippet"] + r["title_html"] for r in data["results"])


def test_page_works_without_javascript(client, indexed):
    response = client.get("/search/", {"q": "小微企业", "department": "jxw"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "共 <strong>2</strong> 条" in html
    # Results open through the counting redirect (search analytics), a plain link.
    link = re.search(r'<a href="(/search/go/\?to=[^"]+)">南川区支持<mark>小微企业</mark>发展的若干措施</a>', html)
    assert client.get(unescape(link[1]))["Location"] == "/zhengce/xiaowei/"
    assert 'name="department" value="jxw" checked' in html
    # Other departments stay selectable with their counts (disjunctive).
    assert 'name="department" value="czj"' in html
    assert '南川区财政局 <span class="count">(1)</span>' in html
    assert "<script>" not in html.split("</head>")[1]


def test_page_suggestion_link_and_paging(client, indexed):
    html = client.get("/search/", {"q": "幼儿圆"}).content.decode()
    assert '您是不是要找：<a href="/search/?q=%E5%B9%BC%E5%84%BF%E5%9B%AD">幼儿园</a>' in html
    html = client.get("/search/", {"page_size": "5", "page": "2"}).content.decode()
    assert 'rel="prev"' in html and 'rel="next"' in html and 'aria-current="page">2<' in html
    # Past the last page: a page (no error) whose page list leads back.
    response = client.get("/search/", {"page_size": "5", "page": "999"})
    assert response.status_code == 200
    html = response.content.decode()
    assert '<a href="/search/?page_size=5">1</a>' in html
    assert f'page={-(-len(sample_documents()) // 5)}" rel="prev">上一页' in html  # back to the last page


def test_page_bad_parameter_is_a_400_page_in_chinese(client, indexed):
    response = client.get("/search/", {"q": "税", "type": "nope"})
    assert response.status_code == 400
    assert "检索条件有误" in response.content.decode()


def test_falls_back_to_embedded_when_elasticsearch_is_unreachable(client, indexed, settings):
    settings.ELASTICSEARCH_HOSTS = ["http://127.0.0.1:9"]  # nothing listens there
    service.reset_breaker()
    data = client.get("/api/search/", {"q": "加计扣除"}).json()
    assert data["engine"] == "embedded"
    assert data["notice"] and data["results"][0]["title"] == "关于高新技术企业研发费用加计扣除有关事项的通知"
    html = client.get("/search/", {"q": "加计扣除"}).content.decode()
    assert "全文检索服务暂时不可用" in html
    service.reset_breaker()


def test_autocomplete(client, indexed):
    data = client.get("/api/search/suggest/", {"q": "小微"}).json()
    texts = [s["text"] for s in data["suggestions"]]
    assert "小微企业" in texts
    assert any(s["kind"] == "title" and s["text"] == "小微企业房租补贴" for s in data["suggestions"])
    assert client.get("/api/search/suggest/", {"q": "xiaowei"}).json()["suggestions"][0]["text"].startswith("小微")
    assert client.get("/api/search/suggest/", {"x": "1"}).status_code == 400


def test_openapi_document(client, db):
    doc = client.get("/api/openapi.json").json()
    assert doc["openapi"].startswith("3.")
    params = {p["name"] for p in doc["paths"]["/api/search/"]["get"]["parameters"]}
    assert {"q", "department", "validity", "status", "page_size", "from", "to", "sort"} <= params
    assert "SearchResponse" in doc["components"]["schemas"]
    feed_params = {p["name"] for p in doc["paths"]["/search/feed/"]["get"]["parameters"]}
    assert {"q", "department", "from"} <= feed_params and "page_size" not in feed_params
