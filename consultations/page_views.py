"""The consultation page's own views (routes of ConsultationPage): the
comment form's POST, its receipt, and the 采纳情况反馈 page. They reach
comments through the page, so the model module can route to them."""

import logging
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render

from portal import throttle
from portal.clientip import client_ip

from . import moderation
from .forms import CommentForm

log = logging.getLogger(__name__)

# Per client: a burst of comments on one draft is normal (one per article),
# a flood is not.
HOURLY_LIMIT = (10, 3600)
DAILY_LIMIT = (30, 86400)
RECEIPT_SALT = "consultations.receipt"


def _page(page, request, form, status, error=""):
    context = page.get_context(request, form=form)
    context["comment_error"] = error
    return render(request, page.get_template(request), context, status=status)


def submit_comment(page, request):
    if request.method != "POST":
        return HttpResponseRedirect(page.url + "#comment-form")
    draft = page.parsed_draft()
    form = CommentForm(request.POST, draft=draft)
    if not page.accepts_comments():
        countdown = page.countdown()
        return _page(page, request, form, 400, f"本次意见征集{countdown.label}（{countdown.note}），现在不能在网上提交意见。")
    if not form.is_valid():
        return _page(page, request, form, 400, "意见未提交，请按提示修改后重新提交。")
    client = client_ip(request)
    if not (throttle.allow("comment-hour", client, *HOURLY_LIMIT) and throttle.allow("comment-day", client, *DAILY_LIMIT)):
        return _page(page, request, form, 429, "您提交意见的次数过多，请稍后再试；也可以通过电子邮箱或信函提出意见。")
    data = form.cleaned_data
    article = draft.article(data["article"])
    # Stored first: a mail that fails afterwards loses nothing.
    with transaction.atomic():
        comment = page.comments.create(
            article=article.number if article else None, article_label=article.label if article else "",
            text=data["text"], name=data["name"], contact=data["contact"],
        )
    email = form.email()
    if email:
        _send_receipt(page, comment, email)
    token = signing.dumps(comment.pk, salt=RECEIPT_SALT)
    # In the query string: Wagtail's page URLs take only [\w-] in path segments.
    return HttpResponseRedirect(f"{page.url}huizhi/?{urlencode({'r': token})}")


def _send_receipt(page, comment, email):
    body = (
        f"您对《{page.title}》（{comment.target_label}）提出的意见已收到。\n"
        f"回执号：{comment.receipt}\n"
        f"意见经{page.department.name}审核后公开；征集结束后，采纳情况将在以下网址公布：\n"
        f"{settings.WAGTAILADMIN_BASE_URL}{page.url}fankui/\n"
    )
    try:
        send_mail(f"意见征集回执 {comment.receipt}", body, None, [email])
    except Exception as exc:  # the comment is stored; the receipt page shows the number anyway
        log.warning("consultation receipt mail to commenter failed: %s: %s", type(exc).__name__, exc)


def receipt(page, request):
    """The receipt, for the submitter only: the link is signed, and expires after a day."""
    try:
        pk = signing.loads(request.GET.get("r", ""), salt=RECEIPT_SALT, max_age=86400)
    except signing.BadSignature:
        raise Http404 from None
    comment = page.comments.filter(pk=pk).first()
    if comment is None:
        raise Http404
    return render(request, "consultations/receipt.html", {"page": page, "comment": comment})


def feedback(page, request):
    if not page.has_feedback():
        raise Http404
    context = page.get_context(request)
    context.update(counts=page.feedback_counts(), groups=list(page.feedback_groups.all()),
                   online_count=page.comments.exclude(status=moderation.PENDING).count())
    return render(request, "consultations/feedback.html", context)
