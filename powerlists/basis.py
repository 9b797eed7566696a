"""依据核验: each 设定依据 resolved to the law library and checked.

A basis is parsed (citations.py), its law looked up by name (abbreviated or
full, any version note), and its articles found in the version in force.
The result is kept on the LegalBasis row (status, note, the quoted text's
difference from the law), so pages, the admin report and the dashboard
read it without re-checking. Laws the library does not hold are 未收录,
not errors: the library holds national laws, not every regulation.
"""

import datetime as dt
import difflib
import re
import unicodedata
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from laws.models import Law

from .citations import COUNTRY, CitationError, parse
from .models import BASIS_PROBLEMS, LegalBasis

ITEM_MARK = re.compile(r"^\s*[(（][一二三四五六七八九十]+[)）]")
CHECK_FIELDS = ["law_ref", "article_ref", "check_status", "check_note", "check_diff", "checked_at"]


@dataclass
class Result:
    status: str
    note: str = ""
    law: Law | None = None
    article: object = None
    diff: list = field(default_factory=list)


class Library:
    """The library's laws by name key and their articles, read once per
    check run and only for the laws cited."""

    def __init__(self):
        self._versions, self._articles = {}, {}

    def versions(self, key):
        if key not in self._versions:
            self._versions[key] = list(Law.objects.filter(title__in=[key, COUNTRY + key]).select_related("current"))
        return self._versions[key]

    def articles(self, law):
        if law.pk not in self._articles:
            self._articles[law.pk] = list(law.articles.order_by("position"))
        return self._articles[law.pk]


def check(basis, library):
    try:
        citation = parse(basis.law, basis.article)
    except CitationError as exc:
        return Result("unreadable", str(exc))
    versions = library.versions(citation.key)
    name = f"《{citation.law}》"
    if not versions:
        return Result("not_held", f"法律法规库未收录{name}，未核验。")
    cited, law = _versions(versions, citation.version_year)
    if law is None:
        return Result("repealed", f"{name}已废止（{_version_label(cited)}），库中没有现行有效的版本。", cited)
    if citation.version_year and cited is not law:
        return Result("superseded", f"所引{name}{citation.version_year}年版本已被修改，现行有效的是"
                                    f"{_version_label(law)}。", law)
    if not citation.articles:
        if basis.article.strip() in ("", "全文"):
            return Result("ok", "", law)
        return Result("unreadable", f"无法识别条款“{basis.article}”，请写成“第×条第×款第×项”。", law)
    scopes, first = [], None
    for ref in citation.articles:
        article = _find(library.articles(law), ref)
        if article is None:
            return Result("missing_article", f"{name}现行版本（{_version_label(law)}）中没有{ref.article_label}。", law)
        first = first or article
        scope = _scope(article.text, ref.paragraph, ref.item)
        if scope is None:
            return Result("missing_article", f"{name}{ref.article_label}中没有{ref.label.removeprefix(ref.article_label)}。",
                          law, article)
        scopes.append(scope)
    if basis.text.strip() and not quotes(basis.text, "\n".join(scopes)):
        return Result("text_differs", f"引文与{name}{citation.articles[0].label}的现行条文不一致。", law, first,
                      difference(basis.text, "\n".join(scopes)))
    return Result("ok", "", law, first)


def _versions(versions, year):
    """(the version cited, the version in force or None)."""
    in_force = next((v for v in versions if v.status == "in_force"), None)
    if year:
        cited = next((v for v in versions if v.version_date and v.version_date.year == year), None)
        if cited is not None:
            return cited, in_force or cited.current
    if in_force is not None:
        return in_force, in_force
    latest = max(versions, key=lambda v: v.version_date or dt.date.min)
    current = latest.current if latest.current_id and latest.current.status == "in_force" else None
    return latest, current


def _version_label(law):
    return f"{law.version_date:%Y年%m月%d日}版" if law.version_date else "版本日期不详"


def _find(articles, ref):
    same = [a for a in articles if a.number == ref.number]
    exact = [a for a in same if a.number_text == ref.article_label]
    if exact:
        return exact[0]
    return same[0] if same and not ref.sub else None


def _scope(text, paragraph, item):
    """The article, its 款 or its 项 (None when it has no such part).
    Paragraphs are the lines that do not start with (一); items belong to
    the paragraph above them."""
    paragraphs = []
    for line in (line for line in text.splitlines() if line.strip()):
        if ITEM_MARK.match(line) and paragraphs:
            paragraphs[-1].append(line)
        else:
            paragraphs.append([line])
    if paragraph:
        if paragraph > len(paragraphs):
            return None
        lines = paragraphs[paragraph - 1]
    else:
        lines = [line for p in paragraphs for line in p]
    if item:
        items = [line for line in lines if ITEM_MARK.match(line)]
        return items[item - 1] if item <= len(items) else None
    return "\n".join(lines)


def _plain(text):
    """Wording only: full-width folded, no spaces, punctuation or (一) marks."""
    text = unicodedata.normalize("NFKC", text)
    text = "\n".join(ITEM_MARK.sub("", line) for line in text.splitlines())
    return "".join(c for c in text if not c.isspace() and not unicodedata.category(c).startswith("P"))


def quotes(quote, law_text):
    """Whether the quote is the law's wording; an ellipsis (…… or ...) may
    leave out text between the parts, which must come in order."""
    plain_law, start = _plain(law_text), 0
    for part in re.split(r"…+|\.{3,}", quote):
        part = _plain(part)
        if not part:
            continue
        found = plain_law.find(part, start)
        if found < 0:
            return False
        start = found + len(part)
    return True


def difference(quote, law_text):
    """[[op, text], …] of the quote against the part of the law it quotes:
    op "equal", "quote" (only in the quote) or "law" (only in the law)."""
    quote, law_text = quote.strip(), law_text.strip()
    matcher = difflib.SequenceMatcher(None, law_text, quote, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    if blocks:
        law_text = law_text[blocks[0].a:blocks[-1].a + blocks[-1].size]
    matcher = difflib.SequenceMatcher(None, law_text, quote, autojunk=False)
    out = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            out.append(["equal", law_text[a1:a2]])
            continue
        if b2 > b1:
            out.append(["quote", quote[b1:b2]])
        if a2 > a1:
            out.append(["law", law_text[a1:a2]])
    return out


def run(bases=None):
    """Check bases (default: all of them), store the results; returns the
    bases whose result became a problem in this run (to flag to departments)."""
    library = Library()
    bases = list((bases if bases is not None else LegalBasis.objects.all()).select_related("item__department"))
    now, newly = timezone.now(), []
    for basis in bases:
        result = check(basis, library)
        was = (basis.check_status, basis.check_note)
        basis.law_ref, basis.article_ref = result.law, result.article
        basis.check_status, basis.check_note, basis.check_diff = result.status, result.note, result.diff
        basis.checked_at = now
        if result.status in BASIS_PROBLEMS and was != (result.status, result.note):
            newly.append(basis)
    with transaction.atomic():
        LegalBasis.objects.bulk_update(bases, CHECK_FIELDS, batch_size=500)
    return newly


def check_item(item):
    return run(LegalBasis.objects.filter(item=item))
