"""Small text helpers shared by the content apps."""

import logging
import re
import unicodedata
from functools import cache

import jieba
from pypinyin import lazy_pinyin


def pinyin_slug(text, max_length=60):
    """An ASCII slug for Chinese text: 财政、金融 -> caizheng-jinrong."""
    words = lazy_pinyin(text, errors=lambda chars: list(chars))
    slug = "-".join(re.sub(r"[^a-z0-9]+", "", w.lower()) for w in words)
    slug = re.sub(r"-{2,}", "-", slug).strip("-")
    return slug[:max_length].rstrip("-") or "x"


@cache
def _segmenter():
    # A tokenizer of its own with jieba's plain dictionary: search/ adds the district's terms to
    # the shared one, and a page's address must not depend on what else the process loaded.
    jieba.setLogLevel(logging.WARNING)
    return jieba.Tokenizer()


def word_slug(text, max_length=60):
    """A readable ASCII slug, one pinyin word per Chinese word, for page URLs:
    小微企业担保贷款 -> xiaowei-qiye-danbao-daikuan. Cut at a word boundary."""
    words = []
    for word in _segmenter().cut(unicodedata.normalize("NFKC", text)):
        spelled = re.sub(r"[^a-z0-9]+", "", "".join(lazy_pinyin(word)).lower())
        if spelled:
            words.append(spelled)
    slug = ""
    for word in words:
        longer = f"{slug}-{word}" if slug else word
        if len(longer) > max_length:
            break
        slug = longer
    return slug or (words[0][:max_length] if words else "page")
