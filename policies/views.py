"""Thin views: the 惠企政策 listing, measure permalinks, policy feeds."""

from typing import Annotated
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from pydantic import Field

from portal.models import Department
from portal.params import Integer, OneOf, ParamError, Params, bad_request_page, rows

from . import windows
from .listings import live_measures
from .models import DELIVERY_MODES, SUPPORT_TYPES, SupportMeasure


class MeasureListParams(Params):
    """/huiqi/."""

    type: Annotated[str, OneOf(SUPPORT_TYPES)] | None = Field(None, title="扶持类型")
    mode: Annotated[str, OneOf(DELIVERY_MODES)] | None = Field(None, title="兑现方式")
    department: Annotated[str, OneOf(rows(Department))] | None = Field(None, title="主管部门")
    status: Annotated[str, OneOf(windows.LABELS)] | None = Field(None, title="申报状态")
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
    # Open ones first, closing soonest first; then upcoming; closed last.
    order = {windows.CLOSING: 0, windows.OPEN: 1, windows.UPCOMING: 2, windows.CLOSED: 3}
    items.sort(key=lambda m: (order[m.status_key()], m.window_closes or m.window_opens or m.page.published_date, m.pk))
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
            "query_string": urlencode(params.query_pairs(exclude=("page",))),
        },
    )


def measure_permalink(request, pk):
    """/huiqi/<id>/: the stable address of a measure, on its policy page."""
    measure = get_object_or_404(SupportMeasure.objects.select_related("page"), pk=pk)
    page = measure.page
    if not page.live or page.get_view_restrictions().exists():
        raise Http404("该惠企事项不存在或尚未公开。")
    return redirect(f"{page.url}#{measure.anchor}")
