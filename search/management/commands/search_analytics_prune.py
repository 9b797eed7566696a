from django.core.management.base import BaseCommand

from search import analytics


class Command(BaseCommand):
    help = f"删除 {analytics.RETENTION_DAYS} 天前的搜索统计（搜索分析）。每天运行一次。"

    def handle(self, *args, **options):
        deleted = analytics.prune()
        self.stdout.write(f"已删除 {deleted} 条 {analytics.RETENTION_DAYS} 天前的搜索统计。")
