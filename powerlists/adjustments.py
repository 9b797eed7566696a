"""The adjustment record (动态调整) of power items: the one place that
records list changes, whoever makes them (services.py for imports and the
demo, `PowerItem.publish` for the admin), so nothing changes silently.
It reaches the models through the item, so models.py may use it."""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from portal.docnumbers import NumberError, parse_document_number

from . import diff
from .codes import LEVEL_LABELS, LEVEL_RANK

SCALAR_FIELDS = [
    "name", "power_type", "level", "statutory_days", "promised_days", "fee_basis", "fee_standard",
    "complaint_phone", "inspection_content", "inspection_method", "involves_enterprises", "remarks",
]


@dataclass
class Notice:
    """Why and where an adjustment was decided and announced."""

    basis: str
    effective_date: dt.date
    title: str
    number: str = ""
    url: str = ""


def normalise_notice_number(text):
    """公告文号 is a 发文字号: written in any common form, stored in the standard one."""
    text = (text or "").strip()
    if not text:
        return ""
    try:
        return str(parse_document_number(text))
    except NumberError:
        raise NumberError(f"公告文号“{text}”格式不正确：应为“机关代字〔年份〕序号号”，如 南川府办发〔2024〕50号，"
                          "也可写作 南川府办发[2024]50号 或 南川府办发2024年50号。") from None


def change_kind(old, new):
    """下放 when the level moves down (区县级 → 乡镇（街道）), else 变更."""
    return "delegate" if LEVEL_RANK.get(new["level"], 1) > LEVEL_RANK.get(old["level"], 1) else "change"


def record(item, kind, notice, description="", changes=(), merged_into=None):
    return item.adjustments.create(
        kind=kind, description=description, basis=notice.basis, effective_date=notice.effective_date,
        notice_title=notice.title, notice_number=notice.number, notice_url=notice.url,
        changes=list(changes), merged_into=merged_into,
    )


def record_publication(item, old):
    """An item published from the admin (`old`: its live data before, None
    when it was not live): the addition or change goes on the record with
    the notice the editor gave, which is then cleared for the next change."""
    notice = Notice(basis=item.adjustment_basis or "（未填写）", title=item.adjustment_notice_title or "（未填写）",
                    effective_date=item.adjustment_effective_date or timezone.localdate(), number=item.adjustment_notice_number)
    if old is None:
        adjustment = record(item, "add", notice, f"新增事项“{item.name}”。")
    else:
        adjustment = record_change(item, old, item.to_data(), notice)
    type(item).objects.filter(pk=item.pk).update(adjustment_basis="", adjustment_effective_date=None,
                                                adjustment_notice_title="", adjustment_notice_number="")
    return adjustment


def record_change(item, old, new, notice, description=""):
    changes = diff.field_changes(old, new)
    if not changes:
        return None
    kind = change_kind(old, new)
    labels = "、".join(c.label for c in changes)
    text = description or (f"下放至{LEVEL_LABELS[new['level']]}实施。" if kind == "delegate" else f"变更{labels}。")
    return record(item, kind, notice, text,
                  changes=[{"field": c.field, "label": c.label, "old": c.old, "new": c.new} for c in changes])


def cancel(item, notice, description=""):
    return record(item, "cancel", notice, description or f"取消事项“{item.name}”。")


def merge(item, into, notice, description=""):
    return record(item, "merge", notice, description or f"“{item.name}”并入“{into.name}”（{into.code}）。",
                  merged_into=into)
