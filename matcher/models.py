"""E-mail alerts (订阅): a confirmed address, what it follows, what it got.

Nothing but the address and the followed query is kept; an unsubscribe
deletes the row. Unconfirmed rows are purged after the confirmation link
expires (send_alert_digests does it).
"""

from django.db import models

KINDS = [("search", "检索结果"), ("matcher", "政策计算器"), ("person", "个人政策计算器")]
PAGES = {"matcher": "/jisuanqi/", "person": "/jisuanqi/geren/", "search": "/search/"}


class Subscription(models.Model):
    email = models.EmailField("电子邮箱")
    kind = models.CharField("订阅类型", max_length=10, choices=KINDS)
    query = models.CharField("查询条件", max_length=2000, blank=True, help_text="规范化后的查询字符串。")
    title = models.CharField("订阅内容", max_length=300)
    created = models.DateTimeField("提交时间", auto_now_add=True)
    confirmed_at = models.DateTimeField("确认时间", null=True, blank=True)
    last_sent_at = models.DateTimeField("上次发送时间", null=True, blank=True)

    class Meta:
        verbose_name = "邮件订阅"
        verbose_name_plural = "邮件订阅"
        constraints = [models.UniqueConstraint(fields=["email", "kind", "query"], name="unique_subscription")]

    def __str__(self):
        return f"{self.email} · {self.title}"

    @property
    def confirmed(self):
        return self.confirmed_at is not None

    @property
    def page_url(self):
        path = PAGES[self.kind]
        return f"{path}?{self.query}" if self.query else path


class SentItem(models.Model):
    """An item a subscription's digest has listed: never listed again."""

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="sent_items")
    item_id = models.CharField(max_length=100)  # e.g. "measure:12", "policy:40"
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["subscription", "item_id"], name="unique_sent_item")]
