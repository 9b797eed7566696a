"""Difference between two list versions: items added, removed and changed.

Pure: works on {code: item data} mappings, where item data is the canonical
dict of `PowerItem.to_data()` (scalars plus lists of dicts for the ordered
parts). No Django.
"""

from dataclasses import dataclass, field

# Field labels the public sees, in table order. Fields not listed here are
# compared but shown under their key.
FIELD_LABELS = {
    "name": "事项名称",
    "power_type": "权力类型",
    "department": "实施主体",
    "level": "实施层级",
    "legal_bases": "设定依据",
    "steps": "责任事项",
    "accountability": "追责情形",
    "statutory_days": "法定时限",
    "promised_days": "承诺时限",
    "fee_basis": "收费依据",
    "fee_standard": "收费标准",
    "complaint_phone": "监督投诉电话",
    "inspection_content": "检查内容",
    "inspection_method": "检查方式",
    "involves_enterprises": "是否涉企",
    "remarks": "备注",
}
IGNORED = {"code"}


@dataclass
class FieldChange:
    field: str
    old: object
    new: object

    @property
    def label(self):
        return FIELD_LABELS.get(self.field, self.field)


@dataclass
class ItemChange:
    code: str
    old: dict
    new: dict
    fields: list = field(default_factory=list)

    @property
    def name(self):
        return self.new.get("name") or self.old.get("name", "")


@dataclass
class VersionDiff:
    added: list = field(default_factory=list)  # item data dicts
    removed: list = field(default_factory=list)  # item data dicts
    changed: list = field(default_factory=list)  # ItemChange

    @property
    def is_empty(self):
        return not (self.added or self.removed or self.changed)

    def counts(self):
        return {"added": len(self.added), "removed": len(self.removed), "changed": len(self.changed)}


def field_changes(old, new):
    """The fields whose values differ, in FIELD_LABELS order."""
    order = list(FIELD_LABELS) + sorted((set(old) | set(new)) - set(FIELD_LABELS))
    return [
        FieldChange(key, old.get(key), new.get(key))
        for key in order
        if key not in IGNORED and _normal(old.get(key)) != _normal(new.get(key))
    ]


def diff(old, new):
    """Compare two {code: data} mappings; results sorted by code."""
    result = VersionDiff()
    for code in sorted(set(old) | set(new)):
        if code not in old:
            result.added.append(new[code])
        elif code not in new:
            result.removed.append(old[code])
        else:
            changes = field_changes(old[code], new[code])
            if changes:
                result.changed.append(ItemChange(code, old[code], new[code], changes))
    return result


def _normal(value):
    # "" and None mean the same thing (an empty cell); so do [] and None.
    if value in ("", None, []):
        return None
    return value


def display(value, labels=None):
    """A value as plain text for the diff table; `labels` maps stored keys
    (e.g. "district") to what the public reads ("区县级")."""
    if labels and isinstance(value, str) and value in labels:
        return labels[value]
    if value is None or value == "" or value == []:
        return "（空）"
    if value is True:
        return "是"
    if value is False:
        return "否"
    if isinstance(value, list):
        return "\n".join(
            f"{n}. " + "；".join(str(v) for v in entry.values() if v) if isinstance(entry, dict) else f"{n}. {entry}"
            for n, entry in enumerate(value, 1)
        )
    return str(value)
