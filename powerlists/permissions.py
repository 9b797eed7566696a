"""Department-scoped editing and review by the portal office.

Department editors (their department's editor group) may add and change the
power items, responsibility list and duty boundaries of their own
department and submit them for review; only the portal office publishes
(publish permission + the 权责清单审核 workflow). Versions and adjustment
records are the office's.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from wagtail.permission_policies import ModelPermissionPolicy

from portal.models import Department
from portal.permissions import PORTAL_OFFICE_GROUP, departments_for_user, is_portal_office

WORKFLOW_NAME = "权责清单审核"
TASK_NAME = "门户办审核（权责清单）"
# model name -> the field naming the owning department.
DEPARTMENT_FIELDS = {"poweritem": "department", "responsibilitylist": "department", "dutyboundary": "lead_department"}
EDITOR_ACTIONS = ("add", "change", "delete")


class DepartmentPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, narrowed to the departments the user edits."""

    def __init__(self, model, department_field):
        super().__init__(model)
        self.department_field = department_field

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        if is_portal_office(user):
            return True
        department_id = getattr(instance, f"{self.department_field}_id", None)
        return department_id is not None and departments_for_user(user).filter(pk=department_id).exists()

    def instances_user_has_any_permission_for(self, user, actions):
        queryset = super().instances_user_has_any_permission_for(user, actions)
        if is_portal_office(user):
            return queryset
        return queryset.filter(**{f"{self.department_field}__in": departments_for_user(user)})


def editable_departments(user):
    return departments_for_user(user)


REVIEWED_MODELS = ("poweritem", "responsibilitylist", "dutyboundary")


def _content_types():
    # By name: models.py imports this module (through forms.py).
    return list(ContentType.objects.filter(app_label="powerlists", model__in=REVIEWED_MODELS))


def ensure_review_workflow():
    """The office reviews every power-list snippet before it is published."""
    from wagtail.models import GroupApprovalTask, Workflow, WorkflowContentType, WorkflowTask

    office, _ = Group.objects.get_or_create(name=PORTAL_OFFICE_GROUP)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
        task.groups.set([office])
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    for content_type in _content_types():
        WorkflowContentType.objects.update_or_create(content_type=content_type, defaults={"workflow": workflow})
    return workflow


def grant_editor_permissions():
    """Department editor groups: add/change/delete (no publish); office: everything."""
    content_types = _content_types()
    editor_perms = list(Permission.objects.filter(
        content_type__in=content_types, codename__regex=r"^(add|change|delete|view)_"))
    admin_access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    for department in Department.objects.exclude(editor_group=None).select_related("editor_group"):
        department.editor_group.permissions.add(admin_access, *editor_perms)
    office, _ = Group.objects.get_or_create(name=PORTAL_OFFICE_GROUP)
    office_perms = Permission.objects.filter(content_type__app_label="powerlists")
    office.permissions.add(admin_access, *office_perms)
