"""The policy sections of a district's site: 政策文件库 and 政策解读, with
editor permissions and the 门户办 review workflow. Idempotent: pages are
keyed by slug, permissions and the workflow by name. (惠企政策 /huiqi/ is a
view over the library's measures, so it needs no page.)"""

from django.contrib.auth.models import Group, Permission
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from portal.models import Department
from portal.permissions import PORTAL_OFFICE_GROUP, ensure_editor_group

from .models import InterpretationIndexPage, PolicyIndexPage

LIBRARY_SLUG = "zhengce"
INTERPRETATIONS_SLUG = "jiedu"
WORKFLOW_NAME = "门户办审核"
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page"]
OFFICE_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]


def setup(log):
    home = Site.objects.get(is_default_site=True).root_page  # set up by home/site.py
    library = _index(home, PolicyIndexPage, LIBRARY_SLUG, "政策文件库",
                     "各部门发布的政策文件，按主题、部门、级别分类，有效性按日实时标注。")
    interpretations = _index(home, InterpretationIndexPage, INTERPRETATIONS_SLUG, "政策解读",
                             "重要政策文件的文字解读、图解、视频和问答，与政策文件同步发布。")
    setup_permissions_and_workflow([library, interpretations])
    log("政策栏目：政策文件库、政策解读、审核流程已就绪")


def _index(home, model, slug, title, intro):
    page = model.objects.filter(slug=slug).first()
    if page is None:
        page = home.add_child(instance=model(title=title, slug=slug, intro=intro, live=True))
    return page


def setup_permissions_and_workflow(pages):
    office, _ = Group.objects.get_or_create(name=PORTAL_OFFICE_GROUP)
    access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    root_collection = Collection.get_first_root_node()
    collection_perms = Permission.objects.filter(
        content_type__app_label__in=["wagtaildocs", "wagtailimages"],
        codename__in=["add_document", "choose_document", "add_image", "choose_image"],
    )
    page_perms = {p.codename: p for p in Permission.objects.filter(content_type__app_label="wagtailcore", codename__endswith="_page")}

    groups = [(office, OFFICE_PAGE_PERMISSIONS)]
    for department in Department.objects.all():
        groups.append((ensure_editor_group(department), EDITOR_PAGE_PERMISSIONS))
    for group, codenames in groups:
        group.permissions.add(access)
        for perm in collection_perms:
            GroupCollectionPermission.objects.get_or_create(group=group, collection=root_collection, permission=perm)
        for page in pages:
            for codename in codenames:
                GroupPagePermission.objects.get_or_create(group=group, page=page, permission=page_perms[codename])

    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    task = GroupApprovalTask.objects.filter(name=WORKFLOW_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=WORKFLOW_NAME)
    task.groups.set([office])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for page in pages:
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})


