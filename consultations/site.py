"""The consultation section of a district's site: /zhengji/ with the same
editor permissions and 门户办 review workflow as the policy library, and the
snippet permissions for moderating comments and keeping the 重大行政决策
事项目录. Idempotent."""

from django.contrib.auth.models import Group, Permission
from wagtail.models import Site

from policies.site import setup_permissions_and_workflow
from portal.models import Department
from portal.permissions import PORTAL_OFFICE_GROUP, ensure_editor_group

from .models import ConsultationIndexPage

SLUG = "zhengji"
# Departments moderate their comments and keep their decision items; nobody adds comments in the admin.
SNIPPET_PERMISSIONS = ["view_comment", "change_comment", "add_decisionitem", "change_decisionitem",
                       "delete_decisionitem", "view_decisionitem"]


def setup(log):
    home = Site.objects.get(is_default_site=True).root_page
    index = ConsultationIndexPage.objects.filter(slug=SLUG).first()
    if index is None:
        index = home.add_child(instance=ConsultationIndexPage(
            title="意见征集", slug=SLUG, live=True,
            intro="政策文件印发前公开征求意见：阅读草案，对全文或某一条提出意见；征集结束后公布意见采纳情况。"))
    setup_permissions_and_workflow([index])
    permissions = Permission.objects.filter(content_type__app_label="consultations", codename__in=SNIPPET_PERMISSIONS)
    groups = [Group.objects.get_or_create(name=PORTAL_OFFICE_GROUP)[0]]
    groups += [ensure_editor_group(d) for d in Department.objects.all()]
    for group in groups:
        group.permissions.add(*permissions)
    log("意见征集：栏目、审核流程和意见审核权限已就绪")
