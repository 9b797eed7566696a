"""Who edits what: the guide and the district's report are the portal
office's; department editors write their own department's annual report."""

from django.contrib.auth.models import Group, Permission

from portal.models import Department
from portal.permissions import PORTAL_OFFICE_GROUP


def setup(log):
    office, _ = Group.objects.get_or_create(name=PORTAL_OFFICE_GROUP)
    office.permissions.add(*Permission.objects.filter(content_type__app_label="govinfo"))
    report_perms = Permission.objects.filter(content_type__app_label="govinfo", content_type__model="annualreport",
                                             codename__regex=r"^(add|change|view)_")
    for department in Department.objects.exclude(editor_group=None).select_related("editor_group"):
        department.editor_group.permissions.add(*report_perms)
    log("政府信息公开：指南和年度报告的编辑权限已就绪")
