"""The power-list section's review workflow and editor permissions
(the pages under /quanze/ are views, so there is no page to create)."""

from .permissions import ensure_review_workflow, grant_editor_permissions


def setup(log):
    ensure_review_workflow()
    grant_editor_permissions()
    log("权责清单：审核流程和编辑权限已就绪")
