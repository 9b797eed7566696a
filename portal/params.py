"""One parameter layer for every public API and filterable page.

An endpoint declares its GET parameters once, as a pydantic model (a subclass
of `Params`). The same declaration parses request.GET for the JSON API, the
Atom feed and the HTML page, and gives the parameter list of
/api/openapi.json (`Params.openapi_parameters()`): what is documented is
what is checked.

The rules, the same everywhere:
- an unknown parameter, a single-valued parameter given twice or a bad value
  is an error (HTTP 400), never silently ignored;
- an empty value is the same as no value;
- a list parameter may be repeated and/or comma-separated (`type=a,b&type=c`);
- numbers are ASCII digits only (not ２０２５ or ٢٠٢٥), dates are YYYY-MM-DD;
- every error names its parameter in Chinese; APIs answer with one body,
  {"error": {"code", "message", "parameter", "errors": {parameter: [message]}}}.
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Annotated, ClassVar

import annotated_types
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, WithJsonSchema
from pydantic_core import PydanticCustomError, core_schema

JSON = {"ensure_ascii": False}
# Longer digit strings are out of range anyway; never hand them to int().
_MAX_DIGITS = 30
_INTEGER = re.compile(r"-?[0-9]+", re.ASCII)
_DECIMAL = re.compile(r"-?[0-9]+(\.[0-9]+)?", re.ASCII)
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)


# -- the error ---------------------------------------------------------------


class ParamError(Exception):
    """Bad request parameters: {parameter: [messages]}, in Chinese.

    Not a ValueError, so that a model validator raising it (a rule across
    parameters) passes through pydantic untouched."""

    def __init__(self, errors: dict[str, list[str]], code: str = "invalid_parameter"):
        self.errors = errors
        self.code = code
        super().__init__(str(self))

    @classmethod
    def one(cls, parameter, message, code="invalid_parameter"):
        return cls({parameter: [message]}, code)

    @property
    def parameter(self):
        return next(iter(self.errors))

    @property
    def message(self):
        return self.errors[self.parameter][0]

    @property
    def messages(self):
        return [m for ms in self.errors.values() for m in ms]

    def __str__(self):
        return "；".join(m.rstrip("。") for m in self.messages) + "。"

    def as_dict(self):
        return error_body(self.code, self.message, self.parameter, self.errors)

    def response(self):
        return JsonResponse(self.as_dict(), status=400, json_dumps_params=JSON)


def read_only(view):
    """GET and HEAD (answered like GET, without a body); any other method is
    405, also before the CSRF check, whose 403 would suggest that a token
    could help: these views change nothing."""
    return csrf_exempt(require_safe(view))


def error_body(code, message, parameter=None, errors=None):
    body = {"code": code, "message": message}
    if parameter:
        body["parameter"] = parameter
        body["errors"] = errors or {parameter: [message]}
    return {"error": body}


def json_error(status, code, message, parameter=None):
    """An API error that is not about parameters (404: no such resource)."""
    return JsonResponse(error_body(code, message, parameter), status=status, json_dumps_params=JSON)


def bad_request_page(request, error, back_url="/", back_label="返回首页"):
    """The 400 page of an HTML view: the same messages, in the site's layout."""
    context = {"error": error, "back_url": back_url, "back_label": back_label}
    return render(request, "portal/bad_request.html", context, status=400)


class ParamErrorPageMixin:
    """For a Wagtail page whose get_context parses its parameters: a
    ParamError becomes the 400 page, linking back to the page."""

    def serve(self, request, *args, **kwargs):
        try:
            return super().serve(request, *args, **kwargs)
        except ParamError as error:
            return bad_request_page(request, error, self.url, f"返回{self.title}")


# The `Error` schema of /api/openapi.json, and a 400/404 response using it.
ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {"error": {
        "type": "object",
        "required": ["code", "message"],
        "properties": {
            "code": {"type": "string", "enum": ["unknown_parameter", "invalid_parameter", "not_found"]},
            "message": {"type": "string", "description": "第一个错误的中文说明"},
            "parameter": {"type": "string", "description": "出错的参数"},
            "errors": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}},
                       "description": "全部出错的参数及说明"},
        },
    }},
}


def error_response_spec(description="参数错误（error.parameter 指出哪个参数）"):
    return {"description": description, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


# -- value types ---------------------------------------------------------------


class Say:
    """Field-specific wording for an error kind, e.g. Say(missing="请选择行业门类代码。").
    Placeholders: {name} {label} {value} {low} {high} {allowed} and the
    error's own context ({decimal_places}, {max_length})."""

    def __init__(self, **messages):
        self.messages = messages


def _ascii_number(kind, pattern):
    def check(value):
        if not isinstance(value, str):
            return value
        if not pattern.fullmatch(value):
            foreign = any(c.isdigit() and not c.isascii() for c in value)  # ２ ٢ ²
            raise PydanticCustomError("ascii" if foreign else kind, "not an ASCII number")
        if len(value.lstrip("-")) > _MAX_DIGITS:  # far out of any range: keep the sign
            return ("-1" if value.startswith("-") else "1") + "0" * _MAX_DIGITS
        return value

    return BeforeValidator(check)


def Integer(low=None, high=None):  # noqa: N802 (a type, used like one)
    """An integer written in ASCII digits (optional leading '-'), low ≤ n ≤ high."""
    return Annotated[int, Field(ge=low, le=high), _ascii_number("integer", _INTEGER)]


def Number(low=None, high=None, places=2, digits=14):  # noqa: N802
    """A decimal written in ASCII digits and at most one '.', documented as a number."""
    bounds = {"minimum": low, "maximum": high}
    schema = {"type": "number", **{k: int(v) if v == int(v) else float(v) for k, v in bounds.items() if v is not None}}
    return Annotated[Decimal, Field(ge=low, le=high, max_digits=digits, decimal_places=places),
                     _ascii_number("number", _DECIMAL), WithJsonSchema(schema)]


def _iso_date(value):
    if not isinstance(value, str):
        return value
    try:
        if _DATE.fullmatch(value):
            return dt.date.fromisoformat(value)
    except ValueError:
        pass
    raise PydanticCustomError("date", "not a YYYY-MM-DD date")


Date = Annotated[dt.date, BeforeValidator(_iso_date)]


class OneOf:
    """A value from a fixed set: value → label as a mapping or (value, label)
    pairs (Django choices), or plain values; or a callable giving one at
    request time (database rows, registered facets). Documented as an enum
    of the values of the moment."""

    def __init__(self, values: Mapping | Iterable | Callable[[], Mapping | Iterable]):
        self.values = values

    def choices(self) -> dict:
        values = self.values() if callable(self.values) else self.values
        if isinstance(values, Mapping):
            return dict(values)
        return dict(v if isinstance(v, tuple) else (v, v) for v in values)

    def _check(self, value):
        if value not in self.choices():
            raise PydanticCustomError("choice", "unknown value")
        return value

    def __get_pydantic_core_schema__(self, source, handler):
        return core_schema.no_info_after_validator_function(self._check, handler(source))

    def __get_pydantic_json_schema__(self, schema, handler):
        values = list(self.choices())
        return {**handler(schema), "enum": values} if values else handler(schema)


def rows(model):
    """Choices read at request time: the slugs of a model's rows, with their names."""
    return lambda: dict(model.objects.values_list("slug", "name"))


class Matches:
    """A value matching a regular expression whole, ASCII semantics (\\d is 0-9)."""

    def __init__(self, pattern):
        self.pattern = pattern

    def _check(self, value):
        if not re.fullmatch(self.pattern, value, re.ASCII):
            raise PydanticCustomError("choice", "does not match")
        return value

    def __get_pydantic_core_schema__(self, source, handler):
        return core_schema.no_info_after_validator_function(self._check, handler(source))

    def __get_pydantic_json_schema__(self, schema, handler):
        return {**handler(schema), "pattern": f"^(?:{self.pattern})$"}


# -- the declaration ---------------------------------------------------------------

# The spaces people type around a value. Not str.strip()'s: that also drops
# control characters (\x1c…), which are invalid input, not blanks.
BLANK = " \t\r\n\u00a0\u3000"

MESSAGES = {
    "unknown": "未知参数：{name}。可用参数：{known}。",
    "repeated": "参数 {name} 只能出现一次。",
    "missing": "缺少参数 {name}（{label}）。",
    "choice": "参数 {name} 的取值“{value}”无效（{label}中没有这一项）。{allowed}",
    "ascii": "参数 {name} 请用半角阿拉伯数字（0-9）填写，收到“{value}”。",
    "integer": "参数 {name} 必须是整数，收到“{value}”。",
    "number": "参数 {name} 必须是数字（可带小数点），收到“{value}”。",
    "too_small": "参数 {name} 不能小于 {low}。",
    "too_large": "参数 {name} 不能大于 {high}。",
    "places": "参数 {name} 最多保留 {decimal_places} 位小数。",
    "too_long": "参数 {name} 不能超过 {max_length} 个字。",
    "date": "参数 {name} 必须是 YYYY-MM-DD 格式的日期，收到“{value}”。",
    "invalid": "参数 {name} 的取值“{value}”无效。",
}
# pydantic's error types -> the kinds above
_KINDS = {
    "missing": "missing", "choice": "choice", "ascii": "ascii", "integer": "integer", "number": "number", "date": "date",
    "int_parsing": "integer", "int_type": "integer", "int_from_float": "integer",
    "decimal_parsing": "number", "decimal_type": "number",
    "greater_than_equal": "too_small", "greater_than": "too_small",
    "less_than_equal": "too_large", "less_than": "too_large",
    "decimal_max_digits": "too_large", "decimal_whole_digits": "too_large",
    "decimal_max_places": "places", "string_too_long": "too_long",
}
# Enumerations longer than this are not spelled out in messages.
_LIST_ALLOWED_UP_TO = 15


class Params(BaseModel):
    """GET parameters of one endpoint. A field's alias is the parameter name
    (for names that are Python keywords: `date_from: ... = Field(alias="from")`);
    its title is the label used in messages, its description the documentation."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    # Parameters accepted and dropped before validation (kept for old links).
    ignored: ClassVar[tuple[str, ...]] = ()
    # Wording of this endpoint's messages, by kind (see MESSAGES; a field's Say wins).
    messages: ClassVar[dict[str, str]] = {}

    @classmethod
    def parse(cls, query, ignore_unknown=False):
        """A validated instance from a QueryDict (or a dict of str / list of str);
        raises ParamError naming every bad parameter. `ignore_unknown` is for
        a page whose shared links may carry tracking parameters."""
        fields = _by_name(cls)
        errors, code, data = {}, "invalid_parameter", {}
        for name in query.keys():
            if name not in fields and name not in cls.ignored and not ignore_unknown:
                name = name[:40]  # echoed back: keep it short
                errors[name] = [MESSAGES["unknown"].format(name=name, known="、".join(fields) or "无")]
                code = "unknown_parameter"
        for name, info in fields.items():
            raw = [str(v).strip(BLANK) for v in _getlist(query, name)]
            if _is_list(info):
                values = [part.strip(BLANK) for value in raw for part in value.split(",")]
                values = list(dict.fromkeys(v for v in values if v))
                if values:
                    data[name] = values
                continue
            raw = [v for v in raw if v]
            if len(raw) > 1:
                errors[name] = [MESSAGES["repeated"].format(name=name)]
            elif raw:
                data[name] = raw[0]
        if errors:
            raise ParamError(errors, code)
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            raise ParamError(_messages(cls, exc)) from None

    @classmethod
    def names(cls):
        return list(_by_name(cls))

    def query_pairs(self, exclude=()):
        """(parameter, value) pairs that reproduce this instance, defaults
        left out: for links and canonical query strings."""
        pairs = []
        for name, info in _by_name(type(self)).items():
            value = getattr(self, _attribute(type(self), name))
            if name in exclude or value == info.default:
                continue
            for item in value if isinstance(value, (list, tuple)) else [value]:
                pairs.append((name, format(item.normalize(), "f") if isinstance(item, Decimal) else str(item)))
        return pairs

    def lookups(self, **fields):
        """Queryset filters for the parameters that are set, e.g.
        `qs.filter(**params.lookups(type="support_type"))`."""
        return {lookup: getattr(self, name) for name, lookup in fields.items() if getattr(self, name)}

    @classmethod
    def openapi_parameters(cls):
        """OpenAPI 3.0 query parameter objects, from the same declaration."""
        schema = cls.model_json_schema(by_alias=True)
        required = set(schema.get("required", ()))
        out = []
        for name, info in _by_name(cls).items():
            prop = _openapi_schema(schema["properties"][name])
            param = {"name": name, "in": "query", "required": name in required, "schema": prop}
            if not param["required"]:
                param["allowEmptyValue"] = True  # an empty value is no value
            description = prop.pop("description", None)
            if description:
                param["description"] = description
            if _is_list(info):
                param["description"] = (description + "；" if description else "") + "可多选：重复参数或以逗号分隔"
                param.update(style="form", explode=True)
            out.append(param)
        return out


def _by_name(model):
    """Parameter name (the alias, if any) -> field."""
    return {info.alias or name: info for name, info in model.model_fields.items()}


def _attribute(model, parameter):
    return next(name for name, info in model.model_fields.items() if (info.alias or name) == parameter)


def _getlist(query, name):
    if hasattr(query, "getlist"):
        return query.getlist(name)
    value = query.get(name)
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _is_list(info):
    annotation = info.annotation
    options = typing.get_args(annotation) if typing.get_origin(annotation) in (typing.Union, types.UnionType) else (annotation,)
    return any(typing.get_origin(a) in (list, tuple) for a in options)


def _openapi_schema(prop):
    """pydantic's JSON Schema of one field, as an OpenAPI 3.0 parameter schema:
    no null (a parameter is absent, never null), no titles, no null default."""
    prop = dict(prop)
    prop.pop("title", None)
    if "anyOf" in prop:
        branches = [b for b in prop.pop("anyOf") if b.get("type") != "null"]
        if len(branches) == 1:
            prop = {**branches[0], **prop}
        else:
            prop["anyOf"] = branches
    if prop.get("default", 0) is None or prop.get("default") == []:
        prop.pop("default")
    if "items" in prop:
        prop["items"] = _openapi_schema(prop["items"])
    return prop


def _messages(model, exc):
    fields = _by_name(model)
    out = {}
    for error in exc.errors():
        name = str(error["loc"][0]) if error["loc"] else next(iter(fields))
        info = fields.get(name)
        kind = _KINDS.get(error["type"], "invalid")
        out.setdefault(name, []).append(_message(model, kind, name, info, error))
    return out


def _message(model, kind, name, info, error):
    say = next((m.messages for m in _constraints(info) if isinstance(m, Say)), {})
    template = say.get(kind) or model.messages.get(kind) or MESSAGES[kind]
    low = high = None
    for meta in _constraints(info):
        if isinstance(meta, annotated_types.Ge):
            low = meta.ge
        elif isinstance(meta, annotated_types.Le):
            high = meta.le
    value, ctx = error.get("input"), error.get("ctx") or {}
    context = {
        "name": name, "label": (info.title if info and info.title else name),
        "value": str(value)[:40] if value is not None else "",
        "low": ctx.get("ge", low), "high": ctx.get("le", high),
        "allowed": _allowed(info) if kind == "choice" else "",
        **ctx,
    }
    return template.format(**context)


def _constraints(info):
    """Metadata of a field and of the items of a list field."""
    if info is None:
        return []
    found = list(info.metadata)
    for arg in typing.get_args(info.annotation):
        found += _annotated_metadata(arg)
        for inner in typing.get_args(arg):
            found += _annotated_metadata(inner)
    return found


def _annotated_metadata(tp):
    return list(getattr(tp, "__metadata__", ()))


def _allowed(info):
    one_of = next((m for m in _constraints(info) if isinstance(m, OneOf)), None)
    if one_of is None:
        return ""
    choices = one_of.choices()
    if not choices or len(choices) > _LIST_ALLOWED_UP_TO:
        return ""
    return "可用值：" + "、".join(k if k == v else f"{k}（{v}）" for k, v in choices.items()) + "。"


__all__ = [
    "Date", "ERROR_SCHEMA", "Integer", "Matches", "Number", "OneOf", "ParamError", "ParamErrorPageMixin", "Params",
    "Say", "bad_request_page", "error_response_spec", "json_error", "read_only", "rows",
]
