"""政府信息公开目录 (条例 art. 12): every public document of the portal with
索引号、名称、内容概述、生成日期、公开主体 — policies, interpretations,
support measures, power items, responsibility lists, the published annual
reports and the answers published under 条例 art. 44 (the law library is not the district's information and is left out).

Policies carry their own 索引号; the other documents get one derived from
their owner's 组织机构代码 and their own stable key (see `_number`), so the
same document always has the same number.
"""

from dataclasses import dataclass, field
from typing import Annotated

from pydantic import Field, StringConstraints

from policies.models import PolicyInterpretationPage, PolicyPage, SupportMeasure
from portal.models import Department
from portal.params import Integer, OneOf, Params, rows
from powerlists.models import PowerItem, ResponsibilityList

from inforequests.models import InformationRequest

from .models import AnnualReport

KINDS = {
    "policy": "政策文件",
    "interpretation": "政策解读",
    "measure": "惠企惠民事项",
    "power": "权力事项",
    "responsibility": "责任清单",
    "report": "年度报告",
    "answer": "依申请公开答复",
}
SUMMARY_LENGTH = 120
MAX_QUERY_LENGTH = 100


@dataclass
class Entry:
    kind: str
    index_number: str
    title: str
    summary: str
    date: object  # datetime.date
    publisher: str
    url: str
    departments: set = field(default_factory=set)  # slugs

    @property
    def kind_label(self):
        return KINDS[self.kind]


class CatalogueParams(Params):
    """/mulu/export.xlsx and .csv: which documents."""

    kind: Annotated[str, OneOf(KINDS)] | None = Field(None, title="类别")
    department: Annotated[str, OneOf(rows(Department))] | None = Field(None, title="公开主体")
    year: Integer(1949, 2100) | None = Field(None, title="生成年份")
    q: Annotated[str, StringConstraints(max_length=MAX_QUERY_LENGTH)] | None = Field(
        None, title="关键词", description="名称、内容概述或索引号中的文字")


class CataloguePageParams(CatalogueParams):
    """/mulu/: one page of the catalogue."""

    page: Integer(1, 100_000) = Field(1, title="页码")


def entries(params):
    """The catalogue's entries the parameters select, newest first."""
    sources = [params.kind] if params.kind else list(KINDS)
    result = []
    for kind in sources:
        result.extend(SOURCES[kind](params))
    if params.department:
        result = [e for e in result if params.department in e.departments]
    if params.year:
        result = [e for e in result if e.date and e.date.year == params.year]
    if params.q:
        needle = params.q.casefold()
        result = [e for e in result if needle in f"{e.title}\n{e.summary}\n{e.index_number}".casefold()]
    result.sort(key=lambda e: (e.date.toordinal() if e.date else 0, e.index_number), reverse=True)
    return result


def describe(params):
    """A short Chinese description of the filter, for headings and file names."""
    parts = []
    if params.kind:
        parts.append(KINDS[params.kind])
    if params.department:
        parts.append(Department.objects.get(slug=params.department).name)
    if params.year:
        parts.append(f"{params.year}年")
    if params.q:
        parts.append(f"含“{params.q}”")
    return "，".join(parts)


def _short(text):
    text = " ".join((text or "").split())
    return text if len(text) <= SUMMARY_LENGTH else text[: SUMMARY_LENGTH - 1] + "…"


def _names(departments):
    return "、".join(d.name for d in departments)


def _number(department, key):
    """A derived 索引号: the owner's 组织机构代码 / a stable key of the document."""
    return f"{department.org_code}/{key}" if department else key


def _policies(params):
    pages = PolicyPage.objects.live().public().prefetch_related("issuing_offices")
    for page in pages:
        offices = page.offices()
        yield Entry("policy", page.index_number, page.title, _short(page.summary), page.written_date,
                    _names(offices), page.url, {d.slug for d in offices})


def _interpretations(params):
    pages = (PolicyInterpretationPage.objects.live().public().select_related("interpreter", "policy")
             .prefetch_related("policy__issuing_offices"))
    for page in pages:
        owners = [page.interpreter] if page.interpreter else page.policy.offices()
        owner = owners[0] if owners else None
        yield Entry("interpretation", _number(owner, f"ZCJD-{page.pk:06d}"), page.title,
                    _short(page.summary) or f"对《{page.policy.title}》的解读", page.published_date,
                    _names(owners), page.url, {d.slug for d in owners})


def _measures(params):
    policies = PolicyPage.objects.live().public()
    measures = (SupportMeasure.objects.filter(page__in=policies).select_related("page")
                .prefetch_related("page__issuing_offices").order_by("page_id", "sort_order", "pk"))
    for measure in measures:
        offices = measure.page.offices()
        yield Entry("measure", f"{measure.page.index_number}-SX{measure.pk:06d}", measure.title,
                    _short(measure.content), measure.page.written_date, _names(offices), measure.permalink,
                    {d.slug for d in offices})


def _powers(params):
    for item in PowerItem.objects.current().select_related("department"):
        published = item.first_published_at
        yield Entry("power", _number(item.department, item.code), item.name,
                    f"{item.power_type_label}，实施层级：{item.level_label}",
                    published.date() if published else None, item.department.name, item.get_absolute_url(),
                    {item.department.slug})


def _responsibilities(params):
    from django.urls import reverse

    for duty_list in ResponsibilityList.objects.filter(live=True).select_related("department"):
        dept = duty_list.department
        published = duty_list.first_published_at
        yield Entry("responsibility", _number(dept, "ZRQD"), f"{dept.name}责任清单",
                    "主要职责、与相关部门的职责边界、事中事后监管制度、公共服务事项和责任追究机制",
                    published.date() if published else None, dept.name,
                    reverse("powerlists:department", args=[dept.slug]), {dept.slug})


def _reports(params):
    for report in AnnualReport.objects.filter(published=True).select_related("department"):
        dept = report.department
        yield Entry("report", _number(dept, f"NB-{report.year}"), str(report),
                    f"{report.year}年政府信息主动公开、依申请公开、行政复议和诉讼情况", report.published_on,
                    report.publisher_name(), report.get_absolute_url(), {dept.slug} if dept else set())


def _answers(params):
    # As /yishenqing/gongkai/ shows them; never the 查询码, which opens the request's tracking page.
    answers = (InformationRequest.objects.filter(status="answered", publish_answer=True)
               .select_related("department"))
    for req in answers:
        dept = req.department
        title = req.description if len(req.description) <= 60 else req.description[:59] + "…"
        yield Entry("answer", _number(dept, f"YSQ-{req.pk:06d}"), title, _short(req.reply_text), req.answered_on,
                    dept.name if dept else "", "/yishenqing/gongkai/", {dept.slug} if dept else set())


SOURCES = {"policy": _policies, "interpretation": _interpretations, "measure": _measures, "power": _powers,
           "responsibility": _responsibilities, "report": _reports, "answer": _answers}
