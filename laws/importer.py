"""Bringing the law library up to date with a source (see laws.source).

Idempotent, keyed by the source's law id, and atomic: one transaction, and
a source with any problem writes nothing. Articles are matched by their
anchor (第三十五条) and updated in place, so an Article's id, which other
apps link to, survives re-imports. Every difference found is returned as a
change and kept in a LawImport row; `laws_imported` is sent after commit.

Rows are written with bulk queries (no save signals), and the laws that
changed are indexed for search after the commit, a few hundred articles per
transaction: tens of thousands of articles analysed inside the import's
transaction would hold the database's write lock for minutes (SQLite: the
whole site's). Should that indexing be interrupted, `search_rebuild` brings
the index up to date.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from search.indexing import batch, record_change

from . import source as law_source
from .models import Article, Law, LawImport
from .signals import laws_imported

LAW_FIELDS = ("title", "doc_type", "level", "issuer", "publish_date", "effective_date", "version_date",
              "status", "category")
ARTICLE_FIELDS = ("position", "number", "number_text", "chapter", "section", "text")
STATUS_LABELS = dict(Law._meta.get_field("status").choices)
FIELD_LABELS = {f: str(Law._meta.get_field(f).verbose_name) for f in LAW_FIELDS}

KINDS = {
    "new_law": "新增法律法规",
    "new_version": "新版本",
    "repealed": "废止",
    "status": "时效性变化",
    "metadata": "信息变化",
    "article_added": "新增条文",
    "article_removed": "删除条文",
    "article_changed": "条文修改",
    "missing": "来源中已无此法",
}


@dataclass
class Change:
    kind: str  # a key of KINDS
    law: str  # source_id
    title: str
    detail: str = ""
    article: str = ""  # anchor, for article changes

    def __str__(self):
        where = f"《{self.title}》{self.article}"
        return f"{KINDS[self.kind]}：{where}" + (f"（{self.detail}）" if self.detail else "")


@dataclass
class Report:
    source: str
    laws: int
    articles: int
    changes: list[Change]

    def counts(self):
        out = {}
        for change in self.changes:
            out[change.kind] = out.get(change.kind, 0) + 1
        return out


def _shown(field, value):
    if field == "status":
        return STATUS_LABELS.get(value, value)
    return str(value) if value not in (None, "") else "无"


def _law_changes(law, record, changes):
    """Compare one existing law with its record; returns the fields to save."""
    changed = [f for f in LAW_FIELDS if getattr(law, f) != getattr(record, f)]
    if "status" in changed:
        kind = "repealed" if record.status == "repealed" else "status"
        changes.append(Change(kind, record.source_id, record.title,
                              f"{_shown('status', law.status)} → {_shown('status', record.status)}"))
    others = [f for f in changed if f != "status"]
    if others:
        detail = "；".join(f"{FIELD_LABELS[f]} {_shown(f, getattr(law, f))} → {_shown(f, getattr(record, f))}"
                          for f in others)
        changes.append(Change("metadata", record.source_id, record.title, detail))
    return changed


def _sync_articles(law, record, existing, changes, report_articles):
    """Create, update and delete one law's articles to match the record.
    Returns True when anything changed."""
    by_anchor = {a.anchor: a for a in existing}
    wanted = {a.anchor: a for a in record.articles}
    to_create, to_update = [], []
    for art in record.articles:
        old = by_anchor.get(art.anchor)
        if old is None:
            to_create.append(Article(law=law, anchor=art.anchor, **{f: getattr(art, f) for f in ARTICLE_FIELDS}))
            if report_articles:
                changes.append(Change("article_added", law.source_id, law.title, article=art.anchor))
            continue
        diff = [f for f in ARTICLE_FIELDS if getattr(old, f) != getattr(art, f)]
        if diff:
            if report_articles and "text" in diff:
                changes.append(Change("article_changed", law.source_id, law.title, article=art.anchor))
            for f in diff:
                setattr(old, f, getattr(art, f))
            to_update.append(old)
    gone = [a for a in existing if a.anchor not in wanted]
    for art in gone:
        changes.append(Change("article_removed", law.source_id, law.title, article=art.anchor))
    if gone:
        Article.objects.filter(pk__in=[a.pk for a in gone]).delete()
    if to_update:
        # Positions are unique per law: move the updated rows out of the way first.
        Article.objects.filter(pk__in=[a.pk for a in to_update]).update(position=F("position") + 1_000_000)
        Article.objects.bulk_update(to_update, ARTICLE_FIELDS, batch_size=500)
    if to_create:
        Article.objects.bulk_create(to_create, batch_size=1000)
    return bool(to_create or to_update or gone)


def _link_versions():
    """Point every version that is not in force at the version in force of
    the same title (none for a law repealed without successor)."""
    in_force = dict(Law.objects.filter(status="in_force").values_list("title", "pk"))
    for law in Law.objects.exclude(status="in_force").only("pk", "title", "current_id"):
        want = in_force.get(law.title)
        if law.current_id != want:
            Law.objects.filter(pk=law.pk).update(current_id=want)
    Law.objects.filter(status="in_force").exclude(current=None).update(current=None)


INDEX_CHUNK = 200


def _index(law_pks):
    """Index these laws and all their articles (a law's status is on each
    of its articles' documents), in transactions of INDEX_CHUNK objects."""
    keys = [(Law, pk) for pk in law_pks]
    keys += [(Article, pk) for pk in Article.objects.filter(law__in=law_pks).order_by("pk").values_list("pk", flat=True)]
    for start in range(0, len(keys), INDEX_CHUNK):
        with batch():
            for model, pk in keys[start:start + INDEX_CHUNK]:
                record_change(model, pk, "import")


def import_laws(path=None, only=None):
    """Import the source at `path` (default: the installed package's
    database); `only`: titles to import (a partial run reports no law as
    missing). Returns a Report. Raises source.SourceError before writing."""
    path = path or law_source.default_path()
    records = law_source.read(path, only=set(only) if only else None)
    changes, touched = [], []
    with transaction.atomic():
        laws = {law.source_id: law for law in Law.objects.all()}
        titles = {law.title for law in laws.values()}
        articles_of = {}
        for art in Article.objects.filter(law__source_id__in=[r.source_id for r in records]):
            articles_of.setdefault(art.law_id, []).append(art)
        for record in records:
            law = laws.get(record.source_id)
            values = {f: getattr(record, f) for f in LAW_FIELDS}
            if law is None:
                kind = "new_version" if record.title in titles else "new_law"
                changes.append(Change(kind, record.source_id, record.title,
                                      f"{_shown('status', record.status)}，{len(record.articles)} 条"))
                law = Law.objects.bulk_create([Law(source_id=record.source_id, **values)])[0]
                _sync_articles(law, record, [], changes, report_articles=False)
                touched.append(law.pk)
                continue
            fields = _law_changes(law, record, changes)
            if _sync_articles(law, record, articles_of.get(law.pk, []), changes, report_articles=True) or fields:
                Law.objects.filter(pk=law.pk).update(updated_at=timezone.now(), **values)
                touched.append(law.pk)
        if only is None:
            seen = {r.source_id for r in records}
            changes += [Change("missing", law.source_id, law.title, "保留原有记录")
                        for sid, law in sorted(laws.items()) if sid not in seen]
        _link_versions()
        report = Report(source=str(path), laws=len(records), articles=sum(len(r.articles) for r in records),
                        changes=changes)
        as_dicts = [asdict(c) for c in changes]
        LawImport.objects.create(source=report.source, laws=report.laws, articles=report.articles, changes=as_dicts)
    _index(touched)
    laws_imported.send(sender=Law, changes=as_dicts)
    return report
