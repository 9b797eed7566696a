"""Public pages: /zhinan/ (指南), /mulu/ (目录 and its exports), /nianbao/ (年度报告)."""

from urllib.parse import quote, urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render

from portal.models import Department
from portal.params import ParamError, bad_request_page
from portal.permissions import departments_for_user, is_portal_office

from . import catalogue, exports
from .models import REVIEW_RESULTS, AnnualReport, GuideSettings

PAGE_SIZE = 50


def guide(request):
    guide_settings = GuideSettings.load(request_or_site=request)
    return render(request, "govinfo/guide.html", {
        "guide": guide_settings, "kinds": catalogue.KINDS.values(),
        "reports": AnnualReport.objects.filter(published=True, department__isnull=True)[:5],
    })


def catalogue_index(request):
    try:
        params = catalogue.CataloguePageParams.parse(request.GET)
    except ParamError as error:
        return _bad_request(request, error)
    page = Paginator(catalogue.entries(params), PAGE_SIZE).get_page(params.page)
    return render(request, "govinfo/catalogue.html", {
        "page_obj": page, "cleaned": params, "description": catalogue.describe(params),
        "kinds": catalogue.KINDS.items(), "department_groups": Department.by_level(Department.objects.all()),
        "query_string": urlencode(params.query_pairs(exclude=("page",))), "max_rows": exports.MAX_ROWS,
    })


def catalogue_export(request, fmt):
    try:
        params = catalogue.CatalogueParams.parse(request.GET)
        entries = catalogue.entries(params)
        if len(entries) > exports.MAX_ROWS:
            raise ParamError.one("kind", f"符合条件的信息共 {len(entries)} 条，超过单次导出上限 {exports.MAX_ROWS} 条，"
                                         "请按类别、公开主体或生成年份筛选后分批导出。", code="too_many_rows")
    except ParamError as error:
        return _bad_request(request, error)
    base = settings.WAGTAILADMIN_BASE_URL
    description = catalogue.describe(params)
    stem = "政府信息公开目录" + (f"（{description}）" if description else "")
    if fmt == "xlsx":
        response = HttpResponse(exports.write_xlsx(entries, base),
                                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    else:
        response = HttpResponse(exports.write_csv(entries, base), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f"attachment; filename=\"mulu.{fmt}\"; filename*=UTF-8''{quote(stem)}.{fmt}"
    return response


def _bad_request(request, error):
    return bad_request_page(request, error, "/mulu/", "返回政府信息公开目录")


def reports(request):
    published = AnnualReport.objects.filter(published=True).select_related("department")
    return render(request, "govinfo/reports.html", {"reports": published})


def report(request, year, slug=None, printable=False):
    department = get_object_or_404(Department, slug=slug) if slug else None
    obj = get_object_or_404(AnnualReport.objects.select_related("department"), year=year, department=department)
    if not obj.published and not _may_preview(request.user, obj):
        raise Http404("年度报告尚未发布")
    template = "govinfo/report_print.html" if printable else "govinfo/report.html"
    return render(request, template, {
        "report": obj, "figures": obj.current_figures(), "table4": obj.table4(),
        "review_results": [label for _k, label in REVIEW_RESULTS], "preview": not obj.published,
    })


def _may_preview(user, obj):
    if is_portal_office(user):
        return True
    return obj.department_id is not None and departments_for_user(user).filter(pk=obj.department_id).exists()
