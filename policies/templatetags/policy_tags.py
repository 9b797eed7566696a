from django import template

from .. import listings

register = template.Library()


@register.inclusion_tag("policies/tags/latest_policies.html")
def latest_policies(count=8):
    return {"policies": list(listings.live_policies().distinct()[:count])}


@register.inclusion_tag("policies/tags/open_measures.html")
def open_measures(count=8, audience="enterprise"):
    """Measures open today for 惠企 ("enterprise") or 惠民 ("person") readers."""
    return {"measures": listings.open_measures(count, audience), "noun": "惠民事项" if audience == "person" else "惠企事项"}


@register.inclusion_tag("policies/tags/policies_by_department.html")
def policies_by_department():
    return {"groups": listings.counts_by_department()}


@register.inclusion_tag("policies/tags/policies_by_topic.html")
def policies_by_topic():
    return {"topics": listings.counts_by_topic()}


@register.inclusion_tag("policies/tags/feed_link.html")
def policy_feed_link(kind="", slug=""):
    """<link rel="alternate"> for the feed covering a page."""
    if kind == "department":
        href = f"/zhengce/feed/department/{slug}/"
    elif kind == "topic":
        href = f"/zhengce/feed/topic/{slug}/"
    else:
        href = "/zhengce/feed/"
    return {"href": href}


@register.simple_tag
def policy_status_class(key):
    return f"status-{key}"
