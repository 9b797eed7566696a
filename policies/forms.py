"""Admin forms: department scoping and the cross-field rules of rules.py.

Rules that span the page and its inline children (a window outside the
policy's validity, a duplicate 发文字号 among the chosen offices) live here
because only the form sees the page and its inline forms together.
"""

from types import SimpleNamespace

from wagtail.admin.forms import WagtailAdminPageForm

from portal import docnumbers
from portal.permissions import can_edit_departments, departments_for_user

from . import rules


class PolicyPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self, "for_user", None)
        if user is not None and "issuing_offices" in self.fields:
            self.fields["issuing_offices"].queryset = departments_for_user(user)

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
                self.add_error(
                    "document_number",
                    f"发文字号“{number}”已被《{duplicate.title}》使用：同一发文机关的发文字号不能重复。",
                )

        effective = cleaned.get("effective_date") or cleaned.get("published_date")
        expiry = cleaned.get("expiry_date")
        for form in self._live_forms("measures"):
            data = SimpleNamespace(**{name: form.cleaned_data.get(name) for name in form.fields})
            for field, messages in rules.measure_errors(data, effective=effective, expiry=expiry).items():
                for message in messages:
                    form.add_error(field if field in form.fields else None, message)

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


class InterpretationPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        policy = cleaned.get("policy")
        user = getattr(self, "for_user", None)
        if policy and user is not None and not can_edit_departments(user, policy.offices()):
            self.add_error("policy", "您只能为本部门的政策文件撰写解读。")
        return cleaned
