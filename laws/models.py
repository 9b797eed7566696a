"""法律法规库: national laws and their articles, imported from open data.

A law row is one version of a law (the package keeps 历史版本 and 已被修改
versions beside the one 现行有效); `current` points an old version at the
version in force. Articles belong to one version.
"""

from django.db import models

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


class Article(models.Model):
    law = models.ForeignKey(Law, verbose_name="法律法规", on_delete=models.CASCADE, related_name="articles")
    position = models.PositiveIntegerField("顺序")
    number = models.PositiveIntegerField("条号", null=True, blank=True, db_index=True,
                                         help_text="阿拉伯数字条号；少数条文（如“第×条之一”）与上一条同号。")
    number_text = models.CharField("条号（原文）", max_length=40, blank=True)
    chapter = models.CharField("章", max_length=200, blank=True)
    section = models.CharField("节", max_length=200, blank=True)
    text = models.TextField("条文")

    class Meta:
        verbose_name = "条文"
        verbose_name_plural = "条文"
        ordering = ["law", "position"]
        constraints = [models.UniqueConstraint(fields=["law", "position"], name="laws_article_unique_position")]

    def __str__(self):
        return f"{self.law.title}{self.number_text}"
