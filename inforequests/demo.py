"""A year of demo requests in every state and every Table 3 outcome, so the
tracking page, the back office and the 年报 have content. Idempotent: runs
only while there are no requests at all (real ones are never touched)."""

import datetime as dt
import itertools

from django.utils import timezone

from portal.daterules import today as district_today
from portal.models import Department

from . import clock, services
from .forms import DEFAULT_REMEDY
from .models import InformationRequest
from .outcomes import CATEGORIES

DESCRIPTIONS = [
    "2025年度区级财政预算执行情况审计报告",
    "南川区城区道路改造工程的环境影响评价批复文件",
    "本街道老旧小区改造项目的招标公告及中标结果",
    "2024年以来发放的工业企业技术改造补助资金名单",
    "区政府常务会议关于农贸市场搬迁的会议纪要",
    "某某路段征地补偿安置方案及补偿标准",
    "区内在建学校项目的规划许可证及审批文件",
    "2025年度食品安全抽检不合格产品处理情况",
    "南川区养老服务补贴发放标准及依据文件",
    "本村集体土地征收的批准文件",
    "区市场监管局行政处罚裁量基准",
    "区级政府投资项目年度计划",
]
APPLICANTS = [
    {"applicant_type": "person", "name": "王晓明", "id_type": "身份证", "id_number": "500119199001011234"},
    {"applicant_type": "person", "name": "李芳", "id_type": "身份证", "id_number": "50011919850505432X"},
    {"applicant_type": "organisation", "organisation_kind": "business", "name": "重庆某某建材有限公司",
     "id_number": "91500119MA5U000001", "legal_representative": "陈某", "contact_name": "周某"},
    {"applicant_type": "organisation", "organisation_kind": "legal_service", "name": "重庆某某律师事务所",
     "id_number": "31500000MD0000001X", "legal_representative": "刘某", "contact_name": "赵某"},
    {"applicant_type": "organisation", "organisation_kind": "research", "name": "某某大学公共管理学院",
     "id_number": "12500000450000001A", "legal_representative": "孙某", "contact_name": "吴某"},
]
OUTCOMES = [(key, f"{key}.{r}" if r else "") for key, _label, reasons in CATEGORIES
            for r in ([r for r, _ in reasons] or [""])]


def _data(n):
    return {**APPLICANTS[n % len(APPLICANTS)], "phone": f"1380000{n:04d}", "email": f"demo{n}@example.com",
            "description": DESCRIPTIONS[n % len(DESCRIPTIONS)], "form": "electronic", "delivery": "email"}


def _file(n, received, department):
    req = services.file_request(_data(n), timezone.make_aware(dt.datetime.combine(received, dt.time(10, 30))))
    if department is not None:
        services.route(req, department, day=received)
    return req


def _received_for(today, state, remaining=None):
    """A receipt date whose clock is in `state` (with `remaining` days) today."""
    for back in range(1, 90):
        received = today - dt.timedelta(days=back)
        c = clock.compute(dt.datetime.combine(received, dt.time(10, 30)), [], today)
        if c.state == state and (remaining is None or c.remaining == remaining):
            return received
    raise RuntimeError(f"no receipt date gives {state} {remaining}")


def load(log):
    if InformationRequest.objects.exists():
        log("依申请公开：已有申请，跳过")
        return
    departments = list(Department.objects.order_by("sort_order", "name")[:6])
    if not departments:
        return
    today = district_today()
    depts = itertools.cycle(departments)
    n = 0
    # Answered over the past year, one for each Table 3 outcome and more 予以公开;
    # the first received last December and answered in January (carried over).
    answered = OUTCOMES + [("disclosed", "")] * 6 + [("partly", "")] * 3
    for i, (outcome, reason) in enumerate(answered):
        received = today - dt.timedelta(days=360 - i * 9)
        if i == 0:
            received = dt.date(today.year - 1, 12, 22)
        req = _file(n, received, next(depts))
        accepted = req.clock(today).accepted
        answered_on = min(clock.Counter().add(accepted, 8 + i % 12), today)
        if i % 7 == 3:  # some were extended first
            services.add_step(req, "extended", clock.Counter().add(accepted, 15), "需调取档案并作区分处理", 10)
            answered_on = min(clock.Counter().add(accepted, 26), today)
        services.answer(req, {"outcome": outcome, "outcome_reason": reason, "answered_on": answered_on,
                              "reply_text": f"经查，您申请公开的“{req.description}”，现答复如下（演示）。",
                              "remedy_text": DEFAULT_REMEDY, "publish_answer": i in (1, 5)}, notify=False)
        n += 1
    # Open ones in every state.
    unrouted = _file(n, today - dt.timedelta(days=1), None)
    n += 1
    _file(n, today - dt.timedelta(days=3), next(depts))
    n += 1
    _file(n, _received_for(today, "due_soon", 2), next(depts))
    n += 1
    _file(n, _received_for(today, "overdue", -3), next(depts))
    n += 1
    req = _file(n, today - dt.timedelta(days=12), next(depts))
    services.add_step(req, "correction_requested", today - dt.timedelta(days=9), "请补充所需信息的大致形成时间")
    n += 1
    req = _file(n, today - dt.timedelta(days=30), next(depts))
    services.add_step(req, "correction_requested", today - dt.timedelta(days=27), "请明确所指路段")
    services.add_step(req, "correction_completed", today - dt.timedelta(days=20))
    n += 1
    req = _file(n, today - dt.timedelta(days=20), next(depts))
    services.add_step(req, "consultation_started", today - dt.timedelta(days=10), "征求中标企业意见")
    n += 1
    req = _file(n, today - dt.timedelta(days=32), next(depts))
    services.add_step(req, "extended", today - dt.timedelta(days=2), "涉及多个部门，需协调", 20)
    n += 1
    req = _file(n, today - dt.timedelta(days=40), next(depts))
    services.add_step(req, "withdrawn", today - dt.timedelta(days=35), "申请人撤回申请")
    n += 1
    log(f"依申请公开：{n} 件演示申请（待分办查询码 {unrouted.code}）")
