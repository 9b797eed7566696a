"""Thin views: the 惠企政策 listing, measure permalinks, policy feeds."""

from typing import Annotated
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from pydantic import Field

from portal.daterules import today
from portal.models import Department
from portal.params import Integer, OneOf, ParamError, Params, bad_request_page, read_only, rows

from . import calendars, windows
from .listings import live_measures
from .models import DELIVERY_MODES, SUPPORT_TYPES, SupportMeasure


# 截止日期: the order of search's sort=deadline (search/ordering.py); 发布日期: the policy's, newest first.
MEASURE_SORTS = {"deadline": "截止日期", "date": "发布日期"}


class MeasureListParams(Params):
    """/huiqi/."""

    type: Annotated[str, OneOf(SUPPORT_TYPES)] | None = Field(None, title="扶持类型")
    mode: Annotated[str, OneOf(DELIVERY_MODES)] | None = Field(None, title="兑现方式")
    department: Annotated[str, OneOf(rows(Department))] | None = Field(None, title="主管部门")
    status: Annotated[str, OneOf(windows.LABELS)] | None = Field(None, title="申报状态")
    sort: Annotated[str, OneOf(MEASURE_SORTS)] = Field("deadline", title="排序", description="deadline（截止日期）或 date（发布日期）")
    page: Integer(1, 100_000) = Field(1, title="页码")


def measure_list(request):
    """惠企政策 (/huiqi/): support measures by status, type, department."""
    try:
        params = MeasureListParams.parse(request.GET)
    except ParamError as error:
        return bad_request_page(request, error, "/huiqi/", "返回惠企政策")
    chosen = params.lookups(type="support_type", mode="delivery_mode", department="page__issuing_offices__slug")
    items = list(live_measures().filter(**chosen).distinct())
    if params.status:
        items = [m for m in items if m.status_key() == params.status]
    day = today()
    if params.sort == "date":
        items.sort(key=lambda m: (-m.page.published_date.toordinal(), m.deadline_key(day), m.pk))
    else:
        items.sort(key=lambda m: (m.deadline_key(day), -m.page.published_date.toordinal(), m.pk))
    sorts = [{"label": label, "current": key == params.sort,
              "url": "/huiqi/?" + urlencode([*params.query_pairs(exclude=("page", "sort")), ("sort", key)])}
             for key, label in MEASURE_SORTS.items()]
    return render(
        request,
        "policies/measure_list.html",
        {
            "page_obj": Paginator(items, 20).get_page(params.page),
            "total": len(items),
            "statuses": windows.CHOICES,
            "support_types": SUPPORT_TYPES,
            "modes": DELIVERY_MODES,
            "departments": Department.objects.filter(policies__live=True).distinct().order_by("sort_order", "id"),
            "chosen": params,
            "sorts": sorts,
            "query_string": urlencode(params.query_pairs(exclude=("page",))),
        },
    )


class CalendarParams(Params):
    """/huiqi/rili/ and /huiqi/rili.ics: no parameters (an unknown one is a 400)."""


def calendar_page(request):
    """政策日历: windows open or still to open, by month and day."""
    try:
        CalendarParams.parse(request.GET)
    except ParamError as error:
        return bad_request_page(request, error, "/huiqi/rili/", "返回政策日历")
    day, measures = today(), list(live_measures())
    return render(request, "policies/calendar.html", {
        "months": calendars.months(measures, day), "rolling": calendars.rolling(measures, day), "today": day,
    })


@read_only
def calendar_feed(request):
    """The same windows as an iCalendar feed, for phone and desktop calendars."""
    try:
        CalendarParams.parse(request.GET)
    except ParamError as error:
        return error.response()
    response = HttpResponse(calendars.feed(live_measures(), today()), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="zhengce-rili.ics"'
    return response


def measure_permalink(request, pk):
    """/huiqi/<id>/: the stable address of a measure, on its policy page."""
    measure = get_object_or_404(SupportMeasure.objects.select_related("page"), pk=pk)
    page = measure.page
    if not page.live or page.get_view_restrictions().exists():
        raise Http404("该惠企事项不存在或尚未公开。")
    return redirect(f"{page.url}#{measure.anchor}")
