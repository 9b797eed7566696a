"""The parameter layer (portal.params) over HTTP, on the demo district: one
error body for every API, a Chinese 400 page for every filterable page,
ASCII-only numbers, HEAD answered like GET, /api/openapi.json listing what
the declarations accept. Each reproduction below was a 500, a wrong value
silently accepted or a 405 before the layer."""

import pytest

from portal.models import Department

pytestmark = pytest.mark.django_db

FIRM = "industry=C&scale=small"
APIS = [
    "/api/search/", "/api/search/suggest/", "/search/feed/", "/api/openapi.json",
    "/api/powerlists/departments/", "/api/powerlists/items/", "/api/powerlists/items/XK00001000/",
    "/api/powerlists/versions/", f"/api/matcher/?{FIRM}", f"/jisuanqi/feed/?{FIRM}",
]


def _with(url, query):
    return url + ("&" if "?" in url else "?") + query


@pytest.mark.parametrize("url", APIS)
def test_every_api_answers_an_unknown_parameter_with_the_one_error_body(demo, client, url):
    response = client.get(_with(url, "colour=red"))
    assert response.status_code == 400 and response["Content-Type"] == "application/json"
    error = response.json()["error"]
    assert error["message"].startswith("未知参数：colour。可用参数：")
    assert error == {"code": "unknown_parameter", "message": error["message"], "parameter": "colour",
                     "errors": {"colour": [error["message"]]}}


@pytest.mark.parametrize("url, parameter", [
    ("/api/powerlists/items/?page=²", "page"),  # "²".isdigit(), then int("²"): 500
    ("/api/powerlists/items/?page_size=" + "9" * 4301, "page_size"),  # int() refuses 4,301 digits: 500
    ("/api/powerlists/items/?page=٢", "page"),  # read as 2
    ("/api/search/?page=２", "page"),
    ("/api/search/?page_size=١٠", "page_size"),
    ("/api/search/?year=20٢٥", "year"),  # the facet's pattern (19|20)\d\d took any digit
    (f"/api/matcher/?{FIRM}&founded=20٢٥", "founded"),  # Django's IntegerField read it as 2025
    (f"/api/matcher/?{FIRM}&headcount=８０", "headcount"),
    (f"/api/matcher/?{FIRM}&headcount=15&revenue=３０", "revenue"),
    (f"/jisuanqi/feed/?{FIRM}&founded=٢٠١٨", "founded"),
])
def test_numbers_are_ascii_digits_in_range_or_a_400_naming_the_parameter(demo, client, url, parameter):
    response = client.get(url)
    assert response.status_code == 400 and response["Content-Type"] == "application/json"
    error = response.json()["error"]
    assert (error["code"], error["parameter"]) == ("invalid_parameter", parameter) and error["message"]


def test_every_api_names_all_bad_parameters(demo, client):
    error = client.get("/api/search/?page=x&sort=title&from=2024-13-01").json()["error"]
    assert set(error["errors"]) == {"page", "sort", "from"}
    assert error["errors"]["from"] == ["参数 from 必须是 YYYY-MM-DD 格式的日期，收到“2024-13-01”。"]
    error = client.get("/api/powerlists/items/?power_type=xuke&page=0").json()["error"]
    assert set(error["errors"]) == {"power_type", "page"} and error["errors"]["page"] == ["参数 page 不能小于 1。"]


@pytest.mark.parametrize("url, text", [
    ("/zhengce/?colour=red", "未知参数：colour"),  # ignored before
    ("/zhengce/?department=nope", "参数 department 的取值“nope”无效（发文机关中没有这一项）"),
    ("/zhengce/?validity=forever", "参数 validity 的取值“forever”无效"),
    ("/jiedu/?kind=song", "参数 kind 的取值“song”无效"),
    ("/huiqi/?type=nope", "参数 type 的取值“nope”无效（扶持类型中没有这一项）"),
    ("/huiqi/?page=２", "参数 page 请用半角阿拉伯数字（0-9）填写，收到“２”"),
    ("/quanze/?page=²", "参数 page 请用半角阿拉伯数字（0-9）填写"),
    ("/quanze/?page=x", "参数 page 必须是整数，收到“x”"),
    ("/quanze/export.csv?status=gone", "状态“gone”不存在"),
])
def test_filterable_pages_answer_bad_parameters_with_a_chinese_400_page(demo, client, url, text):
    response = client.get(url)
    assert response.status_code == 400 and response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert "<h1>请求有误</h1>" in html and text in html


def test_filterable_pages_still_filter(demo, client):
    html = client.get("/huiqi/?type=grant&page=1&department=").content.decode()
    assert "惠企事项（共" in html and '<option value="grant" selected>' in html
    html = client.get("/zhengce/?level=&validity=valid").content.decode()
    assert '<option value="valid" selected>' in html


@pytest.mark.parametrize("url", ["/search/?q=税", "/api/search/?q=税", "/search/feed/?q=税", "/api/search/suggest/?q=税",
                                 "/api/powerlists/items/", f"/api/matcher/?{FIRM}", f"/jisuanqi/?{FIRM}", "/quanze/"])
def test_head_is_answered_like_get_without_a_body(demo, client, url):
    get, head = client.get(url), client.head(url)
    assert head.status_code == get.status_code == 200  # /search/ answered HEAD with 405
    assert head["Content-Type"] == get["Content-Type"] and head.content == b""


def test_openapi_lists_what_the_declarations_accept(demo, client):
    from search.facets import all_facets

    Department.objects.create(name="新设立的局", slug="xin-ju", org_code="MA0000001")
    doc = client.get("/api/openapi.json").json()
    search = {p["name"]: p for p in doc["paths"]["/api/search/"]["get"]["parameters"]}
    assert set(search) == {"q", "from", "to", "sort", "page", "page_size", *(f.name for f in all_facets())}
    assert search["page_size"]["schema"] == {"type": "integer", "minimum": 1, "maximum": 100, "default": 10}
    assert search["department"]["explode"] is True and "xin-ju" in search["department"]["schema"]["items"]["enum"]
    items = {p["name"]: p for p in doc["paths"]["/api/powerlists/items/"]["get"]["parameters"]}
    assert list(items) == ["department", "power_type", "level", "status", "q", "page", "page_size"]
    assert "xin-ju" in items["department"]["schema"]["enum"] and items["q"]["schema"]["maxLength"] == 100
    matcher = {p["name"]: p for p in doc["paths"]["/api/matcher/"]["get"]["parameters"]}
    assert matcher["industry"]["required"] is True and matcher["founded"]["schema"]["minimum"] == 1949
    assert doc["paths"]["/jisuanqi/feed/"]["get"]["parameters"] == doc["paths"]["/api/matcher/"]["get"]["parameters"]
    for path in doc["paths"].values():
        for response in path["get"]["responses"].values():
            schema = response["content"].get("application/json", {}).get("schema", {})
            if response is not path["get"]["responses"].get("200"):
                assert schema == {"$ref": "#/components/schemas/Error"}
