"""Department-scoped editing (DESIGN.md §1: editors write their own
department's content; the portal office reviews and publishes).

A department's editors are the members of its `editor_group`. Members of the
portal-office group (PORTAL_OFFICE_GROUP) and superusers act for every
department. Content apps call these helpers; they never inspect groups
themselves.
"""

from django.contrib.auth.models import Group

from .models import Department

PORTAL_OFFICE_GROUP = "门户办审核员"


def is_portal_office(user):
    if not user.is_authenticated:
        return False
    return user.is_superuser or user.groups.filter(name=PORTAL_OFFICE_GROUP).exists()


def departments_for_user(user):
    """The departments whose content this user may edit."""
    if is_portal_office(user):
        return Department.objects.all()
    if not user.is_authenticated:
        return Department.objects.none()
    return Department.objects.filter(editor_group__in=user.groups.all())


def can_edit_departments(user, departments):
    """True when the user may edit content owned by all of `departments`
    (an empty set means content not owned by any department: office only)."""
    if is_portal_office(user):
        return True
    wanted = {d.pk for d in departments}
    if not wanted:
        return False
    allowed = set(departments_for_user(user).values_list("pk", flat=True))
    return wanted <= allowed


def ensure_editor_group(department):
    """Create (once) the editor group of a department and return it."""
    if department.editor_group_id:
        return department.editor_group
    group, _ = Group.objects.get_or_create(name=f"部门编辑：{department.name}")
    department.editor_group = group
    department.save(update_fields=["editor_group"])
    return group


# Pages a user may not touch (other departments'), as rules the content apps
# register: `rule(user)` returns a queryset of page ids. The one page
# permission policy (policies/permissions.py) hides the union of them all,
# so a new page type is scoped without the policies app importing it.
FOREIGN_PAGE_RULES = []


def foreign_page_rule(rule):
    FOREIGN_PAGE_RULES.append(rule)
    return rule
