"""Chinese text analysis, shared by both engines (DESIGN.md §4).

Documents and queries are segmented here, in Python, with rjieba and the
domain dictionary in `search/data/dictionary.txt`; Elasticsearch only splits
the result on whitespace, so both engines see exactly the same words.

- documents: search-mode segmentation (小微企业 yields 小微企业, 小微, 企业),
  so a query for a part of a compound word still matches;
- queries: question fillers (`search/data/fillers.txt`) removed, precise
  segmentation, stop words dropped, each word expanded with the synonyms of
  `search/data/synonyms.txt` (query time only); when all words together find
  nothing, the engines relax the plan step by step (`Plan.relaxations`);
- aliases (the words people use for a document, kept by editors): their
  words are indexed in a field of their own, and each whole alias as a key;
  a query that contains a whole alias (我想开奶茶店 contains 开奶茶店) finds
  its documents and ranks them first;
- pinyin: the title (and each alias) whole, each of its words and each pair
  of adjacent words are indexed as toneless pinyin, and the district's terms
  also as initials, so `xiaowei qiye`, `shuangsuiji` or `zjtx` find 小微企业,
  双随机, 专精特新;
- 发文字号: every common way of writing one reduces to one key.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path

import rjieba
from pypinyin import Style, lazy_pinyin

from portal import docnumbers

DATA_DIR = Path(__file__).resolve().parent / "data"

# Queries longer than this are cut (characters, after cleaning). Documented
# in the README and the OpenAPI description.
MAX_QUERY_LENGTH = 100

_CJK = docnumbers.CJK
_CJK_RE = re.compile(f"[{_CJK}]")
_ALL_CJK_RE = re.compile(f"^[{_CJK}]+$")
_WORD_RE = re.compile(rf"[0-9a-z{_CJK}]")
_ASCII_WORD_RE = re.compile(r"^[a-z]+$")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202f\ufeff]")

# 索引号 and 事项编码: matched whole, as identifiers.
_IDENT_RE = re.compile(r"^(?=.*\d)[0-9a-z][0-9a-z/\-]{5,}$")


def _read_lines(name):
    for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            yield line


@functools.cache
def synonyms():
    """word -> the other terms a query for it also searches."""
    table: dict[str, list[str]] = {}
    for line in _read_lines("synonyms.txt"):
        if "=>" in line:
            left, right = line.split("=>", 1)
            targets = [normalize(t).strip() for t in right.split(",") if t.strip()]
            for source in (normalize(s).strip() for s in left.split(",") if s.strip()):
                table.setdefault(source, []).extend(t for t in targets if t != source)
        else:
            terms = [normalize(t).strip() for t in line.split(",") if t.strip()]
            for term in terms:
                table.setdefault(term, []).extend(t for t in terms if t != term)
    return {k: list(dict.fromkeys(v)) for k, v in table.items()}


@functools.cache
def stopwords():
    return frozenset(_read_lines("stopwords.txt"))


@functools.cache
def _fillers():
    """Question phrases (我想知道、有没有、请问 …), longest first."""
    return sorted({normalize(p) for p in _read_lines("fillers.txt")}, key=len, reverse=True)


def drop_fillers(text):
    """A (normalised) query without its question phrases. A phrase must
    start and end where the segmenter cuts (怎么|办理 keeps 办理), except at
    the start of a clause, where a question opens (我想|开奶茶店, although
    the segmenter cuts 我|想开). The rest is cut again after each removal."""
    dictionary()

    def cuts(text):
        return set(itertools.accumulate(len(t) for t in rjieba.cut(text)))

    i, ends = 0, cuts(text)
    while i < len(text):
        if i == 0 or i in ends:
            fits = [f for f in _fillers() if text.startswith(f, i)]
            found = next((f for f in fits if i + len(f) in ends), None)
            if found is None and fits and (i == 0 or not _WORD_RE.match(text[i - 1])):
                found = fits[0]
            if found:
                text = f"{text[:i]} {text[i + len(found):]}"
                ends = cuts(text)
        i += 1
    return text


@functools.cache
def dictionary():
    """The domain words, loaded into rjieba once per process so they stay whole.
    Synonym terms are added too, so 开饭店 is one query word."""
    words = []
    for line in _read_lines("dictionary.txt"):
        words.append(line.split()[0])
    for key, values in synonyms().items():
        words.append(key)
        words.extend(values)
    words = [w for w in dict.fromkeys(words) if _CJK_RE.search(w) and " " not in w]
    for word in words:
        rjieba.add_word(word, None, None)
        # Raise the frequency until the word wins against overlapping
        # words (想开|饭店 -> 想|开饭店).
        rjieba.suggest_freq(word)
    return frozenset(words)


# Full-width ASCII forms and the ideographic space, as NFKC maps them. Chinese
# text is full of full-width punctuation; replacing it first lets most texts
# skip the (much slower) full NFKC pass.
_NARROW = {chr(cp): chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)} | {"\u3000": " "}
_WIDE_RE = re.compile("[\uff01-\uff5e\u3000]")


def normalize(text):
    """NFKC (full-width to half-width), lower case, no control characters."""
    text = text or ""
    # A handful of distinct full-width characters per text: replacing each is
    # several times faster than str.translate, which looks up every character.
    for char in set(_WIDE_RE.findall(text)):
        text = text.replace(char, _NARROW[char])
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    text = _CONTROL_RE.sub(" ", text)
    return text.lower()


def clean_query(text):
    """A raw query as typed: normalised, whitespace collapsed, cut at MAX_QUERY_LENGTH."""
    text = re.sub(r"\s+", " ", normalize(text)).strip()
    return text[:MAX_QUERY_LENGTH].strip()


# The document helpers below take text already normalised (analyze_document
# normalises each text once).


def _substring_text(normalized):
    """The text searched by substring (the embedded engine's recall path):
    years in 〔〕, whitespace collapsed and trimmed."""
    return " ".join(docnumbers.YEAR_IN_BRACKETS.sub(_bracket_year, normalized).split())


def _bracket_year(match):
    return f"〔{match[1]}〕"


@functools.lru_cache(maxsize=500_000)
def _is_word(token):
    return bool(_WORD_RE.search(token))


# Characters that neither make words nor join them (the segmenter keeps
# +#&._%- inside runs such as 3.5 or covid-19): they only separate words.
_SEPARATORS_RE = re.compile(rf"[^0-9a-z{_CJK}+#&._%\-]+")
_SYMBOLS = "+#&._%-"
_SYMBOL_RE = re.compile(r"[+#&._%\-]")


def _index_words(normalized):
    """Document words: search-mode segmentation (whole words and their
    parts), space-separated as the whitespace analyzer reads them, and the
    segmenter's tokens. Separators become spaces before segmentation, so only
    the rare text with a symbol needs its tokens tested one by one."""
    dictionary()
    tokens = rjieba.cut_for_search(_SEPARATORS_RE.sub(" ", normalized))
    words = " ".join(tokens)
    if _SYMBOL_RE.search(normalized):
        words = " ".join(w for w in words.split() if w.strip(_SYMBOLS))
    return words, tokens


def query_words(text):
    """Query words: precise segmentation, without stop words."""
    dictionary()
    stop = stopwords()
    return [t for t in (tok.strip() for tok in rjieba.cut(normalize(text))) if t and _is_word(t) and t not in stop]


# --- pinyin -----------------------------------------------------------------

# Initials are indexed for terms of at least this many characters: two
# letters (qy, gq) would match half the titles.
INITIALS_MIN_LEN = 3


@functools.lru_cache(maxsize=200_000)
def pinyin_of(word):
    return "".join(lazy_pinyin(word)) if _ALL_CJK_RE.match(word) else ""


@functools.lru_cache(maxsize=50_000)
def initials_of(word):
    """zjtx for 专精特新 (zh, ch, sh give z, c, s, as people type them)."""
    return "".join(lazy_pinyin(word, style=Style.FIRST_LETTER)) if _ALL_CJK_RE.match(word) else ""


def pinyin_tokens(title, aliases=()):
    """The pinyin a title and its aliases (normalised) are found by: each
    one's Chinese characters run together, each of its words in search mode
    (小微企业, 小微, 企业) and each pair of adjacent words, and
    `domain_pinyin` of the district's terms in them."""
    dictionary()
    out = []
    for text in (title, *aliases):
        words = [p for p in map(pinyin_of, rjieba.cut(text)) if p]  # "" unless all Chinese
        out.append("".join(words))  # of cached words: pinyin of a whole title is slow
        out += [a + b for a, b in zip(words, words[1:])]
        out += map(pinyin_of, rjieba.cut_for_search(text))
    out += domain_pinyin(_dictionary_words_in(" ".join((title, *aliases))))
    return list(dict.fromkeys(p for p in out if p))


def domain_pinyin(terms):
    """Pinyin and initials (from INITIALS_MIN_LEN characters) of district
    terms and of the synonyms that find them: 高新技术企业 is found by
    gaoxinjishuqiye, gxjsqy, gaoqi and gxqy (高新企业)."""
    found_by = _found_by()
    related = list(dict.fromkeys(t for term in terms for t in (term, *found_by.get(term, ()))))
    return [pinyin_of(t) for t in related] + [initials_of(t) for t in related if len(t) >= INITIALS_MIN_LEN]


@functools.cache
def _found_by():
    """term -> the synonyms whose query searches it."""
    table = {}
    for source, targets in synonyms().items():
        for target in targets:
            table.setdefault(target, []).append(source)
    return table


def _dictionary_words_in(normalized):
    """Domain-dictionary words present in a text (their pinyin is indexed too)."""
    return [w for w in _sorted_dictionary() if w in normalized]


@functools.cache
def _sorted_dictionary():
    return sorted(dictionary())


# --- 发文字号 ---------------------------------------------------------------


def document_number_keys(number):
    """Keys of a document's own 发文字号 (empty when it is not one)."""
    text = re.sub(r"\s+", "", normalize(number))
    return list(dict.fromkeys(n.key for _span, n in docnumbers.find_in_text(text)))


def _docnums_in_query(text):
    """(span, keys, canonical texts) for every 发文字号 written in a query.
    The prefix may carry words before the 机关代字 (根据国发…): every suffix
    of it is tried, so extra words never stop a match."""
    found = []
    for span, number in docnumbers.find_in_text(text):
        tails = [replace(number, prefix=number.prefix[i:]) for i in range(len(number.prefix))]
        found.append((span, [n.key for n in tails], [str(n) for n in tails[: max(1, len(tails) - 1)]]))
    return found


# --- query plan -------------------------------------------------------------


@dataclass(frozen=True)
class Alternative:
    """One way a query word can match.

    kind "word": all `words` among the document's words, or `text` inside the
    document's text (single-character recall); "chars" (the last relaxation
    step): at least `need` of the single characters `words` anywhere in the
    document's text; "docnum": a 发文字号 key, or
    one of `words` (its canonical forms) inside the text;
    "pinyin": a pinyin token; "ident": an identifier (索引号, 事项编码).
    """

    kind: str
    text: str
    words: tuple = ()
    keys: tuple = ()
    need: int = 0


@dataclass
class Group:
    """A query word and its alternatives; a document matches the group when
    it matches any alternative."""

    source: str
    alternatives: list = field(default_factory=list)


# The relaxation steps, strictest first; "all" is the plan as typed.
STEPS = ("all", "most", "any", "chars")


@dataclass
class Plan:
    text: str
    groups: list
    step: str = "all"
    alias_keys: tuple = ()  # every whole alias the query may contain (alias_key)

    @property
    def required(self):
        """Groups a document must match at this step: all, two thirds
        ("most"), or one ("any"; each "chars" group is one query word)."""
        n = len(self.groups)
        if self.step == "all":
            return n
        if self.step == "most":
            return -(-2 * n // 3)
        return min(n, 1)

    def relaxations(self):
        """This plan, then each looser step that can find more: most words,
        any word, then the single characters of its Chinese words (a word
        of two characters needs both, a longer one 60 % of them)."""
        yield self
        required = self.required
        for step in ("most", "any"):
            looser = replace(self, step=step)
            if looser.required < required:
                required = looser.required
                yield looser
        chars = [_character_group(g) for g in self.groups if _ALL_CJK_RE.match(g.source) and len(g.source) > 1]
        if chars:
            yield Plan(self.text, chars, "chars", self.alias_keys)

    def highlight_terms(self):
        terms = []
        for group in self.groups:
            for alt in group.alternatives:
                if alt.kind in ("word", "docnum", "ident", "chars"):
                    terms.append(alt.text)
                    terms.extend(w for w in alt.words if len(w) > 1 or _CJK_RE.match(w))
        return sorted({t for t in terms if t}, key=len, reverse=True)


def alias_key(text):
    """An alias (or a run of query words) as one key: normalised, without
    question fillers and spaces, so 开奶茶店 and “开 奶茶店” are the same."""
    return "".join(drop_fillers(normalize(text)).split())


# Whole aliases are looked for in runs of at most this many query words.
ALIAS_MAX_WORDS = 8


def _alias_keys(text):
    """Every run of consecutive words of a (filler-free) query: the keys of
    the aliases it may contain. Punctuation and spaces end a run."""
    dictionary()
    keys, run = [], []
    for token in [*rjieba.cut(text), " "]:
        if _is_word(token.strip()) and token.strip() == token:
            run.append(token)
            continue
        for i in range(len(run)):
            for j in range(i + 1, min(len(run), i + ALIAS_MAX_WORDS) + 1):
                keys.append("".join(run[i:j]))
        run = []
    return tuple(dict.fromkeys(k for k in keys if len(k) > 1))


def _character_group(group):
    stop = stopwords()
    chars = tuple(c for c in dict.fromkeys(group.source) if c not in stop)
    need = len(chars) if len(chars) <= 2 else -(-3 * len(chars) // 5)
    return Group(group.source, [Alternative("chars", group.source, chars, need=need)])


def _parts(word):
    """The largest dictionary words inside a long word (世界大学生运动会 ->
    世界, 大学生, 运动会), so a document that has them apart still matches."""
    if len(word) < 4:
        return ()
    subs = [t for t in dict.fromkeys(rjieba.cut_for_search(word)) if t != word and _is_word(t)]
    return tuple(t for t in subs if not any(t != o and t in o for o in subs))


def _word_alternative(term):
    return Alternative("word", term, tuple(query_words(term) or [term]))


def analyze_query(raw):
    """The plan for a (cleaned) query: one group per meaningful word."""
    text = clean_query(raw)
    groups = []
    rest = text
    for (start, end), keys, texts in _docnums_in_query(text):
        groups.append(Group(text[start:end], [Alternative("docnum", texts[-1], tuple(texts), tuple(keys))]))
        rest = rest.replace(text[start:end], " ")
    rest = drop_fillers(rest)
    table = synonyms()
    ascii_run = []

    def flush_ascii():
        # Pinyin is indexed per word and per pair of adjacent words, so a
        # run of more than two (xiaowei qiye daikuan) is matched pair by pair.
        if not ascii_run:
            return
        size = 2 if len(ascii_run) > 2 else len(ascii_run)
        for i in range(0, len(ascii_run), size):
            chunk = ascii_run[i : i + size]
            joined = "".join(chunk)
            alts = [Alternative("pinyin", joined, keys=(joined,)), Alternative("word", " ".join(chunk), tuple(chunk))]
            groups.append(Group(" ".join(chunk), alts))
        ascii_run.clear()

    for token in re.split(r"\s+", rest):
        if not token:
            continue
        if _ASCII_WORD_RE.match(token):
            ascii_run.append(token)
            continue
        flush_ascii()
        if _IDENT_RE.match(token):
            groups.append(Group(token, [Alternative("ident", token, keys=(token,))]))
            continue
        for word in query_words(token):
            if _ASCII_WORD_RE.match(word):
                ascii_run.append(word)
                continue
            flush_ascii()
            alts = [Alternative("word", word, (word,))]
            parts = _parts(word)
            if len(parts) > 1:
                alts.append(Alternative("word", " ".join(parts), parts))
            alts += [_word_alternative(s) for s in table.get(word, [])]
            groups.append(Group(word, alts))
        flush_ascii()
    flush_ascii()
    return Plan(text, groups, alias_keys=_alias_keys(rest))


# --- what a document contributes to an index --------------------------------


@dataclass
class AnalyzedDocument:
    title_words: str  # space-separated
    text_words: str
    alias_words: str  # the aliases' words, segmented like the title
    alias_keys: list  # each alias whole (alias_key)
    pinyin: list  # title words (weighted above the next)
    pinyin_text: list  # domain-dictionary words of the text not in the title
    docnum_keys: list
    idents: list
    substring_title: str
    substring_text: str
    substring_aliases: str  # one alias per line


def analyze_document(doc):
    # Each text is normalised once; the helpers below take normalised text.
    numbers = normalize(doc.document_number or "")
    title = normalize(doc.title or "")
    text = normalize("\n".join(p for p in (doc.summary, doc.body) if p))
    titled = f"{title} {numbers}"
    aliases = [normalize(a) for a in doc.aliases]
    pinyin = pinyin_tokens(title, aliases)
    text_words, text_tokens = _index_words(text)
    # Domain words stay whole in segmentation, so the text's are among its words.
    text_domain_words = sorted(dictionary().intersection(text_tokens))
    own = doc.own_numbers
    return AnalyzedDocument(
        title_words=_index_words(titled)[0],
        text_words=text_words,
        alias_words=" ".join(_index_words(a)[0] for a in aliases),
        alias_keys=list(dict.fromkeys(k for k in map(alias_key, aliases) if k)),
        pinyin=pinyin,
        pinyin_text=[p for p in dict.fromkeys(domain_pinyin(text_domain_words)) if p and p not in pinyin],
        docnum_keys=document_number_keys(doc.document_number) if own and doc.document_number else [],
        idents=[normalize(v) for v in (doc.index_number, doc.code) if v and own],
        substring_title=_substring_text(titled),
        substring_text=_substring_text(text),
        substring_aliases="\n".join(_substring_text(a) for a in aliases),
    )
