from django import forms

from portal.page_forms import PageForm
from portal.permissions import departments_for_user

TEXT_MAX = 2000


class ConsultationPageForm(PageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self, "for_user", None)
        if user is not None and "department" in self.fields:
            self.fields["department"].queryset = departments_for_user(user)

    def clean(self):
        cleaned = super().clean()
        groups = self.formsets.get("feedback_groups")
        if cleaned.get("feedback_date") and groups is not None:
            kept = [f for f in groups.forms if f.has_changed() and not (groups.can_delete and groups._should_delete_form(f))]
            if not kept:
                self.add_error("feedback_date", "公布采纳情况前，请至少填写一类意见及其采纳情况。")
        return cleaned


class CommentForm(forms.Form):
    article = forms.TypedChoiceField(label="针对条款", required=False, coerce=int, empty_value=None,
                                     error_messages={"invalid_choice": "所选条款不存在，请重新选择。"})
    text = forms.CharField(
        label="意见内容", max_length=TEXT_MAX, strip=True, widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "请填写意见内容。", "max_length": f"意见内容不能超过{TEXT_MAX}字。"},
    )
    name = forms.CharField(label="姓名或单位（选填，不公开）", max_length=60, required=False, strip=True,
                           error_messages={"max_length": "姓名或单位不能超过60字。"})
    contact = forms.CharField(label="联系方式（选填，不公开）", max_length=100, required=False, strip=True,
                              help_text="填写电子邮箱可收到回执。",
                              error_messages={"max_length": "联系方式不能超过100字。"})

    def __init__(self, *args, draft, **kwargs):
        super().__init__(*args, **kwargs)
        self.draft = draft
        self.fields["article"].choices = [("", "对草案整体提意见")] + [
            (str(a.number), f"{a.label} {a.text[:16]}…" if len(a.text) > 16 else f"{a.label} {a.text}")
            for a in draft.articles
        ]

    def email(self):
        """The contact, when it is an e-mail address (a receipt is sent to it)."""
        from django.core.validators import validate_email

        contact = self.cleaned_data.get("contact", "")
        try:
            validate_email(contact)
        except forms.ValidationError:
            return ""
        return contact
