"""设定依据 citations: what editors type, parsed into (law, articles, 款, 项).

Editors write a basis in many forms: 《食品安全法》第三十五条第一款,
食品安全法第35条, 《中华人民共和国食品安全法》（2021年修正）第三十五条,
第三十条、第三十二条, 第三十条至第三十二条, 第十七条之一第二款第三项.
`parse(law, article)` reads the two fields of a LegalBasis together (the
article may have been typed into the law field) and returns a Citation;
`law_key` reduces a law's name to what identifies it, so an abbreviated
name (without 中华人民共和国) finds the library's full title.
"""

import re
import unicodedata
from dataclasses import dataclass

import cn2an

NUMERAL = r"[0-9零〇一二两三四五六七八九十百千]+"
TOKEN = re.compile(rf"第({NUMERAL})(条|款|项)(?:之({NUMERAL}))?|(至)")
TITLE = re.compile(r"《([^《》]*(?:《[^《》]*》[^《》]*)*)》")
# A version note right after the name: （2021年修正）, (2018年10月26日修订), （2015年版）.
VERSION = re.compile(r"^\s*\((\d{4})年[^()]*\)")
COUNTRY = "中华人民共和国"
RANGE_LIMIT = 50  # 第一条至第五十条 is a range; a typo like 第一条至第九百条 is not expanded


class CitationError(ValueError):
    """The article part could not be read (e.g. 第十条至第五条)."""


@dataclass(frozen=True)
class ArticleRef:
    number: int          # 条
    sub: int = 0         # 之一 → 1
    paragraph: int = 0   # 款, 0 = the whole article
    item: int = 0        # 项, 0 = the whole paragraph

    @property
    def label(self):
        """第三十五条之一第一款第四项: how the article is written in the law."""
        text = f"第{to_chinese(self.number)}条"
        if self.sub:
            text += f"之{to_chinese(self.sub)}"
        if self.paragraph:
            text += f"第{to_chinese(self.paragraph)}款"
        if self.item:
            text += f"第{to_chinese(self.item)}项"
        return text

    @property
    def article_label(self):
        return ArticleRef(self.number, self.sub).label


@dataclass(frozen=True)
class Citation:
    law: str                      # the name as written, without 《》 and version note
    version_year: int | None      # （2021年修正） → 2021
    articles: tuple = ()          # ArticleRef, in the order written

    @property
    def key(self):
        return law_key(self.law)


def to_int(numeral):
    """'三十五' / '35' / '３５' → 35."""
    numeral = unicodedata.normalize("NFKC", numeral)
    if numeral.isdigit():
        return int(numeral)
    return int(cn2an.cn2an(numeral, "smart"))


def to_chinese(number):
    return cn2an.an2cn(number)


def law_key(name):
    """What identifies a law whatever the form: no 《》, spaces, version
    note or 中华人民共和国 prefix; full-width forms folded."""
    name = unicodedata.normalize("NFKC", name)
    name = re.sub(r"\s+", "", name)
    name = re.sub(r"\(\d{4}年[^()]*\)$", "", name).strip("《》")
    return name.removeprefix(COUNTRY)


def parse(law, article=""):
    text = unicodedata.normalize("NFKC", law.strip())
    title = TITLE.search(text)
    if title:
        name, rest = title.group(1), text[title.end():]
    else:
        head = TOKEN.search(text)
        name, rest = (text[:head.start()], text[head.start():]) if head else (text, "")
        paren = re.search(r"\(\d{4}年[^()]*\)", name)
        if paren:
            name, rest = name[:paren.start()], name[paren.start():] + rest
    rest = f"{rest} {unicodedata.normalize('NFKC', article)}"
    version = VERSION.match(rest)
    return Citation(law=name.strip(), version_year=int(version.group(1)) if version else None,
                    articles=tuple(_articles(rest)))


def _articles(text):
    refs, pending_range = [], False
    for match in TOKEN.finditer(text):
        numeral, unit, sub, to = match.groups()
        if to:
            pending_range = bool(refs)
            continue
        n = to_int(numeral)
        if unit == "条":
            ref = ArticleRef(n, to_int(sub) if sub else 0)
            if pending_range:
                refs.extend(_expand(refs[-1], ref))
            refs.append(ref)
        elif not refs:
            continue  # 第二款 with no article before it: nothing to attach it to
        elif unit == "款":
            last = refs[-1]
            if last.paragraph and pending_range:
                refs.extend(ArticleRef(last.number, last.sub, p) for p in range(last.paragraph + 1, n))
            ref = ArticleRef(last.number, last.sub, n)
            refs[-1:] = [ref] if not last.paragraph else [last, ref]
        else:
            last = refs[-1]
            ref = ArticleRef(last.number, last.sub, last.paragraph, n)
            refs[-1:] = [ref] if not last.item else [last, ref]
        pending_range = False
    return refs


def _expand(first, last):
    if last.number < first.number or (last.number == first.number and last.sub <= first.sub):
        raise CitationError(f"条文范围有误：{first.label}至{last.label}")
    if last.number - first.number > RANGE_LIMIT:
        raise CitationError(f"条文范围过大：{first.label}至{last.label}")
    return [ArticleRef(n) for n in range(first.number + 1, last.number)]
