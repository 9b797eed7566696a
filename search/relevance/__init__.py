"""Search quality: recall@10, NDCG@10 and the zero-result rate over the
judged query sets of judgments.SETS, for both engines (queried through
search.service, as the search page does) and a plain-analyzer baseline
(Elasticsearch's standard analyzer, no segmentation, no synonyms)."""

from __future__ import annotations

import math

from django.conf import settings
from django.db import transaction
from django.test.utils import override_settings

from .. import service
from ..engines import elasticsearch as es_engine
from ..engines import embedded
from ..query import SearchQuery
from .judgments import SETS, JudgmentError, load  # noqa: F401  (JudgmentError: the command's error)

K = 10


def corpus():
    """Every public document of the content apps: run after `load_demo`,
    which imports the 60 real State Council documents beside the demo's."""
    from ..indexing import all_documents

    return [doc for _key, doc in all_documents()]


def metrics(ranked, relevant):
    top = ranked[:K]
    recall = len(set(top) & relevant) / len(relevant)
    dcg = sum(1 / math.log2(i + 2) for i, d in enumerate(top) if d in relevant)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(K, len(relevant))))
    return recall, dcg / ideal


class _Rollback(Exception):
    pass


def _ask(engine, texts, today):
    """{query: (top K ids, total)} as the search page would get them."""
    out = {}
    for q in texts:
        result = service.search(SearchQuery(text=q, page_size=K), engine=engine, today=today, with_suggestion=False)
        out[q] = ([h.id for h in result.hits], result.total)
    return out


def run_embedded(docs, texts, today):
    try:
        with transaction.atomic():
            embedded.clear()
            for doc in docs:
                embedded.replace_source(f"relevance:{doc.id}", [doc])
            rankings = _ask("embedded", texts, today)
            raise _Rollback  # leave the real embedded index untouched
    except _Rollback:
        pass
    return rankings


def run_elasticsearch(docs, texts, today):
    # A throwaway index under its own prefix: the search service then reads
    # it through its usual alias name, and the site's index is not touched.
    with override_settings(SEARCH_INDEX_PREFIX=f"{settings.SEARCH_INDEX_PREFIX}-relevance"):
        es = es_engine.client(timeout=120)
        name = es_engine.alias_name()
        es.indices.delete(index=name, ignore_unavailable=True)
        es_engine.create_index(name, es=es)
        try:
            es_engine.apply([("relevance", d) for d in docs], [], index=name, refresh=True, es=es)
            return _ask("elasticsearch", texts, today)
        finally:
            es.indices.delete(index=name, ignore_unavailable=True)


def run_baseline(docs, texts):
    """What an unconfigured Elasticsearch does: standard analyzer (one token
    per Chinese character), best_fields over title and body."""
    from elasticsearch import helpers

    es = es_engine.client(timeout=120)
    name = f"{settings.SEARCH_INDEX_PREFIX}-relevance-baseline"
    es.indices.delete(index=name, ignore_unavailable=True)
    es.indices.create(index=name, mappings={"properties": {"title": {"type": "text"}, "body": {"type": "text"}}})
    try:
        helpers.bulk(es, ({"_index": name, "_id": d.id, "_source": {"title": d.title, "body": f"{d.document_number} {d.summary} {d.body}"}} for d in docs), refresh=True)
        rankings = {}
        for q in texts:
            r = es.search(index=name, query={"multi_match": {"query": q, "fields": ["title^3", "body"]}}, size=K, source=False)
            rankings[q] = ([h["_id"] for h in r["hits"]["hits"]], r["hits"]["total"]["value"])
        return rankings
    finally:
        es.indices.delete(index=name, ignore_unavailable=True)


def _summary(rows):
    n = len(rows) or 1
    return {
        "queries": len(rows),
        "recall@10": sum(r["recall@10"] for r in rows) / n,
        "ndcg@10": sum(r["ndcg@10"] for r in rows) / n,
        "zero_result_rate": sum(1 for r in rows if r["total"] == 0) / n,
    }


def _score(judged, rankings):
    rows = []
    for j in judged:
        ranked, total = rankings[j.q]
        recall, ndcg = metrics(ranked, j.relevant)
        rows.append({"q": j.q, "kind": j.kind, "recall@10": recall, "ndcg@10": ndcg, "total": total})
    report = _summary(rows)
    report["zero_results"] = [r["q"] for r in rows if r["total"] == 0]
    kinds = sorted({r["kind"] for r in rows if r["kind"]})
    if kinds:
        report["by_kind"] = {k: _summary([r for r in rows if r["kind"] == k]) for k in kinds}
    report["per_query"] = rows
    return report


def evaluate(engines=("embedded", "elasticsearch", "baseline"), sets=tuple(SETS), today=None):
    """{documents, sets: {set: {file, queries, engines: {engine: figures}}}}.
    Raises JudgmentError when a judgment file is broken or names a document
    the corpus does not have."""
    from portal.daterules import today as local_today

    today = today or local_today()
    docs = corpus()
    judged = {name: load(SETS[name], docs) for name in sets}
    texts = list(dict.fromkeys(j.q for js in judged.values() for j in js))
    runs = {}
    for engine in engines:
        if engine == "embedded":
            runs[engine] = run_embedded(docs, texts, today)
        elif engine == "elasticsearch":
            runs[engine] = run_elasticsearch(docs, texts, today)
        else:
            runs[engine] = run_baseline(docs, texts)
    return {
        "documents": len(docs),
        "k": K,
        "sets": {
            name: {
                "file": SETS[name].name,
                "queries": len(js),
                "engines": {engine: _score(js, rankings) for engine, rankings in runs.items()},
            }
            for name, js in judged.items()
        },
    }
