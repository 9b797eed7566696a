"""The back office: the list of requests with their clocks, and one
request's page where the 门户办 routes it and the department records steps
and the answer. Department staff see only their department's requests."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render

from portal.daterules import today as district_today
from portal.permissions import departments_for_user, is_portal_office

from . import services
from .forms import DEFAULT_REMEDY, AnswerForm, RouteForm, StepForm
from .models import OPEN_STATUSES, STATUSES, InformationRequest, RequestEvent

# Listing order of open requests: the most urgent first.
URGENCY = {"overdue": 0, "due_soon": 1, "ok": 2, "paused": 3, "done": 4}
ANSWERED_SHOWN = 100


def visible_requests(user):
    requests = InformationRequest.objects.select_related("department").prefetch_related(
        Prefetch("events", queryset=RequestEvent.objects.order_by("date", "id")))
    if is_portal_office(user):
        return requests
    return requests.filter(department__in=departments_for_user(user))


def may_use(user):
    return is_portal_office(user) or departments_for_user(user).exists()


def with_clocks(requests, today):
    rows = [{"req": r, "clock": r.clock(today)} for r in requests]
    return sorted(rows, key=lambda row: (URGENCY[row["clock"].state], row["clock"].due or today, row["req"].pk))


def index(request):
    if not may_use(request.user):
        raise PermissionDenied
    status = request.GET.get("status", "")
    requests = visible_requests(request.user)
    today = district_today()
    if status in dict(STATUSES):
        requests = requests.filter(status=status)
    open_rows = with_clocks(requests.filter(status__in=OPEN_STATUSES), today)
    done = requests.exclude(status__in=OPEN_STATUSES).order_by("-answered_on", "-received_at")[:ANSWERED_SHOWN]
    return render(request, "inforequests/admin/index.html", {
        "open_rows": open_rows, "done": done, "statuses": STATUSES, "status": status,
        "office": is_portal_office(request.user),
        "counts": {s: sum(1 for r in open_rows if r["clock"].state == s) for s in ("overdue", "due_soon")},
    })


def detail(request, pk):
    if not may_use(request.user):
        raise PermissionDenied
    req = get_object_or_404(visible_requests(request.user), pk=pk)  # 404 for another department's
    office = is_portal_office(request.user)
    today = district_today()
    action = request.POST.get("action") if request.method == "POST" else None
    forms = {
        "route": RouteForm(request.POST if action == "route" else None,
                           initial={"department": req.department_id}),
        "step": StepForm(request.POST if action == "step" else None, initial={"date": today}),
        "answer": AnswerForm(request.POST if action == "answer" else None,
                             request.FILES if action == "answer" else None,
                             initial={"answered_on": today, "remedy_text": DEFAULT_REMEDY}),
    }
    if action == "route" and not office:
        raise PermissionDenied  # routing is the 门户办's
    if action in forms and forms[action].is_valid():
        data = forms[action].cleaned_data
        try:
            if action == "route":
                services.route(req, data["department"], request.user, today)
                messages.success(request, f"已分办至{data['department'].name}。")
            elif action == "step":
                services.add_step(req, data["kind"], data["date"], data["note"], data["working_days"], request.user)
                messages.success(request, "办理步骤已登记。")
            else:
                sent = services.answer(req, data, data.pop("reply_document"), request.user)
                messages.success(request, "答复已登记" + ("，并已发送至申请人邮箱。" if sent else "。"))
            return redirect("inforequests_admin:detail", pk=req.pk)
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.error_dict.items():
                    for e in errors:
                        forms[action].add_error(field if field in forms[action].fields else None, e)
            else:
                forms[action].add_error(None, exc)
    return render(request, "inforequests/admin/detail.html", {
        "req": req, "clock": req.clock(today), "forms": forms, "office": office,
        "can_answer": req.is_open and req.department_id,
    }, status=400 if action else 200)
