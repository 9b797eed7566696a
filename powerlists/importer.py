"""Import a department's list from Excel: all or nothing.

The file is the department's complete current list. Compared with what is
published: new codes are 新增, changed ones 变更 (下放 when the level moves
down), missing ones 取消; an unchanged file writes nothing at all.
"""

from dataclasses import dataclass, field

from portal.models import Department
from search import indexing

from . import adjustments, diff, services, xlsx
from .models import PowerItem


@dataclass
class ImportReport:
    errors: list = field(default_factory=list)  # RowError
    added: list = field(default_factory=list)  # codes
    changed: list = field(default_factory=list)
    cancelled: list = field(default_factory=list)
    unchanged: int = 0
    applied: bool = False

    @property
    def ok(self):
        return not self.errors

    @property
    def has_changes(self):
        return bool(self.added or self.changed or self.cancelled)

    def summary(self):
        return (f"新增 {len(self.added)} 项，变更 {len(self.changed)} 项，取消 {len(self.cancelled)} 项，"
                f"未变化 {self.unchanged} 项。")


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
            report.added.append(code)
            plan.append(("add", existing, item))
        elif diff.field_changes(existing.to_data(), item):
            report.changed.append(code)
            plan.append(("change", existing, item))
        else:
            report.unchanged += 1
    in_file = {i["code"] for i in parsed.items}
    for code, existing in current.items():
        if code not in in_file and not existing.is_cancelled:
            report.cancelled.append(code)
            plan.append(("cancel", existing, None))
    if report.has_changes and notice is None and not report.errors:
        report.errors.append(xlsx.RowError("", 0, "", "本次导入将产生调整，请填写调整依据、生效日期和公告名称。"))
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
