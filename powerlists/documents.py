"""What the power and responsibility lists expose to search (search/documents.py)."""

from portal.models import Department
from search.documents import SearchDocument, Source, parse_aliases
from search.facets import Facet

from .codes import POWER_TYPE_CHOICES
from .models import PowerItem, ResponsibilityList


def _items():
    return (PowerItem.objects.current().select_related("department")
            .prefetch_related("legal_bases", "steps", "accountability_cases"))


def _aliases(item):
    """Its own aliases, then its main item's: what people call an item
    (开饭店) they also call each of its sub-items (核发, 延续 …)."""
    main = item.main_item if item.is_sub_item else None
    return parse_aliases(item.search_aliases + "\n" + (main.search_aliases if main else ""))


def power_item_documents(item):
    if not item.live or item.is_cancelled:
        return []
    bases = "\n".join(f"{b.law}{b.article} {b.text}" for b in item.legal_bases.all())
    steps = "\n".join(f"{s.step}：{s.content}" for s in item.steps.all())
    body = "\n".join(part for part in (bases, steps, item.inspection_content) if part)
    summary = f"{item.department.name} · {item.power_type_label} · 事项编码 {item.code}"
    return [SearchDocument(
        id=f"power_item:{item.pk}", type="power_item", title=item.name, url=item.get_absolute_url(),
        aliases=_aliases(item),
        body=body, summary=summary, code=item.code, departments=[item.department.slug],
        power_type=item.power_type, published=item.updated_at.date() if item.updated_at else None,
    )]


def _lists():
    return (ResponsibilityList.objects.filter(live=True).select_related("department")
            .prefetch_related("duties", "supervision_rules", "public_services"))


def responsibility_documents(rlist):
    """One document per department's responsibility list, boundaries included."""
    if not rlist.live:
        return []
    dept = rlist.department
    parts = []
    for duty in rlist.duties.all():
        parts.append(duty.title + " " + "；".join(duty.work_item_list()))
    for boundary in rlist.boundaries():
        parts.append(f"职责边界：{boundary.matter} 牵头：{boundary.lead_department.name} {boundary.lead_duties} "
                     + " ".join(f"{p.department.name}：{p.duties}" for p in boundary.parties.all()))
    parts += [f"{r.title}：{r.content}" for r in rlist.supervision_rules.all()]
    parts += [f"{s.name}：{s.content}" for s in rlist.public_services.all()]
    return [SearchDocument(
        id=f"responsibility:{rlist.pk}", type="responsibility", title=f"{dept.name}责任清单",
        url=f"/quanze/bumen/{dept.slug}/#duties", body="\n".join(parts),
        summary=f"{dept.name}（{dept.short_name}）的主要职责、职责边界、事中事后监管制度、公共服务事项和责任追究机制。",
        departments=[dept.slug],
        published=rlist.updated_at.date() if rlist.updated_at else None,
    )]


def _department_items(department):
    return PowerItem.objects.filter(department=department)


def _department_lists(department):
    return ResponsibilityList.objects.filter(department=department)


SOURCES = [
    Source(model=PowerItem, queryset=_items, to_documents=power_item_documents,
           dependents=[(Department, _department_items), (PowerItem, lambda item: item.sub_items())],
           types={"power_item": "权力事项"},
           facets=[Facet("power_type", "权力类型", "power_type", lambda: POWER_TYPE_CHOICES, order=30)]),
    Source(model=ResponsibilityList, queryset=_lists, to_documents=responsibility_documents,
           dependents=[(Department, _department_lists)], types={"responsibility": "责任清单"}),
]
