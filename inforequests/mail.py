"""E-mails: the applicant's receipt and answer, the staff's reminders.

A failed send is logged and reported to the caller; the request itself is
already saved, so nothing is lost when the mail server is down.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string

from .documents import download_name

log = logging.getLogger(__name__)


def absolute(path):
    return f"{settings.WAGTAILADMIN_BASE_URL}{path}"


def _send(to, subject, template, context, attachment=None):  # attachment: (file name, Document)
    body = render_to_string(template, {"site_name": settings.SITE_NAME, **context})
    message = EmailMessage(subject=f"【{settings.SITE_NAME}】{subject}", body=body, to=to)
    if attachment is not None:
        name, document = attachment
        with document.file.open("rb") as f:
            message.attach(name, f.read())
    try:
        message.send()
    except Exception:  # SMTP, DNS, refused recipient: the caller tells the user
        log.exception("inforequests: e-mail %r to %d recipient(s) failed", subject, len(to))
        return False
    return True


def send_receipt(req):
    return _send([req.email], f"政府信息公开申请已收到（查询码 {req.code}）", "inforequests/mail/receipt.txt",
                 {"req": req, "clock": req.clock(), "track_url": absolute("/yishenqing/chaxun/")})


def send_answer(req):
    return _send([req.email], f"政府信息公开申请答复（查询码 {req.code}）", "inforequests/mail/answer.txt",
                 {"req": req, "track_url": absolute("/yishenqing/chaxun/")},
                 attachment=(download_name(req), req.reply_document) if req.reply_document else None)


def send_reminder(to, rows):
    """One message per staff member: their overdue and soon-due requests."""
    return _send(to, f"依申请公开：{len(rows)} 件申请即将到期或已逾期", "inforequests/mail/reminder.txt",
                 {"rows": rows, "admin_url": absolute("/admin/yishenqing/")})
