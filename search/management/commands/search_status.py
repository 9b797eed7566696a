from django.core.management.base import BaseCommand
from django.utils import timezone

from search import outbox
from search.documents import content_types
from search.engines import elasticsearch as es_engine
from search.engines import embedded


class Command(BaseCommand):
    help = "搜索索引状态：各类型文档数、队列积压、最早的待处理变更。"

    def handle(self, *args, **options):
        w = self.stdout.write
        local = embedded.count_by_type()
        remote, problem = {}, None
        if es_engine.configured():
            try:
                remote = es_engine.count_by_type(es=es_engine.client(timeout=5))
                w(f"Elasticsearch 别名 {es_engine.alias_name()} -> {', '.join(es_engine.alias_targets()) or '（无）'}")
            except Exception as exc:
                problem = f"Elasticsearch 不可用：{exc.__class__.__name__}"
                w(problem)
        else:
            w("未配置 Elasticsearch：使用内置搜索引擎")
        w(f"{'类型':<12}{'内置索引':>10}{'Elasticsearch':>16}")
        for key, label in content_types().items():
            es_count = remote.get(key, 0) if es_engine.configured() and not problem else "-"
            w(f"{label:<12}{local.get(key, 0):>10}{es_count:>16}")
        status = outbox.status()
        w(f"队列积压：{status['backlog']} 项（其中重试中 {status['failing']} 项）")
        if status["oldest"]:
            age = timezone.now() - status["oldest"]
            w(f"最早的待处理变更：{timezone.localtime(status['oldest']):%Y-%m-%d %H:%M:%S}（{int(age.total_seconds())} 秒前）")
        else:
            w("最早的待处理变更：无")
