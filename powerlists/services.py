"""Writing power items and recording their adjustments.

The one place that records list changes: the Excel import, the management
command and the demo loader write through it, and publishing from the admin
(`PowerItem.publish`) records through it, so that every change leaves an
adjustment record.
"""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from . import diff
from .models import AccountabilityCase, Adjustment, LegalBasis, PowerItem, ResponsibilityStep

SCALAR_FIELDS = [
    "name", "power_type", "level", "statutory_days", "promised_days", "fee_basis", "fee_standard",
    "complaint_phone", "inspection_content", "inspection_method", "involves_enterprises", "remarks",
]
LEVEL_RANK = {"city": 0, "district": 1, "town": 2}


@dataclass
class Notice:
    """Why and where an adjustment was decided and announced."""

    basis: str
    effective_date: dt.date
    title: str
    number: str = ""
    url: str = ""


def write_item(data, department, item=None):
    """Create or overwrite an item (live) from canonical data; children replaced in order."""
    item = item or PowerItem(code=data["code"])
    for name in SCALAR_FIELDS:
        value = data.get(name)
        setattr(item, name, "" if value is None and name not in ("statutory_days", "promised_days",
                                                                  "involves_enterprises") else value)
    item.department = department
    item.live = True
    item.save()
    item.legal_bases.all().delete()
    item.steps.all().delete()
    item.accountability_cases.all().delete()
    LegalBasis.objects.bulk_create(
        [LegalBasis(item=item, sort_order=n, **b) for n, b in enumerate(data.get("legal_bases") or [])])
    ResponsibilityStep.objects.bulk_create(
        [ResponsibilityStep(item=item, sort_order=n, **s) for n, s in enumerate(data.get("steps") or [])])
    AccountabilityCase.objects.bulk_create(
        [AccountabilityCase(item=item, sort_order=n, **c) for n, c in enumerate(data.get("accountability") or [])])
    return item


def record(item, kind, notice, description="", changes=(), merged_into=None):
    return Adjustment.objects.create(
        item=item, kind=kind, description=description, basis=notice.basis, effective_date=notice.effective_date,
        notice_title=notice.title, notice_number=notice.number, notice_url=notice.url,
        changes=list(changes), merged_into=merged_into,
    )


def add(data, department, notice, description=""):
    """新增 (or re-adding a cancelled item under its old code)."""
    existing = PowerItem.objects.filter(code=data["code"]).first()
    item = write_item(data, department, existing)
    record(item, "add", notice, description or f"新增事项“{item.name}”。")
    return item


def change(item, data, notice, description=""):
    """变更 (下放 when the level moves down). Returns the record, or None when nothing differs."""
    old = item.to_data()
    new = {**old, **{k: v for k, v in data.items() if k != "department"}}
    if not diff.field_changes(old, new):
        return None
    write_item(new, item.department, item)
    return _record_change(item, old, new, notice, description)


def record_publication(item, old):
    """An item published from the admin (`old`: its live data before, None
    when it was not live): the addition or change goes on the record with
    the notice the editor gave, which is then cleared for the next change."""
    notice = Notice(basis=item.adjustment_basis or "（未填写）", title=item.adjustment_notice_title or "（未填写）",
                    effective_date=item.adjustment_effective_date or timezone.localdate(), number=item.adjustment_notice_number)
    if old is None:
        adjustment = record(item, "add", notice, f"新增事项“{item.name}”。")
    else:
        adjustment = _record_change(item, old, item.to_data(), notice)
    PowerItem.objects.filter(pk=item.pk).update(adjustment_basis="", adjustment_effective_date=None,
                                                adjustment_notice_title="", adjustment_notice_number="")
    return adjustment


def _record_change(item, old, new, notice, description=""):
    changes = diff.field_changes(old, new)
    if not changes:
        return None
    moved_down = LEVEL_RANK.get(new["level"], 1) > LEVEL_RANK.get(old["level"], 1)
    kind = "delegate" if moved_down else "change"
    labels = "、".join(c.label for c in changes)
    text = description or (f"下放至{dict(_levels())[new['level']]}实施。" if kind == "delegate" else f"变更{labels}。")
    return record(item, kind, notice, text,
                  changes=[{"field": c.field, "label": c.label, "old": c.old, "new": c.new} for c in changes])


def cancel(item, notice, description=""):
    return record(item, "cancel", notice, description or f"取消事项“{item.name}”。")


def merge(item, into, notice, description=""):
    return record(item, "merge", notice, description or f"“{item.name}”并入“{into.name}”（{into.code}）。",
                  merged_into=into)


def _levels():
    from .models import LEVELS

    return LEVELS
