"""The business profile as a GET form: parsed, checked, normalised.

The profile lives in the URL (bookmarkable, shareable, nothing stored), so
this form is the one place that turns query parameters into a Profile, and
back into a canonical query string for feeds and subscriptions.
"""

from decimal import Decimal
from urllib.parse import urlencode

from django import forms

from portal import forms as portal_forms
from portal.daterules import today as district_today
from portal.models import Qualification, Region
from portal.taxonomies import ENTERPRISE_SCALES, INDUSTRIES, label

from . import enterprise_scale
from .matching import Profile

# Query parameters, in canonical order.
PARAMS = ["scale", "industry", "sector", "region", "qual", "founded", "headcount", "revenue", "assets"]
EARLIEST_YEAR = 1949
MAX_FIGURE = Decimal("100000000")  # 万元: a trillion yuan, far beyond any business here


def _choice_errors(what):
    return {"invalid_choice": f"未知的{what}：%(value)s。", "required": f"请选择{what}。"}


def _number_errors(what):
    return {
        "invalid": f"{what}必须是数字。",
        "ascii": f"{what}请用半角阿拉伯数字（0-9）填写。",
        "min_value": f"{what}不能为负数。",
        "max_value": f"{what}超出合理范围。",
        "max_digits": f"{what}超出合理范围。",
        "max_decimal_places": f"{what}最多保留两位小数。",
        "max_whole_digits": f"{what}超出合理范围。",
    }


class ProfileForm(forms.Form):
    scale = forms.ChoiceField(
        label="企业规模", required=False, choices=[("", "按人数和营业收入自动测算")] + ENTERPRISE_SCALES,
        error_messages=_choice_errors("企业规模"),
    )
    industry = forms.ChoiceField(
        label="行业门类（GB/T 4754）", choices=[("", "请选择")] + [(k, f"{k} {v}") for k, v in INDUSTRIES],
        error_messages=_choice_errors("行业门类代码"),
    )
    sector = forms.ChoiceField(
        label="划型行业（自动测算规模时用）", required=False,
        choices=[("", "按行业门类")] + [(s.key, s.label) for s in enterprise_scale.SECTORS],
        error_messages=_choice_errors("划型行业"),
        help_text="批发和零售、交通运输仓储邮政、住宿餐饮等门类包含多个划型标准，请选择具体行业。",
    )
    region = forms.CharField(label="所在镇街", required=False)
    qual = forms.MultipleChoiceField(label="已具备的资质", required=False, choices=[], widget=forms.CheckboxSelectMultiple)
    founded = portal_forms.IntegerField(
        label="成立（注册）年份", required=False, min_value=EARLIEST_YEAR,
        error_messages={**_number_errors("成立年份"), "invalid": "成立年份必须是四位数字年份，如 2018。",
                        "min_value": f"成立年份不能早于{EARLIEST_YEAR}年。"},
    )
    headcount = portal_forms.IntegerField(
        label="从业人数（人）", required=False, min_value=0, max_value=10_000_000,
        error_messages={**_number_errors("从业人数"), "invalid": "从业人数必须是整数。"},
    )
    revenue = portal_forms.DecimalField(
        label="上年度营业收入（万元）", required=False, min_value=0, max_value=MAX_FIGURE, max_digits=14, decimal_places=2,
        error_messages=_number_errors("营业收入"),
    )
    assets = portal_forms.DecimalField(
        label="资产总额（万元，建筑业、房地产、租赁和商务服务业测算规模时用）", required=False, min_value=0,
        max_value=MAX_FIGURE, max_digits=14, decimal_places=2, error_messages=_number_errors("资产总额"),
    )

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or district_today()
        self.regions = list(Region.objects.order_by("sort_order", "id"))
        self.qualifications = list(Qualification.objects.order_by("sort_order", "id"))
        self.fields["qual"].choices = [(q.slug, q.name) for q in self.qualifications]
        self.fields["qual"].error_messages["invalid_choice"] = "未知的企业资质：%(value)s。"
        self.fields["founded"].validators.append(self._not_future)
        self.derived_scale = ""

    def _not_future(self, value):
        if value is not None and value > self.today.year:
            raise forms.ValidationError(f"成立年份不能晚于今年（{self.today.year}年）。")

    def clean_region(self):
        slug = self.cleaned_data["region"].strip()
        if slug and slug not in {r.slug for r in self.regions}:
            raise forms.ValidationError(f"未知的镇街：{slug}。")
        return slug

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        industry = data.get("industry")
        sector_key = data.get("sector")
        figures = [data.get("headcount"), data.get("revenue"), data.get("assets")]
        if sector_key:
            sector = enterprise_scale.SECTORS_BY_KEY[sector_key]
            if sector.industry and sector.industry != industry:
                self.add_error("sector", f"划型行业“{sector.label}”不属于所选行业门类“{label(INDUSTRIES, industry)}”。")
                return data
        elif any(f is not None for f in figures):
            options = enterprise_scale.sectors_for_industry(industry)
            if len(options) == 1:
                sector = options[0]
            elif data.get("scale"):
                sector = None  # cannot tell which standard applies; trust the chosen scale
            else:
                names = "、".join(s.label for s in options)
                self.add_error("sector", f"该行业门类包含多个划型标准（{names}），请选择具体行业以便测算企业规模。")
                return data
        else:
            sector = None
        derived = self._derive(sector, data)
        scale = data.get("scale")
        if not scale:
            if derived:
                data["scale"] = self.derived_scale = derived
            elif not self.has_error("scale"):
                self.add_error("scale", "请选择企业规模，或填写从业人数和营业收入以便自动测算。")
        elif derived and scale != "individual" and derived != scale:
            # The figures and the chosen scale cannot both be right.
            self.add_error(
                "scale",
                f"按所填从业人数和营业收入测算为{label(ENTERPRISE_SCALES, derived)}，与所选“{label(ENTERPRISE_SCALES, scale)}”不符。",
            )
        return data

    def _derive(self, sector, data):
        if sector is None:
            return ""
        try:
            return enterprise_scale.classify(
                sector.key, headcount=data.get("headcount"), revenue=data.get("revenue"), assets=data.get("assets")
            )
        except enterprise_scale.MissingMeasure as exc:
            if not data.get("scale"):
                field = {"X": "headcount", "Y": "revenue", "Z": "assets"}[exc.measure]
                self.add_error(field, str(exc))
            return ""

    # -- outputs --------------------------------------------------------------
    def profile(self):
        data = self.cleaned_data
        region = next((r for r in self.regions if r.slug == data["region"]), None)
        return Profile(
            scale=data["scale"],
            industry=data["industry"],
            region=data["region"],
            region_name=region.name if region else "",
            qualifications=frozenset(data["qual"]),
            founded=data["founded"],
            headcount=data["headcount"],
            revenue=data["revenue"],
        )

    def query_string(self):
        """Canonical form of the profile: fixed order, no blanks, sorted
        qualifications; two URLs for the same profile give the same string."""
        data = self.cleaned_data
        pairs = []
        for name in PARAMS:
            value = data.get(name)
            if name == "scale" and self.derived_scale:
                continue  # keep what the business typed; the scale follows from it
            if name == "qual":
                pairs += [("qual", slug) for slug in sorted(set(value or []))]
            elif value not in (None, ""):
                if isinstance(value, Decimal):
                    value = format(value.normalize(), "f")
                pairs.append((name, value))
        return urlencode(pairs)

    def summary(self):
        """The profile in words, for headings, feeds and e-mails."""
        data = self.cleaned_data
        parts = [label(ENTERPRISE_SCALES, data["scale"]), label(INDUSTRIES, data["industry"])]
        region = next((r.name for r in self.regions if r.slug == data["region"]), "")
        if region:
            parts.append(region)
        parts += [q.name for q in self.qualifications if q.slug in set(data["qual"])]
        if data["founded"]:
            parts.append(f"{data['founded']}年成立")
        if data["headcount"] is not None:
            parts.append(f"{data['headcount']}人")
        if data["revenue"] is not None:
            parts.append(f"营业收入{format(data['revenue'].normalize(), 'f')}万元")
        return "，".join(parts)


def is_submitted(params):
    return any(params.get(name) for name in PARAMS)


def unknown_params(params):
    return sorted(set(params) - set(PARAMS))
