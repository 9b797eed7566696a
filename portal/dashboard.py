"""The admin dashboard, per department: what needs doing.

Each content app adds its own panel (Wagtail's `construct_homepage_panels`
hook) as a `DepartmentPanel` that lists `Section`s for the departments in
view; this module only decides which departments those are. A department
editor sees their own departments; the portal office sees every district
department, or one chosen with `?bumen=<slug>` (the selector panel below).
"""

from dataclasses import dataclass, field

from wagtail.admin.ui.components import Component

from .daterules import today
from .permissions import departments_for_user, is_portal_office

PARAM = "bumen"
SOON_DAYS = 30  # "expiring or closing soon" on the dashboard


@dataclass
class Row:
    title: str
    url: str = ""
    detail: str = ""
    department: str = ""


@dataclass
class Section:
    title: str
    rows: list = field(default_factory=list)
    empty: str = "无"
    note: str = ""  # a line above the rows (e.g. a rate)
    more_url: str = ""  # where the whole list lives


def district_departments(user):
    departments = departments_for_user(user).order_by("sort_order", "name")
    return [d for d in departments if d.effective_level == "district"]


def departments_in_view(request):
    """(departments shown, the chosen one or None) for this request's user."""
    departments = district_departments(request.user)
    chosen = next((d for d in departments if d.slug == request.GET.get(PARAM)), None)
    return ([chosen] if chosen else departments), chosen


class DepartmentSelectorPanel(Component):
    """Whose work the dashboard shows; a choice for the office and for editors of several departments."""

    name = "department_selector"
    template_name = "portal/admin/department_selector.html"
    order = 40

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        departments = district_departments(request.user)
        shown, chosen = departments_in_view(request)
        return {"departments": departments, "chosen": chosen, "param": PARAM, "office": is_portal_office(request.user),
                "shown": shown}


class DepartmentPanel(Component):
    """A panel of sections about the departments in view; subclasses give
    `name`, `heading`, `order` and `sections(departments, today)`."""

    template_name = "portal/admin/department_panel.html"
    heading = ""

    def sections(self, departments, on):
        raise NotImplementedError

    def get_context_data(self, parent_context):
        departments, _chosen = departments_in_view(parent_context["request"])
        return {"panel_id": f"dashboard-{self.name}", "heading": self.heading,
                "sections": self.sections(departments, today()), "several": len(departments) > 1}


def add_panel(request, panels, panel):
    """For the hook: the panel goes on the dashboard of anyone who edits for a department."""
    if district_departments(request.user):
        panels.append(panel)
