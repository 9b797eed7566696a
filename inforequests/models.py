"""依申请公开: requests for government information (条例 art. 27–45).

A request is filed by the public (no login), routed by the 门户办 to one
department and answered there. Every step is an event with its date; the
statutory clock (working days) is computed from the events, never stored.
"""

import secrets

from django.db import models
from django.utils import timezone

from portal.daterules import today as district_today
from portal.models import Department

from . import clock
from .outcomes import APPLICANT_TYPES, ORGANISATION_KINDS, OUTCOME_CHOICES, REASON_CHOICES

FORMS = [("paper", "纸质"), ("electronic", "电子文件"), ("other", "其他")]
DELIVERIES = [("post", "邮寄"), ("email", "电子邮件"), ("pickup", "当面领取"), ("online", "网上获取")]
STATUSES = [
    ("received", "已收到，待分办"),
    ("processing", "办理中"),
    ("correction", "待申请人补正"),
    ("consulting", "征求第三方意见"),
    ("answered", "已答复"),
    ("closed", "已终止"),
]
EVENT_KINDS = [
    ("received", "收到申请"),
    ("routed", "分办至承办部门"),
    ("accepted", "受理"),
    ("correction_requested", "发出补正通知"),
    ("correction_completed", "申请人完成补正"),
    ("consultation_started", "征求第三方意见"),
    ("consultation_ended", "第三方意见征求结束"),
    ("extended", "延期答复"),
    ("answered", "作出答复"),
    ("withdrawn", "申请人撤回"),
]


# 查询码: 16 characters without look-alikes (0/O, 1/I/L), about 80 bits.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 16


def new_code():
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i:i + 4] for i in range(0, CODE_LENGTH, 4))


def normalise_code(text):
    """What the applicant typed (any case, spaces or hyphens) as a stored code."""
    raw = "".join(c for c in (text or "").upper() if c.isalnum())
    return "-".join(raw[i:i + 4] for i in range(0, len(raw), 4))


OPEN_STATUSES = ("received", "processing", "correction", "consulting")


class InformationRequest(models.Model):
    code = models.CharField("查询码", max_length=32, unique=True, editable=False)
    applicant_type = models.CharField("申请人类型", max_length=12, choices=APPLICANT_TYPES)
    organisation_kind = models.CharField("组织类型", max_length=16, choices=ORGANISATION_KINDS, blank=True)
    # 公民: 姓名、身份证件; 法人或其他组织: 名称、统一社会信用代码、法定代表人、联系人.
    name = models.CharField("姓名/名称", max_length=200)
    id_type = models.CharField("证件类型", max_length=40, blank=True)
    id_number = models.CharField("证件号码/统一社会信用代码", max_length=40, blank=True)
    legal_representative = models.CharField("法定代表人", max_length=100, blank=True)
    contact_name = models.CharField("联系人", max_length=100, blank=True)
    phone = models.CharField("联系电话", max_length=40)
    email = models.EmailField("电子邮箱", blank=True)
    address = models.CharField("通信地址", max_length=300, blank=True)
    postcode = models.CharField("邮政编码", max_length=6, blank=True)
    description = models.TextField("所需政府信息的名称、文号或者便于查询的其他特征性描述")
    purpose = models.TextField("申请用途", blank=True)
    form = models.CharField("获取信息的形式", max_length=12, choices=FORMS, default="electronic")
    delivery = models.CharField("获取信息的方式", max_length=12, choices=DELIVERIES, default="email")

    received_at = models.DateTimeField("收到时间", db_index=True)
    department = models.ForeignKey(Department, verbose_name="承办部门", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="information_requests")
    status = models.CharField("状态", max_length=12, choices=STATUSES, default="received", db_index=True)

    outcome = models.CharField("办理结果", max_length=16, choices=OUTCOME_CHOICES, blank=True)
    outcome_reason = models.CharField("具体情形", max_length=40, choices=REASON_CHOICES, blank=True)
    answered_on = models.DateField("答复日期", null=True, blank=True, db_index=True)
    reply_text = models.TextField("答复内容", blank=True)
    remedy_text = models.TextField("救济渠道", blank=True)
    reply_document = models.ForeignKey("wagtaildocs.Document", verbose_name="答复书", null=True, blank=True,
                                       on_delete=models.SET_NULL, related_name="+")
    # 条例 art. 44: an answer of general interest may be published for everyone.
    publish_answer = models.BooleanField("可作为主动公开信息", default=False)

    class Meta:
        verbose_name = "政府信息公开申请"
        verbose_name_plural = "政府信息公开申请"
        ordering = ["-received_at"]

    def __str__(self):
        return f"{self.code} {self.description[:20]}"

    def save(self, *args, **kwargs):
        if not self.code:
            self.code = new_code()
        super().save(*args, **kwargs)

    def clock(self, today=None):
        events = list(self.events.all())
        return clock.compute(timezone.localtime(self.received_at), events, today or district_today())

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES


class RequestEvent(models.Model):
    request = models.ForeignKey(InformationRequest, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("步骤", max_length=24, choices=EVENT_KINDS)
    date = models.DateField("日期")
    note = models.TextField("说明", blank=True, help_text="补正内容、延期理由、第三方等。")
    working_days = models.PositiveSmallIntegerField("延长工作日数", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey("auth.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "办理步骤"
        verbose_name_plural = "办理步骤"
        ordering = ["date", "id"]
