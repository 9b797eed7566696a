"""Read-only open-data API: /api/powerlists/... (described in openapi.py).

Errors are the portal's one error body (portal.params): 400 names the bad
parameter, 404 the unknown resource.
"""

import re

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import JsonResponse

from portal.models import Department
from portal.params import JSON, ParamError, Params, json_error, read_only

from . import codes, filters
from .models import LEVEL_LABELS, PowerItem, PowerListVersion


def _json(data):
    return JsonResponse(data, json_dumps_params=JSON)


def item_summary(item, request):
    return {
        "code": item.code, "name": item.name, "power_type": item.power_type, "power_type_label": item.power_type_label,
        "department": item.department.slug, "department_name": item.department.name,
        "level": item.level, "level_label": LEVEL_LABELS[item.level], "status": item.status,
        "main_code": item.parsed_code.main_code if item.is_sub_item else None,
        "url": request.build_absolute_uri(item.get_absolute_url()),
    }


@read_only
def departments(request):
    try:
        Params.parse(request.GET)
    except ParamError as error:
        return error.response()
    rows = Department.objects.annotate(
        item_count=Count("power_items", filter=Q(power_items__live=True, power_items__status="active"))
    ).order_by("sort_order")
    return _json({"results": [
        {"slug": d.slug, "name": d.name, "short_name": d.short_name, "phone": d.phone,
         "complaint_phone": d.complaint_phone, "address": d.address, "item_count": d.item_count,
         "url": request.build_absolute_uri(f"/quanze/bumen/{d.slug}/")}
        for d in rows
    ]})


@read_only
def items(request):
    try:
        params = filters.ApiParams.parse(request.GET)
    except ParamError as error:
        return error.response()
    paginator = Paginator(filters.items(params), params.page_size)
    if params.page > max(paginator.num_pages, 1):
        return ParamError.one("page", f"页码超出范围（共 {paginator.num_pages} 页）。").response()
    page = paginator.page(params.page)
    return _json({"count": paginator.count, "page": params.page, "page_size": params.page_size,
                  "results": [item_summary(i, request) for i in page.object_list]})


# The code in the path: letters in either case, nothing around it.
PATH_CODE = "[A-Za-z]{2}[0-9]{8}"


@read_only
def item(request, code):
    try:
        Params.parse(request.GET)
        if not re.fullmatch(PATH_CODE, code, re.ASCII):
            raise codes.CodeError(f"事项编码“{code[:40]}”格式不正确：应为2位类型字母+8位数字，例如 XK00012000。")
        parsed = codes.parse(code)
    except ParamError as error:
        return error.response()
    except codes.CodeError as error:
        return ParamError.one("code", str(error)).response()
    obj = PowerItem.objects.public().select_related("department").filter(code=str(parsed)).first()
    if obj is None:
        return json_error(404, "not_found", f"事项编码 {parsed} 不存在。")
    data = item_summary(obj, request)
    detail = obj.to_data()
    detail.pop("department")
    data.update(detail)
    data["adjustments"] = [
        {"kind": a.kind, "kind_label": a.get_kind_display(), "description": a.description, "basis": a.basis,
         "effective_date": a.effective_date.isoformat(), "notice_title": a.notice_title,
         "notice_number": a.notice_number, "merged_into": a.merged_into.code if a.merged_into_id else None,
         "version": a.version.name if a.version_id else None}
        for a in obj.adjustments.select_related("merged_into", "version").order_by("effective_date", "id")
    ]
    return _json(data)


@read_only
def versions(request):
    try:
        Params.parse(request.GET)
    except ParamError as error:
        return error.response()
    rows = PowerListVersion.objects.annotate(item_count=Count("entries", distinct=True),
                                             adjustment_count=Count("adjustments", distinct=True)
                                             ).order_by("-approved_on", "-id")
    return _json({"results": [
        {"id": v.pk, "name": v.name, "approval_document": v.approval_document, "approval_title": v.approval_title,
         "approved_on": v.approved_on.isoformat(), "item_count": v.item_count, "adjustment_count": v.adjustment_count}
        for v in rows
    ]})


def not_found(request, rest=""):
    return json_error(404, "not_found", "接口不存在。可用接口：departments/、items/、items/{code}/、versions/。")
