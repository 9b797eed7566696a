from django.contrib import messages
from django.shortcuts import redirect
from wagtail import hooks

from .permissions import may_edit

DENIED = "您无权操作其他部门的政策文件或解读：只能编辑本部门发布的内容。"


def _guard(request, page):
    # Like Wagtail's own permission refusals: a message and back to the list.
    if not may_edit(request.user, page):
        messages.error(request, DENIED)
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return None


@hooks.register("before_edit_page")
def deny_other_departments_edit(request, page):
    return _guard(request, page)


@hooks.register("before_delete_page")
def deny_other_departments_delete(request, page):
    return _guard(request, page)


@hooks.register("before_unpublish_page")
def deny_other_departments_unpublish(request, page):
    return _guard(request, page)


@hooks.register("before_move_page")
def deny_other_departments_move(request, page, destination):
    return _guard(request, page)


@hooks.register("before_copy_page")
def deny_other_departments_copy(request, page):
    return _guard(request, page)
