import json

from django.core.management.base import BaseCommand, CommandError

from search.engines import elasticsearch as es_engine
from search.relevance import SETS, JudgmentError, evaluate

ENGINES = ["embedded", "elasticsearch", "baseline"]
SET_LABELS = {"tuning": "调优集", "questions": "问法集", "holdout": "留出集"}


class Command(BaseCommand):
    help = ("搜索质量评测：按 search/relevance/ 的调优集（queries.json）、问法集（questions.json）和留出集"
            "（questions_holdout.json）分别输出各引擎和基线（标准分词器）的 recall@10、NDCG@10 与零结果率。")

    def add_arguments(self, parser):
        parser.add_argument("--engine", action="append", choices=ENGINES, help="只评测指定引擎（可重复）；默认全部")
        parser.add_argument("--set", action="append", choices=list(SETS), dest="sets",
                            help="只评测指定查询集（可重复）；默认全部已有文件的查询集")
        parser.add_argument("--verbose", action="store_true",
                            help="逐条列出每个查询的得分和结果数（留出集只在用 --set holdout 单独指定时列出）")
        parser.add_argument("--json", action="store_true", dest="as_json", help="以 JSON 输出全部数字（供 README 和基准说明引用）")

    def handle(self, *args, engine=None, sets=None, verbose=False, as_json=False, **options):
        engines = list(dict.fromkeys(engine or (ENGINES if es_engine.configured() else ["embedded"])))
        if not es_engine.configured() and set(engines) - {"embedded"}:
            raise CommandError("评测 elasticsearch 和 baseline 需要设置 ELASTICSEARCH_URL。")
        chosen = list(dict.fromkeys(sets or (name for name, path in SETS.items() if path.exists())))
        try:
            report = evaluate(engines, chosen)
        except JudgmentError as exc:
            raise CommandError(f"评测集有误：{exc}") from exc
        # The held-out queries stay out of sight of whoever tunes: only their
        # figures are shown, unless that set alone is asked for.
        hidden = {"holdout"} if chosen != ["holdout"] else set()
        for name in hidden & set(report["sets"]):
            for figures in report["sets"][name]["engines"].values():
                for key in ("per_query", "zero_results", "by_kind"):
                    figures.pop(key, None)
        if as_json:
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=1))
            return
        self._table(report, verbose, hidden)

    def _table(self, report, verbose, hidden):
        w = self.stdout.write
        w(f"文档 {report['documents']} 篇")
        for name, s in report["sets"].items():
            w(f"\n{SET_LABELS[name]} {s['file']}：{s['queries']} 条查询")
            w(f"{'engine':<16}{'recall@10':>10}{'NDCG@10':>10}{'零结果率':>8}")
            for engine, r in s["engines"].items():
                w(f"{engine:<16}{r['recall@10']:>10.3f}{r['ndcg@10']:>10.3f}{r['zero_result_rate']:>10.1%}")
            if not verbose or name in hidden:
                continue
            names = list(s["engines"])
            first = s["engines"][names[0]]
            for kind, k in first.get("by_kind", {}).items():
                cells = "".join(f"{s['engines'][n]['by_kind'][kind]['recall@10']:>8.2f}/{s['engines'][n]['by_kind'][kind]['ndcg@10']:.2f}" for n in names)
                w(f"  {kind:<18}{k['queries']:>4} 条{cells}")
            w("query".ljust(30) + "".join(f"{n[:13]:>14}" for n in names) + "   (recall/ndcg, 结果数)")
            for i, row in enumerate(first["per_query"]):
                cells = "".join(_cell(s["engines"][n]["per_query"][i]) for n in names)
                w(f"{row['q'][:28]:<30}{cells}")


def _cell(row):
    return f"{row['recall@10']:>5.2f}/{row['ndcg@10']:.2f}{min(row['total'], 999):>4}"
