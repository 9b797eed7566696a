from django.core.management.base import BaseCommand, CommandError

from search.engines import elasticsearch as es_engine
from search.relevance import evaluate


class Command(BaseCommand):
    help = "搜索质量评测：按 search/relevance/queries.json 输出各引擎和基线（标准分词器）的 recall@10 与 NDCG@10。"

    def add_arguments(self, parser):
        parser.add_argument("--engine", action="append", choices=["embedded", "elasticsearch", "baseline"],
                            help="只评测指定引擎（可重复）；默认全部")
        parser.add_argument("--verbose", action="store_true", help="逐条列出每个查询的得分")

    def handle(self, *args, engine=None, verbose=False, **options):
        engines = engine or (["embedded", "elasticsearch", "baseline"] if es_engine.configured() else ["embedded"])
        if not es_engine.configured() and set(engines) - {"embedded"}:
            raise CommandError("评测 elasticsearch 和 baseline 需要设置 ELASTICSEARCH_URL。")
        report = evaluate(engines)
        w = self.stdout.write
        w(f"文档 {report['documents']} 篇，查询 {report['queries']} 条（缺少目标文档而跳过 {len(report['skipped'])} 条）")
        w(f"{'engine':<16}{'recall@10':>10}{'NDCG@10':>10}")
        for name, r in report["engines"].items():
            w(f"{name:<16}{r['recall@10']:>10.3f}{r['ndcg@10']:>10.3f}")
        if verbose:
            names = list(report["engines"])
            w("\n" + "query".ljust(30) + "".join(f"{n[:12]:>14}" for n in names) + "   (recall/ndcg)")
            for q in report["engines"][names[0]]["per_query"]:
                cells = "".join(f"{report['engines'][n]['per_query'][q][0]:>7.2f}/{report['engines'][n]['per_query'][q][1]:.2f}" for n in names)
                w(f"{q[:28]:<30}{cells}")
