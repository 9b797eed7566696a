from wagtail import hooks

from .permissions import without_foreign


@hooks.register("construct_page_chooser_queryset")
def hide_other_departments_pages(pages, request):
    # Links and 修订/废止 targets are chosen among the pages the editor may see.
    return without_foreign(request.user, pages)
