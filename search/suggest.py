"""您是不是要找 (typo correction) and autocomplete, for both engines.

The vocabulary is the words of the embedded index (always current, also when
Elasticsearch serves the queries). Its word counts live in Django's cache
under a version that every index change bumps, so all processes share one
copy and see a publish at once; each process keeps the lookup tables it
built from the current version.
Corrections: at each place in the query the longest known word (indexed,
or a term of the domain dictionary and synonyms) is kept; a fragment that is
no word but sounds the same as one is corrected (幼儿圆 -> 幼儿园: the usual
pinyin-input slip); only where no word starts at all may a fragment of three
or more characters differ from one in a single character. So 农业经营主体,
made of known words, is never "corrected" to an odd indexed word one
character away, and 个税 (a synonym) is not taken for 个水.
"""

from __future__ import annotations

import re
import threading
import time
import uuid
from collections import defaultdict

from django.core.cache import cache
from pypinyin import lazy_pinyin

from .analysis import _ALL_CJK_RE, dictionary, normalize

CACHE_SECONDS = 300  # a safety net: index changes invalidate at once
MIN_LEN, MAX_LEN = 2, 6
VERSION_KEY = "search:vocabulary:version"

_lock = threading.Lock()
_built = {"version": None, "at": 0.0, "data": None}


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

    def homophone(self, fragment):
        """The most frequent indexed word that sounds like the fragment."""
        return self._best(self.by_sound.get((len(fragment), "".join(lazy_pinyin(fragment))), []), fragment)

    def one_character_off(self, fragment):
        """The most frequent indexed word differing from the fragment in one character."""
        return self._best([w for i in range(len(fragment)) for w in self.by_mask.get(fragment[:i] + "*" + fragment[i + 1 :], [])], fragment)

    def _best(self, candidates, fragment):
        candidates = [w for w in candidates if w != fragment]
        return max(candidates, key=lambda w: (self.df[w], w)) if candidates else None


def vocabulary():
    from .engines import embedded

    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        cache.add(VERSION_KEY, version, None)
        version = cache.get(VERSION_KEY, version)
    with _lock:
        if _built["version"] != version or time.monotonic() - _built["at"] > CACHE_SECONDS:
            key = f"search:vocabulary:{version}"
            df = cache.get(key)
            if df is None:
                df = embedded.vocabulary()
                cache.set(key, df, CACHE_SECONDS)
            _built.update(version=version, at=time.monotonic(), data=Vocabulary(df))
        return _built["data"]


def invalidate():
    """Every process rebuilds from the index on its next correction."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def did_you_mean(text, vocab=None):
    """A corrected query, or None (see the module docstring)."""
    text = normalize(text)
    vocab = vocab or vocabulary()
    if not vocab.df:
        return None
    known = dictionary()
    out = text
    for run in re.findall(r"[\u3400-\u9fff]{2,}", text):
        pos, fixed = 0, []
        while pos < len(run):
            word, size = _at(run, pos, vocab, known)
            fixed.append(word)
            pos += size
        out = out.replace(run, "".join(fixed), 1)
    return out if out != text else None


def _at(run, pos, vocab, known):
    """(word, length of the fragment it stands for) at a position of a run."""
    sizes = range(min(MAX_LEN, len(run) - pos), MIN_LEN - 1, -1)
    for size in sizes:
        fragment = run[pos : pos + size]
        if fragment in vocab.df or fragment in known:
            return fragment, size
        word = vocab.homophone(fragment)
        if word:
            return word, size
    for size in (s for s in sizes if s >= 3):
        word = vocab.one_character_off(run[pos : pos + size])
        if word:
            return word, size
    return run[pos], 1


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
