"""Thin views: the 惠企政策 and 惠民政策 listings, measure permalinks, policy feeds."""

from collections import Counter
from dataclasses import dataclass
from typing import Annotated
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from pydantic import Field

from portal.models import Department
from portal.params import Integer, OneOf, ParamError, Params, bad_request_page, rows
from portal.taxonomies import LIFE_EVENTS

from . import windows
from .listings import live_measures
from .models import DELIVERY_MODES, SUPPORT_TYPES, SupportMeasure


class MeasureListParams(Params):
    """/huiqi/ (and /huimin/, which adds `event`)."""

    type: Annotated[str, OneOf(SUPPORT_TYPES)] | None = Field(None, title="扶持类型")
    mode: Annotated[str, OneOf(DELIVERY_MODES)] | None = Field(None, title="兑现方式")
    department: Annotated[str, OneOf(rows(Department))] | None = Field(None, title="主管部门")
    status: Annotated[str, OneOf(windows.LABELS)] | None = Field(None, title="申报状态")
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
    # Open ones first, closing soonest first; then upcoming; closed last.
    order = {windows.CLOSING: 0, windows.OPEN: 1, windows.UPCOMING: 2, windows.CLOSED: 3}
    items.sort(key=lambda m: (order[values[m]["status"][0]], m.window_closes or m.window_opens or m.page.published_date, m.pk))
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


def measure_permalink(request, pk):
    """/huiqi/<id>/: the stable address of a measure, on its policy page."""
    measure = get_object_or_404(SupportMeasure.objects.select_related("page"), pk=pk)
    page = measure.page
    if not page.live or page.get_view_restrictions().exists():
        raise Http404("该惠企事项不存在或尚未公开。")
    return redirect(f"{page.url}#{measure.anchor}")
