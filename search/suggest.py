"""您是不是要找 (typo correction) and autocomplete, for both engines.

The vocabulary is the words of the embedded index (always current, also when
Elasticsearch serves the queries). Its word counts live in Django's cache
under a version that every index change bumps, so all processes share one
copy and see a publish at once; each process keeps the lookup tables it
built from the current version.

A correction must never insult: a real word is never "corrected" (药店 is
not 要点, 小卖部 not 小麦部). Real words are the district's dictionary and
synonyms and the words of jieba's general dictionary (the one rjieba
segments with) but the rare entries of its list of names (NAME_TAGS). The
query is segmented; no correction starts or ends inside a real word, and a
real word on its own is kept. What may be corrected:
- a fragment with characters outside real words, into an indexed real word
  that sounds the same (幼儿圆 -> 幼儿园, 小薇企业 -> 小微企业: the usual
  pinyin-input slip) or, from four characters on, differs in one character
  (营商坏境 -> 营商环境);
- a run of several real words that is no word itself, the same ways, but
  only into a term of the district's dictionary (创业担保货款 -> 创业担保贷款),
  never into an odd indexed word (农业经营主体 stays, not 农业部营主体).
The service then offers the correction only when it finds clearly more
(`clearly_better`).
"""

from __future__ import annotations

import bisect
import functools
import importlib.util
import re
import threading
import time
import uuid
from array import array
from collections import defaultdict
from pathlib import Path

import rjieba
from django.core.cache import cache
from pypinyin import lazy_pinyin

from .analysis import _ALL_CJK_RE, dictionary, normalize

CACHE_SECONDS = 300  # a safety net: index changes invalidate at once
MIN_LEN, MAX_LEN = 2, 6
VERSION_KEY = "search:vocabulary:version"
# Below 5, jieba's frequencies are no corpus counts: 210k of its 335k words
# of 2-6 Chinese characters carry 1-4, words added from lists. Among those
# the list of people's names holds slips of common words (幼儿圆, 家谕户晓,
# 澈底): a name counts as a real word only from this frequency on. The other
# words count whatever their frequency: 报税, 开锁 and 一键 have 3 (a slip
# that hits one of the list's oddities, such as 不置, stays uncorrected).
NAME_MIN_FREQUENCY = 5
NAME_TAGS = frozenset({"nr", "nrt", "nrfg"})
# A correction is offered when it finds at least this many times the
# results of the query as typed (so from none, any).
BETTER_FACTOR = 3
# Only from this length may a fragment differ from its correction in a
# character that does not sound the same: 快递站 is no 快递费.
ONE_OFF_MIN_LEN = 4

_lock = threading.Lock()
_built = {"version": None, "at": 0.0, "data": None}


def is_real_word(word):
    """A word of the district's dictionary or synonyms, or of jieba's
    dictionary (people's names only when frequent)."""
    if word in dictionary():  # also loads them into rjieba
        return True
    if not rjieba.has_word(word):
        return False
    names = _rare_names()
    i = bisect.bisect_left(names, hash(word))
    return i == len(names) or names[i] != hash(word)


@functools.cache
def _rare_names():
    """Hashes of the names below NAME_MIN_FREQUENCY in jieba's dictionary
    (sorted: 8 bytes each, 0.4 MB; the words themselves are rjieba's)."""
    # Found, not imported: importing jieba would cost 20 MB.
    data = b"\n" + Path(importlib.util.find_spec("jieba").origin).with_name("dict.txt").read_bytes()
    tags = b"|".join(t.encode() for t in sorted(NAME_TAGS))
    names = re.finditer(rb"\n(\S+) (\d+) (?:" + tags + rb")\b", data)  # a leading \n: several times faster than ^
    return array("q", sorted(hash(m[1].decode()) for m in names if int(m[2]) < NAME_MIN_FREQUENCY))


def clearly_better(found, found_corrected):
    """Whether a correction finds clearly more than the query as typed."""
    return found_corrected > 0 and found_corrected >= BETTER_FACTOR * found


class Vocabulary:
    def __init__(self, df):
        # Indexed words are kept as typed; corrections go to real words only.
        self.df = {w: n for w, n in df.items() if MIN_LEN <= len(w) <= MAX_LEN and _ALL_CJK_RE.match(w)}
        self.by_sound = defaultdict(list)
        self.by_mask = defaultdict(list)
        self.by_pinyin = defaultdict(list)
        for word in self.df:
            sound = "".join(lazy_pinyin(word))
            self.by_pinyin[sound].append(word)
            if is_real_word(word):
                self.by_sound[(len(word), sound)].append(word)
                for i in range(len(word)):
                    self.by_mask[word[:i] + "*" + word[i + 1 :]].append(word)

    def correction(self, fragment, domain_only=False):
        """The most frequent indexed real word (district term) that sounds
        like the fragment or, from ONE_OFF_MIN_LEN characters on, differs
        from it in one character."""
        terms = dictionary()

        def best(words):
            words = [w for w in words if w != fragment and (w in terms or not domain_only)]
            return max(words, key=lambda w: (self.df[w], w)) if words else None

        found = best(self.by_sound.get((len(fragment), "".join(lazy_pinyin(fragment))), []))
        if found is None and len(fragment) >= ONE_OFF_MIN_LEN:
            masks = (fragment[:i] + "*" + fragment[i + 1 :] for i in range(len(fragment)))
            found = best(w for mask in masks for w in self.by_mask.get(mask, []))
        return found


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
    out = text
    for run in re.findall(r"[\u3400-\u9fff]{2,}", text):
        out = out.replace(run, _corrected_run(run, vocab), 1)
    return out if out != text else None


def _corrected_run(run, vocab):
    dictionary()  # the district's words stay whole in segmentation
    words = {}  # start -> end of each real word the segmenter finds
    pos = 0
    for token in rjieba.cut(run):
        if len(token) >= MIN_LEN and is_real_word(token):
            words[pos] = pos + len(token)
        pos += len(token)
    inside = {i for start, end in words.items() for i in range(start + 1, end)}
    pos, fixed = 0, []
    while pos < len(run):
        word, size = _at(run, pos, vocab, words, inside)
        fixed.append(word)
        pos += size
    return "".join(fixed)


def _at(run, pos, vocab, words, inside):
    """(word, length of the fragment it stands for) at a position of a run."""
    for size in range(min(MAX_LEN, len(run) - pos), MIN_LEN - 1, -1):
        end = pos + size
        if end in inside:
            continue  # no fragment ends inside a real word
        fragment = run[pos:end]
        if fragment in vocab.df or is_real_word(fragment):
            return fragment, size
        # Made of real words only: a phrase, corrected only into a district term.
        phrase, i = True, pos
        while phrase and i < end:
            phrase, i = i in words, words.get(i, end)
        word = vocab.correction(fragment, domain_only=phrase)
        if word:
            return word, size
    if pos in words:
        return run[pos : words[pos]], words[pos] - pos  # longer than MAX_LEN
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
