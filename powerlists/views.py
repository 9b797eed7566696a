"""Public pages of the power and responsibility lists (/quanze/...)."""

from urllib.parse import quote, urlencode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render

from portal.daterules import today as district_today
from portal.models import Department
from portal.params import ParamError, bad_request_page

from . import codes, diff, filters, xlsx
from .models import (
    LEVEL_LABELS,
    Adjustment,
    DutyBoundary,
    LegalBasis,
    PowerItem,
    PowerListVersion,
    ResponsibilityList,
)

PAGE_SIZE = 50


def index(request):
    try:
        params = filters.PageParams.parse(request.GET)
    except ParamError as error:
        return _bad_request(request, error)
    page = Paginator(filters.items(params), PAGE_SIZE).get_page(params.page)
    current = PowerItem.objects.current()
    by_department = (Department.objects.annotate(n=Count("power_items", filter=Q(power_items__in=current)))
                     .filter(n__gt=0).order_by("sort_order"))
    type_counts = dict(current.values_list("power_type").annotate(n=Count("id")))
    by_type = [(key, label, type_counts.get(key, 0)) for key, label in codes.POWER_TYPE_CHOICES]
    return render(request, "powerlists/index.html", {
        "page_obj": page, "cleaned": params, "description": filters.describe(params),
        "by_department": by_department, "by_type": by_type, "total": current.count(),
        "departments": Department.objects.filter(power_items__in=current).distinct().order_by("sort_order"),
        "power_types": codes.POWER_TYPE_CHOICES, "levels": LEVEL_LABELS.items(), "statuses": filters.STATUS_LABELS,
        "query_string": urlencode(params.query_pairs(exclude=("page",))), "versions": PowerListVersion.objects.all(),
    })


def item(request, code):
    bases = Prefetch("legal_bases", LegalBasis.objects.select_related("law_ref", "article_ref__law"))
    obj = get_object_or_404(
        PowerItem.objects.public().select_related("department").prefetch_related(
            bases, "steps", "accountability_cases"),
        code=code.upper())
    history = obj.adjustments.select_related("merged_into", "version").order_by("effective_date", "id")
    return render(request, "powerlists/item.html", {
        "item": obj, "history": history, "cancelled_by": obj.cancelling_adjustment(),
        "merged_from": Adjustment.objects.filter(merged_into=obj, kind="merge").select_related("item"),
        "sub_items": obj.sub_items(), "main_item": obj.main_item,
    })


def department(request, slug):
    dept = get_object_or_404(Department, slug=slug)
    items = PowerItem.objects.public().filter(department=dept)
    groups = []
    for key, label in codes.POWER_TYPE_CHOICES:
        group = [i for i in items if i.power_type == key and not i.is_cancelled]
        if group:
            groups.append((key, label, group))
    rlist = (ResponsibilityList.objects.filter(department=dept, live=True)
             .prefetch_related("duties", "supervision_rules", "public_services").first())
    if not groups and rlist is None and not items.exists():
        raise Http404("该部门没有公开的权责清单")
    return render(request, "powerlists/department.html", {
        "department": dept, "groups": groups, "cancelled": [i for i in items if i.is_cancelled],
        "count": sum(len(g[2]) for g in groups), "rlist": rlist, "boundaries": DutyBoundary.involving(dept),
    })


def department_print(request, slug):
    dept = get_object_or_404(Department, slug=slug)
    items = list(PowerItem.objects.current().filter(department=dept))
    if not items:
        raise Http404("该部门没有公开的权力事项")
    base = settings.WAGTAILADMIN_BASE_URL
    rows = [(i, _qr_svg(base + i.get_absolute_url())) for i in items]
    return render(request, "powerlists/print.html", {
        "department": dept, "rows": rows, "today": district_today(), "base_url": base,
    })


def _qr_svg(url):
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=6, border=1)
    return image.to_string(encoding="unicode")


def changes(request):
    """What changed between two list versions ("current" = the list today)."""
    versions = list(PowerListVersion.objects.order_by("approved_on"))
    context = {"versions": versions, "departments": Department.objects.order_by("sort_order")}
    try:
        params = filters.ChangesParams.parse(request.GET)
    except ParamError as error:
        return render(request, "powerlists/changes.html", {**context, "error": error}, status=400)
    if params.old is None:
        if len(versions) >= 2:
            context.update(_diff_context(versions[-2], versions[-1], None))
        return render(request, "powerlists/changes.html", context)
    department = Department.objects.get(slug=params.department) if params.department else None
    context.update(_diff_context(_version(params.old, versions), _version(params.new, versions), department))
    return render(request, "powerlists/changes.html", context)


class Current:
    """The list as it stands today, usable where a version is expected."""

    pk = "current"
    name = "现行清单"
    approval_document = ""
    approved_on = None

    def snapshot(self, department=None):
        items = PowerItem.objects.current().select_related("department").prefetch_related(
            "legal_bases", "steps", "accountability_cases")
        if department is not None:
            items = items.filter(department=department)
        return {i.code: i.to_data() for i in items}


def _version(value, versions):
    if value == "current":
        return Current()
    return next(v for v in versions if str(v.pk) == value or v.name == value)


def _diff_context(old, new, department):
    result = diff.diff(old.snapshot(department), new.snapshot(department))
    adjustments = Adjustment.objects.select_related("item", "item__department", "merged_into")
    if old.approved_on:
        adjustments = adjustments.filter(effective_date__gt=old.approved_on)
    if new.approved_on:
        adjustments = adjustments.filter(effective_date__lte=new.approved_on)
    if department is not None:
        adjustments = adjustments.filter(item__department=department)
    labels = {"level": LEVEL_LABELS, "power_type": codes.POWER_TYPE_LABELS}
    changed = [(c, [(f.label, diff.display(f.old, labels.get(f.field)), diff.display(f.new, labels.get(f.field)))
                    for f in c.fields]) for c in result.changed]
    return {"old": old, "new": new, "department": department, "result": result, "changed": changed,
            "adjustments": adjustments.order_by("effective_date", "id"), "type_labels": codes.POWER_TYPE_LABELS}


def export(request, fmt):
    try:
        params = filters.ListParams.parse(request.GET)
    except ParamError as error:
        return _bad_request(request, error)
    items = filters.items(params).prefetch_related("legal_bases", "steps", "accountability_cases")
    data = [i.to_data() for i in items]
    description = filters.describe(params)
    stem = "权责清单" + (f"（{description}）" if description else "")
    if fmt == "xlsx":
        response = HttpResponse(xlsx.write(data),
                                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    else:
        response = HttpResponse(xlsx.write_csv(data), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f"attachment; filename=\"quanze.{fmt}\"; filename*=UTF-8''{quote(stem)}.{fmt}"
    return response


def _bad_request(request, error):
    return bad_request_page(request, error, "/quanze/", "返回权责清单")
