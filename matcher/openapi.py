"""OpenAPI fragment for /api/matcher/ (merged into /api/openapi.json by search/)."""

from portal.taxonomies import ENTERPRISE_SCALES, INDUSTRIES

from .enterprise_scale import SECTORS


def _query(name, description, schema, required=False):
    return {"name": name, "in": "query", "required": required, "description": description, "schema": schema}


OPENAPI = {
    "paths": {
        "/api/matcher/": {"get": {
            "summary": "政策计算器：按企业情况匹配可申报的惠企事项", "tags": ["政策计算器"],
            "description": (
                "只返回现行有效政策中申报期未结束的事项。排序：申报中（截止早的在前）、即将截止、未开始、常年受理"
                "（免申即享在前）。near_misses 是只差一两项可争取条件（资质认定、成立年限下限、人数或营业收入下限）"
                "的事项，missing 说明还差什么。企业规模可留空，由从业人数、营业收入（及资产总额）按"
                "工信部联企业〔2011〕300号测算。同一组参数在 /jisuanqi/feed/ 提供 Atom 订阅。"
            ),
            "parameters": [
                _query("industry", "行业门类（GB/T 4754-2017）", {"type": "string", "enum": [k for k, _ in INDUSTRIES]}, True),
                _query("scale", "企业规模；留空则按人数和营业收入测算", {"type": "string", "enum": [k for k, _ in ENTERPRISE_SCALES]}),
                _query("sector", "划型行业（门类含多个划型标准时测算规模用）", {"type": "string", "enum": [s.key for s in SECTORS]}),
                _query("region", "所在镇街标识", {"type": "string"}),
                {"name": "qual", "in": "query", "required": False, "description": "已具备的资质标识，可重复",
                 "schema": {"type": "array", "items": {"type": "string"}}, "style": "form", "explode": True},
                _query("founded", "成立（注册）年份，不晚于今年", {"type": "integer", "minimum": 1949}),
                _query("headcount", "从业人数", {"type": "integer", "minimum": 0}),
                _query("revenue", "上年度营业收入（万元）", {"type": "number", "minimum": 0}),
                _query("assets", "资产总额（万元），建筑业、房地产、租赁和商务服务业测算规模时用", {"type": "number", "minimum": 0}),
            ],
            "responses": {
                "200": {"description": "匹配结果", "content": {"application/json": {"schema": {
                    "$ref": "#/components/schemas/MatcherResult"}}}},
                "400": {"description": "企业信息有误：errors 按字段列出中文提示（_unknown 为未知参数）",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/MatcherError"}}}},
            },
        }},
    },
    "schemas": {
        "MatcherMeasure": {"type": "object", "properties": {
            "id": {"type": "integer"}, "title": {"type": "string"}, "url": {"type": "string"},
            "policy": {"type": "object", "properties": {
                "title": {"type": "string"}, "url": {"type": "string"}, "document_number": {"type": "string", "nullable": True}}},
            "support_type": {"type": "string"}, "support_type_label": {"type": "string"},
            "delivery_mode": {"type": "string", "enum": ["automatic", "fast", "application"]},
            "delivery_mode_label": {"type": "string"}, "automatic": {"type": "boolean", "description": "免申即享"},
            "amount_text": {"type": "string", "nullable": True}, "amount_cap": {"type": "number", "nullable": True, "description": "万元"},
            "status": {"type": "string", "enum": ["open", "closing", "upcoming"]}, "status_label": {"type": "string"},
            "group": {"type": "string", "enum": ["open", "closing", "upcoming", "rolling"]}, "group_label": {"type": "string"},
            "window_opens": {"type": "string", "nullable": True, "format": "date"},
            "window_closes": {"type": "string", "nullable": True, "format": "date"},
            "reasons": {"type": "array", "items": {"type": "string"}, "example": ["符合：小型企业", "符合：制造业"]},
            "missing": {"type": "array", "items": {"type": "string"}, "example": ["需要：高新技术企业认定"]},
            "other_conditions": {"type": "string", "nullable": True, "description": "无法自动核对、需企业自行核实的条件"},
        }},
        "MatcherResult": {"type": "object", "properties": {
            "profile": {"type": "object", "properties": {
                "scale": {"type": "string"}, "scale_derived": {"type": "boolean"}, "industry": {"type": "string"},
                "region": {"type": "string", "nullable": True}, "qualifications": {"type": "array", "items": {"type": "string"}},
                "founded": {"type": "integer", "nullable": True}, "headcount": {"type": "integer", "nullable": True},
                "revenue": {"type": "number", "nullable": True}, "summary": {"type": "string"}}},
            "query": {"type": "string", "description": "规范化的查询字符串（可收藏、订阅）"},
            "feed": {"type": "string"},
            "total": {"type": "integer"},
            "matches": {"type": "array", "items": {"$ref": "#/components/schemas/MatcherMeasure"}},
            "near_misses": {"type": "array", "items": {"$ref": "#/components/schemas/MatcherMeasure"}},
        }},
        "MatcherError": {"type": "object", "properties": {
            "error": {"type": "string"},
            "errors": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}},
                       "example": {"headcount": ["从业人数不能为负数。"], "industry": ["未知的行业门类代码：Z。"]}},
        }},
    },
}
