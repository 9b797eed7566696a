"""The Elasticsearch engine (elasticsearch.dsl on the 8.x client).

Index `<prefix>-documents-<version>` behind the alias `<prefix>-documents`;
queries and writes go through the alias, so a rebuild swaps it atomically.
Text arrives pre-segmented (search/analysis.py): word fields use the
whitespace analyzer, `*_chars` fields the standard analyzer (one token per
Chinese character: phrase queries on them are substring matches, the recall
path), keyword fields serve facets, `pinyin` holds title words as pinyin
(`pinyin_text` the domain words of the text), `alias_*` the aliases editors
keep (`alias_keys` each whole alias: a query containing one finds the document).
Only core analysis is used, so any Elasticsearch 8 build works.
"""

from __future__ import annotations

import datetime as dt
import functools

from django.conf import settings
from elasticsearch import ApiError, Elasticsearch, TransportError, helpers
from elasticsearch.dsl import A, Q, Search
from elasticsearch.dsl.query import DisMax, FunctionScore

from .. import facets as facet_defs
from .. import ordering
from ..analysis import analyze_document
from .base import HIT_FIELDS, EngineUnavailable, RawResult, relaxed

name = "elasticsearch"

# A word of an alias counts between a word of the text (1) and one of the
# title (4); a query that contains a whole alias finds its documents, with
# ALIAS_MATCH added.
ALIAS_BOOST = 2
ALIAS_MATCH = 10
TERMS_SIZE = 1000  # all values of a facet, never the default 10
DATE_FIELDS = ("published", "effective", "expiry", "repealed", "revised", "window_opens", "window_closes")
KEYWORD_LISTS = ("departments", "topics", "scales", "industries", "regions", "audiences", "life_events")

MAPPING = {
    "dynamic": "strict",
    "properties": {
        "id": {"type": "keyword"},
        "source": {"type": "keyword"},
        "type": {"type": "keyword"},
        "title": {"type": "text", "index": False},
        "url": {"type": "keyword", "index": False},
        "summary": {"type": "text", "index": False},
        "body": {"type": "text", "index": False},
        "document_number": {"type": "keyword", "index": False},
        "index_number": {"type": "keyword", "index": False},
        "code": {"type": "keyword", "index": False},
        "title_words": {"type": "text", "analyzer": "whitespace"},
        "text_words": {"type": "text", "analyzer": "whitespace"},
        "title_chars": {"type": "text", "analyzer": "standard", "index_phrases": True},
        "text_chars": {"type": "text", "analyzer": "standard", "index_phrases": True},
        "alias_words": {"type": "text", "analyzer": "whitespace"},
        "alias_chars": {"type": "text", "analyzer": "standard", "index_phrases": True},
        "alias_keys": {"type": "keyword"},
        "pinyin": {"type": "keyword"},
        "pinyin_text": {"type": "keyword"},
        "docnum": {"type": "keyword"},
        "idents": {"type": "keyword", "normalizer": "lower"},
        **{f: {"type": "keyword"} for f in KEYWORD_LISTS},
        **{f: {"type": "keyword"} for f in ("genre", "level", "disclosure", "power_type", "year")},
        **{f: {"type": "date", "format": "yyyy-MM-dd"} for f in DATE_FIELDS},
        "boost": {"type": "float"},
    },
}


def alias_name():
    return f"{settings.SEARCH_INDEX_PREFIX}-documents"


def index_pattern():
    return f"{alias_name()}-*"


def new_index_name():
    return f"{alias_name()}-{dt.datetime.now(dt.timezone.utc).strftime('%Y%m%d%H%M%S%f')}"


def configured():
    return bool(settings.ELASTICSEARCH_HOSTS)


@functools.lru_cache(maxsize=8)
def _client(hosts, timeout):
    # One retry: with several hosts a failed node is skipped for the next one.
    return Elasticsearch(list(hosts), request_timeout=timeout, max_retries=1, retry_on_timeout=False)


def client(timeout=None):
    return _client(tuple(settings.ELASTICSEARCH_HOSTS), timeout or settings.ELASTICSEARCH_TIMEOUT)


def index_settings(loading=False):
    return {
        "number_of_shards": settings.ELASTICSEARCH_SHARDS,
        # A bulk load runs without replicas and refreshes; they are restored after.
        "number_of_replicas": 0 if loading else settings.ELASTICSEARCH_REPLICAS,
        "refresh_interval": "-1" if loading else "1s",
        "max_result_window": 10_000,
        "analysis": {"normalizer": {"lower": {"type": "custom", "filter": ["lowercase"]}}},
    }


def create_index(name, loading=False, es=None):
    (es or client()).indices.create(index=name, settings=index_settings(loading), mappings=MAPPING)


def ensure_alias(es=None):
    """Create a first index behind the alias when there is none."""
    es = es or client()
    if not es.indices.exists_alias(name=alias_name()):
        name = new_index_name()
        create_index(name, es=es)
        es.indices.update_aliases(actions=[{"add": {"index": name, "alias": alias_name()}}])


def alias_targets(es=None):
    es = es or client()
    try:
        return sorted(es.indices.get_alias(name=alias_name()))
    except ApiError as exc:
        if exc.meta.status == 404:
            return []
        raise


def doc_body(source, doc):
    analyzed = analyze_document(doc)
    body = {
        "id": doc.id,
        "source": source,
        "type": doc.type,
        "title": doc.title,
        "url": doc.url,
        "summary": doc.summary,
        "body": doc.body,
        "document_number": doc.document_number,
        "index_number": doc.index_number,
        "code": doc.code,
        "title_words": analyzed.title_words,
        "text_words": analyzed.text_words,
        "title_chars": analyzed.substring_title,
        "text_chars": analyzed.substring_text,
        "alias_words": analyzed.alias_words,
        "alias_chars": analyzed.substring_aliases.splitlines(),  # no phrase across two aliases
        "alias_keys": analyzed.alias_keys,
        "pinyin": analyzed.pinyin,
        "pinyin_text": analyzed.pinyin_text,
        "docnum": analyzed.docnum_keys,
        "idents": analyzed.idents,
        "genre": doc.genre,
        "level": doc.level,
        "disclosure": doc.disclosure,
        "power_type": doc.power_type,
        "year": str(doc.published.year) if doc.published else None,
        "boost": doc.boost,
    }
    for f in KEYWORD_LISTS:
        body[f] = list(getattr(doc, f))
    for f in DATE_FIELDS:
        value = getattr(doc, f)
        body[f] = value.isoformat() if value else None
    return body


def bulk_actions(index, source_docs=(), delete_ids=()):
    for source, doc in source_docs:
        yield {"_op_type": "index", "_index": index, "_id": doc.id, "_source": doc_body(source, doc)}
    for doc_id in delete_ids:
        yield {"_op_type": "delete", "_index": index, "_id": doc_id}


# Bulk loading: documents per request, and requests in flight. Analysis (in
# the thread that feeds parallel_bulk) overlaps with the sending threads.
BULK_CHUNK = 500
BULK_THREADS = 2


def bulk_load(index, source_docs, es=None):
    """Index (source, document) pairs into a new index; returns the count.
    Raises on the first document Elasticsearch refuses."""
    actions = bulk_actions(index, source_docs)
    results = helpers.parallel_bulk(es or client(), actions, chunk_size=BULK_CHUNK, thread_count=BULK_THREADS, raise_on_error=True)
    return sum(1 for _ in results)


def apply(source_docs, delete_ids, index=None, refresh=False, es=None):
    """Index and delete documents; raises on any failure except deleting a
    document that is already gone."""
    es = es or client()
    index = index or alias_name()
    actions = list(bulk_actions(index, source_docs, delete_ids))
    if not actions:
        return
    _ok, errors = helpers.bulk(es, actions, raise_on_error=False, refresh=refresh, chunk_size=BULK_CHUNK)
    errors = [e for e in errors if not ("delete" in e and e["delete"].get("status") == 404)]
    if errors:
        raise RuntimeError(f"bulk indexing failed for {len(errors)} documents: {str(errors[0])[:500]}")


def ids_of_source(source, es=None, index=None):
    es = es or client()
    response = es.search(index=index or alias_name(), query={"term": {"source": source}}, source=False, size=1000)
    return [h["_id"] for h in response["hits"]["hits"]]


def count_by_type(es=None, index=None):
    es = es or client()
    response = es.search(index=index or alias_name(), size=0, aggs={"t": {"terms": {"field": "type", "size": 100}}})
    return {b["key"]: b["doc_count"] for b in response["aggregations"]["t"]["buckets"]}


# --- queries ----------------------------------------------------------------


def _alternative_query(alt):
    if alt.kind == "word":
        words = " ".join(alt.words)
        text = alt.text.replace(" ", "")
        return Q("bool", should=[
            Q("match", title_words={"query": words, "operator": "and", "boost": 4}),
            Q("match", text_words={"query": words, "operator": "and"}),
            Q("match", alias_words={"query": words, "operator": "and", "boost": ALIAS_BOOST}),
            Q("match_phrase", title_chars={"query": text, "boost": 1.5}),
            Q("match_phrase", text_chars={"query": text, "boost": 0.5}),
            Q("match_phrase", alias_chars={"query": text, "boost": 2}),
        ])
    if alt.kind == "chars":
        # Each character in the title, the text or an alias; `need` of them.
        chars = [DisMax(queries=[Q("term", title_chars={"value": c, "boost": 1.5}), Q("term", text_chars={"value": c, "boost": 0.5}),
                                 Q("term", alias_chars={"value": c, "boost": 2})]) for c in alt.words]
        return Q("bool", should=chars, minimum_should_match=alt.need)
    if alt.kind == "docnum":
        should = [Q("constant_score", filter=Q("terms", docnum=list(alt.keys)), boost=20)]
        # Documents that only quote the number (a measure shows its policy's)
        # follow, by where they quote it, not by how often.
        should += [Q("constant_score", filter=Q("match_phrase", title_chars=t), boost=3) for t in alt.words]
        should += [Q("constant_score", filter=Q("match_phrase", text_chars=t), boost=1) for t in alt.words]
        return Q("bool", should=should)
    if alt.kind == "pinyin":
        # Pinyin of a title word counts three times that of a text word.
        return DisMax(queries=[
            Q("constant_score", filter=Q("terms", pinyin=list(alt.keys)), boost=3),
            Q("constant_score", filter=Q("terms", pinyin_text=list(alt.keys)), boost=1),
        ])
    return Q("constant_score", filter=Q("terms", idents=list(alt.keys)), boost=20)


def text_query(plan):
    if not plan.groups:
        return Q("match_all")
    groups = [DisMax(queries=[_alternative_query(a) for a in g.alternatives], tie_breaker=0.2) for g in plan.groups]
    matched = Q("bool", should=groups, minimum_should_match=plan.required)
    if plan.alias_keys:  # or the query names the document by an alias
        named = Q("terms", alias_keys=list(plan.alias_keys))
        # A named document scores the words it has (开饭店 of 开饭店要办什么证
        # through its synonym 食品经营许可) plus ALIAS_MATCH, as in the embedded
        # engine, so words it lacks (办, 证) do not rank it below documents
        # that have them all by chance.
        matched = Q("bool", should=[*groups, Q("constant_score", filter=named, boost=ALIAS_MATCH)],
                    filter=[Q("bool", should=[matched, named], minimum_should_match=1)])
    return FunctionScore(query=matched, functions=[{"field_value_factor": {"field": "boost", "missing": 1}}], boost_mode="multiply")


def _range(field, **bounds):
    return Q("range", **{field: bounds})


ES_OPS = {"<": "lt", "<=": "lte", ">": "gt", ">=": "gte"}


def computed_filters(facet, today):
    """value -> query for a rule facet on `today`: each case of the app's
    DateRule holds where its bound holds and no earlier case's does."""
    applies = Q("match_all")
    if facet.types:
        applies &= Q("terms", type=list(facet.types))
    if facet.needs_dates:
        applies &= Q("bool", should=[Q("exists", field=f) for f in facet.rule.fields], minimum_should_match=1)
    table, earlier = {}, []
    for value, bound in facet.rule.cases_on(today):
        q = applies
        for previous in earlier:
            q &= ~previous
        if bound is not None:
            holds = _range(bound.field, **{ES_OPS[bound.op]: bound.day.isoformat()})
            q &= holds
            earlier.append(holds)
        table[value] = q
    return table


def facet_filter(facet, values, today):
    if facet.computed:
        table = computed_filters(facet, today)
        return Q("bool", should=[table[v] for v in values], minimum_should_match=1)
    return Q("terms", **{facet.field: list(values)})


@functools.lru_cache(maxsize=512)
def _facet_parts(filters, today):
    """post_filter and aggregations for a selection on a day. They depend on
    the filters only, not on the text, so they are built once and reused
    (building 13 aggregations with the DSL costs more than parsing a response)."""
    selected = {name: facet_filter(facet_defs.get(name), values, today) for name, values in filters}
    post_filter = Q("bool", filter=list(selected.values())).to_dict() if selected else None
    aggs = {}
    for facet in facet_defs.all_facets():
        others = [f for name, f in selected.items() if name != facet.name]
        if facet.computed:
            inner = A("filters", filters=computed_filters(facet, today))
        else:
            inner = A("terms", field=facet.field, size=TERMS_SIZE)
        outer = A("filter", filter=Q("bool", filter=others) if others else Q("match_all"))
        outer.bucket("v", inner)
        aggs[facet.name] = outer.to_dict()
    return post_filter, aggs


# The 截止日期 order of search/ordering.py as a score, without scripts (any
# Elasticsearch 8 build, also one without painless): each group a band,
# higher first, and inside the pending and closed bands a linear decay
# from today, so nearer deadlines score higher (1 day ≈ 1.4e-5, far above
# float precision at these values).
_BANDS = {ordering.PENDING: 4.0, ordering.ROLLING: 3.0, ordering.CLOSED: 1.5, ordering.NONE: 0.5}
_DECAY_SCALE = "36500d"


def deadline_functions(today):
    has_close = Q("exists", field="window_closes")
    windowed = Q("terms", type=sorted(ordering.windowed_types()))
    pending = _range("window_closes", gte=today.isoformat())
    closed = _range("window_closes", lt=today.isoformat())
    nearer = {"linear": {"window_closes": {"origin": today.isoformat(), "scale": _DECAY_SCALE, "decay": 0.5}}}
    return [
        {"filter": pending.to_dict(), "weight": _BANDS[ordering.PENDING]},
        {"filter": pending.to_dict(), **nearer},
        {"filter": (windowed & ~has_close).to_dict(), "weight": _BANDS[ordering.ROLLING]},
        {"filter": closed.to_dict(), "weight": _BANDS[ordering.CLOSED]},
        {"filter": closed.to_dict(), **nearer},
        {"filter": (~windowed & ~has_close).to_dict(), "weight": _BANDS[ordering.NONE]},
    ]


def build_search(query, plan, today):
    q = text_query(plan)
    bounds = {}
    if query.date_from:
        bounds["gte"] = query.date_from.isoformat()
    if query.date_to:
        bounds["lte"] = query.date_to.isoformat()
    if bounds:
        q = Q("bool", must=[q], filter=[_range("published", **bounds)])
    if query.sort == "deadline":
        q = FunctionScore(query=q, functions=deadline_functions(today), score_mode="sum", boost_mode="replace")
    s = Search().extra(track_total_hits=True).query(q)
    if query.sort == "deadline":
        s = s.sort("_score", {"published": {"order": "desc", "missing": "_last"}}, {"id": "asc"})
    elif query.sort == "date" or not plan.groups:
        s = s.sort({"published": {"order": "desc", "missing": "_last"}}, "_score", {"id": "asc"})
    else:
        s = s.sort("_score", {"published": {"order": "desc", "missing": "_last"}}, {"id": "asc"})
    s = s.source(includes=list(HIT_FIELDS))
    return s[query.offset : query.offset + query.page_size]


def request_body(query, plan, today, facets=True):
    """The search request; without facets, only the hits and the total."""
    body = build_search(query, plan, today).to_dict()
    filters = tuple(sorted((k, tuple(v)) for k, v in query.filters.items()))
    post_filter, aggs = _facet_parts(filters, today)
    if post_filter:
        body["post_filter"] = post_filter
    if facets:
        body["aggs"] = aggs
    return body


def parse_response(response):
    hits = []
    for h in response["hits"]["hits"]:
        src = dict(h["_source"])
        for f in DATE_FIELDS:
            if src.get(f):
                src[f] = dt.date.fromisoformat(src[f])
        hits.append({f: src.get(f, [] if f in KEYWORD_LISTS else "") for f in HIT_FIELDS})
    counts = {}
    for facet in facet_defs.all_facets() if "aggregations" in response else ():
        buckets = response["aggregations"][facet.name]["v"]["buckets"]
        if isinstance(buckets, dict):
            counts[facet.name] = {k: b["doc_count"] for k, b in buckets.items() if b["doc_count"]}
        else:
            counts[facet.name] = {b["key"]: b["doc_count"] for b in buckets}
    return RawResult(hits=hits, total=response["hits"]["total"]["value"], counts=counts)


def search(query, plan, today, index=None, es=None, facets=True, relax=True):
    """The hits of the first relaxation step of `plan` that finds any."""
    es = es or client()

    def run(step):
        try:
            response = es.search(index=index or alias_name(), body=request_body(query, step, today, facets))
        except (TransportError, ApiError) as exc:
            raise EngineUnavailable(f"{exc.__class__.__name__}: {str(exc)[:200]}") from exc
        return parse_response(response)

    return relaxed(plan, run, relax)
