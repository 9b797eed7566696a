"""Search page, JSON API, autocomplete and the merged OpenAPI document.
Views only parse, call the service and present."""

from importlib import import_module
from importlib.util import find_spec
from urllib.parse import urlencode

from django.apps import apps
from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from portal.params import ERROR_SCHEMA, JSON, ParamError, Params, read_only

from . import analytics, feeds, promotions, service, suggest
from . import facets as facet_defs
from .query import SORTS, SuggestParams, feed_params, search_params


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
    """Page links with gaps (None), as Django's elided page range gives them."""
    q = result.query
    paginator = Paginator(range(result.total), q.page_size)
    around = min(q.page, paginator.num_pages)  # a page past the end still links back
    return [
        None if n == paginator.ELLIPSIS else {"number": n, "url": _url(q, page=n), "current": n == q.page}
        for n in paginator.get_elided_page_range(around, on_each_side=2, on_ends=1)
    ]


@require_safe  # a page with forms: CSRF stays on
def search_page(request):
    try:
        query = search_params().parse(request.GET).query()
    except ParamError as error:
        return render(request, "search/search_page.html", {"error": error, "text": request.GET.get("q", "")[:100]}, status=400)
    result = service.search(query)
    analytics.record(result)
    facets = []
    for facet in result.facets:
        if not facet.values:
            continue
        values = [{"v": v, "url": _toggled(query, facet.name, v.value)} for v in facet.values]
        groups = facet_defs.outline(facet.name, values, value_of=lambda entry: entry["v"].value)
        facets.append({"f": facet, "values": values, "groups": groups, "clear_url": _url(query, filters={k: v for k, v in query.filters.items() if k != facet.name}, page=1)})
    context = {
        "query": query,
        "text": query.text,
        "result": result,
        "promoted": _promoted(query),
        "facets": facets,
        "pages": _pages(result) if result.pages > 1 else [],
        "prev_url": _url(query, page=min(query.page - 1, result.pages)) if query.page > 1 else None,
        "next_url": _url(query, page=query.page + 1) if query.page < result.pages else None,
        "suggestion_url": _url(query, text=result.suggestion, page=1) if result.suggestion else None,
        # Relevance is offered only when there is text to be relevant to.
        "sorts": [{"label": label, "url": _url(query, sort=key, page=1), "current": key == query.order}
                  for key, label in SORTS.items() if key != "relevance" or query.text],
        "clear_all_url": _url(query.with_(filters={}, date_from=None, date_to=None), page=1),
        "follow_query": feeds.query_string(query),  # what the feed and an e-mail alert follow
    }
    return render(request, "search/search_page.html", context)


@read_only
def api_search(request):
    try:
        query = search_params().parse(request.GET).query()
    except ParamError as error:
        return error.response()
    data = service.search(query).as_json()
    data["promoted"] = [p.as_json() for p in _promoted(query)]
    return JsonResponse(data, json_dumps_params=JSON)


def _promoted(query):
    """Best bets: above the first page of results only."""
    return promotions.promoted(query.text) if query.page == 1 else []


@require_safe
def go(request):
    """Opens a search result and counts it (analytics.link made the address)."""
    try:
        return HttpResponseRedirect(analytics.open_target(request.GET.get("to")))
    except analytics.BadTarget:
        return render(request, "search/go_refused.html", status=400)


@read_only
def search_feed(request):
    try:
        query = feed_params().parse(request.GET).query()
    except ParamError as error:
        return error.response()
    return feeds.SearchFeed()(request, query=query)


@read_only
def api_suggest(request):
    try:
        text = SuggestParams.parse(request.GET).q
    except ParamError as error:
        return error.response()
    return JsonResponse({"query": text[:50], "suggestions": suggest.completions(text)}, json_dumps_params=JSON)


def openapi_document():
    """OpenAPI 3 document merged from every app's `openapi.py`, whose
    `openapi()` gives {"paths": ..., "schemas": ...} at request time
    (parameters come from the declarations, with today's allowed values)."""
    doc = {
        "openapi": "3.0.3",
        "info": {"title": f"{settings.SITE_NAME} API", "version": "1.0", "description": "公开数据接口，只读，无需认证。"},
        "paths": {},
        "components": {"schemas": {"Error": ERROR_SCHEMA}},
    }
    for config in apps.get_app_configs():
        name = f"{config.name}.openapi"
        if "." in config.name or not find_spec(name):
            continue
        fragment = import_module(name).openapi()
        doc["paths"].update(fragment.get("paths", {}))
        doc["components"]["schemas"].update(fragment.get("schemas", {}))
    return doc


@read_only
def openapi_json(request):
    try:
        Params.parse(request.GET)
    except ParamError as error:
        return error.response()
    return JsonResponse(openapi_document(), json_dumps_params=JSON)
