"""The messages a subscriber receives; each carries an unsubscribe link."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string

from . import tokens


def absolute(path):
    return f"{settings.WAGTAILADMIN_BASE_URL}{path}"


def unsubscribe_url(subscription):
    return absolute(f"/dingyue/tuiding/{tokens.unsubscribe_token(subscription)}/")


def _message(subscription, subject, template, context, connection=None):
    unsubscribe = unsubscribe_url(subscription)
    body = render_to_string(
        template,
        {"subscription": subscription, "unsubscribe_url": unsubscribe, "site_name": settings.SITE_NAME,
         "page_url": absolute(subscription.page_url), **context},
    )
    return EmailMessage(
        subject=f"【{settings.SITE_NAME}】{subject}",
        body=body,
        to=[subscription.email],
        connection=connection,
        # RFC 8058 one-click unsubscribe for mail clients.
        headers={"List-Unsubscribe": f"<{unsubscribe}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    )


def confirmation(subscription):
    url = absolute(f"/dingyue/queren/{tokens.confirm_token(subscription)}/")
    return _message(
        subscription, f"请确认订阅：{subscription.title}", "matcher/mail/confirm.txt",
        {"confirm_url": url, "days": tokens.CONFIRM_DAYS},
    )


def already_subscribed(subscription):
    """The answer to subscribing again with a confirmed address."""
    return _message(subscription, f"您已订阅：{subscription.title}", "matcher/mail/already.txt", {})


def digest(subscription, items, connection=None):
    return _message(
        subscription, f"{subscription.title}（{len(items)} 条新信息）", "matcher/mail/digest.txt",
        {"items": [{"title": i.title, "url": absolute(i.url), "note": i.note} for i in items]},
        connection=connection,
    )
