"""python manage.py import_policies FILE [--dry-run] [--parent zhengce]"""

from django.core.management.base import BaseCommand, CommandError

from policies.importer import ImportFailed, import_file


class Command(BaseCommand):
    help = "从 JSON Lines（.jsonl）或 Excel（.xlsx）文件导入政策文件，按发文字号新建或更新"

    def add_arguments(self, parser):
        parser.add_argument("file", help=".jsonl 或 .xlsx 文件")
        parser.add_argument("--dry-run", action="store_true", help="只检查并报告，不写入数据库")
        parser.add_argument("--parent", default="zhengce", help="政策文件库栏目的网址标识（默认 zhengce）")

    def handle(self, *args, file, dry_run, parent, **options):
        try:
            plans, notes = import_file(file, dry_run=dry_run, parent_slug=parent)
        except ImportFailed as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            raise CommandError(f"导入失败：发现 {len(exc.errors)} 处错误，未写入任何记录。")
        prefix = "【试运行】" if dry_run else ""
        for plan in plans:
            self.stdout.write(f"{prefix}第{plan.line}行 {plan.number}：{plan.message}")
        for note in notes:
            self.stdout.write(f"{prefix}{note}")
        created = sum(p.action == "created" for p in plans)
        updated = sum(p.action == "updated" for p in plans)
        unchanged = sum(p.action == "unchanged" for p in plans)
        summary = f"{prefix}共 {len(plans)} 条：新建 {created} 条，更新 {updated} 条，未变化 {unchanged} 条。"
        if dry_run:
            summary += "试运行未写入任何数据。"
        self.stdout.write(self.style.SUCCESS(summary))
