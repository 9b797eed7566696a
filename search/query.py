"""The one query object, and strict parsing of it from GET parameters.

Unknown parameters, unknown facet values, bad dates, bad pages: a QueryError
naming the parameter (the API answers HTTP 400 with it; the page shows it).
The text itself is never an error: it is cleaned and cut at
`analysis.MAX_QUERY_LENGTH` characters.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from . import facets
from .analysis import MAX_QUERY_LENGTH, clean_query

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 10
# Elasticsearch's default max_result_window: deeper pages are refused.
MAX_RESULT_WINDOW = 10_000
SORTS = {"relevance": "相关度", "date": "发布日期"}
BASE_PARAMS = {"q", "sort", "page", "page_size", "from", "to"}


class QueryError(ValueError):
    def __init__(self, parameter, message):
        super().__init__(message)
        self.parameter = parameter
        self.message = message

    def as_dict(self):
        return {"error": {"parameter": self.parameter, "message": self.message}}


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    filters: dict = field(default_factory=dict)  # facet name -> tuple of values
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    sort: str = "relevance"
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE

    @property
    def offset(self):
        return (self.page - 1) * self.page_size

    def selected(self, facet_name):
        return self.filters.get(facet_name, ())

    def with_(self, **changes):
        return replace(self, **changes)

    def as_params(self):
        """GET parameters that reproduce this query (shareable URLs)."""
        params = []
        if self.text:
            params.append(("q", self.text))
        for name in (f.name for f in facets.all_facets()):
            params.extend((name, v) for v in self.filters.get(name, ()))
        if self.date_from:
            params.append(("from", self.date_from.isoformat()))
        if self.date_to:
            params.append(("to", self.date_to.isoformat()))
        if self.sort != "relevance":
            params.append(("sort", self.sort))
        if self.page_size != DEFAULT_PAGE_SIZE:
            params.append(("page_size", str(self.page_size)))
        if self.page != 1:
            params.append(("page", str(self.page)))
        return params

    def followed(self):
        """The query an alert or a feed follows: what is searched, not how
        one page of it is shown (no sort, page or page size)."""
        return replace(self, sort="relevance", page=1, page_size=DEFAULT_PAGE_SIZE)


def describe(query):
    """The query in words, for feed titles and alert e-mails."""
    parts = [f"“{query.text}”"] if query.text else []
    for facet in facets.all_facets():
        values = query.filters.get(facet.name)
        if not values:
            continue
        labels = {} if facet.pattern else facet.allowed()
        parts.append(f"{facet.label}：{'、'.join(labels.get(v, v) for v in values)}")
    if query.date_from or query.date_to:
        start = query.date_from.isoformat() if query.date_from else "不限"
        end = query.date_to.isoformat() if query.date_to else "不限"
        parts.append(f"发布日期：{start}至{end}")
    return "；".join(parts) or "全部信息"


def _int(params, name, default, low, high):
    raw = params.get(name, "")
    if raw in ("", None):
        return default
    try:
        value = int(str(raw).strip())
    except ValueError:
        raise QueryError(name, f"参数 {name} 必须是整数，收到“{str(raw)[:20]}”。") from None
    if not low <= value <= high:
        raise QueryError(name, f"参数 {name} 必须在 {low} 到 {high} 之间。")
    return value


def _date(params, name):
    raw = (params.get(name) or "").strip()
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise QueryError(name, f"参数 {name} 必须是 YYYY-MM-DD 格式的日期，收到“{raw[:20]}”。") from None


def parse(params):
    """A SearchQuery from a QueryDict (or a dict of str / list of str)."""
    getlist = params.getlist if hasattr(params, "getlist") else (lambda k: _as_list(params.get(k)))
    allowed = BASE_PARAMS | {f.name for f in facets.all_facets()}
    for name in params.keys():
        if name not in allowed:
            raise QueryError(name, f"未知参数：{name[:40]}。可用参数：{', '.join(sorted(allowed))}。")
    single = {}
    for name in ("q", "sort", "page", "page_size", "from", "to"):
        values = getlist(name)
        if len(values) > 1 and name != "q":
            raise QueryError(name, f"参数 {name} 只能出现一次。")
        single[name] = values[-1] if values else ""
    filters = {}
    for facet in facets.all_facets():
        values = []
        for raw in getlist(facet.name):
            values.extend(v.strip() for v in str(raw).split(",") if v.strip())
        if not values:
            continue
        allowed = None if facet.pattern else facet.allowed()
        for value in values:
            ok = facet.is_valid(value) if facet.pattern else value in allowed
            if not ok:
                raise QueryError(facet.name, f"参数 {facet.name} 的取值“{value[:40]}”无效（{facet.label}中没有这一项）。")
        filters[facet.name] = tuple(dict.fromkeys(values))
    sort = (single["sort"] or "relevance").strip()
    if sort not in SORTS:
        raise QueryError("sort", "参数 sort 只能是 relevance（相关度）或 date（发布日期）。")
    page_size = _int(single, "page_size", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE)
    page = _int(single, "page", 1, 1, MAX_RESULT_WINDOW)
    if page * page_size > MAX_RESULT_WINDOW:
        raise QueryError("page", f"页码过大：最多只能查看前 {MAX_RESULT_WINDOW} 条结果，请缩小检索范围。")
    date_from, date_to = _date(single, "from"), _date(single, "to")
    if date_from and date_to and date_from > date_to:
        raise QueryError("from", "起始日期不能晚于结束日期。")
    return SearchQuery(
        text=clean_query(str(single["q"] or "")),
        filters=filters,
        date_from=date_from,
        date_to=date_to,
        sort=sort,
        page=page,
        page_size=page_size,
    )


def _as_list(value):
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


__all__ = ["MAX_QUERY_LENGTH", "MAX_PAGE_SIZE", "QueryError", "SearchQuery", "describe", "parse"]
