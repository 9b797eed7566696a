"""The public request form (条例 art. 29) and the back office's step forms."""

import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from portal.daterules import today as district_today
from portal.models import Department, validate_phone

from . import clock
from .models import EVENT_KINDS, InformationRequest
from .outcomes import OUTCOME_CHOICES, REASONS

CREDIT_CODE_RE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")
ID_CARD_RE = re.compile(r"^\d{17}[\dX]$")
# 公民 must give 姓名、身份证明; 法人或者其他组织 名称、统一社会信用代码、法定代表人、联系人 (art. 29).
REQUIRED_BY_TYPE = {
    "person": {"name": "请填写姓名。", "id_type": "请选择证件类型。", "id_number": "请填写证件号码。"},
    "organisation": {"name": "请填写单位名称。", "organisation_kind": "请选择组织类型。",
                     "id_number": "请填写统一社会信用代码。", "legal_representative": "请填写法定代表人。",
                     "contact_name": "请填写联系人。"},
}
ID_TYPES = [("", "请选择"), ("身份证", "居民身份证"), ("护照", "护照"), ("港澳居民来往内地通行证", "港澳居民来往内地通行证"),
            ("台湾居民来往大陆通行证", "台湾居民来往大陆通行证"), ("其他", "其他有效身份证件")]


class RequestForm(forms.ModelForm):
    id_type = forms.ChoiceField(label="证件类型", choices=ID_TYPES, required=False)
    agree = forms.BooleanField(label="我承诺所填信息真实有效", error_messages={"required": "请确认所填信息真实有效。"})

    class Meta:
        model = InformationRequest
        fields = ["applicant_type", "name", "id_type", "id_number", "organisation_kind", "legal_representative",
                  "contact_name", "phone", "email", "address", "postcode", "description", "purpose", "form",
                  "delivery"]
        widgets = {"applicant_type": forms.RadioSelect, "form": forms.RadioSelect, "delivery": forms.RadioSelect,
                   "description": forms.Textarea(attrs={"rows": 5}), "purpose": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "applicant_type": {"required": "请选择申请人类型。"},
            "name": {"required": "请填写姓名或单位名称。"},
            "phone": {"required": "请填写联系电话。"},
            "email": {"invalid": "电子邮箱格式不正确，例如 zhang@example.com。"},
            "description": {"required": "请描述所需政府信息：名称、文号或者便于查询的其他特征。"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["applicant_type"].choices = [("person", "公民"), ("organisation", "法人或其他组织")]
        self.fields["organisation_kind"].choices = [("", "请选择")] + list(self.fields["organisation_kind"].choices)[1:]
        self.fields["phone"].validators.append(validate_phone)

    def clean_postcode(self):
        value = self.cleaned_data["postcode"].strip()
        if value and not re.fullmatch(r"\d{6}", value):
            raise ValidationError("邮政编码应为6位数字。")
        return value

    def clean_description(self):
        value = self.cleaned_data["description"].strip()
        if len(value) < 5:
            raise ValidationError("请把所需政府信息描述得具体一些（至少5个字），便于我们查找。")
        return value

    def clean(self):
        data = super().clean()
        kind = data.get("applicant_type")
        for field, message in REQUIRED_BY_TYPE.get(kind, {}).items():
            if not (data.get(field) or "").strip():
                self.add_error(field, message)
        number = (data.get("id_number") or "").strip().upper()
        if number:
            if kind == "organisation" and not CREDIT_CODE_RE.match(number):
                self.add_error("id_number", "统一社会信用代码应为18位数字或大写字母，例如 91500119MA5U123456。")
            elif kind == "person" and data.get("id_type") == "身份证" and not ID_CARD_RE.match(number):
                self.add_error("id_number", "居民身份证号码应为18位，最后一位可以是数字或X。")
            data["id_number"] = number
        if kind == "person":
            data["organisation_kind"] = data["legal_representative"] = data["contact_name"] = ""
        if data.get("delivery") == "email" and not data.get("email"):
            self.add_error("email", "选择以电子邮件获取时，请填写电子邮箱。")
        if data.get("delivery") == "post" and not (data.get("address") or "").strip():
            self.add_error("address", "选择邮寄时，请填写通信地址。")
        return data


class TrackForm(forms.Form):
    code = forms.CharField(label="查询码", max_length=40, error_messages={"required": "请输入查询码。"})


def _not_future(day):
    if day > district_today():
        raise ValidationError("日期不能晚于今天。")


class RouteForm(forms.Form):
    department = forms.ModelChoiceField(label="承办部门", queryset=Department.objects.order_by("sort_order", "name"),
                                        error_messages={"required": "请选择承办部门。"})


STEP_KINDS = [(k, label) for k, label in EVENT_KINDS if k not in ("received", "routed", "accepted", "answered")]


class StepForm(forms.Form):
    kind = forms.ChoiceField(label="办理步骤", choices=STEP_KINDS)
    date = forms.DateField(label="日期", validators=[_not_future], widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}))
    working_days = forms.IntegerField(label="延长工作日数", required=False, min_value=1,
                                      max_value=clock.MAX_EXTENSION_DAYS,
                                      help_text=f"仅延期答复时填写，最长{clock.MAX_EXTENSION_DAYS}个工作日。")
    note = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 3}),
                           help_text="补正通知的内容、延期理由、征求意见的第三方等。")

    def clean(self):
        data = super().clean()
        if data.get("kind") == "extended":
            if not data.get("working_days"):
                self.add_error("working_days", "延期答复须填写延长的工作日数。")
            if not data.get("note", "").strip():
                self.add_error("note", "延期答复须说明理由。")
        elif data.get("kind"):
            data["working_days"] = None
        if data.get("kind") == "correction_requested" and not data.get("note", "").strip():
            self.add_error("note", "请写明需要补正的事项（应一次性告知）。")
        return data


class AnswerForm(forms.Form):
    outcome = forms.ChoiceField(label="办理结果", choices=[("", "请选择")] + OUTCOME_CHOICES,
                                error_messages={"required": "请选择办理结果。"})
    outcome_reason = forms.ChoiceField(label="具体情形", required=False)
    answered_on = forms.DateField(label="答复日期", validators=[_not_future],
                                  widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}))
    reply_text = forms.CharField(label="答复内容", widget=forms.Textarea(attrs={"rows": 5}),
                                 error_messages={"required": "请填写答复内容。"})
    remedy_text = forms.CharField(label="救济渠道", widget=forms.Textarea(attrs={"rows": 3}),
                                  error_messages={"required": "请填写救济渠道（行政复议、行政诉讼的机关和期限）。"})
    reply_document = forms.FileField(label="答复书", required=False, help_text="PDF 等文件，将随答复邮件发送给申请人。")
    publish_answer = forms.BooleanField(label="可作为主动公开信息（条例第四十四条）", required=False)

    def clean_reply_document(self):
        upload = self.cleaned_data.get("reply_document")
        if upload:
            extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
            if extension not in settings.WAGTAILDOCS_EXTENSIONS:
                raise ValidationError(f"答复书的文件类型不支持，请上传 {'、'.join(settings.WAGTAILDOCS_EXTENSIONS)} 文件。")
            if upload.size > settings.WAGTAILDOCS_MAX_UPLOAD_SIZE:
                raise ValidationError("答复书文件过大（不超过20MB）。")
        return upload

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome_reason"].choices = [("", "（无）")] + [
            (f"{key}.{r}", label) for key, reasons in REASONS.items() for r, label in reasons]

    def clean(self):
        data = super().clean()
        outcome, reason = data.get("outcome"), data.get("outcome_reason") or ""
        if outcome:
            allowed = {f"{outcome}.{r}" for r, _label in REASONS[outcome]}
            if allowed and reason not in allowed:
                self.add_error("outcome_reason", "请选择与办理结果对应的具体情形。")
            elif not allowed and reason:
                self.add_error("outcome_reason", "该办理结果没有具体情形，请选择“（无）”。")
        return data


# Prefilled in the answer form; staff adapt it (the reviewing body differs by department).
DEFAULT_REMEDY = ("申请人认为本机关在政府信息公开工作中侵犯其合法权益的，可以自收到本答复之日起六十日内"
                  "依法申请行政复议，或者自收到本答复之日起六个月内依法向人民法院提起行政诉讼。")
