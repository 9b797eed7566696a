"""法律法规库: national laws and their articles, imported from open data.

A law row is one version of a law (the package keeps 历史版本 and 已被修改
versions beside the one 现行有效); `current` points an old version at the
version in force. Articles belong to one version.
"""

from django.db import models
from django.urls import reverse

STATUSES = [
    ("in_force", "现行有效"),
    ("amended", "已被修改"),
    ("repealed", "已废止"),
    ("historical", "历史版本"),
]


class Law(models.Model):
    source_id = models.CharField("来源编号", max_length=40, unique=True,
                                 help_text="数据来源中的法律编号（law_id），重复导入以此为准。")
    title = models.CharField("名称", max_length=300, db_index=True)
    doc_type = models.CharField("文件类型", max_length=40, blank=True)
    level = models.CharField("效力级别", max_length=40, blank=True)
    issuer = models.CharField("制定机关", max_length=200, blank=True)
    publish_date = models.DateField("公布日期", null=True, blank=True)
    effective_date = models.DateField("施行日期", null=True, blank=True)
    version_date = models.DateField("版本日期", null=True, blank=True)
    status = models.CharField("时效性", max_length=12, choices=STATUSES, default="in_force", db_index=True)
    category = models.CharField("法律部门", max_length=40, blank=True, db_index=True)
    current = models.ForeignKey("self", verbose_name="现行版本", null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="older_versions")
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "法律法规"
        verbose_name_plural = "法律法规"
        ordering = ["title", "-version_date"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("laws:law", args=[self.source_id])

    @property
    def short_title(self):
        """The name people cite: 食品安全法 for 中华人民共和国食品安全法."""
        return self.title.removeprefix("中华人民共和国") or self.title

    @property
    def status_sentence(self):
        """本文件已废止 / 本文件为历史版本 / 本文件已被修改 (nothing when in force)."""
        label = self.get_status_display()
        return "" if self.status == "in_force" else "本文件" + (label if label.startswith("已") else "为" + label)

    @property
    def in_force_version(self):
        """The version in force: itself, its `current`, or None (repealed)."""
        return self if self.status == "in_force" else self.current


class Article(models.Model):
    law = models.ForeignKey(Law, verbose_name="法律法规", on_delete=models.CASCADE, related_name="articles")
    position = models.PositiveIntegerField("顺序")
    number = models.PositiveIntegerField("条号", null=True, blank=True, db_index=True,
                                         help_text="阿拉伯数字条号；少数条文（如“第×条之一”）与上一条同号。")
    number_text = models.CharField("条号（原文）", max_length=40, blank=True)
    chapter = models.CharField("章", max_length=200, blank=True)
    section = models.CharField("节", max_length=200, blank=True)
    text = models.TextField("条文")
    anchor = models.CharField("锚点", max_length=60, help_text="本法内唯一且稳定：条号原文（第三十五条），无条号的为“全文”，重复条号加 -2、-3。")

    class Meta:
        verbose_name = "条文"
        verbose_name_plural = "条文"
        ordering = ["law", "position"]
        constraints = [models.UniqueConstraint(fields=["law", "position"], name="laws_article_unique_position"),
                       models.UniqueConstraint(fields=["law", "anchor"], name="laws_article_unique_anchor")]

    def __str__(self):
        return f"{self.law.title}{self.number_text}"

    def get_absolute_url(self):
        return reverse("laws:article", args=[self.law.source_id, self.anchor])


class LawImport(models.Model):
    """One committed `import_laws` run and the changes it found."""

    finished_at = models.DateTimeField("完成时间", auto_now_add=True)
    source = models.CharField("数据来源", max_length=500)
    laws = models.PositiveIntegerField("法律法规数")
    articles = models.PositiveIntegerField("条文数")
    changes = models.JSONField("变化", default=list)

    class Meta:
        verbose_name = "法律法规导入记录"
        verbose_name_plural = "法律法规导入记录"
        ordering = ["-finished_at"]

    def __str__(self):
        return f"{self.finished_at:%Y-%m-%d %H:%M} · {len(self.changes)} 处变化"
