"""办一次、评一次: "这条信息对您有帮助吗？" votes on public content.

No personal data: no IP address, user agent, account or time of day; only
what was rated, the vote, an optional comment and the date. The departments
are copied from the rated item when the vote arrives, so each department's
editors see their own feedback and satisfaction rate."""


from django.db import models

from portal.daterules import today
from portal.models import Department

KINDS = [("policy", "政策文件"), ("interpretation", "政策解读"), ("power_item", "权力事项")]
COMMENT_MAX = 500



class Feedback(models.Model):
    kind = models.CharField("内容类型", max_length=20, choices=KINDS)
    object_id = models.PositiveIntegerField("内容编号")
    title = models.CharField("评价的内容", max_length=300)
    url = models.CharField("网址", max_length=500, blank=True)
    helpful = models.BooleanField("有帮助")
    comment = models.TextField("意见建议", blank=True, max_length=COMMENT_MAX)
    created = models.DateField("日期", default=today, db_index=True)
    departments = models.ManyToManyField(Department, verbose_name="所属部门", related_name="feedback", blank=True)

    class Meta:
        verbose_name = "信息评价"
        verbose_name_plural = "信息评价"
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["kind", "object_id"])]

    def __str__(self):
        return f"{self.title}：{self.vote_label}"

    @property
    def vote_label(self):
        return "有帮助" if self.helpful else "没有帮助"

    def department_names(self):
        return "、".join(d.name for d in self.departments.all())

    department_names.short_description = "所属部门"
