from django.db import models
from wagtail import hooks
from wagtail.admin.forms.models import register_form_field_override
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import forms
from .dashboard import DepartmentSelectorPanel, add_panel
from .models import Department, Qualification, Region, Topic
from .permissions import is_portal_office

# Numbers typed in the admin take the digits 0-9 only, like the public forms.
register_form_field_override(models.IntegerField, override={"form_class": forms.IntegerField})
register_form_field_override(models.DecimalField, override={"form_class": forms.DecimalField})


class DepartmentViewSet(SnippetViewSet):
    model = Department
    icon = "group"
    menu_label = "部门"
    list_display = ["name", "short_name", "org_code", "level", "phone", "sort_order"]
    search_fields = ["name", "short_name"]


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = "主题分类"
    list_display = ["name", "parent", "sort_order"]
    list_filter = ["parent"]


class RegionViewSet(SnippetViewSet):
    model = Region
    icon = "site"
    menu_label = "镇街"
    list_display = ["name", "kind", "sort_order"]


class QualificationViewSet(SnippetViewSet):
    model = Qualification
    icon = "pick"
    menu_label = "企业资质"
    list_display = ["name", "sort_order"]


class ReferenceDataGroup(SnippetViewSetGroup):
    menu_label = "基础数据"
    menu_icon = "folder-open-inverse"
    menu_order = 300
    items = (DepartmentViewSet, TopicViewSet, RegionViewSet, QualificationViewSet)


register_snippet(ReferenceDataGroup)


@hooks.register("construct_reports_menu")
def reports_for_the_office_only(request, menu_items):
    # Reports list every department's history (portal.admin_scope refuses them too).
    if not is_portal_office(request.user):
        menu_items.clear()


@hooks.register("construct_homepage_panels")
def department_selector(request, panels):
    # The content apps add their own DepartmentPanels; this one says whose work they show.
    add_panel(request, panels, DepartmentSelectorPanel())
