"""Which department owns a policies/ page, and what a user may see of it.

Wagtail's group page permissions say what a group may do under /zhengce/ and
/jiedu/ (add, change; publishing only for the portal office). This module adds
the department dimension Wagtail does not know: a department editor may see
and edit a policy only when all its issuing offices are among the editor's
departments, and an interpretation only when that holds for its policy. Other
departments' pages are absent from the editor's admin altogether (listings,
search, choosers, history, reports, admin API; see portal/admin_scope.py).
Other apps' page types register their own rule with
portal.permissions.foreign_page_rule (e.g. consultations/permissions.py).
"""

from django.db.models import Q
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from portal.models import Department
from portal.permissions import FOREIGN_PAGE_RULES, departments_for_user, foreign_page_rule, is_portal_office


@foreign_page_rule
def foreign_policy_pages(user):
    """Ids of the policy and interpretation pages `user` may not touch."""
    from .models import PolicyInterpretationPage, PolicyPage

    others = Department.objects.exclude(pk__in=departments_for_user(user))
    policies = PolicyPage.objects.filter(Q(issuing_offices__in=others) | Q(issuing_offices=None)).values("pk")
    interpretations = PolicyInterpretationPage.objects.filter(policy__in=policies).values("pk")
    return Page.objects.filter(Q(pk__in=policies) | Q(pk__in=interpretations)).values("pk")


def foreign_pages(user):
    """Ids of every page `user` may not touch: the union of the rules the
    content apps register (portal.permissions.foreign_page_rule)."""
    wanted = Q()
    for rule in FOREIGN_PAGE_RULES:
        wanted |= Q(pk__in=rule(user))
    return Page.objects.filter(wanted).values("pk")


def without_foreign(user, pages):
    return pages if is_portal_office(user) else pages.exclude(pk__in=foreign_pages(user))


def visible_pages(user):
    return without_foreign(user, Page.objects.all())


class DepartmentPagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page permissions without other departments' pages: the
    explorer, page search, the admin API and page history list through it."""

    def instances_user_has_any_permission_for(self, user, actions):
        return without_foreign(user, super().instances_user_has_any_permission_for(user, actions))

    def explorable_instances(self, user):
        return without_foreign(user, super().explorable_instances(user))
