"""The search service: one query object in, one result object out.

Elasticsearch answers when it is configured and reachable; otherwise (or
when it fails or times out) the embedded engine answers, with a notice. The
embedded index is always current, so the fallback is complete, just simpler.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from dataclasses import dataclass, field

from portal.daterules import today as district_today

from . import facets as facet_defs
from . import suggest
from .analysis import STEPS, analyze_query
from .documents import content_types
from .engines import elasticsearch as es_engine
from .engines import embedded
from .engines.base import EngineUnavailable
from .highlight import highlight, snippet

log = logging.getLogger(__name__)

FALLBACK_NOTICE = "全文检索服务暂时不可用，以下结果来自站内备用索引，排序和纠错可能不如平时准确。"
# Shown when no document has all the query's words (analysis.Plan.relaxations).
RELAXED_NOTICES = {
    "most": "没有同时包含全部词语的结果，以下为部分匹配。",
    "any": "没有同时包含全部词语的结果，以下为部分匹配。",
    "chars": "没有包含这些词语的结果，以下为包含其中部分字的结果，仅供参考。",
}
# After a failure, skip Elasticsearch for this long instead of waiting for
# a timeout on every request.
RETRY_AFTER_SECONDS = 10

_breaker = {"until": 0.0}
_breaker_lock = threading.Lock()


@dataclass
class Hit:
    id: str
    type: str
    type_label: str
    title: str
    title_html: str
    url: str
    snippet: str
    document_number: str
    index_number: str
    code: str
    departments: list
    published: dt.date | None
    window_opens: dt.date | None = None
    window_closes: dt.date | None = None
    # Rule facets shown on the hit (申报中 · 截止 2026-12-04), computed on the day.
    badges: list = field(default_factory=list)

    @property
    def department(self):
        return "、".join(self.departments)

    def as_json(self):
        return {
            "id": self.id,
            "type": self.type,
            "type_label": self.type_label,
            "title": self.title,
            "title_html": str(self.title_html),
            "url": self.url,
            "snippet": str(self.snippet),
            "document_number": self.document_number or None,
            "index_number": self.index_number or None,
            "code": self.code or None,
            "department": self.department,
            "departments": self.departments,
            "published": self.published.isoformat() if self.published else None,
            "window_opens": self.window_opens.isoformat() if self.window_opens else None,
            "window_closes": self.window_closes.isoformat() if self.window_closes else None,
            "badges": [b.as_json() for b in self.badges],
        }


@dataclass
class Badge:
    facet: str  # the rule facet's name ("status")
    value: str  # its value ("closing")
    label: str  # 即将截止 (or 常年受理)
    note: str  # 截止 2026-12-04
    text: str  # 即将截止 · 截止 2026-12-04

    def as_json(self):
        return {"facet": self.facet, "value": self.value, "label": self.label, "note": self.note, "text": self.text}


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool

    def as_json(self):
        return {"value": self.value, "label": self.label, "count": self.count, "selected": self.selected}


@dataclass
class FacetResult:
    name: str
    label: str
    values: list

    @property
    def any_selected(self):
        return any(v.selected for v in self.values)


@dataclass
class SearchResult:
    query: object
    hits: list
    total: int
    facets: list
    suggestion: str | None
    engine: str
    notice: str | None = None
    extra: dict = field(default_factory=dict)
    match: str = "all"  # the relaxation step that found the hits (analysis.STEPS)

    @property
    def match_notice(self):
        return RELAXED_NOTICES.get(self.match)

    @property
    def pages(self):
        return max(1, -(-self.total // self.query.page_size))

    def as_json(self):
        q = self.query
        return {
            "engine": self.engine,
            "query": q.text,
            "filters": {k: list(v) for k, v in q.filters.items()},
            "from": q.date_from.isoformat() if q.date_from else None,
            "to": q.date_to.isoformat() if q.date_to else None,
            "sort": q.order,
            "total": self.total,
            "page": q.page,
            "page_size": q.page_size,
            "pages": self.pages,
            "results": [h.as_json() for h in self.hits],
            "facets": {f.name: [v.as_json() for v in f.values] for f in self.facets},
            "suggestion": self.suggestion,
            "notice": self.notice,
            "match": self.match,
            "match_notice": self.match_notice,
        }


def elasticsearch_available():
    return es_engine.configured() and time.monotonic() >= _breaker["until"]


def _trip_breaker():
    with _breaker_lock:
        _breaker["until"] = time.monotonic() + RETRY_AFTER_SECONDS


def reset_breaker():
    with _breaker_lock:
        _breaker["until"] = 0.0


def _run(engine_name, query, plan, today, facets=True, relax=True):
    if engine_name == "elasticsearch":
        return es_engine.search(query, plan, today, facets=facets, relax=relax)
    return embedded.search(query, plan, today, relax=relax)


def search(query, engine=None, today=None, with_suggestion=True, relax=True):
    """Run a SearchQuery. `engine` forces one ("elasticsearch"/"embedded").
    `relax`: when no document has all the words, loosen the query step by
    step (a feed or an alert follows exactly what was typed, so it does not)."""
    today = today or district_today()
    plan = analyze_query(query.text)
    notice = None
    name = engine or ("elasticsearch" if elasticsearch_available() else "embedded")
    if engine is None and es_engine.configured() and name == "embedded":
        notice = FALLBACK_NOTICE
    try:
        raw = _run(name, query, plan, today, relax=relax)
    except EngineUnavailable as exc:
        if engine is not None:
            raise
        log.warning("Elasticsearch unavailable, answering from the embedded engine: %s", exc)
        _trip_breaker()
        name, notice = "embedded", FALLBACK_NOTICE
        raw = embedded.search(query, plan, today, relax=relax)
    names = _department_names() if raw.hits else {}
    terms = next(p for p in plan.relaxations() if p.step == raw.step).highlight_terms()
    suggestion = None
    if with_suggestion and query.text:
        suggestion = _suggestion(name, query, raw, today)
    return SearchResult(
        query=query,
        hits=[_hit(h, terms, names, today) for h in raw.hits],
        total=raw.total,
        facets=_facets(query, raw.counts),
        suggestion=suggestion,
        engine=name,
        notice=notice,
        match=raw.step,
    )


def _suggestion(engine_name, query, raw, today):
    corrected = suggest.did_you_mean(query.text)
    if not corrected:
        return None
    probe = query.with_(text=corrected, page=1, page_size=1)
    try:
        # Only the total matters: no facet counts for the probe.
        found = _run(engine_name, probe, analyze_query(corrected), today, facets=False)
    except EngineUnavailable:
        return None
    # Better: found at a stricter relaxation step, or clearly more at the same one.
    if found.step != raw.step:
        better = STEPS.index(found.step) < STEPS.index(raw.step)
    else:
        better = suggest.clearly_better(raw.total, found.total)
    return corrected if better and found.total else None


def _department_names():
    return facet_defs.department_names()


def _badges(h, today):
    out = []
    for facet in facet_defs.all_facets():
        if facet.badge and facet.applies(h):
            shown = facet.badge(today, **{f: h.get(f) for f in facet.rule.fields})
            out.append(Badge(facet.name, shown.key, shown.label, shown.note, shown.text))
    return out


def _hit(h, terms, names, today):
    text = h.get("summary") or h.get("body") or ""
    if h.get("summary") and h.get("body") and not any(t in (h.get("summary") or "").lower() for t in terms):
        text = h["body"]
    return Hit(
        id=h["id"],
        type=h["type"],
        type_label=content_types().get(h["type"], h["type"]),
        title=h["title"],
        title_html=highlight(h["title"], terms),
        url=h["url"],
        snippet=snippet(text, terms),
        document_number=h.get("document_number") or "",
        index_number=h.get("index_number") or "",
        code=h.get("code") or "",
        departments=[names.get(d, d) for d in h.get("departments") or []],
        published=h.get("published") or None,
        window_opens=h.get("window_opens") or None,
        window_closes=h.get("window_closes") or None,
        badges=_badges(h, today),
    )


def _facets(query, counts):
    out = []
    for facet in facet_defs.all_facets():
        facet_counts = counts.get(facet.name, {})
        selected = set(query.selected(facet.name))
        if facet.pattern:  # open-ended values (year): newest first
            ordered = sorted(set(facet_counts) | selected, reverse=True)
            labels = {v: f"{v}年" for v in ordered}
        else:
            labels = facet.allowed()
            ordered = [v for v in labels if v in facet_counts or v in selected]
            ordered += sorted(v for v in facet_counts if v and v not in labels)  # "" = no value
        values = [
            FacetValue(v, labels.get(v, v), facet_counts.get(v, 0), v in selected)
            for v in ordered
            if facet_counts.get(v, 0) or v in selected
        ]
        out.append(FacetResult(facet.name, facet.label, values))
    return out
