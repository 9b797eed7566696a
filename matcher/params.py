"""The business profile as GET parameters: declared, checked, normalised.

PersonParams does the same for a person's profile (个人 mode).

The profile lives in the URL (bookmarkable, shareable, nothing stored). This
declaration (portal.params) is the one place that turns query parameters
into a Profile, for the page, the JSON API, the feed and subscriptions; it
documents them in /api/openapi.json and gives back the canonical query
string for feeds and subscriptions.
"""

from decimal import Decimal
from typing import Annotated
from urllib.parse import urlencode

from pydantic import (
    AfterValidator,
    Field,
    PrivateAttr,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from portal.daterules import today as district_today
from portal.models import Qualification, Region
from portal.params import Integer, Number, OneOf, ParamError, Params, Say, rows
from portal.taxonomies import (
    DISABILITY_GRADES,
    EMPLOYMENT_STATUSES,
    ENTERPRISE_SCALES,
    INDUSTRIES,
    PERSON_GROUPS,
    label,
)

from . import citizen_matching, enterprise_scale
from .citizen_matching import PersonProfile
from .matching import Profile

EARLIEST_YEAR = 1949
MAX_FIGURE = Decimal("100000000")  # 万元: a trillion yuan, far beyond any business here
ASCII = "请用半角阿拉伯数字（0-9）填写。"


def _not_after_this_year(year):
    this_year = district_today().year
    if year is not None and year > this_year:
        raise PydanticCustomError("less_than_equal", "in the future", {"le": this_year})
    return year


def _region_name(slug):
    if not slug:
        return ""
    return Region.objects.filter(slug=slug).values_list("name", flat=True).first() or ""


def _figure(what):
    return Annotated[Number(0, MAX_FIGURE, places=2, digits=14), Say(
        number=f"{what}必须是数字。", ascii=f"{what}{ASCII}", too_small=f"{what}不能为负数。",
        too_large=f"{what}超出合理范围。", places=f"{what}最多保留两位小数。")]


class ProfileParams(Params):
    """/jisuanqi/, /api/matcher/ and /jisuanqi/feed/. Field order is the canonical order."""

    scale: Annotated[str, OneOf(ENTERPRISE_SCALES), Say(choice="未知的企业规模：{value}。")] | None = Field(
        None, title="企业规模", description="企业规模；留空则按从业人数和营业收入测算")
    industry: Annotated[str, OneOf(INDUSTRIES), Say(choice="未知的行业门类代码：{value}。", missing="请选择行业门类代码。")] = Field(
        title="行业门类（GB/T 4754）", description="行业门类代码（GB/T 4754-2017，A–T）")
    sector: Annotated[str, OneOf({s.key: s.label for s in enterprise_scale.SECTORS}), Say(choice="未知的划型行业：{value}。")] | None = Field(
        None, title="划型行业（自动测算规模时用）", description="划型行业（门类含多个划型标准时测算规模用）")
    region: Annotated[str, OneOf(rows(Region)), Say(choice="未知的镇街：{value}。")] | None = Field(
        None, title="所在镇街", description="所在镇街标识")
    qual: Annotated[tuple[Annotated[str, OneOf(rows(Qualification)), Say(choice="未知的企业资质：{value}。")], ...],
                    AfterValidator(lambda slugs: tuple(sorted(slugs)))] = Field(
        (), title="已具备的资质", description="已具备的资质标识")
    founded: Annotated[Integer(EARLIEST_YEAR), Say(
        integer="成立年份必须是四位数字年份，如 2018。", ascii=f"成立年份{ASCII}", too_small=f"成立年份不能早于{EARLIEST_YEAR}年。",
        too_large="成立年份不能晚于今年（{high}年）。")] | None = Field(
        None, title="成立（注册）年份", description="成立（注册）年份，不晚于今年")
    headcount: Annotated[Integer(0, 10_000_000), Say(
        integer="从业人数必须是整数。", ascii=f"从业人数{ASCII}", too_small="从业人数不能为负数。",
        too_large="从业人数超出合理范围。")] | None = Field(
        None, title="从业人数（人）", description="从业人数")
    revenue: _figure("营业收入") | None = Field(None, title="上年度营业收入（万元）", description="上年度营业收入（万元）")
    assets: _figure("资产总额") | None = Field(
        None, title="资产总额（万元，建筑业、房地产、租赁和商务服务业测算规模时用）",
        description="资产总额（万元），建筑业、房地产、租赁和商务服务业测算规模时用")

    _derived_scale: str = PrivateAttr("")

    _not_future = field_validator("founded")(lambda year: _not_after_this_year(year))

    @model_validator(mode="after")
    def _scale(self):
        """The scale the business chose, or the one its figures give
        (工信部联企业〔2011〕300号), and the two must agree."""
        figures = [self.headcount, self.revenue, self.assets]
        if self.sector:
            sector = enterprise_scale.SECTORS_BY_KEY[self.sector]
            if sector.industry and sector.industry != self.industry:
                raise ParamError.one(
                    "sector", f"划型行业“{sector.label}”不属于所选行业门类“{label(INDUSTRIES, self.industry)}”。")
        elif any(f is not None for f in figures):
            options = enterprise_scale.sectors_for_industry(self.industry)
            if len(options) == 1:
                sector = options[0]
            elif self.scale:
                sector = None  # cannot tell which standard applies; trust the chosen scale
            else:
                names = "、".join(s.label for s in options)
                raise ParamError.one("sector", f"该行业门类包含多个划型标准（{names}），请选择具体行业以便测算企业规模。")
        else:
            sector = None
        derived = self._derive(sector)
        if not self.scale:
            if not derived:
                raise ParamError.one("scale", "请选择企业规模，或填写从业人数和营业收入以便自动测算。")
            self._derived_scale = derived
        elif derived and self.scale != "individual" and derived != self.scale:
            # The figures and the chosen scale cannot both be right.
            raise ParamError.one("scale", f"按所填从业人数和营业收入测算为{label(ENTERPRISE_SCALES, derived)}，"
                                          f"与所选“{label(ENTERPRISE_SCALES, self.scale)}”不符。")
        return self

    def _derive(self, sector):
        if sector is None:
            return ""
        try:
            return enterprise_scale.classify(sector.key, headcount=self.headcount, revenue=self.revenue, assets=self.assets)
        except enterprise_scale.MissingMeasure as exc:
            if not self.scale:
                raise ParamError.one({"X": "headcount", "Y": "revenue", "Z": "assets"}[exc.measure], str(exc)) from None
            return ""

    # -- outputs --------------------------------------------------------------
    @property
    def derived_scale(self):
        """The scale computed from the figures, when none was chosen."""
        return self._derived_scale

    @property
    def scale_key(self):
        return self.scale or self._derived_scale

    def region_name(self):
        return _region_name(self.region)

    def profile(self):
        return Profile(
            scale=self.scale_key,
            industry=self.industry,
            region=self.region or "",
            region_name=self.region_name(),
            qualifications=frozenset(self.qual),
            founded=self.founded,
            headcount=self.headcount,
            revenue=self.revenue,
        )

    def query_string(self):
        """Canonical form of the profile: fixed order, no blanks, sorted
        qualifications, a derived scale left out (it follows from the
        figures the business typed): two URLs for the same profile give the
        same string."""
        return urlencode(self.query_pairs())

    def summary(self):
        """The profile in words, for headings, feeds and e-mails."""
        return "，".join(self.summary_parts())

    def summary_parts(self):
        parts = [label(ENTERPRISE_SCALES, self.scale_key), label(INDUSTRIES, self.industry)]
        if self.region:
            parts.append(self.region_name())
        parts += list(Qualification.objects.filter(slug__in=self.qual).values_list("name", flat=True))
        if self.founded:
            parts.append(f"{self.founded}年成立")
        if self.headcount is not None:
            parts.append(f"{self.headcount}人")
        if self.revenue is not None:
            parts.append(f"营业收入{format(self.revenue.normalize(), 'f')}万元")
        return parts


class PersonParams(Params):
    """/jisuanqi/geren/, /api/matcher/person/ and /jisuanqi/geren/feed/: a
    person's (个人/家庭) profile. Every answer is optional; a blank one makes
    the conditions that need it "需确认". Field order is the canonical order."""

    age: Annotated[Integer(0, 150), Say(
        integer="年龄必须是整数（周岁）。", ascii=f"年龄{ASCII}", too_small="年龄不能为负数。",
        too_large="年龄超出合理范围。")] | None = Field(None, title="年龄（周岁）", description="年龄（周岁）")
    residence: Annotated[str, OneOf(citizen_matching.RESIDENCES), Say(choice="未知的户籍和居住情况：{value}。")] | None = Field(
        None, title="户籍和居住情况", description="hukou 本区户籍；resident 非本区户籍、在本区居住；elsewhere 不在本区居住")
    region: Annotated[str, OneOf(rows(Region)), Say(choice="未知的镇街：{value}。")] | None = Field(
        None, title="居住的镇街", description="居住的镇街标识")
    employment: Annotated[str, OneOf(EMPLOYMENT_STATUSES), Say(choice="未知的就业状态：{value}。")] | None = Field(
        None, title="就业状态", description="就业状态")
    graduated: Annotated[Integer(EARLIEST_YEAR), Say(
        integer="毕业年份必须是四位数字年份，如 2024。", ascii=f"毕业年份{ASCII}",
        too_small=f"毕业年份不能早于{EARLIEST_YEAR}年。", too_large="毕业年份不能晚于今年（{high}年）。")] | None = Field(
        None, title="高校毕业年份（高校毕业生填写）", description="高校毕业年份，不晚于今年；非高校毕业生不填")
    group: Annotated[tuple[Annotated[str, OneOf(PERSON_GROUPS), Say(choice="未知的人群：{value}。")], ...],
                     AfterValidator(lambda keys: tuple(sorted(keys)))] = Field(
        (), title="所属人群", description="所属人群（退役军人、残疾人、低保对象等）")
    disability: Annotated[str, OneOf(DISABILITY_GRADES), Say(choice="未知的残疾等级：{value}。")] | None = Field(
        None, title="残疾等级（残疾人填写）", description="残疾等级 1–4（一级最重），须同时选择人群 disabled")
    children: Annotated[Integer(0, 20), Say(
        integer="子女数必须是整数。", ascii=f"子女数{ASCII}", too_small="子女数不能为负数。",
        too_large="子女数超出合理范围。")] | None = Field(None, title="子女数", description="子女数")
    income: Annotated[Number(0, Decimal("10000000"), places=2, digits=10), Say(
        number="家庭月人均收入必须是数字。", ascii=f"家庭月人均收入{ASCII}", too_small="家庭月人均收入不能为负数。",
        too_large="家庭月人均收入超出合理范围。", places="家庭月人均收入最多保留两位小数。")] | None = Field(
        None, title="家庭月人均收入（元）", description="家庭月人均收入（元/月）")

    _not_future = field_validator("graduated")(lambda year: _not_after_this_year(year))

    @model_validator(mode="after")
    def _disability_needs_group(self):
        if self.disability and "disabled" not in self.group:
            raise ParamError.one("disability", "填写残疾等级时，请同时在“所属人群”中选择“残疾人”。")
        return self

    def region_name(self):
        return _region_name(self.region)

    def profile(self):
        return PersonProfile(
            age=self.age, residence=self.residence or "", region=self.region or "", region_name=self.region_name(),
            employment=self.employment or "", graduated=self.graduated, groups=frozenset(self.group),
            disability_grade=self.disability or "", children=self.children, income_per_head=self.income,
        )

    def query_string(self):
        return urlencode(self.query_pairs())

    def summary(self):
        return "，".join(self.summary_parts()) or "未填写个人情况"

    def summary_parts(self):
        parts = []
        if self.age is not None:
            parts.append(f"{self.age}周岁")
        if self.residence:
            parts.append(label(citizen_matching.RESIDENCES, self.residence))
        if self.region:
            parts.append(self.region_name())
        if self.employment:
            parts.append(label(EMPLOYMENT_STATUSES, self.employment))
        if self.graduated:
            parts.append(f"{self.graduated}年高校毕业")
        parts += [label(PERSON_GROUPS, g) for g in self.group]
        if self.disability:
            parts.append(f"{label(DISABILITY_GRADES, self.disability)}残疾")
        if self.children is not None:
            parts.append(f"子女{self.children}个")
        if self.income is not None:
            parts.append(f"家庭月人均收入{format(self.income.normalize(), 'f')}元")
        return parts


def is_submitted(query, params=ProfileParams):
    """Whether a profile was typed at all (an empty form is no error)."""
    return any(query.get(name) for name in params.names())
