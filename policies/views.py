"""Thin views: the 惠企政策 listing, measure permalinks, policy feeds."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from portal.models import Department

from . import windows
from .listings import live_measures
from .models import DELIVERY_MODES, SUPPORT_TYPES, SupportMeasure


def measure_list(request):
    """惠企政策 (/huiqi/): support measures by status, type, department."""
    items = live_measures()
    chosen = {}
    support_type = request.GET.get("type", "")
    if support_type in dict(SUPPORT_TYPES):
        items = items.filter(support_type=support_type)
        chosen["type"] = support_type
    mode = request.GET.get("mode", "")
    if mode in dict(DELIVERY_MODES):
        items = items.filter(delivery_mode=mode)
        chosen["mode"] = mode
    department = Department.objects.filter(slug=request.GET.get("department", "")).first()
    if department:
        items = items.filter(page__issuing_offices=department)
        chosen["department"] = department.slug
    items = list(items.distinct())
    status = request.GET.get("status", "")
    if status in windows.LABELS:
        items = [m for m in items if m.status_key() == status]
        chosen["status"] = status
    # Open ones first, closing soonest first; then upcoming; closed last.
    order = {windows.CLOSING: 0, windows.OPEN: 1, windows.UPCOMING: 2, windows.CLOSED: 3}
    items.sort(key=lambda m: (order[m.status_key()], m.window_closes or m.window_opens or m.page.published_date, m.pk))
    return render(
        request,
        "policies/measure_list.html",
        {
            "page_obj": Paginator(items, 20).get_page(request.GET.get("page")),
            "total": len(items),
            "statuses": windows.CHOICES,
            "support_types": SUPPORT_TYPES,
            "modes": DELIVERY_MODES,
            "departments": Department.objects.filter(policies__live=True).distinct().order_by("sort_order", "id"),
            "chosen": chosen,
            "chosen_department": department,
            "query_string": "&".join(f"{k}={v}" for k, v in chosen.items()),
        },
    )


def measure_permalink(request, pk):
    """/huiqi/<id>/: the stable address of a measure, on its policy page."""
    measure = get_object_or_404(SupportMeasure.objects.select_related("page"), pk=pk)
    page = measure.page
    if not page.live or page.get_view_restrictions().exists():
        raise Http404("该惠企事项不存在或尚未公开。")
    return redirect(f"{page.url}#{measure.anchor}")
