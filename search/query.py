"""The one query object, and its GET parameters.

The parameters are declared once (`search_params()`, a `portal.params`
model with one list parameter per facet, built from `facets.all_facets()`):
the API, the feed, the page and /api/openapi.json all use that declaration.
Unknown parameters, unknown facet values, bad dates, bad pages: a ParamError
naming the parameter (the API answers HTTP 400 with it; the page shows it).
The text itself is never an error: it is cleaned and cut at
`analysis.MAX_QUERY_LENGTH` characters.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Annotated

from pydantic import AfterValidator, Field, create_model, model_validator

from portal.params import Date, Integer, Matches, OneOf, ParamError, Params

from . import facets
from .analysis import MAX_QUERY_LENGTH, clean_query

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 10
# Elasticsearch's default max_result_window: deeper pages are refused.
MAX_RESULT_WINDOW = 10_000
# Without text there is no relevance: the order is then by date (`SearchQuery.order`).
SORTS = {"relevance": "相关度", "date": "发布日期", "deadline": "截止日期"}
# Kept for callers that caught the old name.
QueryError = ParamError


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
    def order(self):
        """The order results come in: relevance needs text to be relevant to."""
        return "date" if self.sort == "relevance" and not self.text else self.sort

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


class _Followed(Params):
    """What is searched: the text, the publication dates (and, added by
    `search_params`, one parameter per facet). A feed follows this."""

    q: Annotated[str, AfterValidator(clean_query)] = Field(
        "", title="关键词", description=f"关键词、文号或拼音；超过 {MAX_QUERY_LENGTH} 个字符的部分被截去")
    date_from: Date | None = Field(None, alias="from", title="起始日期", description="发布日期起（含），YYYY-MM-DD")
    date_to: Date | None = Field(None, alias="to", title="结束日期", description="发布日期止（含），YYYY-MM-DD")

    @model_validator(mode="after")
    def _dates_in_order(self):
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ParamError.one("from", "起始日期不能晚于结束日期。")
        return self

    def query(self):
        names = [f.name for f in facets.all_facets()]
        return SearchQuery(
            text=self.q,
            filters={name: tuple(getattr(self, name)) for name in names if getattr(self, name)},
            date_from=self.date_from,
            date_to=self.date_to,
            sort=getattr(self, "sort", "relevance"),
            page=getattr(self, "page", 1),
            page_size=getattr(self, "page_size", DEFAULT_PAGE_SIZE),
        )


class _Feed(_Followed):
    """/search/feed/: what is searched; sort, page and page_size are
    accepted (old links) and ignored: a feed is always newest first."""

    ignored = ("sort", "page", "page_size")


class _Search(_Followed):
    """/search/ and /api/search/: what is searched and how one page of it is shown."""

    sort: Annotated[str, OneOf(SORTS)] = Field("relevance", title="排序", description="relevance（相关度，无关键词时按发布日期）、date（发布日期）或 deadline（截止日期：未截止的按截止日期由近及远，其次常年受理、已截止，无申报期的在最后）")
    page: Integer(1, MAX_RESULT_WINDOW) = Field(1, title="页码", description="页码，从 1 开始")
    page_size: Integer(1, MAX_PAGE_SIZE) = Field(
        DEFAULT_PAGE_SIZE, title="每页条数", description=f"每页条数（1–{MAX_PAGE_SIZE}）")

    @model_validator(mode="after")
    def _inside_window(self):
        if self.page * self.page_size > MAX_RESULT_WINDOW:
            raise ParamError.one("page", f"页码过大：最多只能查看前 {MAX_RESULT_WINDOW} 条结果，请缩小检索范围。")
        return self


def _facet_field(facet):
    check = Matches(facet.pattern) if facet.pattern else OneOf(facet.allowed)
    description = f"{facet.label}（同一分面内为“或”，不同分面之间为“且”）"
    return (tuple[Annotated[str, check], ...], Field((), title=facet.label, description=description))


@lru_cache(maxsize=8)
def _model(base, signature):
    by_name = {f.name: f for f in facets.all_facets()}
    return create_model(base.__name__.lstrip("_") + "Params", __base__=base,
                        **{name: _facet_field(by_name[name]) for name, _label, _pattern in signature})


def _signature():
    return tuple((f.name, f.label, f.pattern) for f in facets.all_facets())


def search_params():
    """The parameters of /search/ and /api/search/ (facets as registered now)."""
    return _model(_Search, _signature())


def feed_params():
    return _model(_Feed, _signature())


class SuggestParams(Params):
    """/api/search/suggest/."""

    q: str = Field("", title="输入的文字", description="已输入的文字")


def parse(params):
    """A SearchQuery from a QueryDict (or a dict of str / list of str)."""
    return search_params().parse(params).query()


__all__ = ["MAX_QUERY_LENGTH", "MAX_PAGE_SIZE", "QueryError", "SearchQuery", "describe", "feed_params", "parse", "search_params"]
