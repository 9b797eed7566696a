"""Import a department's list from Excel: all or nothing.

The file is the department's complete current list. Compared with what is
published: new codes are 新增, changed ones 变更 (下放 when the level moves
down), missing ones 取消; an unchanged file writes nothing at all.
"""

from dataclasses import dataclass, field

from portal.models import Department
from search import indexing

from . import adjustments, codes, diff, services, xlsx
from .models import PowerItem

KIND_LABELS = {"add": "新增", "change": "变更", "delegate": "下放", "cancel": "取消"}
NOTICE_MISSING = "本次导入将产生调整，请填写调整依据、生效日期和公告名称。"
_VALUE_LABELS = {"level": codes.LEVEL_LABELS, "power_type": codes.POWER_TYPE_LABELS}


@dataclass
class Entry:
    """One item the import adds, changes, delegates or cancels, with the
    changed fields as (label, old, new) text for the editor to read."""

    kind: str
    code: str
    name: str
    fields: list = field(default_factory=list)

    @property
    def kind_label(self):
        return KIND_LABELS[self.kind]

    def as_dict(self):  # what the admin keeps in the session between POST and GET
        return {"kind": self.kind, "kind_label": self.kind_label, "code": self.code, "name": self.name,
                "fields": [list(f) for f in self.fields]}


@dataclass
class ImportReport:
    errors: list = field(default_factory=list)  # RowError
    entries: list = field(default_factory=list)  # Entry, in file order then cancellations
    unchanged: int = 0
    applied: bool = False

    def codes(self, kind):
        return [e.code for e in self.entries if e.kind == kind]

    @property
    def added(self):
        return self.codes("add")

    @property
    def changed(self):
        return self.codes("change")

    @property
    def delegated(self):
        return self.codes("delegate")

    @property
    def cancelled(self):
        return self.codes("cancel")

    @property
    def ok(self):
        return not self.errors

    @property
    def has_changes(self):
        return bool(self.entries)

    @property
    def needs_notice(self):
        return any(str(e) == NOTICE_MISSING for e in self.errors)

    def summary(self):
        return summary(self.entries, self.unchanged)


def summary(entries, unchanged):
    counts = "，".join(f"{label} {sum(e.kind == kind for e in entries)} 项" for kind, label in KIND_LABELS.items())
    return f"{counts}，未变化 {unchanged} 项。"


def _entry(kind, code, old, new):
    changes = diff.field_changes(old, new) if old is not None and new is not None else []
    name = (new or old)["name"]
    return Entry(kind, code, name, [(c.label, diff.display(c.old, _VALUE_LABELS.get(c.field)),
                                     diff.display(c.new, _VALUE_LABELS.get(c.field))) for c in changes])


def import_department(data, department, notice=None, dry_run=False):
    """Validate `data` (.xlsx bytes or a seekable binary file) for `department` and apply it.

    Raises xlsx.WorkbookError when the file can't be read at all. Returns an
    ImportReport; nothing is written when it has errors or dry_run is set.
    """
    parsed = xlsx.read(data, department=department.name,
                       department_names=set(Department.objects.values_list("name", flat=True)))
    report = ImportReport(errors=list(parsed.errors))
    current = {item.code: item for item in PowerItem.objects.public().filter(department=department)
               .select_related("department").prefetch_related("legal_bases", "steps", "accountability_cases")}
    others = dict(PowerItem.objects.filter(code__in=[i["code"] for i in parsed.items])
                  .exclude(department=department).values_list("code", "department__name"))
    plan = []
    for item in parsed.items:
        code = item["code"]
        if code in others:
            report.errors.append(xlsx.RowError(xlsx.ITEM_SHEET, parsed.rows[code], "事项编码",
                                               f"事项编码 {code} 已被{others[code]}使用，编码全区唯一。"))
            continue
        existing = current.get(code)
        if existing is None or existing.is_cancelled:
            report.entries.append(_entry("add", code, None, item))
            plan.append(("add", existing, item))
        elif diff.field_changes(old := existing.to_data(), item):
            report.entries.append(_entry(adjustments.change_kind(old, item), code, old, item))
            plan.append(("change", existing, item))
        else:
            report.unchanged += 1
    in_file = {i["code"] for i in parsed.items}
    for code, existing in current.items():
        if code not in in_file and not existing.is_cancelled:
            report.entries.append(_entry("cancel", code, existing.to_data(), None))
            plan.append(("cancel", existing, None))
    # A dry run shows the whole difference; the notice is asked for only when writing.
    if report.has_changes and notice is None and not dry_run and not report.errors:
        report.errors.append(xlsx.RowError("", 0, "", NOTICE_MISSING))
    if report.errors or dry_run or not report.has_changes:
        return report
    with indexing.batch():
        for action, existing, item in plan:
            if action == "add":
                services.add(item, department, notice)
            elif action == "change":
                services.change(existing, item, notice)
            else:
                adjustments.cancel(existing, notice)
    report.applied = True
    return report
