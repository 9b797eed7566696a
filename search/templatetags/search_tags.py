from django import template

from .. import analytics

register = template.Library()


@register.filter
def clickthrough(url, text):
    """A result link that counts the click for the query `text` (none without a query)."""
    return analytics.link(url, text) if text else url
