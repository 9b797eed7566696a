from django.apps import AppConfig


class PoliciesConfig(AppConfig):
    name = "policies"
    verbose_name = "政策文件"

    def ready(self):
        from wagtail.models import Page
        from wagtail.permissions import register_permission_policy

        from portal.admin_scope import limit_admin_objects

        from .permissions import DepartmentPagePermissionPolicy, visible_pages

        # Before any admin code asks the registry for the page policy.
        register_permission_policy(Page, DepartmentPagePermissionPolicy())
        limit_admin_objects(Page, visible_pages)
