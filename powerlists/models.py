"""权力清单、责任清单 and their versions (DESIGN.md §2).

Power items, responsibility lists and duty boundaries are Wagtail snippets
with drafts, revisions and workflows, so department editors write and the
portal office reviews and publishes. The public sees live rows only.
Versions freeze the list into snapshots; adjustment records say what changed,
when, on what basis and where it was announced.
"""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import DraftStateMixin, LockableMixin, Orderable, RevisionMixin, WorkflowMixin
from wagtail.search import index

from portal.models import Department, validate_phone

from . import adjustments, codes
from .forms import DepartmentScopedForm, PowerItemForm

LEVELS, LEVEL_LABELS = codes.LEVELS, codes.LEVEL_LABELS
STATUSES = [("active", "实施中"), ("cancelled", "已取消")]


def validate_code(value):
    try:
        codes.parse(value)
    except codes.CodeError as exc:
        raise ValidationError(str(exc), code="code") from exc


class PowerItemQuerySet(models.QuerySet):
    def public(self):
        return self.filter(live=True)

    def current(self):
        """Public and still in force (not cancelled or merged away)."""
        return self.public().filter(status="active")


class PowerItem(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, index.Indexed, ClusterableModel):
    code = models.CharField(
        "事项编码", max_length=10, unique=True, validators=[validate_code],
        help_text="2位类型字母+5位主项编号+3位子项编号（无子项时为000），如 XK00012000。",
    )
    name = models.CharField("事项名称", max_length=200)
    search_aliases = models.TextField("别名/常用问法", blank=True,
                               help_text="群众和企业怎么称呼这个事项，每行一个，如：开饭店、开餐馆、开奶茶店。")
    power_type = models.CharField("权力类型", max_length=20, choices=codes.POWER_TYPE_CHOICES)
    department = models.ForeignKey(
        Department, verbose_name="实施主体", on_delete=models.PROTECT, related_name="power_items"
    )
    level = models.CharField("实施层级", max_length=10, choices=LEVELS, default="district")
    statutory_days = models.PositiveSmallIntegerField("法定时限（工作日）", null=True, blank=True)
    promised_days = models.PositiveSmallIntegerField("承诺时限（工作日）", null=True, blank=True)
    fee_basis = models.TextField("收费依据", blank=True, help_text="不收费时留空。")
    fee_standard = models.TextField("收费标准", blank=True)
    complaint_phone = models.CharField("监督投诉电话", max_length=40, blank=True, validators=[validate_phone])
    inspection_content = models.TextField("检查内容", blank=True, help_text="仅行政检查事项填写。")
    inspection_method = models.CharField("检查方式", max_length=200, blank=True, help_text="如：双随机抽查、重点检查。")
    involves_enterprises = models.BooleanField("是否涉企", null=True, blank=True)
    remarks = models.TextField("备注", blank=True)
    status = models.CharField("状态", max_length=10, choices=STATUSES, default="active", editable=False)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    # The notice of the change being edited: it travels with the revision
    # through review and becomes the adjustment record when it is published.
    adjustment_basis = models.TextField("调整依据", blank=True, help_text="如：《××法》第×条；机构职能调整。")
    adjustment_effective_date = models.DateField("生效日期", null=True, blank=True)
    adjustment_notice_title = models.CharField("公告名称", max_length=200, blank=True)
    adjustment_notice_number = models.CharField("公告文号", max_length=100, blank=True)

    objects = PowerItemQuerySet.as_manager()

    base_form_class = PowerItemForm
    panels = [
        MultiFieldPanel([
            FieldPanel("code"), FieldPanel("name"),
            FieldRowPanel([FieldPanel("power_type"), FieldPanel("level")]),
            FieldPanel("search_aliases"),
            FieldPanel("department"),
        ], heading="基本信息"),
        InlinePanel("legal_bases", heading="设定依据", label="依据"),
        InlinePanel("steps", heading="责任事项", label="环节"),
        InlinePanel("accountability_cases", heading="追责情形", label="情形"),
        MultiFieldPanel([
            FieldRowPanel([FieldPanel("statutory_days"), FieldPanel("promised_days")]),
            FieldPanel("fee_basis"), FieldPanel("fee_standard"), FieldPanel("complaint_phone"),
        ], heading="时限、收费与监督"),
        MultiFieldPanel([
            FieldPanel("inspection_content"), FieldPanel("inspection_method"), FieldPanel("involves_enterprises"),
        ], heading="行政检查"),
        FieldPanel("remarks"),
        MultiFieldPanel([
            FieldPanel("adjustment_basis"),
            FieldRowPanel([FieldPanel("adjustment_effective_date"), FieldPanel("adjustment_notice_number")]),
            FieldPanel("adjustment_notice_title"),
        ], heading="动态调整", help_text="新增事项或修改已公开的事项时填写；发布时据此生成调整记录。"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name"), index.FilterField("department"),
                     index.SearchField("code")]

    class Meta:
        ordering = ["code"]
        verbose_name = "权力事项"
        verbose_name_plural = "权力事项"

    def __str__(self):
        return f"{self.code} {self.name}"

    def get_absolute_url(self):
        return reverse("powerlists:item", args=[self.code])

    # -- content rules ---------------------------------------------------------
    def clean(self):
        errors = {}
        if self.code:
            self.code = self.code.strip().upper()
            try:
                parsed = codes.parse(self.code)
                if self.power_type:
                    codes.check_type(self.code, self.power_type)
                if parsed.is_sub_item and not PowerItem.objects.filter(code=parsed.main_code).exists():
                    errors["code"] = f"子项的主项 {parsed.main_code} 不存在，请先建立主项。"
            except codes.CodeError as exc:
                errors["code"] = str(exc)
        if self.statutory_days is not None and self.promised_days is not None and self.promised_days > self.statutory_days:
            errors["promised_days"] = f"承诺时限（{self.promised_days}个工作日）不能长于法定时限（{self.statutory_days}个工作日）。"
        if self.power_type != "inspection" and (self.inspection_content or self.inspection_method):
            errors["inspection_content"] = "检查内容和检查方式只适用于行政检查事项。"
        if errors:
            raise ValidationError(errors)

    def publish(self, revision, *args, **kwargs):
        """Publishing from the admin or a workflow puts the change on the
        record, like an import does: nothing in the list changes silently."""
        with transaction.atomic():
            before = PowerItem.objects.filter(pk=self.pk, live=True).first()
            old = before.to_data() if before else None
            result = super().publish(revision, *args, **kwargs)
            adjustments.record_publication(PowerItem.objects.get(pk=self.pk), old)
        return result

    # -- derived ---------------------------------------------------------------
    @property
    def parsed_code(self):
        return codes.parse(self.code)

    @property
    def is_sub_item(self):
        return self.parsed_code.is_sub_item

    @property
    def main_item(self):
        parsed = self.parsed_code
        if not parsed.is_sub_item:
            return None
        return PowerItem.objects.public().filter(code=parsed.main_code).first()

    def sub_items(self):
        parsed = self.parsed_code
        if parsed.is_sub_item:
            return PowerItem.objects.none()
        prefix = parsed.main_code[:-3]
        return PowerItem.objects.public().filter(code__startswith=prefix).exclude(code=self.code)

    @property
    def is_cancelled(self):
        return self.status == "cancelled"

    def cancelling_adjustment(self):
        """The record that cancelled (or merged away) this item."""
        if not self.is_cancelled:
            return None
        return self.adjustments.filter(kind__in=["cancel", "merge"]).order_by("-effective_date", "-id").first()

    @property
    def power_type_label(self):
        return codes.POWER_TYPE_LABELS.get(self.power_type, self.power_type)

    @property
    def level_label(self):
        return LEVEL_LABELS.get(self.level, self.level)

    @property
    def fee_text(self):
        return "不收费" if not (self.fee_basis or self.fee_standard) else self.fee_standard

    def to_data(self):
        """Canonical plain data: used by snapshots, the diff, Excel and the API.
        Ordered parts keep their order; empty text is ""."""
        return {
            "code": self.code,
            "name": self.name,
            "power_type": self.power_type,
            "department": self.department.name,
            "level": self.level,
            "legal_bases": [{"law": b.law, "article": b.article, "text": b.text} for b in self.legal_bases.all()],
            "steps": [{"step": s.step, "content": s.content, "basis": s.basis} for s in self.steps.all()],
            "accountability": [{"case": c.case, "basis": c.basis} for c in self.accountability_cases.all()],
            "statutory_days": self.statutory_days,
            "promised_days": self.promised_days,
            "fee_basis": self.fee_basis,
            "fee_standard": self.fee_standard,
            "complaint_phone": self.complaint_phone,
            "inspection_content": self.inspection_content,
            "inspection_method": self.inspection_method,
            "involves_enterprises": self.involves_enterprises,
            "remarks": self.remarks,
        }

    def departments(self):
        return [self.department]

    @property
    def basis_under_review(self):
        """A basis failed 依据核验: the public page says so, neutrally."""
        return any(b.has_problem for b in self.legal_bases.all())


BASIS_CHECKS = [
    ("ok", "核验一致"),
    ("not_held", "未收录"),
    ("repealed", "法律已废止"),
    ("superseded", "所引版本已被修改"),
    ("missing_article", "条文不存在"),
    ("text_differs", "引文与条文不一致"),
    ("unreadable", "条款无法识别"),
]
# The results that put a basis (and its item) under review.
BASIS_PROBLEMS = ("repealed", "superseded", "missing_article", "text_differs", "unreadable")


class LegalBasisQuerySet(models.QuerySet):
    def problems(self):
        return self.filter(check_status__in=BASIS_PROBLEMS)

    def public_items(self):
        """The items in force that rest on these bases (an article's
        `power_bases.public_items`: 依据本条设定的权力事项)."""
        return PowerItem.objects.current().filter(legal_bases__in=self).distinct().select_related("department")


class LegalBasis(Orderable):
    item = ParentalKey(PowerItem, on_delete=models.CASCADE, related_name="legal_bases")
    law = models.CharField("法律法规名称", max_length=200, help_text="如：《中华人民共和国食品安全法》")
    article = models.CharField("条款", max_length=100, blank=True, help_text="如：第三十五条第一款")
    text = models.TextField("条文内容", blank=True)
    # 依据核验 (basis.py) fills these from the law library; editors never type them.
    law_ref = models.ForeignKey("laws.Law", verbose_name="所引法律", null=True, blank=True, editable=False,
                                on_delete=models.SET_NULL, related_name="power_bases")
    article_ref = models.ForeignKey("laws.Article", verbose_name="所引条文", null=True, blank=True, editable=False,
                                    on_delete=models.SET_NULL, related_name="power_bases")
    check_status = models.CharField("核验结果", max_length=20, choices=BASIS_CHECKS, blank=True, editable=False)
    check_note = models.TextField("核验说明", blank=True, editable=False)
    check_diff = models.JSONField("引文差异", default=list, blank=True, editable=False,
                                  help_text="[[\"equal\"|\"quote\"|\"law\", 文字], …]")
    checked_at = models.DateTimeField("核验时间", null=True, blank=True, editable=False)
    panels = [FieldPanel("law"), FieldPanel("article"), FieldPanel("text")]

    objects = LegalBasisQuerySet.as_manager()

    class Meta(Orderable.Meta):
        verbose_name = "设定依据"

    @property
    def has_problem(self):
        return self.check_status in BASIS_PROBLEMS


class ResponsibilityStep(Orderable):
    item = ParentalKey(PowerItem, on_delete=models.CASCADE, related_name="steps")
    step = models.CharField("环节", max_length=40, help_text="如：受理、审查、决定、送达、事后监管")
    content = models.TextField("责任内容")
    basis = models.TextField("依据", blank=True)
    panels = [FieldPanel("step"), FieldPanel("content"), FieldPanel("basis")]

    class Meta(Orderable.Meta):
        verbose_name = "责任事项"


class AccountabilityCase(Orderable):
    item = ParentalKey(PowerItem, on_delete=models.CASCADE, related_name="accountability_cases")
    case = models.TextField("追责情形")
    basis = models.TextField("追责依据", blank=True)
    panels = [FieldPanel("case"), FieldPanel("basis")]

    class Meta(Orderable.Meta):
        verbose_name = "追责情形"


# -- versions and adjustments ---------------------------------------------------

class PowerListVersion(models.Model):
    name = models.CharField("版本名称", max_length=40, unique=True, help_text="如：2024年版")
    approval_document = models.CharField("批准文件文号", max_length=100, help_text="如：区府发〔2024〕8号")
    approval_title = models.CharField("批准文件标题", max_length=200, blank=True)
    approved_on = models.DateField("批准日期")
    description = models.TextField("版本说明", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    panels = [FieldPanel("name"), FieldPanel("approval_document"), FieldPanel("approval_title"),
              FieldPanel("approved_on"), FieldPanel("description")]

    class Meta:
        ordering = ["-approved_on", "-id"]
        verbose_name = "清单版本"
        verbose_name_plural = "清单版本"

    def __str__(self):
        return self.name

    def freeze(self):
        """Snapshot the current public list into this version and attach the
        adjustments made since the previous version. Re-freezing replaces it."""
        items = PowerItem.objects.current().select_related("department").prefetch_related(
            "legal_bases", "steps", "accountability_cases")
        self.entries.all().delete()
        VersionEntry.objects.bulk_create([
            VersionEntry(version=self, code=item.code, department=item.department, power_type=item.power_type,
                         name=item.name, data=item.to_data())
            for item in items
        ])
        Adjustment.objects.filter(version__isnull=True, effective_date__lte=self.approved_on).update(version=self)

    def snapshot(self, department=None):
        entries = self.entries.all()
        if department is not None:
            entries = entries.filter(department=department)
        return {e.code: e.data for e in entries}


class VersionEntry(models.Model):
    version = models.ForeignKey(PowerListVersion, on_delete=models.CASCADE, related_name="entries")
    code = models.CharField(max_length=10)
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="+")
    power_type = models.CharField(max_length=20, choices=codes.POWER_TYPE_CHOICES)
    name = models.CharField(max_length=200)
    data = models.JSONField()

    class Meta:
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["version", "code"], name="unique_code_per_version")]


ADJUSTMENT_KINDS = [("add", "新增"), ("cancel", "取消"), ("delegate", "下放"), ("change", "变更"), ("merge", "合并")]
ADJUSTMENT_LABELS = dict(ADJUSTMENT_KINDS)


class Adjustment(models.Model):
    """One dynamic adjustment (动态调整) of one item, on the record for good."""

    item = models.ForeignKey(PowerItem, verbose_name="事项", on_delete=models.PROTECT, related_name="adjustments")
    kind = models.CharField("调整类型", max_length=10, choices=ADJUSTMENT_KINDS)
    description = models.TextField("调整内容", blank=True)
    basis = models.TextField("调整依据")
    effective_date = models.DateField("生效日期")
    notice_title = models.CharField("公告名称", max_length=200)
    notice_number = models.CharField("公告文号", max_length=100, blank=True)
    notice_url = models.URLField("公告链接", blank=True)
    merged_into = models.ForeignKey(
        PowerItem, verbose_name="合并至", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_from",
        help_text="调整类型为“合并”时填写：本事项并入的事项。",
    )
    changes = models.JSONField("变更字段", default=list, blank=True, editable=False)
    version = models.ForeignKey(
        PowerListVersion, verbose_name="纳入版本", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="adjustments",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    panels = [FieldPanel("item"), FieldPanel("kind"), FieldPanel("description"), FieldPanel("basis"),
              FieldPanel("effective_date"), FieldPanel("notice_title"), FieldPanel("notice_number"),
              FieldPanel("notice_url"), FieldPanel("merged_into"), FieldPanel("version")]

    class Meta:
        ordering = ["-effective_date", "-id"]
        verbose_name = "调整记录"
        verbose_name_plural = "调整记录"

    def __str__(self):
        return f"{self.get_kind_display()}：{self.item}"

    def clean(self):
        if self.kind == "merge" and not self.merged_into_id:
            raise ValidationError({"merged_into": "合并调整须注明并入的事项。"})
        if self.kind != "merge" and self.merged_into_id:
            raise ValidationError({"merged_into": "只有“合并”调整才填写并入的事项。"})
        if self.merged_into_id and self.merged_into_id == self.item_id:
            raise ValidationError({"merged_into": "事项不能并入自身。"})

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # Cancelling or merging takes the item out of the list, but it stays
        # reachable (marked cancelled, with this record).
        if self.kind in ("cancel", "merge") and self.item.status != "cancelled":
            PowerItem.objects.filter(pk=self.item_id).update(status="cancelled")
        elif self.kind == "add" and self.item.status != "active":
            PowerItem.objects.filter(pk=self.item_id).update(status="active")


# -- responsibility lists -------------------------------------------------------

class ResponsibilityList(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, ClusterableModel):
    department = models.OneToOneField(
        Department, verbose_name="部门", on_delete=models.PROTECT, related_name="responsibility_list"
    )
    accountability_mechanism = models.TextField(
        "责任追究机制", help_text="每段一条，空行分段。")
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    base_form_class = DepartmentScopedForm
    panels = [
        FieldPanel("department"),
        InlinePanel("duties", heading="一、主要职责", label="主要职责"),
        InlinePanel("supervision_rules", heading="三、事中事后监管制度", label="监管制度"),
        InlinePanel("public_services", heading="四、公共服务事项", label="公共服务事项"),
        FieldPanel("accountability_mechanism"),
    ]

    class Meta:
        ordering = ["department__sort_order"]
        verbose_name = "责任清单"
        verbose_name_plural = "责任清单"

    def __str__(self):
        return f"{self.department.name}责任清单"

    def departments(self):
        return [self.department]

    def boundaries(self):
        return DutyBoundary.involving(self.department)

    def mechanism_paragraphs(self):
        return [p.strip() for p in self.accountability_mechanism.split("\n") if p.strip()]


class MainDuty(Orderable):
    responsibility_list = ParentalKey(ResponsibilityList, on_delete=models.CASCADE, related_name="duties")
    title = models.TextField("主要职责")
    work_items = models.TextField("具体工作事项", help_text="每行一项。")
    panels = [FieldPanel("title"), FieldPanel("work_items")]

    def work_item_list(self):
        return [line.strip() for line in self.work_items.splitlines() if line.strip()]


class SupervisionRule(Orderable):
    responsibility_list = ParentalKey(ResponsibilityList, on_delete=models.CASCADE, related_name="supervision_rules")
    title = models.CharField("制度名称", max_length=200)
    content = models.TextField("主要内容")
    panels = [FieldPanel("title"), FieldPanel("content")]


class PublicService(Orderable):
    responsibility_list = ParentalKey(ResponsibilityList, on_delete=models.CASCADE, related_name="public_services")
    name = models.CharField("服务事项", max_length=200)
    content = models.TextField("服务内容")
    basis = models.TextField("依据", blank=True)
    panels = [FieldPanel("name"), FieldPanel("content"), FieldPanel("basis")]


class DutyBoundary(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, ClusterableModel):
    """职责边界: a matter several departments share, who leads, who supports,
    and each side's duties. Shown on every department involved."""

    matter = models.CharField("职责边界事项", max_length=200)
    lead_department = models.ForeignKey(
        Department, verbose_name="牵头部门", on_delete=models.PROTECT, related_name="led_boundaries"
    )
    lead_duties = models.TextField("牵头部门职责")
    basis = models.TextField("依据", blank=True)
    sort_order = models.PositiveIntegerField("排序", default=100)

    base_form_class = DepartmentScopedForm
    panels = [FieldPanel("matter"), FieldPanel("lead_department"), FieldPanel("lead_duties"), FieldPanel("basis"),
              InlinePanel("parties", heading="配合部门及职责", label="配合部门", min_num=1), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = "职责边界"
        verbose_name_plural = "职责边界"

    def __str__(self):
        return self.matter

    def departments(self):
        return [self.lead_department]

    @classmethod
    def involving(cls, department):
        return (cls.objects.filter(live=True)
                .filter(Q(lead_department=department) | Q(parties__department=department))
                .distinct().select_related("lead_department").prefetch_related("parties__department"))


class BoundaryParty(Orderable):
    boundary = ParentalKey(DutyBoundary, on_delete=models.CASCADE, related_name="parties")
    department = models.ForeignKey(Department, verbose_name="配合部门", on_delete=models.PROTECT, related_name="+")
    duties = models.TextField("配合部门职责")
    panels = [FieldPanel("department"), FieldPanel("duties")]
