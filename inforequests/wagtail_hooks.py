"""The back office in the Wagtail admin: menu item, views, dashboard panel."""

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from portal.daterules import today as district_today

from . import admin_views
from .models import OPEN_STATUSES


@hooks.register("register_admin_urls")
def register_admin_urls():
    urls = [
        path("", admin_views.index, name="index"),
        path("<int:pk>/", admin_views.detail, name="detail"),
    ]
    return [path("yishenqing/", include((urls, "inforequests_admin")))]


class RequestsMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.may_use(request.user)


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return RequestsMenuItem("依申请公开", reverse("inforequests_admin:index"), icon_name="mail", order=320)


class RequestsPanel(Component):
    name = "inforequests"
    order = 160
    template_name = "inforequests/admin/_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        requests = admin_views.visible_requests(self.user).filter(status__in=OPEN_STATUSES)
        today = district_today()
        states = [r.clock(today).state for r in requests]
        return {"open": len(states), "overdue": states.count("overdue"), "due_soon": states.count("due_soon"),
                "unrouted": sum(1 for r in requests if r.department_id is None)}


@hooks.register("construct_homepage_panels")
def add_requests_panel(request, panels):
    if admin_views.may_use(request.user):
        panels.append(RequestsPanel(request.user))
