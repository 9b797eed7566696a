from django.core.management.base import BaseCommand, CommandError

from search.engines import elasticsearch as es_engine
from search.rebuild import rebuild


class Command(BaseCommand):
    help = "重建搜索索引：新建版本化索引、批量载入、原子切换别名（不停机），并重放重建期间的变更。"

    def add_arguments(self, parser):
        parser.add_argument("--engine", choices=["all", "embedded", "elasticsearch"], default="all")

    def handle(self, *args, engine, **options):
        if engine == "elasticsearch" and not es_engine.configured():
            raise CommandError("未设置 ELASTICSEARCH_URL，无法重建 Elasticsearch 索引。")
        rebuild(engine=engine, log=self.stdout.write)
