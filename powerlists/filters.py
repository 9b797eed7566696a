"""Query parameters of the list, the exports and the API: parsed strictly,
with a Chinese message naming the wrong parameter."""

from django.db.models import Q

from portal.models import Department

from .codes import POWER_TYPE_LABELS
from .models import LEVEL_LABELS, PowerItem

STATUS_LABELS = {"active": "实施中", "cancelled": "已取消", "all": "全部"}
PARAMS = ("department", "power_type", "level", "status", "q")


class FilterError(ValueError):
    def __init__(self, parameter, message):
        super().__init__(message)
        self.parameter = parameter
        self.message = message


def parse(params, allowed=PARAMS):
    """-> cleaned dict; raises FilterError for the first bad parameter."""
    cleaned = {"status": "active"}
    for key in params:
        if key not in allowed:
            raise FilterError(key, f"不支持的参数“{key}”，可用参数：{'、'.join(allowed)}。")
    department = (params.get("department") or "").strip()
    if department:
        cleaned["department"] = Department.objects.filter(slug=department).first()
        if cleaned["department"] is None:
            raise FilterError("department", f"部门“{department}”不存在。")
    power_type = (params.get("power_type") or "").strip()
    if power_type:
        if power_type not in POWER_TYPE_LABELS:
            raise FilterError("power_type", f"权力类型“{power_type}”不存在，可用值：{'、'.join(POWER_TYPE_LABELS)}。")
        cleaned["power_type"] = power_type
    level = (params.get("level") or "").strip()
    if level:
        if level not in LEVEL_LABELS:
            raise FilterError("level", f"实施层级“{level}”不存在，可用值：{'、'.join(LEVEL_LABELS)}。")
        cleaned["level"] = level
    status = (params.get("status") or "").strip()
    if status:
        if status not in STATUS_LABELS:
            raise FilterError("status", f"状态“{status}”不存在，可用值：active（实施中）、cancelled（已取消）、all（全部）。")
        cleaned["status"] = status
    q = (params.get("q") or "").strip()
    if len(q) > 100:
        raise FilterError("q", "关键词不能超过100个字。")
    if q:
        cleaned["q"] = q
    return cleaned


def items(cleaned):
    queryset = PowerItem.objects.public().select_related("department")
    if cleaned.get("department"):
        queryset = queryset.filter(department=cleaned["department"])
    if cleaned.get("power_type"):
        queryset = queryset.filter(power_type=cleaned["power_type"])
    if cleaned.get("level"):
        queryset = queryset.filter(level=cleaned["level"])
    if cleaned.get("status", "active") != "all":
        queryset = queryset.filter(status=cleaned.get("status", "active"))
    if cleaned.get("q"):
        q = cleaned["q"]
        queryset = queryset.filter(Q(name__icontains=q) | Q(code__iexact=q.upper()))
    return queryset.order_by("code")


def describe(cleaned):
    """A short Chinese description of a filter, for headings and file names."""
    parts = []
    if cleaned.get("department"):
        parts.append(cleaned["department"].name)
    if cleaned.get("power_type"):
        parts.append(POWER_TYPE_LABELS[cleaned["power_type"]])
    if cleaned.get("level"):
        parts.append(LEVEL_LABELS[cleaned["level"]])
    if cleaned.get("status", "active") != "active":
        parts.append(STATUS_LABELS[cleaned["status"]])
    if cleaned.get("q"):
        parts.append(f"含“{cleaned['q']}”")
    return "，".join(parts)
