"""The public side of 依申请公开: the form, the receipt, tracking by 查询码,
and the answers published under 条例 art. 44. No login; throttled per client."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from portal import throttle
from portal.clientip import client_ip

from . import mail, services
from .documents import download_name
from .forms import RequestForm, TrackForm
from .models import InformationRequest, normalise_code

# Filing: a few a client an hour, more a day. Tracking: wrong codes cannot be tried by the thousand.
FILE_LIMITS = (("inforequest-hour", 5, 3600), ("inforequest-day", 20, 86400))
TRACK_LIMIT = (30, 3600)
# Steps whose note the applicant may read (the 补正 items, the extension reason).
PUBLIC_NOTES = ("correction_requested", "extended")
SESSION_KEY = "inforequest_receipt"


def _throttled(request, message):
    return render(request, "inforequests/message.html", {"title": "提交过于频繁", "text": message}, status=429)


@require_http_methods(["GET", "POST"])
def apply(request):
    form = RequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_valid():
            client = client_ip(request)
            if not all(throttle.allow(scope, client, limit, period) for scope, limit, period in FILE_LIMITS):
                return _throttled(request, "同一网络提交申请的次数过多，请稍后再试，或通过信函、当面等方式提交。")
            data = {k: v for k, v in form.cleaned_data.items() if k != "agree"}
            req = services.file_request(data)
            sent = mail.send_receipt(req) if req.email else None
            request.session[SESSION_KEY] = [req.pk, sent]
            return redirect("inforequests:receipt")
    return render(request, "inforequests/apply.html", {"form": form}, status=400 if form.errors else 200)


def receipt(request):
    pk, sent = request.session.get(SESSION_KEY) or (None, None)
    req = InformationRequest.objects.filter(pk=pk).first() if pk else None
    if req is None:
        return redirect("inforequests:apply")
    return render(request, "inforequests/receipt.html", {"req": req, "clock": req.clock(), "mail_sent": sent})


def _track_context(req):
    events = [{"event": e, "note": e.note if e.kind in PUBLIC_NOTES else ""} for e in req.events.all()]
    return {"req": req, "clock": req.clock(), "events": events}


@require_http_methods(["GET", "POST"])
def track(request):
    form = TrackForm(request.POST if request.method == "POST" else None)
    context, status = {"form": form}, 200
    if request.method == "POST" and form.is_valid():
        if not throttle.allow("inforequest-track", client_ip(request), *TRACK_LIMIT):
            return _throttled(request, "查询次数过多，请一小时后再试。")
        req = InformationRequest.objects.filter(code=normalise_code(form.cleaned_data["code"])).first()
        if req is None:
            form.add_error("code", "未找到该查询码对应的申请，请核对后重新输入（不区分大小写）。")
            status = 404
        else:
            context.update(_track_context(req))
    elif form.errors:
        status = 400
    return render(request, "inforequests/track.html", context, status=status)


def reply_document(request, code):
    """The reply document for whoever holds the 查询码 (the document's
    collection is closed to the public, see documents.py)."""
    if not throttle.allow("inforequest-track", client_ip(request), *TRACK_LIMIT):
        return _throttled(request, "查询次数过多，请一小时后再试。")
    req = get_object_or_404(InformationRequest, code=normalise_code(code), status="answered")
    if req.reply_document is None:
        raise Http404
    return FileResponse(req.reply_document.file.open("rb"), as_attachment=True, filename=download_name(req))


def published(request):
    answers = (InformationRequest.objects.filter(status="answered", publish_answer=True)
               .select_related("department").order_by("-answered_on"))
    return render(request, "inforequests/published.html", {"answers": answers})
