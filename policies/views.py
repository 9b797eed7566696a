"""Thin views: the 惠企政策 and 惠民政策 listings, measure permalinks, policy feeds."""

from collections import Counter
from dataclasses import dataclass
from typing import Annotated
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from pydantic import Field

from portal.daterules import today
from portal.models import Department
from portal.params import Integer, OneOf, ParamError, Params, bad_request_page, read_only, rows
from portal.taxonomies import LIFE_EVENTS

from . import calendars, windows
from .listings import live_measures
from .models import DELIVERY_MODES, SUPPORT_TYPES, SupportMeasure


# 截止日期: the order of search's sort=deadline (search/ordering.py); 发布日期: the policy's, newest first.
MEASURE_SORTS = {"deadline": "截止日期", "date": "发布日期"}


class MeasureListParams(Params):
    """/huiqi/ (and /huimin/, which adds `event`)."""

    type: Annotated[str, OneOf(SUPPORT_TYPES)] | None = Field(None, title="扶持类型")
    mode: Annotated[str, OneOf(DELIVERY_MODES)] | None = Field(None, title="兑现方式")
    department: Annotated[str, OneOf(rows(Department))] | None = Field(None, title="主管部门")
    status: Annotated[str, OneOf(windows.LABELS)] | None = Field(None, title="申报状态")
    sort: Annotated[str, OneOf(MEASURE_SORTS)] = Field("deadline", title="排序", description="deadline（截止日期）或 date（发布日期）")
    page: Integer(1, 100_000) = Field(1, title="页码")


class CitizenMeasureListParams(MeasureListParams):
    """/huimin/."""

    event: Annotated[str, OneOf(LIFE_EVENTS)] | None = Field(None, title="人生事件")


@dataclass(frozen=True)
class Section:
    """One listing of measures for one audience: 惠企政策 or 惠民政策."""

    url: str
    title: str
    noun: str
    lead: str
    audiences: tuple  # SupportMeasure.audience values shown ("both" in each)
    params: type
    facets: tuple  # (parameter, label) of the sidebar, in display order


SECTIONS = {
    "enterprise": Section(
        "/huiqi/", "惠企政策", "惠企事项", "全区各部门正在实施的惠企事项，按申报状态实时更新。",
        ("enterprise", "both"), MeasureListParams, (("status", "申报状态"), ("department", "主管部门")),
    ),
    "person": Section(
        "/huimin/", "惠民政策", "惠民事项",
        "面向个人和家庭的补贴、救助和优待：按生育、上学、就业创业、住房、医疗、养老等人生事件查找，申报状态实时更新。",
        ("person", "both"), CitizenMeasureListParams,
        (("event", "人生事件"), ("status", "申报状态"), ("department", "主管部门")),
    ),
}


def measure_list(request, audience="enterprise"):
    """惠企政策 (/huiqi/) and 惠民政策 (/huimin/): the measures of one
    audience by status, type, department (and life event), with counts."""
    section = SECTIONS[audience]
    try:
        params = section.params.parse(request.GET)
    except ParamError as error:
        return bad_request_page(request, error, section.url, f"返回{section.title}")
    chosen = params.lookups(type="support_type", mode="delivery_mode")
    measures = live_measures().filter(audience__in=section.audiences, **chosen)
    values = {m: _facet_values(m) for m in measures}
    selected = {name: getattr(params, name) for name, _ in section.facets if getattr(params, name)}
    items = [m for m, v in values.items() if _passes(v, selected)]
    day = today()
    if params.sort == "date":
        items.sort(key=lambda m: (-m.page.published_date.toordinal(), m.deadline_key(day), m.pk))
    else:
        items.sort(key=lambda m: (m.deadline_key(day), -m.page.published_date.toordinal(), m.pk))
    sorts = [{"label": label, "current": key == params.sort,
              "url": section.url + "?" + urlencode([*params.query_pairs(exclude=("page", "sort")), ("sort", key)])}
             for key, label in MEASURE_SORTS.items()]
    return render(
        request,
        "policies/measure_list.html",
        {
            "section": section,
            "page_obj": Paginator(items, 20).get_page(params.page),
            "total": len(items),
            "facets": _facets(section, params, values, selected),
            "statuses": windows.CHOICES,
            "support_types": SUPPORT_TYPES,
            "modes": DELIVERY_MODES,
            "departments": Department.objects.filter(policies__live=True).distinct().order_by("sort_order", "id"),
            "chosen": params,
            "sorts": sorts,
            "query_string": urlencode(params.query_pairs(exclude=("page",))),
        },
    )


def _facet_values(measure):
    return {
        "event": list(measure.life_events),
        "status": [measure.status_key()],
        "department": [d.slug for d in measure.page.issuing_offices.all()],
    }


def _passes(values, selected, skip=None):
    return all(value in values[name] for name, value in selected.items() if name != skip)


def _facets(section, params, values, selected):
    """The sidebar: each facet's values with the number of measures the
    other selections leave (a facet's own selection does not narrow it)."""
    labels = {
        "event": dict(LIFE_EVENTS),
        "status": dict(windows.CHOICES),
        "department": dict(Department.objects.order_by("sort_order", "id").values_list("slug", "name")),
    }
    out = []
    for name, title in section.facets:
        counts = Counter(v for m in values.values() if _passes(m, selected, skip=name) for v in m[name])
        others = params.query_pairs(exclude=("page", name))
        entries = [
            {
                "label": label, "count": counts[value], "selected": selected.get(name) == value,
                # a selected value links to "any"; the others select themselves
                "url": "?" + urlencode(others if selected.get(name) == value else [*others, (name, value)]),
            }
            for value, label in labels[name].items()
            if counts[value] or name in ("event", "status") or selected.get(name) == value
        ]
        out.append({"name": name, "label": title, "entries": entries})
    return out


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
