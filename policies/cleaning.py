"""Imported body HTML → safe rich text.

Imported bodies (gov.cn pages) carry inline styles, layout tables, remote
images and empty paragraphs. The importer runs them through `clean_body`: a
whitelist (nh3, the html5ever parser, so malformed HTML is repaired rather
than passed on), no styles, no scripts or event handlers, no images from
other hosts, no empty paragraphs. Bodies written in the admin are not: the
rich-text editor already keeps only the field's features, and this whitelist
would strip Wagtail's own `<a linktype="page" id="…">` internal links.
"""

import re

import nh3

TAGS = {
    "p", "br", "h2", "h3", "h4", "h5", "h6", "b", "strong", "i", "em", "u", "sub", "sup",
    "ul", "ol", "li", "blockquote", "a", "img", "hr",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption",
}
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}
URL_SCHEMES = {"http", "https", "mailto"}

_EMPTY_P = re.compile(r"<p>(?:\s|&nbsp;|\u00a0|\u3000|<br>)*</p>")
_IMG = re.compile(r"<img\b[^>]*>")
_LOCAL_SRC = re.compile(r'\ssrc="/(?!/)[^"]*"')


def _drop_remote_images(html):
    return _IMG.sub(lambda m: m.group(0) if _LOCAL_SRC.search(m.group(0)) else "", html)


def clean_body(html):
    if not html:
        return ""
    cleaned = nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    cleaned = _drop_remote_images(cleaned)
    # Dropping an image can leave its paragraph empty, so this runs last.
    previous = None
    while previous != cleaned:
        previous, cleaned = cleaned, _EMPTY_P.sub("", cleaned)
    return cleaned.strip()


def plain_text(html):
    """Text for search documents and feed summaries."""
    text = nh3.clean(html or "", tags=set())
    text = text.replace("&nbsp;", " ").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
    return re.sub(r"\s+", " ", text).strip()
