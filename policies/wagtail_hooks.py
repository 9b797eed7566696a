from wagtail import hooks

from portal.dashboard import add_panel

from .dashboard import PoliciesPanel
from .permissions import without_foreign


@hooks.register("construct_page_chooser_queryset")
def hide_other_departments_pages(pages, request):
    # Links and 修订/废止 targets are chosen among the pages the editor may see.
    return without_foreign(request.user, pages)


@hooks.register("construct_homepage_panels")
def department_policies_panel(request, panels):
    add_panel(request, panels, PoliciesPanel())
