"""Read-only open-data API: /api/powerlists/... (described in openapi.py).

Errors are JSON: 400 names the bad parameter, 404 the unknown resource.
"""

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import JsonResponse
from django.views.decorators.http import require_GET

from portal.models import Department

from . import codes, filters
from .models import LEVEL_LABELS, PowerItem, PowerListVersion

MAX_PAGE_SIZE = 200


def _error(status, code, message, parameter=None):
    body = {"error": {"code": code, "message": message}}
    if parameter:
        body["error"]["parameter"] = parameter
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


def _json(data):
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


def _int_param(params, name, default, low, high):
    raw = params.get(name)
    if raw in (None, ""):
        return default
    if not raw.isdigit() or not low <= int(raw) <= high:
        raise filters.FilterError(name, f"参数 {name} 应为 {low}–{high} 之间的整数。")
    return int(raw)


def item_summary(item, request):
    return {
        "code": item.code, "name": item.name, "power_type": item.power_type, "power_type_label": item.power_type_label,
        "department": item.department.slug, "department_name": item.department.name,
        "level": item.level, "level_label": LEVEL_LABELS[item.level], "status": item.status,
        "main_code": item.parsed_code.main_code if item.is_sub_item else None,
        "url": request.build_absolute_uri(item.get_absolute_url()),
    }


@require_GET
def departments(request):
    if request.GET:
        key = next(iter(request.GET))
        return _error(400, "unknown_parameter", f"不支持的参数“{key}”。", key)
    rows = Department.objects.annotate(
        item_count=Count("power_items", filter=Q(power_items__live=True, power_items__status="active"))
    ).order_by("sort_order")
    return _json({"results": [
        {"slug": d.slug, "name": d.name, "short_name": d.short_name, "phone": d.phone,
         "complaint_phone": d.complaint_phone, "address": d.address, "item_count": d.item_count,
         "url": request.build_absolute_uri(f"/quanze/bumen/{d.slug}/")}
        for d in rows
    ]})


@require_GET
def items(request):
    try:
        cleaned = filters.parse(request.GET, allowed=filters.PARAMS + ("page", "page_size"))
        page_size = _int_param(request.GET, "page_size", 50, 1, MAX_PAGE_SIZE)
        page_number = _int_param(request.GET, "page", 1, 1, 100000)
    except filters.FilterError as exc:
        return _error(400, "invalid_parameter", exc.message, exc.parameter)
    paginator = Paginator(filters.items(cleaned), page_size)
    if page_number > max(paginator.num_pages, 1):
        return _error(400, "invalid_parameter", f"页码超出范围（共 {paginator.num_pages} 页）。", "page")
    page = paginator.page(page_number)
    return _json({"count": paginator.count, "page": page_number, "page_size": page_size,
                  "results": [item_summary(i, request) for i in page.object_list]})


@require_GET
def item(request, code):
    if not codes.is_valid(code):
        return _error(400, "invalid_code", str(_code_error(code)), "code")
    obj = PowerItem.objects.public().select_related("department").filter(code=code.upper()).first()
    if obj is None:
        return _error(404, "not_found", f"事项编码 {code.upper()} 不存在。")
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


@require_GET
def versions(request):
    if request.GET:
        key = next(iter(request.GET))
        return _error(400, "unknown_parameter", f"不支持的参数“{key}”。", key)
    rows = PowerListVersion.objects.annotate(item_count=Count("entries", distinct=True),
                                             adjustment_count=Count("adjustments", distinct=True)
                                             ).order_by("-approved_on", "-id")
    return _json({"results": [
        {"id": v.pk, "name": v.name, "approval_document": v.approval_document, "approval_title": v.approval_title,
         "approved_on": v.approved_on.isoformat(), "item_count": v.item_count, "adjustment_count": v.adjustment_count}
        for v in rows
    ]})


def not_found(request, rest=""):
    return _error(404, "not_found", "接口不存在。可用接口：departments/、items/、items/{code}/、versions/。")


def _code_error(code):
    try:
        codes.parse(code)
    except codes.CodeError as exc:
        return exc
    return ""
