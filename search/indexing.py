"""From content changes to index changes.

`record_change` is called by the signal handlers (search/signals.py) inside
the content change's transaction. It recomputes the object's documents from
the database (its Source decides what is public), rewrites the embedded
index right there, and, when Elasticsearch is configured, queues an outbox
row in the same transaction, flushed after commit and by the worker.
"""

from __future__ import annotations

import contextlib
import threading

from django.db import transaction
from django.db.models import QuerySet

from . import suggest
from .documents import all_sources, current_documents, find_source, parse_key, source_key
from .engines import elasticsearch as es_engine
from .engines import embedded


_batch = threading.local()


@contextlib.contextmanager
def batch():
    """One transaction in which each changed object is indexed once, at the
    end, instead of once per signal: bulk work (the demo loader, imports,
    deleting a tree) would otherwise re-analyse a policy for each of its
    measures, and a deleted policy before it is gone."""
    if getattr(_batch, "changes", None) is not None:  # nested: the outer block indexes
        yield
        return
    with transaction.atomic():
        _batch.changes = {}
        try:
            yield
            changes = _batch.changes
        finally:
            _batch.changes = None
        for (model, pk), reason in changes.items():
            record_change(model, pk, reason)


def record_change(model, pk, reason):
    """Bring both indexes up to date with one object; see module docstring."""
    from . import outbox

    if find_source(model) is None:
        return
    changes = getattr(_batch, "changes", None)
    if changes is not None:
        changes[(model, str(pk))] = reason
        return
    key = source_key(model, pk)
    with transaction.atomic():
        docs = current_documents(model, pk)
        old_ids = embedded.replace_source(key, docs)
        if es_engine.configured():
            new_ids = {d.id for d in docs}
            row = outbox.enqueue(key, [i for i in old_ids if i not in new_ids], reason)
            _after_commit_flush(row.id)
    suggest.invalidate()


_pending = threading.local()


def _after_commit_flush(row_id):
    """One flush per committed transaction, however many rows it wrote (a
    demo load publishes hundreds of pages in one transaction). Ids left by a
    rolled-back transaction are harmless: their rows do not exist."""
    from . import outbox

    ids = getattr(_pending, "ids", None)
    if ids is None:
        ids = _pending.ids = []
    ids.append(row_id)

    def flush():
        batch, _pending.ids = list(_pending.ids), []
        if batch:
            outbox.flush(batch)

    transaction.on_commit(flush)


def all_documents():
    """(source key, document) for every public object of every source."""
    for source in all_sources():
        candidates = source.queryset()
        if isinstance(candidates, QuerySet):
            candidates = candidates.iterator(chunk_size=500)
        for obj in candidates:
            key = source_key(type(obj), obj.pk)
            for doc in source.to_documents(obj):
                yield key, doc


def sync():
    """Index every public object the embedded index lacks and drop entries
    of objects that are no longer public (e.g. pages created live by a data
    import, without a publish signal). Returns the number of objects changed."""
    public = set()
    for source in all_sources():
        candidates = source.queryset()
        if isinstance(candidates, QuerySet):
            public.update(source_key(candidates.model, pk) for pk in candidates.values_list("pk", flat=True))
        else:
            public.update(source_key(type(o), o.pk) for o in candidates)
    indexed = set(embedded.SearchEntry.objects.values_list("source", flat=True).distinct())
    changed = 0
    for key in sorted((public - indexed) | (indexed - public)):
        try:
            model, pk = parse_key(key)
        except (LookupError, ValueError):
            continue
        record_change(model, pk, "sync")
        changed += 1
    return changed


def rebuild_embedded():
    """Rewrite the embedded index from the content (one transaction)."""
    with transaction.atomic():
        embedded.clear()
        count = 0
        by_key = {}
        for key, doc in all_documents():
            by_key.setdefault(key, []).append(doc)
        for key, docs in by_key.items():
            embedded.replace_source(key, docs)
            count += len(docs)
    suggest.invalidate()
    return count
