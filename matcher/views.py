"""Thin views: the matcher page (/jisuanqi/), its JSON API and Atom feed,
all three reading the profile through ProfileParams."""

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from portal.models import Qualification, Region
from portal.params import JSON, ParamError, read_only
from portal.taxonomies import ENTERPRISE_SCALES, INDUSTRIES

from . import enterprise_scale, service
from .feeds import ProfileFeed
from .params import ProfileParams, is_submitted


def _fields(query, error):
    """What the form shows for each parameter: label, typed value, errors."""
    errors = error.errors if error else {}
    return {
        name: {
            "name": name, "label": info.title, "required": info.is_required(), "errors": errors.get(name, []),
            "value": query.getlist(name) if name == "qual" else query.get(name, ""),
        }
        for name, info in ((n, ProfileParams.model_fields[n]) for n in ProfileParams.names())
    }


@require_safe  # a page with forms: CSRF stays on
def matcher_page(request):
    params = error = None
    if is_submitted(request.GET):
        try:
            params = ProfileParams.parse(request.GET, ignore_unknown=True)  # shared links carry utm_* and the like
        except ParamError as exc:
            error = exc
    fields = _fields(request.GET, error)
    context = {
        "fields": fields,
        "error": error,
        "qualifications": Qualification.objects.order_by("sort_order", "id"),
        "industry_choices": [("", "请选择")] + [(k, f"{k} {v}") for k, v in INDUSTRIES],
        "scale_choices": [("", "按人数和营业收入自动测算")] + ENTERPRISE_SCALES,
        "sector_choices": [("", "按行业门类")] + [(s.key, s.label) for s in enterprise_scale.SECTORS],
        "region_choices": [("", "未选择")] + list(Region.objects.order_by("sort_order", "id").values_list("slug", "name")),
    }
    if params:
        context.update(
            result=service.match(params.profile()),
            query_string=params.query_string(),
            summary=params.summary(),
            derived_scale=params.derived_scale,
        )
    return render(request, "matcher/matcher_page.html", context, status=400 if error else 200)


@read_only
def matcher_api(request):
    """GET /api/matcher/?<profile>: matches and near misses as JSON; a
    400 names every bad parameter, in Chinese."""
    try:
        params = ProfileParams.parse(request.GET)
    except ParamError as error:
        return error.response()
    profile = params.profile()
    body = {
        "profile": {
            "scale": profile.scale,
            "scale_derived": bool(params.derived_scale),
            "industry": profile.industry,
            "region": profile.region or None,
            "qualifications": sorted(profile.qualifications),
            "founded": profile.founded,
            "headcount": profile.headcount,
            "revenue": float(profile.revenue) if profile.revenue is not None else None,
            "summary": params.summary(),
        },
        "query": params.query_string(),
        "feed": f"/jisuanqi/feed/?{params.query_string()}",
        **service.match(profile).as_json(),
    }
    return JsonResponse(body, json_dumps_params=JSON)


@read_only
def matcher_feed(request):
    try:
        params = ProfileParams.parse(request.GET)
    except ParamError as error:
        return error.response()
    return ProfileFeed()(request, params=params)
