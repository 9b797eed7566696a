"""Feedback in the admin: read-only, each editor sees their departments'."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail import hooks
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from portal.admin_scope import ScopedSnippetViewSet, limit_admin_objects
from portal.dashboard import add_panel
from portal.permissions import PORTAL_OFFICE_GROUP, departments_for_user, is_portal_office

from .dashboard import FeedbackPanel
from .models import Feedback


class FeedbackPermissionPolicy(BasePermissionPolicy):
    """View: department editors and the portal office. Delete (e.g. an
    abusive comment): the portal office. Nobody adds or edits votes."""

    def user_has_permission(self, user, action):
        if not (user.is_authenticated and user.is_active):
            return False
        if action == "view":
            return is_portal_office(user) or departments_for_user(user).exists()
        if action == "delete":
            return is_portal_office(user)
        return False

    def users_with_any_permission(self, actions):
        users = get_user_model().objects.filter(is_active=True)
        office = Q(is_superuser=True) | Q(groups__name=PORTAL_OFFICE_GROUP)
        if "view" in actions:
            return users.filter(office | Q(groups__department__isnull=False)).distinct()
        if "delete" in actions:
            return users.filter(office).distinct()
        return users.none()

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return Feedback.objects.none()
        if is_portal_office(user):
            return Feedback.objects.all()
        return Feedback.objects.filter(departments__in=departments_for_user(user)).distinct()

    def user_has_permission_for_instance(self, user, action, instance):
        return self.instances_user_has_any_permission_for(user, [action]).filter(pk=instance.pk).exists()


_policy = FeedbackPermissionPolicy(Feedback)
register_permission_policy(Feedback, _policy)
limit_admin_objects(Feedback, lambda user: _policy.instances_user_has_any_permission_for(user, ["view"]))


class FeedbackViewSet(ScopedSnippetViewSet):
    model = Feedback
    icon = "comment"
    menu_label = "信息评价"
    menu_order = 310
    add_to_admin_menu = True
    inspect_view_enabled = True
    list_display = ["title", "kind", "vote_label", "comment", "created", "department_names"]
    list_filter = ["helpful", "kind", "created"]
    search_fields = ["title", "comment"]
    search_backend_name = None  # plain ORM search: Feedback is not indexed

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("departments")


register_snippet(FeedbackViewSet)


@hooks.register("construct_homepage_panels")
def department_feedback_panel(request, panels):
    add_panel(request, panels, FeedbackPanel())
