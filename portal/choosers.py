"""Choosers that scale to the district's reference data.

主题分类: one list of every topic (no pages of ten), each sub-topic right under
its topic and shown with it (工业、交通 / 中小企业), searchable by a topic's or
its parent's name (a search for 金融 lists 财政、金融 and all its sub-topics).
"""

from django import forms
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
)


class TopicFilterForm(BaseFilterForm):
    q = forms.CharField(label="搜索主题", required=False, widget=forms.TextInput(attrs={"placeholder": "输入主题名称，如 金融、中小企业"}))

    def filter(self, objects):
        query = (self.cleaned_data.get("q") or "").strip()
        if query:
            objects = objects.filter(Q(name__icontains=query) | Q(parent__name__icontains=query))
            self.is_searching, self.search_query = True, query
        return objects


class TopicChooseMixin:
    filter_form_class = TopicFilterForm
    per_page = 200
    # Each topic, then its sub-topics in their order.
    ordering = [Coalesce(F("parent__sort_order"), F("sort_order")), Coalesce(F("parent_id"), F("id")),
                F("parent_id").asc(nulls_first=True), "sort_order", "id"]


class TopicChooseView(TopicChooseMixin, ChooseView):
    pass


class TopicChooseResultsView(TopicChooseMixin, ChooseResultsView):
    pass


class TopicChooserViewSet(SnippetChooserViewSet):
    choose_view_class = TopicChooseView
    choose_results_view_class = TopicChooseResultsView


class DepartmentAutocomplete(forms.SelectMultiple):
    """发文机关 for someone who may choose among many departments (the 门户办): a multiple
    select grouped 区级部门 / 市级部门 / 中央和国家机关, which the script turns into a
    type-to-find box with the chosen offices as removable tags (the select itself
    stays the form's field, so the form works without the script too)."""

    def __init__(self, attrs=None):
        super().__init__({"data-department-autocomplete": "", "size": 12, **(attrs or {})})

    class Media:
        js = ["portal/admin/department-autocomplete.js"]
        css = {"all": ["portal/admin/department-autocomplete.css"]}

    def optgroups(self, name, value, attrs=None):
        from .models import Department

        plain = [option for _group, options, _index in super().optgroups(name, value, attrs) for option in options]
        by_pk = {option["value"].value: option for option in plain if option["value"] != ""}
        departments = [option["value"].instance for option in by_pk.values()]
        return [
            (heading, [by_pk[d.pk] for d in group], index)
            for index, (heading, group) in enumerate(Department.by_level(departments))
        ]


# More offices than this to choose from: the type-to-find box instead of checkboxes.
AUTOCOMPLETE_FROM = 8
