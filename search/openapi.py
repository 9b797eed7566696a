"""OpenAPI fragment for the search API (merged into /api/openapi.json)."""

from .analysis import MAX_QUERY_LENGTH
from .facets import all_facets
from .query import MAX_PAGE_SIZE

_facet_params = [
    {
        "name": f.name,
        "in": "query",
        "required": False,
        "description": f"{f.label}（可多选：重复参数或以逗号分隔；同一分面内为“或”，不同分面之间为“且”）",
        "schema": {"type": "array", "items": {"type": "string"}},
        "style": "form",
        "explode": True,
    }
    for f in all_facets()
]

_search_params = [
    {"name": "q", "in": "query", "schema": {"type": "string", "maxLength": MAX_QUERY_LENGTH}, "description": "关键词、文号或拼音"},
    *_facet_params,
    {"name": "from", "in": "query", "schema": {"type": "string", "format": "date"}, "description": "发布日期起（含）"},
    {"name": "to", "in": "query", "schema": {"type": "string", "format": "date"}, "description": "发布日期止（含）"},
]

OPENAPI = {
    "paths": {
        "/api/search/": {
            "get": {
                "summary": "站内搜索",
                "description": (
                    f"全文检索政策文件、政策解读、惠企事项、权力事项和责任清单。关键词超过 {MAX_QUERY_LENGTH} 个字符的部分被截去。"
                    "未知参数或未知分面取值返回 400。"
                ),
                "parameters": [
                    *_search_params,
                    {"name": "sort", "in": "query", "schema": {"type": "string", "enum": ["relevance", "date"], "default": "relevance"}},
                    {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1, "default": 1}},
                    {"name": "page_size", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE, "default": 10}},
                ],
                "responses": {
                    "200": {"description": "检索结果", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SearchResponse"}}}},
                    "400": {"description": "参数错误", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                },
            }
        },
        "/search/feed/": {
            "get": {
                "summary": "检索结果订阅（Atom）",
                "description": "与 /api/search/ 相同的检索条件，按发布日期从新到旧的 Atom 1.0 订阅源。",
                "parameters": _search_params,
                "responses": {
                    "200": {"description": "Atom 订阅源", "content": {"application/atom+xml": {"schema": {"type": "string"}}}},
                    "400": {"description": "参数错误", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                },
            }
        },
        "/api/search/suggest/": {
            "get": {
                "summary": "搜索联想（自动补全）",
                "parameters": [{"name": "q", "in": "query", "schema": {"type": "string"}}],
                "responses": {
                    "200": {"description": "联想词", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Suggestions"}}}},
                    "400": {"description": "参数错误", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                },
            }
        },
    },
    "schemas": {
        "Error": {
            "type": "object",
            "required": ["error"],
            "properties": {"error": {"type": "object", "properties": {"parameter": {"type": "string"}, "message": {"type": "string"}}}},
        },
        "SearchHit": {
            "type": "object",
            "properties": {
                "id": {"type": "string"},
                "type": {"type": "string", "enum": ["policy", "interpretation", "measure", "power_item", "responsibility"]},
                "type_label": {"type": "string"},
                "title": {"type": "string"},
                "title_html": {"type": "string", "description": "HTML 转义后的标题，命中词以 <mark> 标出"},
                "url": {"type": "string"},
                "snippet": {"type": "string", "description": "HTML 转义后的摘要，命中词以 <mark> 标出"},
                "document_number": {"type": "string", "nullable": True},
                "index_number": {"type": "string", "nullable": True},
                "code": {"type": "string", "nullable": True},
                "department": {"type": "string"},
                "departments": {"type": "array", "items": {"type": "string"}},
                "published": {"type": "string", "format": "date", "nullable": True},
            },
        },
        "FacetValue": {
            "type": "object",
            "properties": {"value": {"type": "string"}, "label": {"type": "string"}, "count": {"type": "integer"}, "selected": {"type": "boolean"}},
        },
        "SearchResponse": {
            "type": "object",
            "properties": {
                "engine": {"type": "string", "enum": ["elasticsearch", "embedded"]},
                "query": {"type": "string"},
                "filters": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
                "from": {"type": "string", "format": "date", "nullable": True},
                "to": {"type": "string", "format": "date", "nullable": True},
                "sort": {"type": "string"},
                "total": {"type": "integer"},
                "page": {"type": "integer"},
                "page_size": {"type": "integer"},
                "pages": {"type": "integer"},
                "results": {"type": "array", "items": {"$ref": "#/components/schemas/SearchHit"}},
                "facets": {"type": "object", "additionalProperties": {"type": "array", "items": {"$ref": "#/components/schemas/FacetValue"}}},
                "suggestion": {"type": "string", "nullable": True, "description": "您是不是要找"},
                "notice": {"type": "string", "nullable": True, "description": "降级到备用索引时的提示"},
            },
        },
        "Suggestions": {
            "type": "object",
            "properties": {
                "query": {"type": "string"},
                "suggestions": {"type": "array", "items": {"type": "object", "properties": {"text": {"type": "string"}, "kind": {"type": "string"}, "url": {"type": "string"}}}},
            },
        },
    },
}
