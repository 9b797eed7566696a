from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from portal.docnumbers import NumberError
from portal.models import Department

from .adjustments import SCALAR_FIELDS, Notice, normalise_notice_number
from .permissions import editable_departments


class DepartmentScopedForm(WagtailAdminModelForm):
    """Editors choose only among the departments they may edit."""

    department_fields = ("department", "lead_department")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is not None:
            allowed = editable_departments(self.for_user)
            for name in self.department_fields:
                if name in self.fields:
                    self.fields[name].queryset = allowed


NOTICE_FIELDS = ("adjustment_basis", "adjustment_effective_date", "adjustment_notice_title")


def _notice_number(value):
    try:
        return normalise_notice_number(value)
    except NumberError as exc:
        raise forms.ValidationError(str(exc)) from None


class PowerItemForm(DepartmentScopedForm):
    """A new item, or a change to a published one, carries the notice that
    becomes its adjustment record when it is published."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.instance.has_unpublished_changes:
            # A new change starts empty: the last notice is on its record.
            for name in (*NOTICE_FIELDS, "adjustment_notice_number"):
                self.initial[name] = None

    def clean_adjustment_notice_number(self):
        return _notice_number(self.cleaned_data.get("adjustment_notice_number"))

    def clean(self):
        cleaned = super().clean()
        if self._changes_the_list():
            for name in NOTICE_FIELDS:
                if not cleaned.get(name) and name not in self.errors:
                    self.add_error(name, "新增事项或修改已公开的事项须填写此项：发布时据此生成调整记录。")
        return cleaned

    def _changes_the_list(self):
        item = self.instance
        if item.pk is None:
            return True
        if not type(item).objects.filter(pk=item.pk, live=True).exists():
            return False  # a draft never published: its first publication is the 新增
        listed = ("code", "department", *SCALAR_FIELDS)  # what the public list shows
        return (item.has_unpublished_changes or any(name in self.changed_data for name in listed)
                or any(formset.has_changed() for formset in self.formsets.values()))


class ImportForm(forms.Form):
    """The notice fields are asked for only when a real import changes the list (see NOTICE_REQUIRED)."""

    department = forms.ModelChoiceField(label="部门", queryset=Department.objects.none(), empty_label="请选择部门",
                                        error_messages={"required": "请选择部门。", "invalid_choice": "无权导入该部门的清单。"})
    file = forms.FileField(label="清单文件（.xlsx）", error_messages={"required": "请选择要导入的文件。"})
    basis = forms.CharField(label="调整依据", required=False, widget=forms.Textarea(attrs={"rows": 2}),
                            help_text="有新增、变更或取消时必填，如：《××法》第×条；机构职能调整。")
    effective_date = forms.DateField(label="生效日期", required=False, help_text="格式：2024-06-01",
                                     error_messages={"invalid": "日期格式应为 YYYY-MM-DD。"})
    notice_title = forms.CharField(label="公告名称", required=False, max_length=200)
    notice_number = forms.CharField(label="公告文号", required=False, max_length=100,
                                    help_text="如 南川府办发〔2024〕50号；写作 [2024]、(2024) 或 2024年 的会统一为〔2024〕。")
    notice_url = forms.URLField(label="公告链接", required=False, assume_scheme="https", error_messages={"invalid": "请输入有效的网址。"})

    NOTICE_REQUIRED = {"basis": "导入将产生调整，请填写调整依据。", "effective_date": "导入将产生调整，请填写生效日期。",
                       "notice_title": "导入将产生调整，请填写公告名称。"}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Power lists are the district's own departments' (not the national or municipal issuers').
        allowed = editable_departments(user).order_by("sort_order", "name")
        self.fields["department"].queryset = allowed.filter(
            pk__in=[d.pk for d in allowed if d.effective_level == "district"])

    def clean_notice_number(self):
        return _notice_number(self.cleaned_data.get("notice_number"))

    def ask_for_notice(self):
        """A real import that changes the list: the missing notice fields get an error each."""
        for name, message in self.NOTICE_REQUIRED.items():
            if not self.cleaned_data.get(name) and name not in self.errors:
                self.add_error(name, message)

    def notice(self):
        data = self.cleaned_data
        if not (data.get("basis") and data.get("effective_date") and data.get("notice_title")):
            return None
        return Notice(basis=data["basis"], effective_date=data["effective_date"], title=data["notice_title"],
                      number=data.get("notice_number", ""), url=data.get("notice_url", ""))
