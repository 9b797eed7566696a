"""The admin dashboard panel of the basis check: how many of the user's
departments' items have a basis to re-check, with the first few."""

from wagtail.admin.ui.components import Component

from .models import LegalBasis
from .permissions import editable_departments

SHOWN = 5


class BasisPanel(Component):
    name = "basis_check"
    order = 150
    template_name = "powerlists/admin/basis_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        problems = (LegalBasis.objects.problems().filter(item__department__in=editable_departments(self.user))
                    .select_related("item", "item__department").order_by("item__code", "sort_order"))
        return {"problems": problems[:SHOWN], "count": problems.count()}
