"""The embedded engine: an inverted index in the portal's own database
(SQLite or PostgreSQL), written in the same transaction as the content.

Matching follows the same Plan as Elasticsearch: a query word matches a
document through its words (postings) or, for recall, as a substring of the
normalised text; scores are BM25-like with title words weighted higher.
Filtering and facet counting happen in Python over the candidate rows; this
engine serves the zero-setup site and the fallback, not 100k-document load.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict

from django.db.models import Q
from django.db.models.functions import Length

from .. import facets as facet_defs
from .. import ordering
from ..analysis import analyze_document
from ..models import SearchEntry, SearchPosting
from .base import HIT_FIELDS, RawResult, relaxed

name = "embedded"

TITLE_WEIGHT = 4.0
# A word of an alias counts between a word of the text and one of the title;
# a query that contains a whole alias finds its documents, with ALIAS_MATCH
# added (as Elasticsearch).
ALIAS_WEIGHT = 2.0
ALIAS_MATCH = 10.0
ALIAS_PREFIX = "#al:"
ALIAS_KEY_PREFIX = "#ak:"
# Words of the body beyond this many tokens get no postings: the whole body
# stays searchable through the substring path, and a long document costs a
# few hundred rows instead of thousands in the content change's transaction.
BODY_POSTING_TOKENS = 1200
ROW_FIELDS = (
    "id", "type", "departments", "topics", "scales", "industries", "regions", "audiences", "life_events", "genre", "level",
    "disclosure", "power_type", "published", "effective", "expiry", "repealed", "revised",
    "window_opens", "window_closes", "boost",
)

# --- writing ----------------------------------------------------------------


def replace_source(source, docs):
    """Replace every entry of one source object by `docs`; returns the doc
    ids it had before. Call inside the content change's transaction."""
    old = list(SearchEntry.objects.filter(source=source).values_list("doc_id", flat=True))
    SearchEntry.objects.filter(source=source).delete()
    # A doc id may have moved to another source object: it is unique.
    SearchEntry.objects.filter(doc_id__in=[d.id for d in docs]).delete()
    for doc in docs:
        _write(source, doc)
    return old


def _write(source, doc):
    analyzed = analyze_document(doc)
    entry = SearchEntry.objects.create(
        doc_id=doc.id, source=source, type=doc.type, title=doc.title, url=doc.url, summary=doc.summary,
        body=doc.body, document_number=doc.document_number, index_number=doc.index_number, code=doc.code,
        title_text=analyzed.substring_title, body_text=analyzed.substring_text,
        aliases_text=analyzed.substring_aliases,
        departments=list(doc.departments), topics=list(doc.topics), scales=list(doc.scales),
        industries=list(doc.industries), regions=list(doc.regions), audiences=list(doc.audiences),
        life_events=list(doc.life_events), genre=doc.genre, level=doc.level,
        disclosure=doc.disclosure, power_type=doc.power_type, published=doc.published,
        effective=doc.effective, expiry=doc.expiry, repealed=doc.repealed, revised=doc.revised,
        window_opens=doc.window_opens, window_closes=doc.window_closes, boost=doc.boost,
    )
    title_tf, body_tf = Counter(analyzed.title_words.split()), Counter(analyzed.text_words.split()[:BODY_POSTING_TOKENS])
    terms = {t: (min(title_tf[t], 32767), body_tf[t]) for t in {*title_tf, *body_tf} if len(t) <= 100}
    for prefix, values in (("#py:", analyzed.pinyin), ("#dn:", analyzed.docnum_keys), ("#id:", analyzed.idents)):
        for value in values:
            terms[(prefix + value)[:100]] = (1, 0)
    for value in analyzed.pinyin_text:  # pinyin of a text word: a body posting
        terms[("#py:" + value)[:100]] = (0, 1)
    for word, tf in Counter(analyzed.alias_words.split()).items():
        terms[(ALIAS_PREFIX + word)[:100]] = (min(tf, 32767), 0)
    for key in analyzed.alias_keys:
        terms[(ALIAS_KEY_PREFIX + key)[:100]] = (1, 0)
    SearchPosting.objects.bulk_create(
        [SearchPosting(entry=entry, term=t, title_tf=a, body_tf=b) for t, (a, b) in terms.items()], batch_size=500
    )


def clear():
    SearchEntry.objects.all().delete()


def count_by_type():
    return Counter(SearchEntry.objects.values_list("type", flat=True))


# --- searching --------------------------------------------------------------


def _sat(tf):
    return tf / (tf + 1.2)


class Matcher:
    """Scores entries against the alternatives of a plan."""

    def __init__(self):
        self.total = SearchEntry.objects.count() or 1
        self._df = {}

    def idf(self, term):
        if term not in self._df:
            self._df[term] = SearchPosting.objects.filter(term=term).count()
        df = self._df[term]
        return math.log(1 + (self.total - df + 0.5) / (df + 0.5))

    def postings(self, term):
        return {e: (a, b) for e, a, b in SearchPosting.objects.filter(term=term).values_list("entry_id", "title_tf", "body_tf")}

    def substring(self, texts):
        scores = {}
        for text in texts:
            if not text:
                continue
            for column, score in (("body_text", 0.5), ("title_text", 1.5), ("aliases_text", 2.0)):
                for pk in SearchEntry.objects.filter(**{f"{column}__contains": text}).values_list("id", flat=True):
                    scores[pk] = max(scores.get(pk, 0), score)
        return scores

    def alternative(self, alt):
        scores = defaultdict(float)
        if alt.kind == "word":
            per_word = []
            for word in alt.words:
                hits, aliases = self.postings(word), self.postings(ALIAS_PREFIX + word)
                idf = self.idf(word)
                per_word.append({
                    e: idf * (TITLE_WEIGHT * _sat(hits.get(e, (0, 0))[0]) + _sat(hits.get(e, (0, 0))[1])
                              + ALIAS_WEIGHT * _sat(aliases.get(e, (0, 0))[0]))
                    for e in hits.keys() | aliases.keys()
                })
            if per_word:
                common = set.intersection(*(set(p) for p in per_word))
                for e in common:
                    scores[e] = sum(p[e] for p in per_word)
            for e, s in self.substring([alt.text.replace(" ", "")] if alt.text.strip() else []).items():
                scores[e] = max(scores[e], s)
        elif alt.kind in ("docnum", "ident", "pinyin"):
            prefix = {"docnum": "#dn:", "ident": "#id:", "pinyin": "#py:"}[alt.kind]
            weight = 3.0 if alt.kind == "pinyin" else 20.0
            entries = SearchPosting.objects.filter(term__in=[prefix + k for k in alt.keys]).values_list("entry_id", "title_tf")
            for e, in_title in entries:
                # Pinyin of a word found only in the text counts a third.
                scores[e] = max(scores[e], weight if in_title else weight / 3)
            if alt.kind == "docnum":
                for e, s in self.substring(alt.words).items():
                    scores[e] = max(scores[e], 2 * s)
        elif alt.kind == "chars":
            found = [self.substring([c]) for c in alt.words]
            for e in set().union(*found):
                present = [f[e] for f in found if e in f]
                if len(present) >= alt.need:
                    scores[e] = sum(present)
        return scores


def _passes(row, query, today, skip=None):
    """Whether a row passes every selected facet except `skip`."""
    for name, selected in query.filters.items():
        if name == skip:
            continue
        if not set(selected) & set(facet_defs.get(name).values_of(row, today)):
            return False
    return True


def search(query, plan, today, relax=True):
    """The hits of the first relaxation step of `plan` that finds any."""
    return relaxed(plan, lambda step: _search(query, step, today), relax)


def _search(query, plan, today):
    rows_qs = SearchEntry.objects.all()
    if query.date_from:
        rows_qs = rows_qs.filter(published__gte=query.date_from)
    if query.date_to:
        rows_qs = rows_qs.filter(published__lte=query.date_to)
    scores = None
    if plan.groups:
        matcher = Matcher()
        totals, matched = defaultdict(float), Counter()
        for group in plan.groups:
            best = {}
            for alt in group.alternatives:
                for e, s in matcher.alternative(alt).items():
                    if s > best.get(e, 0):
                        best[e] = s
            for e, s in best.items():
                totals[e] += s
                matched[e] += 1
        scores = {e: totals[e] for e, n in matched.items() if n >= plan.required}
        if plan.alias_keys:  # the query names these documents by an alias
            keys = [(ALIAS_KEY_PREFIX + k)[:100] for k in plan.alias_keys]
            for e in set(SearchPosting.objects.filter(term__in=keys).values_list("entry_id", flat=True)):
                # With the words it has, even when it lacks some (as Elasticsearch).
                scores[e] = totals.get(e, 0) + ALIAS_MATCH
        rows_qs = rows_qs.filter(id__in=list(scores)) if len(scores) < 900 else rows_qs
        rows_qs = rows_qs.annotate(title_len=Length("title_text"))  # for score()
    fields = ROW_FIELDS if scores is None else (*ROW_FIELDS, "title_len")
    rows = [r for r in rows_qs.values(*fields) if scores is None or r["id"] in scores]

    counts = {}
    for facet in facet_defs.all_facets():
        counter = Counter()
        for row in rows:
            if _passes(row, query, today, skip=facet.name):
                counter.update(set(facet.values_of(row, today)))
        counts[facet.name] = dict(counter)
    hits = [r for r in rows if _passes(r, query, today)]

    query_len = len(plan.text.replace(" ", ""))

    def score(r):
        if scores is None:
            return 0
        # Like BM25's length norm on the title: of two titles that match
        # alike, the one the query covers more of (不动产登记 over
        # 不动产注销登记) ranks first.
        coverage = min(1.0, query_len / (r["title_len"] or 1))
        return scores.get(r["id"], 0) * (r["boost"] or 1) * (1 + 0.3 * coverage)

    def published(r):
        return r["published"].toordinal() if r["published"] else 0

    if query.sort == "deadline":
        windowed = ordering.windowed_types()
        hits.sort(key=lambda r: (-ordering.deadline_key(today=today, closes=r["window_closes"], windowed=r["type"] in windowed),
                                 published(r), score(r), r["id"]), reverse=True)
    elif query.sort == "date" or not plan.groups:
        hits.sort(key=lambda r: (published(r), score(r), r["id"]), reverse=True)
    else:
        hits.sort(key=lambda r: (score(r), published(r), r["id"]), reverse=True)
    page = hits[query.offset : query.offset + query.page_size]
    full = {e.id: e for e in SearchEntry.objects.filter(id__in=[r["id"] for r in page])}
    return RawResult(hits=[_as_hit(full[r["id"]]) for r in page], total=len(hits), counts=counts)


def _as_hit(entry):
    hit = {f: getattr(entry, f) for f in HIT_FIELDS if f != "id"}
    hit["id"] = entry.doc_id
    return hit


def vocabulary():
    """Indexed words with their document frequency (typo correction, pinyin)."""
    from django.db.models import Count

    rows = (SearchPosting.objects.filter(~Q(term__startswith="#") | Q(term__startswith=ALIAS_PREFIX))
            .values("term").annotate(df=Count("id")))
    words = Counter()
    for r in rows:  # a word of an alias is a word too
        words[r["term"].removeprefix(ALIAS_PREFIX)] += r["df"]
    return dict(words)


def suggest_titles(prefix, limit):
    qs = SearchEntry.objects.filter(Q(title_text__startswith=prefix) | Q(title_text__contains=prefix))
    return list(qs.order_by("-boost", "-published").values_list("title", "url")[: limit * 3])
