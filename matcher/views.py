"""Thin views: the matcher page (/jisuanqi/), its JSON API and Atom feed."""

from django.http import HttpResponse, JsonResponse
from django.shortcuts import render

from . import service
from .feeds import ProfileFeed
from .forms import ProfileForm, is_submitted, unknown_params


def _field_errors(form):
    return {name: [str(e) for e in errors] for name, errors in form.errors.items()}


def matcher_page(request):
    submitted = is_submitted(request.GET)
    form = ProfileForm(request.GET if submitted else None)
    context = {
        "form": form,
        "submitted": submitted,
        "region_choices": [("", "未选择")] + [(r.slug, r.name) for r in form.regions],
    }
    status = 200
    if submitted:
        if form.is_valid():
            context.update(
                result=service.match(form.profile()),
                query_string=form.query_string(),
                summary=form.summary(),
                derived_scale=form.derived_scale,
            )
        else:
            status = 400
    return render(request, "matcher/matcher_page.html", context, status=status)


def matcher_api(request):
    """GET /api/matcher/?<profile>: matches and near misses as JSON; a
    structured 400 names every bad field, in Chinese."""
    errors = {}
    unknown = unknown_params(request.GET)
    if unknown:
        errors["_unknown"] = [f"未知参数：{'、'.join(unknown)}。"]
    form = ProfileForm(request.GET)
    if not form.is_valid():
        errors.update(_field_errors(form))
    if errors:
        return JsonResponse({"error": "企业信息有误，请按提示修改。", "errors": errors}, status=400,
                            json_dumps_params={"ensure_ascii": False})
    profile = form.profile()
    body = {
        "profile": {
            "scale": profile.scale,
            "scale_derived": bool(form.derived_scale),
            "industry": profile.industry,
            "region": profile.region or None,
            "qualifications": sorted(profile.qualifications),
            "founded": profile.founded,
            "headcount": profile.headcount,
            "revenue": float(profile.revenue) if profile.revenue is not None else None,
            "summary": form.summary(),
        },
        "query": form.query_string(),
        "feed": f"/jisuanqi/feed/?{form.query_string()}",
        **service.match(profile).as_json(),
    }
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False})


def matcher_feed(request):
    form = ProfileForm(request.GET)
    if not form.is_valid():
        lines = [f"{form.fields[name].label if name in form.fields else ''}：{e}" for name, errs in form.errors.items() for e in errs]
        return HttpResponse("订阅地址中的企业信息有误：\n" + "\n".join(lines), status=400, content_type="text/plain; charset=utf-8")
    return ProfileFeed()(request, form=form)
