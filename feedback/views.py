"""POST /fankui/: record one vote; no login, throttled per client."""

from django.shortcuts import render
from django.views.decorators.http import require_POST

from portal import throttle
from portal.clientip import client_ip

from . import targets
from .forms import FeedbackForm
from .models import Feedback

# One vote per item per client per day; at most HOURLY_LIMIT votes per hour.
PER_ITEM = (1, 86400)
HOURLY_LIMIT = (20, 3600)


def _reply(request, title, text, status, back=""):
    return render(request, "feedback/message.html", {"title": title, "text": text, "back": back}, status=status)


@require_POST
def submit(request):
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        errors = "；".join(e for errs in form.errors.values() for e in errs)
        return _reply(request, "评价未提交", errors, 400, request.POST.get("back", ""))
    data = form.cleaned_data
    target, obj = targets.resolve(data["kind"], data["object_id"])
    if obj is None:
        return _reply(request, "评价未提交", "要评价的内容不存在或尚未公开。", 404)
    back = obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else obj.url
    client = client_ip(request)
    if not throttle.allow("feedback-hour", client, *HOURLY_LIMIT):
        return _reply(request, "提交过于频繁", "您提交评价的次数过多，请一小时后再试。", 429, back)
    if not throttle.allow("feedback-item", f"{client}|{data['kind']}|{obj.pk}", *PER_ITEM):
        return _reply(request, "您已评价过", "您今天已经评价过这条信息，感谢您的反馈。", 429, back)
    feedback = Feedback.objects.create(
        kind=data["kind"], object_id=obj.pk, title=str(getattr(obj, "title", None) or obj)[:300], url=back,
        helpful=data["helpful"], comment=data["comment"],
    )
    feedback.departments.set([d for d in target.departments(obj) if d is not None])
    return _reply(request, "感谢您的评价", "您的评价已收到，我们会据此改进信息公开工作。", 200, back)
