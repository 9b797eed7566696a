"""您是不是要找 (typo correction) and autocomplete, for both engines.

The vocabulary is the words of the embedded index (always current, also when
Elasticsearch serves the queries), cached per process for a short while.
Corrections: a part of the query that is not an indexed word but sounds the
same as one (幼儿圆 -> 幼儿园: the usual pinyin-input slip) or differs from
one in a single character.
"""

from __future__ import annotations

import re
import threading
import time
from collections import defaultdict

from pypinyin import lazy_pinyin

from .analysis import _ALL_CJK_RE, normalize

CACHE_SECONDS = 60
MIN_LEN, MAX_LEN = 2, 6

_lock = threading.Lock()
_cache = {"at": 0.0, "data": None}


class Vocabulary:
    def __init__(self, df):
        self.df = {w: n for w, n in df.items() if MIN_LEN <= len(w) <= MAX_LEN and _ALL_CJK_RE.match(w)}
        self.by_sound = defaultdict(list)
        self.by_mask = defaultdict(list)
        self.by_pinyin = defaultdict(list)
        for word in self.df:
            sound = "".join(lazy_pinyin(word))
            self.by_sound[(len(word), sound)].append(word)
            self.by_pinyin[sound].append(word)
            for i in range(len(word)):
                self.by_mask[word[:i] + "*" + word[i + 1 :]].append(word)

    def correction(self, fragment):
        """The best indexed word for a fragment that is not one itself."""
        if fragment in self.df:
            return None
        candidates = [(3, w) for w in self.by_sound.get((len(fragment), "".join(lazy_pinyin(fragment))), [])]
        if len(fragment) >= 3:
            for i in range(len(fragment)):
                candidates += [(1, w) for w in self.by_mask.get(fragment[:i] + "*" + fragment[i + 1 :], [])]
        candidates = [(rank, w) for rank, w in candidates if w != fragment]
        if not candidates:
            return None
        return max(candidates, key=lambda c: (c[0], self.df[c[1]]))[1]


def vocabulary():
    from .engines import embedded

    with _lock:
        if _cache["data"] is None or time.monotonic() - _cache["at"] > CACHE_SECONDS:
            _cache["data"] = Vocabulary(embedded.vocabulary())
            _cache["at"] = time.monotonic()
        return _cache["data"]


def invalidate():
    with _lock:
        _cache["data"] = None


def did_you_mean(text):
    """A corrected query, or None. Longest fragments are tried first."""
    text = normalize(text)
    vocab = vocabulary()
    if not vocab.df:
        return None
    out, changed = text, False
    for run in re.findall(r"[\u3400-\u9fff]{2,}", text):
        pos, fixed = 0, []
        while pos < len(run):
            for size in range(min(MAX_LEN, len(run) - pos), MIN_LEN - 1, -1):
                fragment = run[pos : pos + size]
                if fragment in vocab.df:
                    fixed.append(fragment)
                    pos += size
                    break
                word = vocab.correction(fragment)
                if word:
                    fixed.append(word)
                    pos += size
                    changed = True
                    break
            else:
                fixed.append(run[pos])
                pos += 1
        out = out.replace(run, "".join(fixed), 1)
    return out if changed and out != text else None


def completions(prefix, limit=8):
    """Autocomplete: titles and indexed words starting with (or containing) the prefix."""
    from .engines import embedded

    prefix = normalize(prefix).strip()[:50]
    if not prefix:
        return []
    out = []
    vocab = vocabulary()
    if re.fullmatch(r"[a-z]+", prefix):
        words = [w for sound, ws in vocab.by_pinyin.items() if sound.startswith(prefix) for w in ws]
    else:
        words = [w for w in vocab.df if w.startswith(prefix) and w != prefix]
    words.sort(key=lambda w: (-vocab.df[w], len(w), w))
    out.extend({"text": w, "kind": "word"} for w in words[: limit // 2])
    for title, url in embedded.suggest_titles(prefix, limit):
        if len(out) >= limit:
            break
        out.append({"text": title, "kind": "title", "url": url})
    return out[:limit]
