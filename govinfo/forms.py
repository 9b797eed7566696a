from django.core.exceptions import ValidationError

from portal.permissions import is_portal_office
from powerlists.forms import DepartmentScopedForm


class AnnualReportForm(DepartmentScopedForm):
    """Department editors write their own department's report; the district's
    report and publishing are the portal office's."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is not None and not is_portal_office(self.for_user):
            self.fields["department"].required = True
            self.fields["department"].empty_label = None
            self.fields["published"].disabled = True
            self.fields["published"].help_text = "由门户办审核后发布。"

    def clean(self):
        cleaned = super().clean()
        if self.for_user is not None and not is_portal_office(self.for_user) and not cleaned.get("department"):
            raise ValidationError({"department": "全区年度报告由门户办编制，请选择本部门。"})
        return cleaned
