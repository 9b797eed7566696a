"""政府信息公开指南 (条例 art. 12) and the 年度报告 (art. 49–50).

The guide is one editable setting of the site; the annual report keeps only
what cannot be derived from the portal's data (narrative parts, the figures
of Table 1 the portal does not hold, Table 4): every other figure is computed
by `tables.py` from policies, power lists and requests.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from portal.models import Department, validate_phone

from . import deadlines
from .forms import AnnualReportForm


@register_setting(icon="doc-full", name="zhinan")
class GuideSettings(BaseGenericSetting):
    """Every element of 条例 art. 12: 分类、编排体系、获取方式, and the office's
    名称、办公地址、办公时间、联系电话、传真号码、互联网联系方式."""

    government_name = models.CharField("本级人民政府名称", max_length=100, blank=True,
                                       help_text="年度报告和目录中“公开主体”使用，如：南川区人民政府。")
    classification = models.TextField("政府信息的分类", blank=True)
    arrangement = models.TextField("编排体系", blank=True)
    proactive = models.TextField("获取方式：主动公开", blank=True)
    on_request = models.TextField("获取方式：依申请公开", blank=True)
    fees = models.TextField("收费", blank=True, help_text="信息处理费的收取标准和方式。")
    office_name = models.CharField("政府信息公开工作机构名称", max_length=100, blank=True)
    address = models.CharField("办公地址", max_length=200, blank=True)
    postcode = models.CharField("邮政编码", max_length=6, blank=True)
    office_hours = models.CharField("办公时间", max_length=200, blank=True)
    phone = models.CharField("联系电话", max_length=40, blank=True, validators=[validate_phone])
    fax = models.CharField("传真号码", max_length=40, blank=True, validators=[validate_phone])
    email = models.EmailField("电子邮箱", blank=True)
    website = models.URLField("互联网联系方式（网址）", blank=True)
    supervision = models.TextField("监督和救济", blank=True)
    updated_on = models.DateField("更新日期", auto_now=True)

    panels = [
        FieldPanel("government_name"),
        MultiFieldPanel([FieldPanel("classification"), FieldPanel("arrangement")], heading="分类和编排体系"),
        MultiFieldPanel([FieldPanel("proactive"), FieldPanel("on_request"), FieldPanel("fees")], heading="获取方式"),
        MultiFieldPanel([FieldPanel("office_name"), FieldPanel("address"), FieldPanel("postcode"), FieldPanel("office_hours"),
                         FieldRowPanel([FieldPanel("phone"), FieldPanel("fax")]),
                         FieldRowPanel([FieldPanel("email"), FieldPanel("website")])],
                        heading="政府信息公开工作机构"),
        FieldPanel("supervision"),
    ]

    class Meta:
        verbose_name = "政府信息公开指南"

    # (key, heading, [(label, field name)]): the page shows every element, "尚未填写" when empty.
    SECTIONS = [
        ("classes", "一、政府信息的分类与编排体系", [("分类", "classification"), ("编排体系", "arrangement")]),
        ("access", "二、获取方式", [("主动公开", "proactive"), ("依申请公开", "on_request"), ("收费", "fees")]),
        ("office", "三、政府信息公开工作机构", [
            ("机构名称", "office_name"), ("办公地址", "address"), ("邮政编码", "postcode"), ("办公时间", "office_hours"),
            ("联系电话", "phone"), ("传真号码", "fax"), ("电子邮箱", "email"), ("网址", "website"),
        ]),
        ("supervision", "四、监督和救济", [("监督和救济", "supervision")]),
    ]
    REQUIRED = ("classification", "arrangement", "proactive", "on_request", "office_name", "address",
                "office_hours", "phone", "fax", "website", "supervision")

    def sections(self):
        return [(key, heading, [(label, name, getattr(self, name)) for label, name in fields])
                for key, heading, fields in self.SECTIONS]

    def missing(self):
        """Labels of the art. 12 elements not filled in yet."""
        labels = {name: label for _k, _h, fields in self.SECTIONS for label, name in fields}
        return [labels[name] for name in self.REQUIRED if not getattr(self, name).strip()]


def _count():
    return models.PositiveIntegerField(default=0, validators=[MaxValueValidator(10_000_000)])


REVIEW_RESULTS = [("upheld", "结果维持"), ("corrected", "结果纠正"), ("other", "其他结果"), ("pending", "尚未审结")]
# Table 4's column groups: 行政复议, 行政诉讼（未经复议直接起诉 / 复议后起诉）.
TABLE4_GROUPS = [("review", "行政复议"), ("suit", "未经复议直接起诉"), ("suit_after", "复议后起诉")]


DUPLICATE = "这一年度的这份年度报告已经存在，请直接编辑它。"


class AnnualReport(models.Model):
    year = models.PositiveSmallIntegerField("年度", validators=[MinValueValidator(2008), MaxValueValidator(2100)])
    department = models.ForeignKey(Department, verbose_name="部门", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="annual_reports", help_text="留空为全区（本级人民政府）年度报告。")
    overview = models.TextField("一、总体情况", blank=True)
    problems = models.TextField("五、存在的主要问题及改进情况", blank=True)
    other_matters = models.TextField("六、其他需要报告的事项", blank=True,
                                     help_text="含按《政府信息公开信息处理费管理办法》收取信息处理费的情况。")
    # Table 1 figures the portal does not hold.
    licensing_decisions = models.PositiveIntegerField("行政许可：本年处理决定数量", default=0)
    punishment_decisions = models.PositiveIntegerField("行政处罚：本年处理决定数量", default=0)
    enforcement_decisions = models.PositiveIntegerField("行政强制：本年处理决定数量", default=0)
    fees_amount = models.DecimalField("行政事业性收费：本年收费金额（万元）", max_digits=12, decimal_places=2, default=0,
                                      validators=[MinValueValidator(0)])
    # Table 4, entered by staff; totals are computed.
    review_upheld = _count()
    review_corrected = _count()
    review_other = _count()
    review_pending = _count()
    suit_upheld = _count()
    suit_corrected = _count()
    suit_other = _count()
    suit_pending = _count()
    suit_after_upheld = _count()
    suit_after_corrected = _count()
    suit_after_other = _count()
    suit_after_pending = _count()

    published = models.BooleanField("公开发布", default=False)
    published_on = models.DateField("发布日期", null=True, blank=True, editable=False)
    # The tables as published: a later change to a request does not rewrite a published report.
    figures = models.JSONField("发布时的数据", null=True, blank=True, editable=False)

    base_form_class = AnnualReportForm
    panels = [
        FieldRowPanel([FieldPanel("year"), FieldPanel("department")], heading="年度和部门"),
        FieldPanel("overview"),
        MultiFieldPanel([FieldPanel("licensing_decisions"), FieldPanel("punishment_decisions"),
                         FieldPanel("enforcement_decisions"), FieldPanel("fees_amount")],
                        heading="二、主动公开：平台不掌握的数据（其余数据由系统生成）"),
        *[MultiFieldPanel([FieldRowPanel([FieldPanel(f"{group}_{key}") for key, _l in REVIEW_RESULTS])],
                          heading=f"四、{label}（总计由系统计算）") for group, label in TABLE4_GROUPS],
        FieldPanel("problems"),
        FieldPanel("other_matters"),
        FieldPanel("published"),
    ]

    class Meta:
        verbose_name = "政府信息公开年度报告"
        verbose_name_plural = "政府信息公开年度报告"
        ordering = ["-year", "department__sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["year", "department"], name="govinfo_report_year_department",
                                    violation_error_message=DUPLICATE),
            models.UniqueConstraint(fields=["year"], condition=models.Q(department__isnull=True),
                                    name="govinfo_report_year_district", violation_error_message=DUPLICATE),
        ]

    def __str__(self):
        return f"{self.publisher_name()}{self.year}年政府信息公开工作年度报告"

    def publisher_name(self):
        if self.department_id:
            return self.department.name
        return GuideSettings.load().government_name or "本级人民政府"

    def clean(self):
        super().clean()
        if self.year and self.year > deadlines.today().year:
            raise ValidationError({"year": "年度报告只能针对已经开始的年度。"})

    def save(self, *args, **kwargs):
        # Publishing fixes the computed tables as they are that day.
        if self.published and self.figures is None:
            from . import tables

            self.figures = tables.compute(self.year, self.department)
            self.published_on = deadlines.today()
        elif not self.published:
            self.figures = self.published_on = None
        super().save(*args, **kwargs)

    def current_figures(self):
        """The published figures, or (for a draft) the figures as of now."""
        if self.figures is not None:
            return self.figures
        from . import tables

        return tables.compute(self.year, self.department)

    def table4(self):
        """[(group label, [values in REVIEW_RESULTS order], total)]"""
        rows = []
        for group, label in TABLE4_GROUPS:
            values = [getattr(self, f"{group}_{key}") for key, _l in REVIEW_RESULTS]
            rows.append((label, values, sum(values)))
        return rows

    def get_absolute_url(self):
        from django.urls import reverse

        if self.department_id:
            return reverse("govinfo:report_department", args=[self.year, self.department.slug])
        return reverse("govinfo:report", args=[self.year])

    def due_date(self):
        return deadlines.due(self.year, district=self.department_id is None)
