import logging
import time

from django.core.management.base import BaseCommand, CommandError

from search import outbox
from search.engines import elasticsearch as es_engine
from search.engines.base import EngineUnavailable

log = logging.getLogger(__name__)
MAX_SLEEP = 30


class Command(BaseCommand):
    help = "把索引队列（outbox）中的变更推送到 Elasticsearch；失败时按指数退避重试，不丢失任何变更。"

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="处理完当前队列后退出")
        parser.add_argument("--interval", type=float, default=1.0, help="队列为空时的轮询间隔（秒）")

    def handle(self, *args, once, interval, **options):
        if not es_engine.configured():
            raise CommandError("未设置 ELASTICSEARCH_URL：内置搜索引擎随内容同步更新，不需要后台进程。")
        failures = 0
        last_prune = 0.0
        while True:
            try:
                done, failed = outbox.drain()
                failures = 0
                if done or failed:
                    self.stdout.write(f"已推送 {done} 项变更，{failed} 项失败待重试")
            except EngineUnavailable as exc:
                failures += 1
                wait = min(2 ** failures, MAX_SLEEP)
                self.stderr.write(f"Elasticsearch 不可用（{exc}）；{wait} 秒后重试，变更保留在队列中")
                if once:
                    raise CommandError("Elasticsearch 不可用，队列中的变更将在下次运行时推送。") from exc
                time.sleep(wait)
                continue
            if time.monotonic() - last_prune > 3600:
                outbox.prune()
                last_prune = time.monotonic()
            if once:
                return
            time.sleep(interval)
