"""OpenAPI fragment for the search API (merged into /api/openapi.json).
Parameters come from the declarations in query.py; the
response schemas are written here."""

from portal.params import error_response_spec

from .analysis import MAX_QUERY_LENGTH
from .query import SuggestParams, feed_params, search_params


def openapi():
    return {"paths": _paths(), "schemas": SCHEMAS}


def _paths():
    return {
        "/api/search/": {
            "get": {
                "summary": "站内搜索",
                "description": (
                    f"全文检索政策文件、政策解读、惠企事项、权力事项和责任清单。关键词超过 {MAX_QUERY_LENGTH} 个字符的部分被截去。"
                    "未知参数或未知分面取值返回 400。"
                ),
                "parameters": search_params().openapi_parameters(),
                "responses": {
                    "200": {"description": "检索结果", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/SearchResponse"}}}},
                    "400": error_response_spec(),
                },
            }
        },
        "/search/feed/": {
            "get": {
                "summary": "检索结果订阅（Atom）",
                "description": "与 /api/search/ 相同的检索条件，按发布日期从新到旧的 Atom 1.0 订阅源；sort、page、page_size 可以带，但不影响结果。",
                "parameters": feed_params().openapi_parameters(),
                "responses": {
                    "200": {"description": "Atom 订阅源", "content": {"application/atom+xml": {"schema": {"type": "string"}}}},
                    "400": error_response_spec(),
                },
            }
        },
        "/api/search/suggest/": {
            "get": {
                "summary": "搜索联想（自动补全）",
                "parameters": SuggestParams.openapi_parameters(),
                "responses": {
                    "200": {"description": "联想词", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Suggestions"}}}},
                    "400": error_response_spec(),
                },
            }
        },
    }


SCHEMAS = {
    "SearchHit": {
        "type": "object",
        "properties": {
            "id": {"type": "string"},
            "type": {"type": "string", "description": "内容类型（与 type 参数的取值相同）"},
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
            "window_opens": {"type": "string", "format": "date", "nullable": True, "description": "申报开始日期（惠企事项）"},
            "window_closes": {"type": "string", "format": "date", "nullable": True, "description": "申报截止日期（惠企事项；空为常年受理）"},
            "badges": {"type": "array", "description": "当天计算的状态，如申报状态", "items": {"$ref": "#/components/schemas/Badge"}},
        },
    },
    "Badge": {
        "type": "object",
        "properties": {
            "facet": {"type": "string", "description": "分面名，如 status"},
            "value": {"type": "string", "description": "取值，如 closing"},
            "label": {"type": "string", "description": "如 即将截止、常年受理"},
            "note": {"type": "string", "description": "如 截止 2026-12-04、12-15 起"},
            "text": {"type": "string", "description": "如 即将截止 · 截止 2026-12-04"},
        },
    },
    "PromotedResult": {
        "type": "object",
        "required": ["title", "url", "description"],
        "properties": {"title": {"type": "string"}, "url": {"type": "string"}, "description": {"type": "string"}},
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
            "promoted": {
                "type": "array", "items": {"$ref": "#/components/schemas/PromotedResult"},
                "description": "推荐结果（门户办为这个关键词置顶的条目，显示在结果之上）；只在第 1 页",
            },
            "suggestion": {"type": "string", "nullable": True, "description": "您是不是要找"},
            "notice": {"type": "string", "nullable": True, "description": "降级到备用索引时的提示"},
            "match": {"type": "string", "enum": ["all", "most", "any", "chars"],
                      "description": "结果的匹配程度：all 包含全部词语；没有这样的结果时依次放宽为 most（大部分词语）、any（任一词语）、chars（词语中的部分字）"},
            "match_notice": {"type": "string", "nullable": True, "description": "放宽匹配时的提示"},
        },
    },
    "Suggestions": {
        "type": "object",
        "properties": {
            "query": {"type": "string"},
            "suggestions": {"type": "array", "items": {"type": "object", "properties": {"text": {"type": "string"}, "kind": {"type": "string"}, "url": {"type": "string"}}}},
        },
    },
}
