"""import_powerlist FILE --department SLUG [--basis ... --effective YYYY-MM-DD --notice ...] [--dry-run]"""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from portal.daterules import today as district_today
from portal.docnumbers import NumberError
from portal.models import Department

from ... import importer, xlsx
from ...adjustments import Notice, normalise_notice_number


class Command(BaseCommand):
    help = "从 Excel 导入一个部门的权力清单（全部成功或全部不写入）"

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--department", required=True, help="部门网址标识，如 scjgj")
        parser.add_argument("--basis", default="", help="调整依据")
        parser.add_argument("--effective", default="", help="生效日期 YYYY-MM-DD（默认今天）")
        parser.add_argument("--notice", default="", help="公告名称")
        parser.add_argument("--notice-number", default="", help="公告文号")
        parser.add_argument("--dry-run", action="store_true", help="只检查，不写入")

    def handle(self, *args, file, department, basis, effective, notice, notice_number, dry_run, **options):
        dept = Department.objects.filter(slug=department).first()
        if dept is None:
            raise CommandError(f"部门“{department}”不存在。")
        try:
            effective_date = dt.date.fromisoformat(effective) if effective else district_today()
        except ValueError:
            raise CommandError(f"生效日期“{effective}”格式不正确，应为 YYYY-MM-DD。") from None
        try:
            notice_number = normalise_notice_number(notice_number)
        except NumberError as exc:
            raise CommandError(str(exc)) from None
        adjustment = Notice(basis, effective_date, notice, notice_number) if basis and notice else None
        try:
            with open(file, "rb") as handle:  # xlsx.read checks its size before reading it
                report = importer.import_department(handle, dept, notice=adjustment, dry_run=dry_run)
        except OSError as exc:
            raise CommandError(f"无法读取文件：{exc.strerror}") from None
        except xlsx.WorkbookError as exc:
            raise CommandError("\n".join(str(e) for e in exc.errors)) from None
        if report.errors:
            raise CommandError("未写入任何内容，发现以下错误：\n" + "\n".join(str(e) for e in report.errors))
        state = "已导入" if report.applied else ("检查通过（未写入）" if report.has_changes else "无变化")
        self.stdout.write(self.style.SUCCESS(f"{dept.name}：{state}。{report.summary()}"))
