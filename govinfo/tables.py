"""The figures of a 政府信息公开工作年度报告 in the national format
(国办公开办函〔2021〕30号), computed from the portal's data, never typed:

- 二、主动公开: 规章 and 行政规范性文件 制发/废止/现行有效 from policies;
  权责清单 items and adjustments for 行政许可/处罚/强制 from power lists;
- 三、依申请公开: received, carried over and outcomes by applicant type
  from the requests, with the table's own check
  新收 + 上年结转 = 办理结果总计 + 结转下年度.

`compute(year, department)` returns plain data (JSON-serialisable), so a
published report keeps the figures it was published with.
"""

import datetime as dt

from django.db.models import Q

from inforequests.models import InformationRequest
from inforequests.outcomes import CATEGORIES, ORGANISATION_KINDS
from policies import validity
from policies.models import PolicyPage
from portal.daterules import today
from powerlists.codes import POWER_TYPE_LABELS
from powerlists.models import Adjustment, PowerItem

# 规章 are promulgated by 令; these 公文种类 are never 行政规范性文件 (they bind
# no one outside the administration). Everything else a district office
# issues counts as a 行政规范性文件.
RULE_GENRES = {"order"}
NON_NORMATIVE_GENRES = {"reply", "report", "request", "letter", "minutes", "circular"}
ENDED = {validity.REPEALED, validity.EXPIRED}
IN_FORCE = {validity.VALID, validity.PENDING}
POWER_ROWS = ["licensing", "penalty", "coercion"]

COLUMNS = ["自然人", *[label for _k, label in ORGANISATION_KINDS], "总计"]
KIND_COLUMN = {key: n + 1 for n, (key, _l) in enumerate(ORGANISATION_KINDS)}
NUMERALS = "一二三四五六七八九十"
REASON_KEYS = {key: {reason for reason, _l in reasons} for key, _l, reasons in CATEGORIES}


def compute(year, department=None):
    return {"year": year, "active": active(year, department), "requests": requests(year, department)}


# -- 二、主动公开政府信息情况 ---------------------------------------------------

def active(year, department=None):
    end, last_end = dt.date(year, 12, 31), dt.date(year - 1, 12, 31)
    policies = PolicyPage.objects.live().public().filter(level="district", written_date__lte=end)
    if department is not None:
        policies = policies.filter(issuing_offices=department)
    rows = {"rules": _zero(), "normative": _zero()}
    for policy in policies.distinct():
        if policy.genre in RULE_GENRES:
            row = rows["rules"]
        elif policy.genre in NON_NORMATIVE_GENRES:
            continue
        else:
            row = rows["normative"]
        status = policy.validity_key(on=end)
        row["issued"] += policy.written_date.year == year
        row["repealed"] += status in ENDED and policy.validity_key(on=last_end) not in ENDED
        row["in_force"] += status in IN_FORCE
    items = PowerItem.objects.current()
    adjustments = Adjustment.objects.filter(effective_date__year=year)
    if department is not None:
        items = items.filter(department=department)
        adjustments = adjustments.filter(item__department=department)
    powers = [{
        "type": key, "label": POWER_TYPE_LABELS[key],
        "items": items.filter(power_type=key).count(),
        "added": adjustments.filter(item__power_type=key, kind="add").count(),
        "cancelled": adjustments.filter(item__power_type=key, kind__in=["cancel", "merge"]).count(),
    } for key in POWER_ROWS]
    return {"rules": rows["rules"], "normative": rows["normative"], "powers": powers,
            "as_of": str(today())}


def _zero():
    return {"issued": 0, "repealed": 0, "in_force": 0}


# -- 三、收到和处理政府信息公开申请情况 ------------------------------------------

def _column(request):
    if request.applicant_type == "person":
        return 0
    return KIND_COLUMN.get(request.organisation_kind, KIND_COLUMN["other"])


def _finished_by(request, day):
    return bool(request.outcome) and request.answered_on is not None and request.answered_on <= day


def requests(year, department=None):
    end = dt.date(year, 12, 31)
    queryset = InformationRequest.objects.filter(received_at__date__lte=end)
    if department is not None:
        queryset = queryset.filter(department=department)
    # Only what can still count in this year: not finished before it began.
    queryset = queryset.exclude(Q(answered_on__lt=dt.date(year, 1, 1)) & ~Q(outcome=""))
    return request_table(year, queryset.only("code", "applicant_type", "organisation_kind", "received_at", "status",
                                             "outcome", "outcome_reason", "answered_on"))


def request_table(year, requests):
    """The table from request objects (received_at, answered_on, outcome,
    outcome_reason, applicant_type, organisation_kind, status, code)."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    width = len(COLUMNS) - 1
    new, carried, carried_over = [0] * width, [0] * width, [0] * width
    outcomes = {}  # (category, reason or "") -> counts
    warnings = []
    for r in requests:
        received = _local_date(r.received_at)
        if received > end or _finished_by(r, start - dt.timedelta(days=1)):
            continue
        column = _column(r)
        (new if received >= start else carried)[column] += 1
        if _finished_by(r, end):
            reason = r.outcome_reason.split(".", 1)[1] if r.outcome_reason.startswith(r.outcome + ".") else ""
            if reason not in REASON_KEYS.get(r.outcome, ()):
                reason = ""
            outcomes.setdefault((r.outcome, reason), [0] * width)[column] += 1
            if r.answered_on < received:
                warnings.append(f"{r.code}：答复日期早于收到日期")
        else:
            carried_over[column] += 1
            if r.status == "closed":
                warnings.append(f"{r.code}：已终止但未记录办理结果，仍计入结转")
    rows = [_row("一、本年新收政府信息公开申请数量", new), _row("二、上年结转政府信息公开申请数量", carried),
            _row("三、本年度办理结果", None)]
    total = [0] * width
    for n, (key, label, reasons) in enumerate(CATEGORIES):
        heading = f"（{NUMERALS[n]}）{label}"
        if not reasons:
            values = outcomes.get((key, ""), [0] * width)
            rows.append(_row(heading, values, level=1))
            total = _add(total, values)
            continue
        rows.append(_row(heading, None, level=1))
        for m, (reason, reason_label) in enumerate(reasons, 1):
            values = outcomes.get((key, reason), [0] * width)
            rows.append(_row(f"{m}．{reason_label}", values, level=2))
            total = _add(total, values)
        unspecified = outcomes.get((key, ""))
        if unspecified:
            rows.append(_row("（未注明具体情形）", unspecified, level=2))
            total = _add(total, unspecified)
            warnings.append(f"{label.split('（')[0]}：{sum(unspecified)} 件未注明具体情形")
    unknown = [0] * width
    for (key, _reason), values in outcomes.items():
        if key not in REASON_KEYS:
            warnings.append(f"办理结果“{key}”不在国家年报的类别中：{sum(values)} 件")
            unknown = _add(unknown, values)
    if any(unknown):
        rows.append(_row("（不在上述类别中的办理结果）", unknown, level=1))
        total = _add(total, unknown)
    rows.append(_row(f"（{NUMERALS[len(CATEGORIES)]}）总计", total, level=1))
    rows.append(_row("四、结转下年度继续办理", carried_over))
    balance = {"new": sum(new), "carried": sum(carried), "total": sum(total), "carried_over": sum(carried_over)}
    balance["holds"] = balance["new"] + balance["carried"] == balance["total"] + balance["carried_over"]
    return {"columns": COLUMNS, "rows": rows, "balance": balance, "warnings": warnings}


def _row(label, values, level=0):
    return {"label": label, "level": level, "values": None if values is None else [*values, sum(values)]}


def _add(a, b):
    return [x + y for x, y in zip(a, b)]


def _local_date(moment):
    from django.utils import timezone

    return timezone.localtime(moment).date()
