"""Thin views: the matcher pages (企业 /jisuanqi/, 个人 /jisuanqi/geren/),
their JSON APIs and Atom feeds, all reading the profile through the mode's
Params declaration (ProfileParams or PersonParams)."""

from dataclasses import dataclass

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from portal.models import Qualification, Region
from portal.params import JSON, ParamError, read_only
from portal.taxonomies import (
    DISABILITY_GRADES,
    EMPLOYMENT_STATUSES,
    ENTERPRISE_SCALES,
    INDUSTRIES,
    PERSON_GROUPS,
)

from . import citizen_matching, enterprise_scale, service
from .feeds import ProfileFeed
from .params import PersonParams, ProfileParams, is_submitted


@dataclass(frozen=True)
class Mode:
    key: str  # service.MODES key; also the subscription kind's mode
    params: type
    page: str
    feed: str
    api: str
    kind: str  # Subscription.kind


ENTERPRISE = Mode("enterprise", ProfileParams, "/jisuanqi/", "/jisuanqi/feed/", "/api/matcher/", "matcher")
PERSON = Mode("person", PersonParams, "/jisuanqi/geren/", "/jisuanqi/geren/feed/", "/api/matcher/person/", "person")
LIST_FIELDS = {"qual", "group"}


def _fields(params, query, error):
    """What the form shows for each parameter: label, typed value, errors."""
    errors = error.errors if error else {}
    return {
        name: {
            "name": name, "label": info.title, "required": info.is_required(), "errors": errors.get(name, []),
            "value": query.getlist(name) if name in LIST_FIELDS else query.get(name, ""),
        }
        for name, info in ((n, params.model_fields[n]) for n in params.names())
    }


def _regions(empty):
    return [("", empty)] + list(Region.objects.order_by("sort_order", "id").values_list("slug", "name"))


def _choices(mode):
    if mode is PERSON:
        return {
            "residence_choices": [("", "未填写")] + citizen_matching.RESIDENCES,
            "employment_choices": [("", "未填写")] + EMPLOYMENT_STATUSES,
            "disability_choices": [("", "不适用")] + DISABILITY_GRADES,
            "group_choices": PERSON_GROUPS,
            "region_choices": _regions("未填写"),
        }
    return {
        "qualifications": Qualification.objects.order_by("sort_order", "id"),
        "industry_choices": [("", "请选择")] + [(k, f"{k} {v}") for k, v in INDUSTRIES],
        "scale_choices": [("", "按人数和营业收入自动测算")] + ENTERPRISE_SCALES,
        "sector_choices": [("", "按行业门类")] + [(s.key, s.label) for s in enterprise_scale.SECTORS],
        "region_choices": _regions("未选择"),
    }


def _page(request, mode):
    params = error = None
    if is_submitted(request.GET, mode.params):
        try:
            params = mode.params.parse(request.GET, ignore_unknown=True)  # shared links carry utm_* and the like
        except ParamError as exc:
            error = exc
    context = {"mode": mode, "fields": _fields(mode.params, request.GET, error), "error": error, **_choices(mode)}
    if params:
        context.update(
            result=service.match(params.profile(), mode=mode.key),
            query_string=params.query_string(),
            summary=params.summary(),
            summary_parts=params.summary_parts(),
            derived_scale=getattr(params, "derived_scale", ""),
        )
    return render(request, "matcher/matcher_page.html", context, status=400 if error else 200)


@require_safe  # a page with forms: CSRF stays on
def matcher_page(request):
    return _page(request, ENTERPRISE)


@require_safe
def person_page(request):
    return _page(request, PERSON)


def _api(request, mode, profile_json):
    try:
        params = mode.params.parse(request.GET)
    except ParamError as error:
        return error.response()
    profile = params.profile()
    body = {
        "profile": {**profile_json(params, profile), "summary": params.summary()},
        "query": params.query_string(),
        "feed": f"{mode.feed}?{params.query_string()}",
        **service.match(profile, mode=mode.key).as_json(),
    }
    return JsonResponse(body, json_dumps_params=JSON)


@read_only
def matcher_api(request):
    """GET /api/matcher/?<profile>: matches and near misses as JSON; a
    400 names every bad parameter, in Chinese."""
    return _api(request, ENTERPRISE, lambda params, profile: {
        "scale": profile.scale,
        "scale_derived": bool(params.derived_scale),
        "industry": profile.industry,
        "region": profile.region or None,
        "qualifications": sorted(profile.qualifications),
        "founded": profile.founded,
        "headcount": profile.headcount,
        "revenue": float(profile.revenue) if profile.revenue is not None else None,
    })


@read_only
def person_api(request):
    """GET /api/matcher/person/?<person profile>: the same for 惠民 measures."""
    return _api(request, PERSON, lambda params, profile: {
        "age": profile.age,
        "residence": profile.residence or None,
        "region": profile.region or None,
        "employment": profile.employment or None,
        "graduated": profile.graduated,
        "groups": sorted(profile.groups),
        "disability": profile.disability_grade or None,
        "children": profile.children,
        "income": float(profile.income_per_head) if profile.income_per_head is not None else None,
    })


def _feed(request, mode):
    try:
        params = mode.params.parse(request.GET)
    except ParamError as error:
        return error.response()
    return ProfileFeed()(request, params=params, mode=mode)


@read_only
def matcher_feed(request):
    return _feed(request, ENTERPRISE)


@read_only
def person_feed(request):
    return _feed(request, PERSON)
