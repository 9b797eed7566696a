"""OpenAPI fragment for /api/powerlists/ (merged into /api/openapi.json by search/).
Query parameters come from the declarations in filters.py; the response
schemas are written here."""

from portal.params import error_response_spec

from .api import PATH_CODE
from .codes import POWER_TYPE_CHOICES
from .filters import ApiParams
from .models import ADJUSTMENT_KINDS

_ERRORS = {"400": error_response_spec()}


def openapi():
    return {"paths": _paths(), "schemas": SCHEMAS}


def _paths():
    return {
        "/api/powerlists/departments/": {"get": {
            "summary": "部门及其现行权力事项数", "tags": ["权责清单"],
            "responses": {"200": {"description": "部门列表", "content": {"application/json": {"schema": {
                "type": "object", "properties": {"results": {"type": "array", "items": {
                    "$ref": "#/components/schemas/PowerListDepartment"}}}}}}}, **_ERRORS},
        }},
        "/api/powerlists/items/": {"get": {
            "summary": "权力事项（可筛选、分页）", "tags": ["权责清单"],
            "parameters": ApiParams.openapi_parameters(),
            "responses": {"200": {"description": "事项列表", "content": {"application/json": {"schema": {
                "type": "object", "properties": {
                    "count": {"type": "integer"}, "page": {"type": "integer"}, "page_size": {"type": "integer"},
                    "results": {"type": "array", "items": {"$ref": "#/components/schemas/PowerItemSummary"}}}}}}},
                **_ERRORS},
        }},
        "/api/powerlists/items/{code}/": {"get": {
            "summary": "单个权力事项（含依据、责任事项、追责情形和调整记录）", "tags": ["权责清单"],
            "parameters": [{"name": "code", "in": "path", "required": True, "description": "事项编码，如 XK00001000",
                            "schema": {"type": "string", "pattern": f"^{PATH_CODE}$"}}],
            "responses": {
                "200": {"description": "事项详情", "content": {"application/json": {"schema": {
                    "$ref": "#/components/schemas/PowerItemDetail"}}}},
                "404": error_response_spec("事项编码不存在"),
                **_ERRORS},
        }},
        "/api/powerlists/versions/": {"get": {
            "summary": "清单版本", "tags": ["权责清单"],
            "responses": {"200": {"description": "版本列表", "content": {"application/json": {"schema": {
                "type": "object", "properties": {"results": {"type": "array", "items": {
                    "$ref": "#/components/schemas/PowerListVersion"}}}}}}}, **_ERRORS},
        }},
    }


SCHEMAS = {
    "PowerListDepartment": {"type": "object", "properties": {
        "slug": {"type": "string"}, "name": {"type": "string"}, "short_name": {"type": "string"},
        "phone": {"type": "string"}, "complaint_phone": {"type": "string"}, "address": {"type": "string"},
        "item_count": {"type": "integer"}, "url": {"type": "string", "format": "uri"}}},
    "PowerItemSummary": {"type": "object", "properties": {
        "code": {"type": "string"}, "name": {"type": "string"},
        "power_type": {"type": "string", "enum": [k for k, _l in POWER_TYPE_CHOICES]},
        "power_type_label": {"type": "string"}, "department": {"type": "string"},
        "department_name": {"type": "string"}, "level": {"type": "string"}, "level_label": {"type": "string"},
        "status": {"type": "string", "enum": ["active", "cancelled"]},
        "main_code": {"type": "string", "nullable": True}, "url": {"type": "string", "format": "uri"}}},
    "PowerItemDetail": {"allOf": [{"$ref": "#/components/schemas/PowerItemSummary"}, {"type": "object", "properties": {
        "legal_bases": {"type": "array", "items": {"type": "object", "properties": {
            "law": {"type": "string"}, "article": {"type": "string"}, "text": {"type": "string"}}}},
        "steps": {"type": "array", "items": {"type": "object", "properties": {
            "step": {"type": "string"}, "content": {"type": "string"}, "basis": {"type": "string"}}}},
        "accountability": {"type": "array", "items": {"type": "object", "properties": {
            "case": {"type": "string"}, "basis": {"type": "string"}}}},
        "statutory_days": {"type": "integer", "nullable": True}, "promised_days": {"type": "integer", "nullable": True},
        "fee_basis": {"type": "string"}, "fee_standard": {"type": "string"}, "complaint_phone": {"type": "string"},
        "inspection_content": {"type": "string"}, "inspection_method": {"type": "string"},
        "involves_enterprises": {"type": "boolean", "nullable": True}, "remarks": {"type": "string"},
        "adjustments": {"type": "array", "items": {"type": "object", "properties": {
            "kind": {"type": "string", "enum": [k for k, _l in ADJUSTMENT_KINDS]}, "kind_label": {"type": "string"},
            "description": {"type": "string"}, "basis": {"type": "string"},
            "effective_date": {"type": "string", "format": "date"}, "notice_title": {"type": "string"},
            "notice_number": {"type": "string"}, "merged_into": {"type": "string", "nullable": True},
            "version": {"type": "string", "nullable": True}}}}}}]},
    "PowerListVersion": {"type": "object", "properties": {
        "id": {"type": "integer"}, "name": {"type": "string"}, "approval_document": {"type": "string"},
        "approval_title": {"type": "string"}, "approved_on": {"type": "string", "format": "date"},
        "item_count": {"type": "integer"}, "adjustment_count": {"type": "integer"}}},
}
