from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from portal.permissions import is_portal_office

from . import admin_views, alias_targets


@hooks.register("register_admin_urls")
def register_admin_urls():
    urls = [
        path("", admin_views.analytics, name="analytics"),
        path("best-bet/", admin_views.best_bet, name="best_bet"),
        path("alias/", admin_views.alias, name="alias"),
    ]
    return [path("search-analytics/", include((urls, "search_admin")))]


class OfficeMenuItem(MenuItem):
    def is_shown(self, request):
        return is_portal_office(request.user)


@hooks.register("register_reports_menu_item")
def register_analytics_menu_item():
    return OfficeMenuItem("搜索分析", reverse("search_admin:analytics"), name="search-analytics", icon_name="search", order=1290)


@hooks.register("construct_reports_menu")
def hide_wagtail_search_terms(request, menu_items):
    # Wagtail's own search-terms report stays empty: the portal counts searches in 搜索分析.
    menu_items[:] = [item for item in menu_items if item.name != "search-terms"]


@hooks.register("before_edit_page")
def prefill_page_alias(request, page):
    alias_targets.prefill(request, page)


@hooks.register("prefill_edit_form")  # snippets edited through portal.admin_scope.ScopedSnippetViewSet
def prefill_snippet_alias(request, instance):
    alias_targets.prefill(request, instance)
