from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from portal.admin_scope import ScopedSnippetViewSet, limit_admin_objects
from portal.dashboard import add_panel

from . import admin_views
from .dashboard import PowerListPanel
from .models import Adjustment, DutyBoundary, PowerItem, PowerListVersion, ResponsibilityList
from .panels import BasisPanel
from .permissions import DEPARTMENT_FIELDS, DepartmentPermissionPolicy, editable_departments

SCOPED_ACTIONS = ["add", "change", "delete", "view", "publish"]

for _model in (PowerItem, ResponsibilityList, DutyBoundary):
    _policy = DepartmentPermissionPolicy(_model, DEPARTMENT_FIELDS[_model._meta.model_name])
    register_permission_policy(_model, _policy)
    # A department editor opens, lists and chooses only their departments' items.
    limit_admin_objects(_model, lambda user, policy=_policy: policy.instances_user_has_any_permission_for(user, SCOPED_ACTIONS))


class PowerItemViewSet(ScopedSnippetViewSet):
    model = PowerItem
    icon = "list-ul"
    menu_label = "权力事项"
    list_display = ["code", "name", "power_type", "department", "status"]
    list_filter = ["power_type", "department", "status"]
    search_fields = ["name", "code"]
    ordering = ["code"]


class ResponsibilityListViewSet(ScopedSnippetViewSet):
    model = ResponsibilityList
    icon = "clipboard-list"
    menu_label = "责任清单"
    list_display = ["department", "updated_at"]


class DutyBoundaryViewSet(ScopedSnippetViewSet):
    model = DutyBoundary
    icon = "resubmit"
    menu_label = "职责边界"
    list_display = ["matter", "lead_department"]
    list_filter = ["lead_department"]


class VersionViewSet(SnippetViewSet):
    model = PowerListVersion
    icon = "history"
    menu_label = "清单版本"
    list_display = ["name", "approval_document", "approved_on"]


class AdjustmentViewSet(SnippetViewSet):
    model = Adjustment
    icon = "edit"
    menu_label = "调整记录"
    list_display = ["item", "kind", "effective_date", "notice_title", "version"]
    list_filter = ["kind", "version"]


class PowerListGroup(SnippetViewSetGroup):
    menu_label = "权责清单"
    menu_icon = "list-ul"
    menu_order = 210
    items = (PowerItemViewSet, ResponsibilityListViewSet, DutyBoundaryViewSet, VersionViewSet, AdjustmentViewSet)


register_snippet(PowerListGroup)


@hooks.register("register_admin_urls")
def register_admin_urls():
    urls = [
        path("import/", admin_views.import_view, name="import"),
        path("template.xlsx", admin_views.template_download, name="template"),
        path("basis/", admin_views.basis_report, name="basis_report"),
    ]
    return [path("powerlists/", include((urls, "powerlists_admin")))]


class DepartmentMenuItem(MenuItem):
    """Shown to the office and to department editors."""

    def is_shown(self, request):
        return editable_departments(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return DepartmentMenuItem("权责清单导入", reverse("powerlists_admin:import"), icon_name="upload", order=215)


@hooks.register("register_admin_menu_item")
def register_basis_menu_item():
    return DepartmentMenuItem("依据核验", reverse("powerlists_admin:basis_report"), icon_name="doc-full", order=216)


@hooks.register("construct_homepage_panels")
def add_basis_panel(request, panels):
    panels.append(BasisPanel(request.user))


@hooks.register("after_create_snippet")
def freeze_new_version(request, instance):
    # A version is the list as it stands when the office records its approval.
    if isinstance(instance, PowerListVersion):
        instance.freeze()


@hooks.register("construct_homepage_panels")
def department_powerlists_panel(request, panels):
    add_panel(request, panels, PowerListPanel())
