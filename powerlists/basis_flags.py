"""Flagging basis problems to the departments that own the items.

After every law import (the library's `laws_imported` signal) every basis
is checked again; a basis that became a problem in that run is e-mailed
to its department's editors (one message per department), and the admin
dashboard panel and report show it until it is fixed. Publishing an item
from the admin re-checks that item's bases (no e-mail: the editor is there).
"""

import logging
import smtplib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from . import basis

log = logging.getLogger(__name__)


def check_all_and_flag():
    newly = basis.run()
    notify(newly)
    return newly


def notify(newly):
    """One e-mail per department with the bases that became problems."""
    by_department = {}
    for b in newly:
        by_department.setdefault(b.item.department, []).append(b)
    report = settings.WAGTAILADMIN_BASE_URL + reverse("powerlists_admin:basis_report")
    sent = 0
    for department, bases in by_department.items():
        recipients = _editor_addresses(department)
        if not recipients:
            log.warning("依据核验：%s 没有可通知的编辑（%d 条依据待核对）", department.name, len(bases))
            continue
        body = render_to_string("powerlists/mail/basis_flags.txt", {
            "department": department, "bases": bases, "report_url": report, "site_name": settings.SITE_NAME})
        try:
            EmailMessage(subject=f"【{settings.SITE_NAME}】{len(bases)} 条设定依据需要核对", body=body,
                         to=recipients).send()
        except (smtplib.SMTPException, OSError):
            # The flags stay on the dashboard and the report; other departments still hear of theirs.
            log.exception("依据核验：给 %s 的通知邮件发送失败", department.name)
            continue
        sent += 1
    return sent


def _editor_addresses(department):
    if not department.editor_group_id:
        return []
    users = get_user_model().objects.filter(groups=department.editor_group_id, is_active=True).exclude(email="")
    return sorted(set(users.values_list("email", flat=True)))


def on_laws_imported(sender, changes=None, **kwargs):
    check_all_and_flag()


def on_published(sender, instance, **kwargs):
    basis.check_item(instance)
