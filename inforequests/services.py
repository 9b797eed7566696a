"""What happens to a request: filing, routing, steps and the answer.

Each operation checks that it fits the request's state (Chinese
ValidationError otherwise) and writes the request and its event in one
transaction, so a request never shows a status without the step behind it.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from . import clock, mail
from .documents import store_reply
from .models import EVENT_KINDS, InformationRequest, RequestEvent

# kind -> (statuses it may follow, status it leads to)
STEPS = {
    "correction_requested": (("received", "processing"), "correction"),
    "correction_completed": (("correction",), "processing"),
    "consultation_started": (("processing",), "consulting"),
    "consultation_ended": (("consulting",), "processing"),
    "extended": (("processing", "consulting"), None),
    "withdrawn": (("received", "processing", "correction", "consulting"), "closed"),
}


@transaction.atomic
def file_request(data, received_at=None):
    received_at = received_at or timezone.now()
    req = InformationRequest.objects.create(received_at=received_at, **data)
    local = timezone.localtime(received_at)
    RequestEvent.objects.create(request=req, kind="received", date=local.date())
    RequestEvent.objects.create(request=req, kind="accepted", date=clock.accepted_on(local))
    return req


@transaction.atomic
def route(req, department, user=None, day=None):
    if not req.is_open:
        raise ValidationError("该申请已办结，不能再分办。")
    req.department = department
    if req.status == "received":
        req.status = "processing"
    req.save(update_fields=["department", "status"])
    RequestEvent.objects.create(request=req, kind="routed", date=day or timezone.localdate(),
                                note=department.name, created_by=user)


def _check_date(req, day):
    if day < timezone.localtime(req.received_at).date():
        raise ValidationError({"date": "日期不能早于收到申请的日期。"})
    last = req.events.order_by("-date").first()
    if last and day < last.date:
        raise ValidationError({"date": f"日期不能早于上一步骤的日期（{last.date:%Y-%m-%d}）。"})


@transaction.atomic
def add_step(req, kind, day, note="", working_days=None, user=None):
    req = InformationRequest.objects.select_for_update().get(pk=req.pk)
    follows, leads_to = STEPS[kind]
    if req.status not in follows:
        raise ValidationError(f"当前状态为“{req.get_status_display()}”，不能登记“{dict(EVENT_KINDS)[kind]}”。")
    if kind == "extended" and req.events.filter(kind="extended").exists():
        raise ValidationError("每件申请只能延期答复一次（条例第三十三条）。")
    _check_date(req, day)
    RequestEvent.objects.create(request=req, kind=kind, date=day, note=note, working_days=working_days,
                                created_by=user)
    if leads_to:
        req.status = leads_to
        if kind == "withdrawn":  # concluded: counted in 年报 Table 3 under 其他处理·其他
            req.outcome, req.outcome_reason, req.answered_on = "other", "other.other", day
        req.save()
    return req


def answer(req, data, upload=None, user=None, notify=True):
    """Record the answer; then e-mail it (with the reply document) when the
    applicant gave an address. Returns whether an e-mail was sent."""
    with transaction.atomic():
        req = InformationRequest.objects.select_for_update().get(pk=req.pk)
        if not req.is_open:  # from 待补正 too: 逾期不补正 is an answer (其他处理)
            raise ValidationError(f"当前状态为“{req.get_status_display()}”，不能作出答复。")
        if req.department_id is None:
            raise ValidationError("请先分办至承办部门。")
        _check_date(req, data["answered_on"])
        for field in ("outcome", "outcome_reason", "answered_on", "reply_text", "remedy_text", "publish_answer"):
            setattr(req, field, data[field])
        if upload:
            req.reply_document = store_reply(upload, req, user)
        req.status = "answered"
        req.save()
        RequestEvent.objects.create(request=req, kind="answered", date=data["answered_on"],
                                    note=req.get_outcome_display(), created_by=user)
    return mail.send_answer(req) if notify and req.email else False
