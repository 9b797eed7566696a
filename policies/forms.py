"""Admin forms: department scoping and the cross-field rules of rules.py.

Rules that span the page and its inline children (a window outside the
policy's validity, a duplicate 发文字号 among the chosen offices) live here
because only the form sees the page and its inline forms together.
"""

from types import SimpleNamespace

from django.urls import reverse
from django.utils.html import format_html

from portal import choosers, docnumbers
from portal.page_forms import PageForm
from portal.permissions import can_edit_departments, departments_for_user

from . import rules


class PolicyPageForm(PageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self, "for_user", None)
        if user is not None and "issuing_offices" in self.fields:
            offices = self.fields["issuing_offices"]
            offices.queryset = departments_for_user(user)
            if offices.queryset.count() > choosers.AUTOCOMPLETE_FROM:
                offices.widget = choosers.DepartmentAutocomplete()
                offices.widget.choices = offices.choices

    def clean(self):
        cleaned = super().clean()
        offices = list(cleaned.get("issuing_offices") or [])
        user = getattr(self, "for_user", None)
        if offices and user is not None and not can_edit_departments(user, offices):
            self.add_error("issuing_offices", "您只能以本部门名义发文：所选发文机关超出了您的编辑权限。")

        number = cleaned.get("document_number")
        if number:
            try:
                number = docnumbers.normalise(number)
                cleaned["document_number"] = number
            except docnumbers.NumberError as exc:
                self.add_error("document_number", str(exc))
                number = None
        if number and offices:
            duplicate = self.instance.duplicate_number(number, [d.pk for d in offices], exclude_pk=self.instance.pk)
            if duplicate:
                self.add_error("document_number", duplicate_message(number, duplicate, user))

        effective = cleaned.get("effective_date") or cleaned.get("published_date")
        expiry = cleaned.get("expiry_date")
        for form in self._live_forms("measures"):
            data = SimpleNamespace(**{name: form.cleaned_data.get(name) for name in form.fields})
            for field, messages in rules.measure_errors(data, effective=effective, expiry=expiry).items():
                for message in messages:
                    form.add_error(field if field in form.fields else None, message)

        for form in self._live_forms("changes"):
            old = form.cleaned_data.get("old_policy")
            # Only a newly chosen target: a link the office made stays when the editor saves.
            if old and user is not None and "old_policy" in form.changed_data and not can_edit_departments(user, old.offices()):
                form.add_error("old_policy", "您只能修订或废止本部门发布的政策文件：所选文件的发文机关超出了您的编辑权限。")

        old_pks = [form.cleaned_data["old_policy"].pk for form in self._live_forms("changes") if form.cleaned_data.get("old_policy")]
        for field, messages in rules.supersession_errors(self.instance.pk, old_pks).items():
            for message in messages:
                for form in self._live_forms("changes"):
                    old = form.cleaned_data.get("old_policy")
                    if old and (old.pk == self.instance.pk or old_pks.count(old.pk) > 1):
                        form.add_error(field, message)
                        break
        return cleaned

    def _live_forms(self, name):
        formset = self.formsets.get(name)
        if formset is None:
            return []
        result = []
        for form in formset.forms:
            if not form.is_valid() or not form.has_changed() and not form.instance.pk:
                continue
            if formset.can_delete and form.cleaned_data.get("DELETE"):
                continue
            result.append(form)
        return result


class InterpretationPageForm(PageForm):
    def clean(self):
        cleaned = super().clean()
        policy = cleaned.get("policy")
        user = getattr(self, "for_user", None)
        if policy and user is not None and not can_edit_departments(user, policy.offices()):
            self.add_error("policy", "您只能为本部门的政策文件撰写解读。")
        return cleaned


def duplicate_message(number, duplicate, user):
    """The 发文字号 is taken. A draft is named as one (it is on no public page) and, for an
    editor who may edit it, linked: the usual cause is entering the same document twice."""
    if duplicate.live:
        return f"发文字号“{number}”已被《{duplicate.title}》使用：同一发文机关的发文字号不能重复。"
    said = f"发文字号“{number}”已被尚未发布的草稿《{duplicate.draft_title}》使用"
    if user is not None and can_edit_departments(user, duplicate.offices()):
        edit = reverse("wagtailadmin_pages:edit", args=[duplicate.pk])
        return format_html('{}：请<a href="{}">打开该草稿</a>继续编辑，不要重复录入。', said, edit)
    return f"{said}：请与该草稿的发文机关联系，不要重复录入。"
