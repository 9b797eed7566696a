"""Query parameters of the list (/quanze/), the exports and the API,
declared once (portal.params), and the queryset they select."""

from typing import Annotated

from django.db.models import Q
from pydantic import Field, StringConstraints, model_validator

from portal.models import Department
from portal.params import Integer, OneOf, ParamError, Params, rows

from .codes import POWER_TYPE_LABELS
from .models import LEVEL_LABELS, PowerItem, PowerListVersion

STATUS_LABELS = {"active": "实施中", "cancelled": "已取消", "all": "全部"}
MAX_QUERY_LENGTH = 100
API_MAX_PAGE_SIZE = 200


WORDING = {"choice": "{label}“{value}”不存在。{allowed}"}


class ListParams(Params):
    """/quanze/export.xlsx and .csv: which items."""

    messages = WORDING

    department: Annotated[str, OneOf(rows(Department))] | None = Field(
        None, title="部门", description="部门标识（见 departments 接口的 slug）")
    power_type: Annotated[str, OneOf(POWER_TYPE_LABELS)] | None = Field(None, title="权力类型")
    level: Annotated[str, OneOf(LEVEL_LABELS)] | None = Field(None, title="实施层级")
    status: Annotated[str, OneOf(STATUS_LABELS)] = Field(
        "active", title="状态", description="active（实施中，默认）、cancelled（已取消）或 all（全部）")
    q: Annotated[str, StringConstraints(max_length=MAX_QUERY_LENGTH)] | None = Field(
        None, title="关键词", description="事项名称关键词或完整事项编码")


class PageParams(ListParams):
    """/quanze/: one page of the list."""

    page: Integer(1, 100_000) = Field(1, title="页码")


class ApiParams(PageParams):
    """/api/powerlists/items/."""

    page_size: Integer(1, API_MAX_PAGE_SIZE) = Field(50, title="每页条数", description=f"每页条数（1–{API_MAX_PAGE_SIZE}，默认 50）")


def _versions():
    """A version is named by its id or its name; "current" is the list today."""
    choices = {"current": "现行清单"}
    for pk, name in PowerListVersion.objects.values_list("pk", "name"):
        choices[str(pk)] = choices[name] = name
    return choices


class ChangesParams(Params):
    """/quanze/bianhua/: two versions to compare (none: the last two), for the district or one department."""

    messages = WORDING

    old: Annotated[str, OneOf(_versions)] | None = Field(None, alias="from", title="起始版本")
    new: Annotated[str, OneOf(_versions)] | None = Field(None, alias="to", title="对比版本")
    department: Annotated[str, OneOf(rows(Department))] | None = Field(None, title="部门")

    @model_validator(mode="after")
    def _both_versions(self):
        if (self.old is None) != (self.new is None):
            missing, label = ("from", "起始版本") if self.old is None else ("to", "对比版本")
            raise ParamError.one(missing, f"请选择{label}。")
        return self


def items(params):
    queryset = PowerItem.objects.public().select_related("department").filter(
        **params.lookups(department="department__slug", power_type="power_type", level="level"))
    if params.status != "all":
        queryset = queryset.filter(status=params.status)
    if params.q:
        queryset = queryset.filter(Q(name__icontains=params.q) | Q(code__iexact=params.q.upper()))
    return queryset.order_by("code")


def describe(params):
    """A short Chinese description of a filter, for headings and file names."""
    parts = []
    if params.department:
        parts.append(Department.objects.get(slug=params.department).name)
    if params.power_type:
        parts.append(POWER_TYPE_LABELS[params.power_type])
    if params.level:
        parts.append(LEVEL_LABELS[params.level])
    if params.status != "active":
        parts.append(STATUS_LABELS[params.status])
    if params.q:
        parts.append(f"含“{params.q}”")
    return "，".join(parts)
