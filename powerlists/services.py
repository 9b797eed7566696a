"""Writing power items: the Excel import, the management command and the
demo loader write through here, and every change they make is recorded
through adjustments.py (as publishing from the admin is)."""

from . import basis, diff
from .adjustments import SCALAR_FIELDS, record, record_change
from .models import AccountabilityCase, LegalBasis, PowerItem, ResponsibilityStep


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
    basis.check_item(item)
    return item


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
    return record_change(item, old, new, notice, description)


