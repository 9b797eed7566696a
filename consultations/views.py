"""/juece/: the year's 重大行政决策事项目录."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from portal.daterules import today

from .models import DecisionItem


@require_GET
def decisions(request, year=None):
    day = today()
    year = year or day.year
    items = list(
        DecisionItem.objects.filter(year=year)
        .select_related("department", "consultation", "final_policy", "interpretation")
    )
    years = sorted(set(DecisionItem.objects.values_list("year", flat=True)) | {day.year}, reverse=True)
    if year not in years:
        raise Http404
    rows = [(item, item.stage_label(day)) for item in items]
    return render(request, "consultations/decisions.html", {"year": year, "years": years, "rows": rows})
