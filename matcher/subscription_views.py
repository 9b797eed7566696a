"""Subscribe (POST, CSRF), confirm and unsubscribe (signed links, no login)."""

from django import forms
from django.db import IntegrityError, transaction
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from portal.params import ParamError

from . import alerts, mail, throttle, tokens
from .models import KINDS, Subscription

# Per client: subscribe form posts per hour. Per address: confirmation
# mails per day (stops anyone flooding a third party's inbox).
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
    if not throttle.allow("subscribe-client", throttle.client_id(request), *CLIENT_LIMIT):
        return _message(request, "提交过于频繁", "您提交订阅的次数过多，请一小时后再试。", status=429)
    form = SubscribeForm(request.POST)
    if not form.is_valid():
        return render(request, "matcher/subscription_message.html",
                      {"title": "订阅未成功", "form": form, "text": "请按提示修改后重新提交。"}, status=400)
    data = form.cleaned_data
    with transaction.atomic():
        try:
            subscription, created = Subscription.objects.get_or_create(
                email=data["email"], kind=data["kind"], query=data["query"], defaults={"title": data["title"]}
            )
        except IntegrityError:  # a concurrent identical request won
            subscription, created = Subscription.objects.get(email=data["email"], kind=data["kind"], query=data["query"]), False
    if subscription.confirmed:
        # Same answer as for a new address: the page must not reveal who subscribes to what.
        return _message(request, "请查收确认邮件", _sent_text(data["email"]), back=subscription.page_url)
    if not throttle.allow("subscribe-address", data["email"], *ADDRESS_LIMIT):
        return _message(request, "确认邮件发送过于频繁",
                        "该邮箱今天已收到多封确认邮件，请先查收（包括垃圾邮件箱），或明天再试。", status=429)
    mail.confirmation(subscription).send()
    return _message(request, "请查收确认邮件", _sent_text(data["email"]), back=subscription.page_url)


def _sent_text(email):
    return (f"我们已向 {email} 发送确认邮件，请在 {tokens.CONFIRM_DAYS} 天内点击邮件中的链接完成订阅。"
            "同一邮箱重复订阅相同内容不会重复登记。")


def _bad_link(request, error, what):
    if error.reason == "expired":
        return _message(request, f"{what}链接已过期",
                        f"{what}链接的有效期为 {tokens.CONFIRM_DAYS} 天，已经过期。请回到原页面重新订阅。", status=410)
    return _message(request, f"{what}链接无效",
                    f"这个{what}链接不完整或已被修改。请从邮件中复制完整的链接后再打开。", status=400)


def confirm(request, token):
    try:
        data = tokens.read_confirm(token)
    except tokens.TokenError as error:
        return _bad_link(request, error, "确认")
    subscription = Subscription.objects.filter(pk=data["id"], email=data["email"]).first()
    if subscription is None:
        return _message(request, "订阅不存在", "该订阅已经退订或因超过确认期限被清除，请重新订阅。", status=404)
    if not subscription.confirmed:
        subscription.confirmed_at = timezone.now()
        subscription.save(update_fields=["confirmed_at"])
    return _message(
        request, "订阅成功",
        f"您已订阅“{subscription.title}”。有新信息时，我们会把汇总发到 {subscription.email}；每封邮件都附有退订链接。",
        back=subscription.page_url,
    )


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
        return render(request, "matcher/unsubscribe_confirm.html", {"subscription": subscription, "token": token})
    subscription.delete()
    return _message(request, "已退订", f"已取消订阅“{subscription.title}”，您不会再收到相关邮件。")
