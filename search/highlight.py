"""Snippets with highlighted query words, the same for both engines.

Everything is HTML-escaped; only the <mark> elements added here are markup.
"""

import functools
import re
from html import escape  # what django.utils.html.escape calls, without its lazy-string wrapper

from django.utils.safestring import mark_safe

SNIPPET_LENGTH = 120


def _pattern(terms):
    return _compiled(tuple(terms))


@functools.lru_cache(maxsize=256)
def _compiled(terms):
    terms = [t for t in terms if t.strip()]
    if not terms:
        return None
    return re.compile("|".join(re.escape(t) for t in sorted(set(terms), key=len, reverse=True)), re.IGNORECASE)


def _marked(text, pattern):
    if pattern is None:
        return escape(text)
    out, last = [], 0
    for m in pattern.finditer(text):
        out.append(escape(text[last : m.start()]))
        out.append(f"<mark>{escape(m.group(0))}</mark>")
        last = m.end()
    out.append(escape(text[last:]))
    return "".join(out)


def highlight(text, terms):
    """The whole text, escaped, with the terms marked."""
    return mark_safe(_marked(text or "", _pattern(terms)))


def snippet(text, terms, length=SNIPPET_LENGTH):
    """A window of the text around the densest cluster of terms."""
    text = re.sub(r"\s+", " ", text or "").strip()
    pattern = _pattern(terms)
    start = 0
    if pattern is not None and len(text) > length:
        best, best_count = None, 0
        positions = [m.start() for m in pattern.finditer(text)][:500]
        j = 0
        for i, p in enumerate(positions):
            while positions[j] < p - length // 2:
                j += 1
            if i - j + 1 > best_count:
                best, best_count = positions[j], i - j + 1
        if best is not None:
            start = max(0, best - 20)
    window = text[start : start + length]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + length < len(text) else ""
    return mark_safe(prefix + _marked(window, pattern) + suffix)
