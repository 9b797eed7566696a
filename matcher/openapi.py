"""OpenAPI fragment for /api/matcher/, /api/matcher/person/ and their feeds
(merged into /api/openapi.json by search/). Query parameters come from
ProfileParams and PersonParams; the response schemas are written here."""

from portal.params import error_response_spec

from .params import PersonParams, ProfileParams


def openapi():
    return {"paths": _paths(), "schemas": SCHEMAS}


def _paths():
    return {
        **_mode_paths(
            ProfileParams, "/api/matcher/", "/jisuanqi/feed/", "MatcherResult", "企业",
            "政策计算器：按企业情况匹配可申报的惠企事项", "惠企事项",
            "只返回现行有效政策中申报期未结束的事项。排序：申报中（截止早的在前）、即将截止、未开始、常年受理"
            "（免申即享在前）。near_misses 是只差一两项可争取条件（申报截止前来得及取得的资质认定、成立年限下限、"
            "人数或营业收入下限）的事项，missing 说明还差什么；to_check 列出无法自动核对的条件（“另需核实：…”）。"
            "企业规模可留空，由从业人数、营业收入（及资产总额）按工信部联企业〔2011〕300号测算。"),
        **_mode_paths(
            PersonParams, "/api/matcher/person/", "/jisuanqi/geren/feed/", "PersonMatcherResult", "个人",
            "个人政策计算器：按个人和家庭情况匹配可申请的惠民事项", "惠民事项",
            "服务对象为个人/家庭或企业和个人的事项，窗口和排序规则与 /api/matcher/ 相同。所有参数都可不填，"
            "未填写的情况在 missing 中以“需确认：…”列出。near_misses 只包括本人可以办理的手续"
            "（如“差一点：需要到公共就业服务机构办理失业登记”）或需确认的情况，年龄、户籍、人群等不作为“差一点”。"
            "to_check 列出无法自动核对的条件（“另需核实：…”）。"),
    }


def _mode_paths(params, api, feed, schema, who, summary, what, description):
    parameters = params.openapi_parameters()
    bad = error_response_spec(f"{who}信息有误：error.errors 按参数列出中文提示")
    return {
        api: {"get": {
            "summary": summary, "tags": ["政策计算器"],
            "description": f"{description}同一组参数在 {feed} 提供 Atom 订阅。",
            "parameters": parameters,
            "responses": {
                "200": {"description": "匹配结果", "content": {"application/json": {"schema": {
                    "$ref": f"#/components/schemas/{schema}"}}}},
                "400": bad,
            },
        }},
        feed: {"get": {
            "summary": f"{summary.split('：')[0]}结果订阅（Atom）", "tags": ["政策计算器"],
            "description": f"与 {api} 相同的参数，符合条件、仍可申请的{what}的 Atom 1.0 订阅源。",
            "parameters": parameters,
            "responses": {
                "200": {"description": "Atom 订阅源", "content": {"application/atom+xml": {"schema": {"type": "string"}}}},
                "400": bad,
            },
        }},
    }


def _result(profile):
    return {"type": "object", "properties": {
        "profile": {"type": "object", "properties": {**profile, "summary": {"type": "string"}}},
        "query": {"type": "string", "description": "规范化的查询字符串（可收藏、订阅）"},
        "feed": {"type": "string"},
        "total": {"type": "integer"},
        "matches": {"type": "array", "items": {"$ref": "#/components/schemas/MatcherMeasure"}},
        "near_misses": {"type": "array", "items": {"$ref": "#/components/schemas/MatcherMeasure"}},
    }}


SCHEMAS = {
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
        "to_check": {"type": "array", "items": {"type": "string"}, "example": ["另需核实：限额以上批发零售住宿餐饮企业"],
                     "description": "事项写明、但无法自动核对的条件，从不视为已符合"},
        "other_conditions": {"type": "string", "nullable": True, "description": "无法自动核对、需自行核实的条件（原文）"},
        "apply_url": {"type": "string", "nullable": True, "description": "在线申报入口"},
    }},
    "MatcherResult": _result({
        "scale": {"type": "string"}, "scale_derived": {"type": "boolean"}, "industry": {"type": "string"},
        "region": {"type": "string", "nullable": True}, "qualifications": {"type": "array", "items": {"type": "string"}},
        "founded": {"type": "integer", "nullable": True}, "headcount": {"type": "integer", "nullable": True},
        "revenue": {"type": "number", "nullable": True}}),
    "PersonMatcherResult": _result({
        "age": {"type": "integer", "nullable": True}, "residence": {"type": "string", "nullable": True},
        "region": {"type": "string", "nullable": True}, "employment": {"type": "string", "nullable": True},
        "graduated": {"type": "integer", "nullable": True}, "groups": {"type": "array", "items": {"type": "string"}},
        "disability": {"type": "string", "nullable": True}, "children": {"type": "integer", "nullable": True},
        "income": {"type": "number", "nullable": True}}),
}
