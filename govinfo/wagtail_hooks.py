"""政府信息公开 in the admin: the guide (设置 › 政府信息公开指南, the office's),
the annual reports (department editors their own department's, the office
all and the district's), and the reports' deadlines on the dashboard."""

from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from portal.admin_scope import ScopedSnippetViewSet, limit_admin_objects
from portal.models import Department
from portal.permissions import departments_for_user, is_portal_office
from powerlists.permissions import DepartmentPermissionPolicy

from . import deadlines
from .models import AnnualReport, GuideSettings

_policy = DepartmentPermissionPolicy(AnnualReport, "department")
register_permission_policy(AnnualReport, _policy)
limit_admin_objects(AnnualReport, lambda user: _policy.instances_user_has_any_permission_for(
    user, ["add", "change", "delete", "view"]))


class AnnualReportViewSet(ScopedSnippetViewSet):
    model = AnnualReport
    icon = "doc-full"
    menu_label = "信息公开年报"
    menu_order = 320
    add_to_admin_menu = True
    list_display = ["__str__", "year", "department", "published", "published_on"]
    list_filter = ["year", "published"]
    search_backend_name = None


register_snippet(AnnualReportViewSet)


class ReportDeadlinesPanel(Component):
    """Last year's reports: departments' due 31 January, the district's 31 March."""

    name = "govinfo_report_deadlines"
    template_name = "govinfo/admin/deadlines_panel.html"
    order = 120

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        on = deadlines.today()
        year = deadlines.current_year(on)
        published = {r.department_id: r for r in AnnualReport.objects.filter(year=year, published=True)}
        office = is_portal_office(self.user)
        departments = Department.objects.all() if office else departments_for_user(self.user)
        rows = []
        if office:
            state, text = deadlines.describe(deadlines.due(year, True), on, _published_on(published.get(None)))
            rows.append({"name": "全区（本级人民政府）年度报告", "state": state, "text": text})
        for dept in departments:
            if dept.effective_level != "district":
                continue
            state, text = deadlines.describe(deadlines.due(year, False), on, _published_on(published.get(dept.pk)))
            rows.append({"name": f"{dept.name}年度报告", "state": state, "text": text})
        return {"year": year, "rows": rows, "pending": [r for r in rows if r["state"] not in ("done", "late")],
                "guide_missing": GuideSettings.load().missing() if office else []}


def _published_on(report):
    return report.published_on if report else None


@hooks.register("construct_homepage_panels")
def add_deadlines_panel(request, panels):
    if is_portal_office(request.user) or departments_for_user(request.user).exists():
        panels.append(ReportDeadlinesPanel(request.user))
