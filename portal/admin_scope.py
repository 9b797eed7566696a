"""What a department editor may open in the admin: only their own content.

Wagtail checks *actions* (may this user change power items?); the department
dimension is ours. Content apps declare, per model, which objects a user may
see (`limit_admin_objects`); everything else follows from that one rule:

- listings and choosers show only those objects (`visible_objects`,
  `ScopedSnippetViewSet`; pages through the Wagtail page permission policy
  of policies/);
- `AdminScopeMiddleware` answers 404 for every admin URL that names any other
  object — edit, inspect, history, revisions, compare, preview, usage,
  workflow, lock, copy, bulk actions, whatever view Wagtail adds next — so
  no view is left to remember the check; the admin reports, which list every
  department's history, are the portal office's; its own tools (best bets,
  search analytics) do not exist for an editor (404).

The portal office and superusers see everything.
"""

from django.apps import apps
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.http import Http404
from django.views.defaults import page_not_found
from wagtail import hooks
from wagtail.admin.auth import permission_denied
from wagtail.models import Page
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet, SnippetChosenMultipleView
from wagtail.snippets.views.snippets import EditView, SnippetViewSet

from .permissions import is_portal_office

_visible = {}  # model -> function(user) -> queryset of the objects the user may open

# URL arguments that name a page, in Wagtail's page, workflow and form views.
PAGE_ARGUMENTS = ("page_id", "parent_page_id", "page_to_move_id", "destination_id", "page_pk")
# Namespaces whose `pk` is a page (the page revision compare view, the admin API).
PAGE_PK_NAMESPACES = ("wagtailadmin_pages", "wagtailadmin_api:pages")
OFFICE_ONLY_NAMESPACES = ("wagtailadmin_reports",)
# The office's own tools (best bets, search analytics): for an editor they do not exist.
OFFICE_TOOL_NAMESPACES = ("wagtailsearchpromotions", "search_admin")
ADMIN_PREFIX = "/admin/"


def limit_admin_objects(model, visible):
    """Register `visible(user)`: the queryset of `model` objects a department
    editor may open in the admin (also used for subclasses of `model`)."""
    _visible[model] = visible


def _rule(model):
    for cls in model.__mro__:
        if cls in _visible:
            return _visible[cls]
    return None


def visible_objects(user, model):
    rule = _rule(model)
    if rule is None or is_portal_office(user):
        return model._default_manager.all()
    return rule(user)


def may_open(user, model, pk):
    rule = _rule(model)
    if rule is None or is_portal_office(user):
        return True
    try:
        return rule(user).filter(pk=pk).exists()
    except (ValueError, TypeError, ValidationError):  # not a valid key: nothing to show either
        return False


def _named_objects(request, view_func, kwargs):
    """(model, pk) for each object the URL names."""
    match = request.resolver_match
    for name in PAGE_ARGUMENTS:
        if name in kwargs:
            yield Page, kwargs[name]
    if "pk" in kwargs:
        model = getattr(view_func, "view_initkwargs", {}).get("model")
        if isinstance(model, str):
            model = apps.get_model(model)
        if model is None and match.namespace in PAGE_PK_NAMESPACES:
            model = Page
        if model is not None:
            yield model, unquote(str(kwargs["pk"]))
    if {"app_label", "model_name"} <= kwargs.keys():  # bulk actions, editing sessions
        try:
            model = apps.get_model(kwargs["app_label"], kwargs["model_name"])
        except LookupError:
            return
        if "object_id" in kwargs:
            yield model, kwargs["object_id"]
        for pk in request.GET.getlist("id"):
            yield model, pk


class AdminScopeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, kwargs):
        user = request.user
        if not request.path_info.startswith(ADMIN_PREFIX) or not user.is_authenticated or is_portal_office(user):
            return None
        if request.resolver_match.namespace in OFFICE_ONLY_NAMESPACES:
            return permission_denied(request)
        if request.resolver_match.namespace in OFFICE_TOOL_NAMESPACES:
            return _not_found(request)
        for model, pk in _named_objects(request, view_func, kwargs):
            if pk == "all" and _rule(model) is not None:
                return permission_denied(request)  # "select all" in a bulk action: the office's
            if not may_open(user, model, pk):
                return _not_found(request)
        return None


def _not_found(request):
    # The admin's own 404 page, as for anything that does not exist.
    return page_not_found(request, Http404(), template_name="wagtailadmin/404.html")


# -- snippets --------------------------------------------------------------


class _ScopedObjectList:
    def get_object_list(self):
        return visible_objects(self.request.user, self.model_class)


class _ScopedObjects:
    def get_objects(self, pks):
        return visible_objects(self.request.user, self.model_class).filter(pk__in=pks)


class ScopedChooserViewSet(SnippetChooserViewSet):
    choose_view_class = type("ScopedChooseView", (_ScopedObjectList, ChooseView), {})
    choose_results_view_class = type("ScopedChooseResultsView", (_ScopedObjectList, ChooseResultsView), {})
    chosen_multiple_view_class = type("ScopedChosenMultipleView", (_ScopedObjects, SnippetChosenMultipleView), {})


class PrefilledEditView(EditView):
    """Functions registered as the Wagtail hook "prefill_edit_form" may fill
    in fields of the object on GET, before the form is built (e.g. an alias
    from 搜索分析); nothing is saved until the editor saves the form."""

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if self.request.method == "GET":
            for prefill in hooks.get_hooks("prefill_edit_form"):
                prefill(self.request, obj)
        return obj


class ScopedSnippetViewSet(SnippetViewSet):
    """Listing and chooser show only the objects `limit_admin_objects` allows
    (the middleware guards the views that take one object)."""

    chooser_viewset_class = ScopedChooserViewSet
    edit_view_class = PrefilledEditView

    def get_queryset(self, request):
        return visible_objects(request.user, self.model)
