from django import template

from .. import satisfaction, targets

register = template.Library()


@register.inclusion_tag("feedback/tags/form.html", takes_context=True)
def feedback_form(context, obj):
    """{% feedback_form page %}: the 这条信息对您有帮助吗？ form for a rateable item."""
    return {"kind": targets.kind_of(obj), "object_id": obj.pk, "request": context.get("request"),
            "csrf_token": context.get("csrf_token")}


@register.inclusion_tag("feedback/tags/satisfaction.html")
def department_satisfaction(department):
    """{% department_satisfaction department %}: the last 12 months' rate."""
    s = satisfaction.for_department(department)
    return {"rate": s.rate, "helpful": s.helpful, "total": s.total}
