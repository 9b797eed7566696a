"""Shared reference data: departments and the district's own taxonomies."""

import re

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from .issuers import listed_level
from .taxonomies import DEPARTMENT_LEVEL_HEADINGS, POLICY_LEVELS

# 组织机构代码 (9 characters, e.g. 000014349 or 00923468-X written without
# the hyphen) or 统一社会信用代码 (18 characters). Used in 索引号.
ORG_CODE_RE = re.compile(r"^(?:[0-9A-Z]{8}[0-9X]|[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10})$")


def validate_org_code(value):
    if not ORG_CODE_RE.match(value or ""):
        raise ValidationError(
            "组织机构代码格式不正确：应为9位组织机构代码（如 00923468X）或18位统一社会信用代码。",
            code="org_code",
        )


def validate_phone(value):
    if value and not re.match(r"^[0-9\-（）()、 ,，/]{5,40}$", value):
        raise ValidationError("电话号码格式不正确：只能包含数字、连字符和括号，例如 023-71422345。", code="phone")


class Department(index.Indexed, models.Model):
    name = models.CharField("部门名称", max_length=100, unique=True)
    short_name = models.CharField("简称", max_length=40, blank=True)
    slug = models.SlugField("网址标识", max_length=60, unique=True, allow_unicode=False)
    org_code = models.CharField(
        "组织机构代码",
        max_length=18,
        unique=True,
        validators=[validate_org_code],
        help_text="9位组织机构代码或18位统一社会信用代码，用于生成政策文件索引号。",
    )
    level = models.CharField(
        "发文级别", max_length=20, choices=POLICY_LEVELS, blank=True,
        help_text="本机关所发政策文件的政策级别；导入政策文件时，没有注明政策级别的文件按发文机关的级别确定。",
    )
    description = models.TextField("部门职能简介", blank=True)
    phone = models.CharField("咨询电话", max_length=40, blank=True, validators=[validate_phone])
    complaint_phone = models.CharField("监督投诉电话", max_length=40, blank=True, validators=[validate_phone])
    address = models.CharField("办公地址", max_length=200, blank=True)
    office_hours = models.CharField("办公时间", max_length=100, blank=True)
    sort_order = models.PositiveIntegerField("排序", default=100)
    editor_group = models.OneToOneField(
        Group,
        verbose_name="编辑用户组",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="department",
        help_text="该组成员可以编辑本部门的内容（提交审核，不能直接发布）。",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("short_name"),
        FieldPanel("slug"),
        FieldPanel("org_code"),
        FieldPanel("level"),
        FieldPanel("description"),
        FieldPanel("phone"),
        FieldPanel("complaint_phone"),
        FieldPanel("address"),
        FieldPanel("office_hours"),
        FieldPanel("sort_order"),
        FieldPanel("editor_group"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    @property
    def effective_level(self):
        """Its level as listings group it: the one set, else the issuer table's, else the district's."""
        return self.level or listed_level(self.name) or "district"

    @classmethod
    def by_level(cls, departments):
        """(heading, departments) per level, the district's own first (区级部门, 市级部门, 中央和国家机关)."""
        groups = {level: [] for level in DEPARTMENT_LEVEL_HEADINGS}
        for d in departments:
            groups.setdefault(d.effective_level, []).append(d)
        return [(DEPARTMENT_LEVEL_HEADINGS.get(level, ""), ds) for level, ds in groups.items() if ds]

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = "部门"
        verbose_name_plural = "部门"

    def __str__(self):
        return self.name

    @property
    def display_name(self):
        return self.short_name or self.name


class Topic(models.Model):
    """主题分类, two levels: a top-level topic and its sub-topics."""

    name = models.CharField("名称", max_length=60)
    slug = models.SlugField("网址标识", max_length=60, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级主题",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        limit_choices_to={"parent__isnull": True},
    )
    sort_order = models.PositiveIntegerField("排序", default=100)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("parent"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = "主题分类"
        verbose_name_plural = "主题分类"
        constraints = [models.UniqueConstraint(fields=["parent", "name"], name="unique_topic_name_per_parent")]

    def __str__(self):
        return f"{self.parent.name} / {self.name}" if self.parent_id else self.name

    def clean(self):
        if self.parent_id:
            if self.parent_id == self.pk:
                raise ValidationError({"parent": "主题不能以自身为上级主题。"})
            if self.parent.parent_id:
                raise ValidationError({"parent": "主题分类只有两级：上级主题必须是一级主题。"})

    @property
    def root(self):
        return self.parent if self.parent_id else self


class Region(models.Model):
    """镇街: the towns and sub-districts of the district."""

    KINDS = [("street", "街道"), ("town", "镇"), ("township", "乡")]
    name = models.CharField("名称", max_length=40, unique=True)
    slug = models.SlugField("网址标识", max_length=60, unique=True)
    kind = models.CharField("类型", max_length=10, choices=KINDS, default="town")
    sort_order = models.PositiveIntegerField("排序", default=100)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("kind"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = "镇街"
        verbose_name_plural = "镇街"

    def __str__(self):
        return self.name


class Qualification(models.Model):
    """Enterprise qualifications a support measure may require (高新技术企业、专精特新…)."""

    name = models.CharField("名称", max_length=60, unique=True)
    slug = models.SlugField("网址标识", max_length=60, unique=True)
    description = models.TextField("认定说明", blank=True)
    lead_days = models.PositiveSmallIntegerField(
        "取得所需天数", null=True, blank=True,
        help_text="从申请到取得该资质通常需要的天数；申报截止前来不及取得的，不作为“差一点”提示。")
    sort_order = models.PositiveIntegerField("排序", default=100)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"), FieldPanel("lead_days"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "id"]
        verbose_name = "企业资质"
        verbose_name_plural = "企业资质"

    def __str__(self):
        return self.name


class DocumentAttachment(Orderable):
    """A file attached to a page (policies, consultations): the subclass adds
    its `page` ParentalKey with related_name="attachments"."""

    document = models.ForeignKey("wagtaildocs.Document", verbose_name="文件", on_delete=models.CASCADE, related_name="+")
    title = models.CharField("附件名称", max_length=200, blank=True, help_text="留空则使用文件标题。")

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        abstract = True

    @property
    def display_title(self):
        return self.title or self.document.title
