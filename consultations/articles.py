"""The articles of a draft, read from its plain text, so each can be
commented on and has a stable anchor (#tiao-5).

Editors paste the draft as it is written: lines starting 第一章 are chapter
headings, lines starting 第N条 (Chinese or Arabic numerals) begin an article,
the lines after it belong to it. Text before the first article is a preamble.
Articles are numbered by position (the Nth article is 第N条 in a well-formed
draft), which is what the anchors and comments use.
"""

import re
from dataclasses import dataclass

_CHAPTER = re.compile(r"^\s*第[零〇一二三四五六七八九十百\d]+章(\s|$)")
_ARTICLE = re.compile(r"^\s*(第[零〇一二三四五六七八九十百千\d]+条)\s*(.*)$")


@dataclass(frozen=True)
class Article:
    number: int  # position in the draft, 1-based
    label: str  # as written: 第五条
    chapter: str
    text: str

    @property
    def anchor(self):
        return f"tiao-{self.number}"


@dataclass(frozen=True)
class Draft:
    preamble: str
    articles: tuple

    def article(self, number):
        if number and 1 <= number <= len(self.articles):
            return self.articles[number - 1]
        return None

    def chapters(self):
        """[(chapter heading, [articles])] in order; "" for articles before any chapter."""
        out = []
        for article in self.articles:
            if not out or out[-1][0] != article.chapter:
                out.append((article.chapter, []))
            out[-1][1].append(article)
        return out


def parse(text):
    preamble, articles = [], []
    chapter, current = "", None
    for line in (text or "").splitlines():
        if _CHAPTER.match(line):
            chapter = line.strip()
            continue
        found = _ARTICLE.match(line)
        if found:
            current = [found.group(1), chapter, [found.group(2).strip()]]
            articles.append(current)
        elif current is not None:
            current[2].append(line.strip())
        else:
            preamble.append(line.strip())
    return Draft(
        preamble="\n".join(filter(None, preamble)),
        articles=tuple(
            Article(number=i, label=label, chapter=ch, text="\n".join(filter(None, lines)))
            for i, (label, ch, lines) in enumerate(articles, start=1)
        ),
    )
