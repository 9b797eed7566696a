"""Search quality: recall@10 and NDCG@10 over the judged queries in
queries.json, for both engines and a plain-analyzer baseline
(Elasticsearch's standard analyzer, no segmentation, no synonyms)."""

from __future__ import annotations

import datetime as dt
import html
import json
import math
import re
from pathlib import Path

from django.conf import settings
from django.db import transaction

from ..analysis import analyze_query
from ..documents import SearchDocument
from ..engines import elasticsearch as es_engine
from ..engines import embedded
from ..query import SearchQuery

HERE = Path(__file__).resolve().parent
QUERIES = HERE / "queries.json"
K = 10


def corpus():
    """Every public document of the content apps: run after `load_demo`,
    which imports the 60 real State Council documents beside the demo's."""
    from ..indexing import all_documents

    return [doc for _key, doc in all_documents()]


def _matches(doc, judgment):
    return any(getattr(doc, k, None) == v for k, v in judgment.items())


def judged(docs):
    """[(query, {relevant ids})], skipping queries whose documents are absent."""
    data = json.loads(QUERIES.read_text(encoding="utf-8"))
    out, skipped = [], []
    for item in data["queries"]:
        ids = {d.id for d in docs for j in item["relevant"] if _matches(d, j)}
        (out if ids else skipped).append((item["q"], ids))
    return out, skipped


def metrics(ranked, relevant):
    top = ranked[:K]
    recall = len(set(top) & relevant) / len(relevant)
    dcg = sum(1 / math.log2(i + 2) for i, d in enumerate(top) if d in relevant)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(K, len(relevant))))
    return recall, dcg / ideal


class _Rollback(Exception):
    pass


def run_embedded(docs, queries, today):
    rankings = {}
    try:
        with transaction.atomic():
            embedded.clear()
            for doc in docs:
                embedded.replace_source(f"relevance:{doc.id}", [doc])
            for q, _ in queries:
                raw = embedded.search(SearchQuery(text=q, page_size=K), analyze_query(q), today)
                rankings[q] = [h["id"] for h in raw.hits]
            raise _Rollback  # leave the real embedded index untouched
    except _Rollback:
        pass
    return rankings


def run_elasticsearch(docs, queries, today):
    es = es_engine.client(timeout=120)
    name = f"{settings.SEARCH_INDEX_PREFIX}-relevance-segmented"
    es.indices.delete(index=name, ignore_unavailable=True)
    es_engine.create_index(name, es=es)
    try:
        es_engine.apply([("relevance", d) for d in docs], [], index=name, refresh=True, es=es)
        rankings = {}
        for q, _ in queries:
            raw = es_engine.search(SearchQuery(text=q, page_size=K), analyze_query(q), today, index=name, es=es)
            rankings[q] = [h["id"] for h in raw.hits]
        return rankings
    finally:
        es.indices.delete(index=name, ignore_unavailable=True)


def run_baseline(docs, queries):
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
        for q, _ in queries:
            r = es.search(index=name, query={"multi_match": {"query": q, "fields": ["title^3", "body"]}}, size=K, source=False)
            rankings[q] = [h["_id"] for h in r["hits"]["hits"]]
        return rankings
    finally:
        es.indices.delete(index=name, ignore_unavailable=True)


def evaluate(engines=("embedded", "elasticsearch", "baseline"), today=None):
    from portal.daterules import today as local_today

    today = today or local_today()
    docs = corpus()
    queries, skipped = judged(docs)
    runs = {}
    for engine in engines:
        if engine == "embedded":
            runs[engine] = run_embedded(docs, queries, today)
        elif engine == "elasticsearch":
            runs[engine] = run_elasticsearch(docs, queries, today)
        else:
            runs[engine] = run_baseline(docs, queries)
    report = {"documents": len(docs), "queries": len(queries), "skipped": [q for q, _ in skipped], "engines": {}}
    for engine, rankings in runs.items():
        per_query = {q: metrics(rankings[q], rel) for q, rel in queries}
        n = len(per_query) or 1
        report["engines"][engine] = {
            "recall@10": sum(r for r, _ in per_query.values()) / n,
            "ndcg@10": sum(g for _, g in per_query.values()) / n,
            "per_query": per_query,
        }
    return report
