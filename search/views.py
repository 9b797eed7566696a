"""Search page, JSON API, autocomplete and the merged OpenAPI document.
Views only parse, call the service and present."""

from importlib import import_module
from importlib.util import find_spec
from urllib.parse import urlencode

from django.apps import apps
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import feeds, service, suggest
from .query import SORTS, QueryError, parse

JSON = {"ensure_ascii": False}


def _url(query, **changes):
    params = query.with_(**changes).as_params()
    return "/search/" + ("?" + urlencode(params) if params else "")


def _toggled(query, facet, value):
    filters = dict(query.filters)
    values = list(filters.get(facet, ()))
    values = [v for v in values if v != value] if value in values else values + [value]
    if values:
        filters[facet] = tuple(values)
    else:
        filters.pop(facet, None)
    return _url(query, filters=filters, page=1)


def _pages(result):
    q = result.query
    numbers = sorted({1, result.pages, *range(max(1, q.page - 2), min(result.pages, q.page + 2) + 1)})
    out, last = [], 0
    for n in numbers:
        if n - last > 1:
            out.append(None)  # gap
        out.append({"number": n, "url": _url(q, page=n), "current": n == q.page})
        last = n
    return out


@require_GET
def search_page(request):
    try:
        query = parse(request.GET)
    except QueryError as error:
        return render(request, "search/search_page.html", {"error": error, "text": request.GET.get("q", "")[:100]}, status=400)
    result = service.search(query)
    facets = []
    for facet in result.facets:
        if not facet.values:
            continue
        values = [{"v": v, "url": _toggled(query, facet.name, v.value)} for v in facet.values]
        facets.append({"f": facet, "values": values, "clear_url": _url(query, filters={k: v for k, v in query.filters.items() if k != facet.name}, page=1)})
    context = {
        "query": query,
        "text": query.text,
        "result": result,
        "facets": facets,
        "sorts": SORTS,
        "pages": _pages(result) if result.pages > 1 else [],
        "prev_url": _url(query, page=query.page - 1) if query.page > 1 else None,
        "next_url": _url(query, page=query.page + 1) if query.page < result.pages else None,
        "suggestion_url": _url(query, text=result.suggestion, page=1) if result.suggestion else None,
        "date_sort_url": _url(query, sort="date", page=1),
        "relevance_sort_url": _url(query, sort="relevance", page=1),
        "clear_all_url": _url(query.with_(filters={}, date_from=None, date_to=None), page=1),
        "follow_query": feeds.query_string(query),  # what the feed and an e-mail alert follow
    }
    return render(request, "search/search_page.html", context)


@require_GET
def api_search(request):
    try:
        query = parse(request.GET)
    except QueryError as error:
        return JsonResponse(error.as_dict(), status=400, json_dumps_params=JSON)
    return JsonResponse(service.search(query).as_json(), json_dumps_params=JSON)


@require_GET
def search_feed(request):
    try:
        query = parse(request.GET)
    except QueryError as error:
        return JsonResponse(error.as_dict(), status=400, json_dumps_params=JSON)
    return feeds.SearchFeed()(request, query=query)


@require_GET
def api_suggest(request):
    for name in request.GET:
        if name != "q":
            return JsonResponse(QueryError(name, f"未知参数：{name[:40]}。可用参数：q。").as_dict(), status=400, json_dumps_params=JSON)
    text = request.GET.get("q", "")
    return JsonResponse({"query": text[:50], "suggestions": suggest.completions(text)}, json_dumps_params=JSON)


def openapi_document():
    """OpenAPI 3 document merged from every app's `openapi.py` (`OPENAPI =
    {"paths": ..., "schemas": ...}`)."""
    doc = {
        "openapi": "3.0.3",
        "info": {"title": "南川区政务公开专区 API", "version": "1.0", "description": "公开数据接口，只读，无需认证。"},
        "paths": {},
        "components": {"schemas": {}},
    }
    for config in apps.get_app_configs():
        name = f"{config.name}.openapi"
        if "." in config.name or not find_spec(name):
            continue
        fragment = getattr(import_module(name), "OPENAPI", {})
        doc["paths"].update(fragment.get("paths", {}))
        doc["components"]["schemas"].update(fragment.get("schemas", {}))
    return doc


@require_GET
def openapi_json(request):
    return JsonResponse(openapi_document(), json_dumps_params=JSON)



