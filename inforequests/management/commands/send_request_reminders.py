"""Daily: e-mail staff about requests overdue or due within 3 working days.

A routed request's reminder goes to its department's editors; one still to
be routed goes to the 门户办. Each person gets one message listing theirs.
"""

from collections import defaultdict

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db.models import Q

from inforequests import mail
from inforequests.models import OPEN_STATUSES, InformationRequest
from portal.daterules import today as district_today
from portal.permissions import PORTAL_OFFICE_GROUP


def recipients(req):
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    if req.department_id and req.department.editor_group_id:
        return users.filter(groups=req.department.editor_group_id)
    return users.filter(Q(is_superuser=True) | Q(groups__name=PORTAL_OFFICE_GROUP)).distinct()


class Command(BaseCommand):
    help = "提醒承办人员：已逾期或3个工作日内到期的政府信息公开申请"

    def handle(self, *args, **options):
        today = district_today()
        by_email = defaultdict(list)
        requests = InformationRequest.objects.filter(status__in=OPEN_STATUSES).select_related("department")
        for req in requests.prefetch_related("events"):
            clock = req.clock(today)
            if clock.state in ("overdue", "due_soon"):
                for user in recipients(req):
                    by_email[user.email].append({"req": req, "clock": clock})
        sent = failed = 0
        for email, rows in sorted(by_email.items()):
            rows.sort(key=lambda row: row["clock"].remaining)
            if mail.send_reminder([email], rows):
                sent += 1
            else:
                failed += 1
        self.stdout.write(f"依申请公开提醒：发送 {sent} 封，失败 {failed} 封。")
        if failed:
            raise SystemExit(1)
