"""Subscribe (POST, CSRF), confirm and unsubscribe (signed links, no login)."""

import logging

from django import forms
from django.db import transaction
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from portal import throttle
from portal.clientip import client_ip
from portal.params import ParamError

from . import alerts, mail, tokens
from .models import KINDS, Subscription

logger = logging.getLogger(__name__)

# Per client: subscribe form posts per hour. Per address: submissions (each
# sends one mail) per day, which stops anyone flooding a third party's inbox.
CLIENT_LIMIT = (10, 3600)
ADDRESS_LIMIT = (3, 86400)


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label="电子邮箱", max_length=254,
        error_messages={"required": "请填写电子邮箱。", "invalid": "电子邮箱格式不正确，例如 name@example.com。",
                        "max_length": "电子邮箱过长。"},
    )
    kind = forms.ChoiceField(choices=KINDS, error_messages={"required": "缺少订阅类型。", "invalid_choice": "未知的订阅类型。"})
    query = forms.CharField(required=False, max_length=2000, error_messages={"max_length": "查询条件过长。"})

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        adapter = alerts.kind(data["kind"])
        if adapter is None:
            self.add_error("kind", "该类型的订阅暂未开放。")
            return data
        try:
            data["query"], data["title"] = adapter.normalise(data.get("query", ""))
        except ParamError as exc:
            self.add_error("query", f"订阅的查询条件有误：{exc}")
        return data


def _message(request, title, text, status=200, **extra):
    return render(request, "matcher/subscription_message.html", {"title": title, "text": text, **extra}, status=status)


@require_POST
def subscribe(request):
    if not throttle.allow("subscribe-client", client_ip(request), *CLIENT_LIMIT):
        return _message(request, "提交过于频繁", "您提交订阅的次数过多，请一小时后再试。", status=429)
    form = SubscribeForm(request.POST)
    if not form.is_valid():
        return render(request, "matcher/subscription_message.html",
                      {"title": "订阅未成功", "form": form, "text": "请按提示修改后重新提交。"}, status=400)
    data = form.cleaned_data
    # Counted before anything is looked up or written, and for every address
    # alike: the answer must not tell whether an address already subscribes.
    if not throttle.allow("subscribe-address", data["email"], *ADDRESS_LIMIT):
        return _message(request, "该邮箱提交过于频繁",
                        "该邮箱今天的订阅提交次数已达上限，请先查收已发送的邮件（包括垃圾邮件箱），或明天再试。", status=429)
    try:
        # The row and the mail succeed or fail together.
        with transaction.atomic():
            subscription, _ = Subscription.objects.get_or_create(
                email=data["email"], kind=data["kind"], query=data["query"], defaults={"title": data["title"]}
            )
            # A confirmed address gets a mail too (that it already subscribes), so the
            # page, its status and a mail failure are the same for every address.
            message = mail.already_subscribed(subscription) if subscription.confirmed else mail.confirmation(subscription)
            message.send()
    except OSError as exc:  # smtplib.SMTPException and connection errors
        logger.warning("subscription mail not sent: %s", exc)
        return _message(request, "订阅未成功", "邮件暂时无法发送，本次订阅没有登记。请稍后再试。", status=503)
    return _message(request, "请查收邮件", _sent_text(data["email"]), back=subscription.page_url)


def _sent_text(email):
    return (f"我们已向 {email} 发送邮件。新的订阅请在 {tokens.CONFIRM_DAYS} 天内打开邮件中的链接完成确认；"
            "同一邮箱重复订阅相同内容不会重复登记。")


def _bad_link(request, error, what):
    if error.reason == "expired":
        return _message(request, f"{what}链接已过期",
                        f"{what}链接的有效期为 {tokens.CONFIRM_DAYS} 天，已经过期。请回到原页面重新订阅。", status=410)
    return _message(request, f"{what}链接无效",
                    f"这个{what}链接不完整或已被修改。请从邮件中复制完整的链接后再打开。", status=400)


@csrf_exempt  # the signed token is the credential
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    try:
        data = tokens.read_confirm(token)
    except tokens.TokenError as error:
        return _bad_link(request, error, "确认")
    subscription = Subscription.objects.filter(pk=data["id"], email=data["email"]).first()
    if subscription is None:
        return _message(request, "订阅不存在", "该订阅已经退订或因超过确认期限被清除，请重新订阅。", status=404)
    if not subscription.confirmed:
        if request.method == "GET":
            # A GET only asks: link scanners in mail systems must not subscribe anyone.
            return _ask(request, "确认订阅", f"确定要用 {subscription.email} 订阅“{subscription.title}”吗？确认后，有新信息时我们会把汇总发到该邮箱。",
                        "确认订阅")
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["confirmed_at"])
    return _message(
        request, "订阅成功",
        f"您已订阅“{subscription.title}”。有新信息时，我们会把汇总发到 {subscription.email}；每封邮件都附有退订链接。",
        back=subscription.page_url,
    )


def _ask(request, title, text, button):
    """The page a signed link opens: one button that POSTs back to it."""
    return render(request, "matcher/subscription_ask.html",
                  {"title": title, "text": text, "action": request.path, "button": button})


@csrf_exempt  # the signed token is the credential; mail clients POST one-click unsubscribes (RFC 8058)
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    try:
        data = tokens.read_unsubscribe(token)
    except tokens.TokenError as error:
        return _bad_link(request, error, "退订")
    subscription = Subscription.objects.filter(pk=data["id"], email=data["email"]).first()
    if subscription is None:
        return _message(request, "已退订", "该订阅已经取消，您不会再收到相关邮件。")
    if request.method == "GET":
        # A GET only asks: link scanners in mail systems must not unsubscribe anyone.
        return _ask(request, "退订", f"确定要取消 {subscription.email} 对“{subscription.title}”的订阅吗？取消后不再发送相关邮件，该订阅记录随即删除。",
                    "确认退订")
    subscription.delete()
    return _message(request, "已退订", f"已取消订阅“{subscription.title}”，您不会再收到相关邮件。")
