"""Send one digest per confirmed subscription (send_alert_digests).

Each message is sent on its own: a refused one is logged and counted, the
others go on, and the refused subscription is not marked as sent, so the
next run tries the same items again."""

import datetime as dt
import logging
import smtplib
from dataclasses import dataclass, field

from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone

from . import alerts, mail, tokens
from .models import SentItem, Subscription

log = logging.getLogger(__name__)


@dataclass
class Report:
    sent: int = 0
    skipped: int = 0  # nothing new
    failed: list = field(default_factory=list)  # (subscription id, reason)
    purged: int = 0


def purge_unconfirmed(now):
    cutoff = now - dt.timedelta(days=tokens.CONFIRM_DAYS)
    count, _ = Subscription.objects.filter(confirmed_at__isnull=True, created__lt=cutoff).delete()
    return count


def send_all(today=None, now=None):
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    report = Report(purged=purge_unconfirmed(now))
    connection = get_connection(fail_silently=False)
    subscriptions = Subscription.objects.filter(confirmed_at__isnull=False).order_by("pk")
    for subscription in subscriptions:
        adapter = alerts.kind(subscription.kind)
        if adapter is None:
            report.failed.append((subscription.pk, f"未知订阅类型 {subscription.kind}"))
            continue
        items = adapter.new_items(subscription, today)
        if not items:
            report.skipped += 1
            continue
        message = mail.digest(subscription, items, connection=connection)
        try:
            message.send()
        except (smtplib.SMTPException, OSError) as exc:
            log.warning("digest for subscription %s refused: %s", subscription.pk, exc)
            report.failed.append((subscription.pk, f"{exc.__class__.__name__}: {exc}"))
            continue
        with transaction.atomic():
            SentItem.objects.bulk_create(
                [SentItem(subscription=subscription, item_id=i.id) for i in items], ignore_conflicts=True
            )
            Subscription.objects.filter(pk=subscription.pk).update(last_sent_at=now)
        report.sent += 1
    return report
