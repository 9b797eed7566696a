"""Which department owns a policies/ page, and whether a user may touch it.

Wagtail's group page permissions say what a group may do under /zhengce/ and
/jiedu/ (add, change; publishing only for the portal office). This module adds
the department dimension Wagtail does not know: an editor may edit a policy
only when all its issuing offices are among the editor's departments, and an
interpretation only when that holds for its policy.
"""

from portal.permissions import can_edit_departments


def owning_departments(page):
    from .models import PolicyInterpretationPage, PolicyPage

    page = page.specific
    if isinstance(page, PolicyPage):
        return page.offices()
    if isinstance(page, PolicyInterpretationPage):
        return page.policy.offices()
    return None  # not department-owned


def may_edit(user, page):
    departments = owning_departments(page)
    if departments is None:
        return True
    return can_edit_departments(user, departments)
