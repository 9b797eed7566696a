"""Small text helpers shared by the content apps."""

import re

from pypinyin import lazy_pinyin


def pinyin_slug(text, max_length=60):
    """An ASCII slug for Chinese text: 财政、金融 -> caizheng-jinrong."""
    words = lazy_pinyin(text, errors=lambda chars: list(chars))
    slug = "-".join(re.sub(r"[^a-z0-9]+", "", w.lower()) for w in words)
    slug = re.sub(r"-{2,}", "-", slug).strip("-")
    return slug[:max_length].rstrip("-") or "x"
