from django import template

from portal.daterules import today

from ..models import live_consultations

register = template.Library()


@register.inclusion_tag("consultations/tags/open_consultations.html")
def open_consultations(count=5):
    """Consultations accepting comments today, closing soonest first."""
    day = today()
    pages = live_consultations().filter(closes__gte=day).order_by("closes", "pk")  # the rest are closed whatever the rule
    return {"consultations": [p for p in pages if p.accepts_comments(day)][:count]}
