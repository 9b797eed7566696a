"""The outbox: changes waiting for Elasticsearch.

Rows are written in the content change's transaction (search/indexing.py),
so a crash or an Elasticsearch outage loses nothing. They are processed
right after commit (low latency) and by `manage.py search_worker`, which
retries with exponential backoff. Processing is idempotent: it pushes the
object's CURRENT documents and deletes the ones it no longer has.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.db import connection, transaction
from django.db.models import Min, Q
from django.utils import timezone
from elasticsearch import ApiError, TransportError

from .documents import current_documents, parse_key
from .engines import elasticsearch as es_engine
from .engines.base import EngineUnavailable
from .models import OutboxEntry

log = logging.getLogger(__name__)

MAX_BACKOFF_SECONDS = 3600
FLUSH_TIMEOUT_SECONDS = 2  # the after-commit flush must not hold up an editor
KEEP_PROCESSED = dt.timedelta(days=2)  # rebuilds replay processed rows


def enqueue(source, stale_ids, reason):
    return OutboxEntry.objects.create(source=source, stale_ids=stale_ids, reason=reason[:40])


def backoff(attempts):
    return dt.timedelta(seconds=min(2 ** attempts, MAX_BACKOFF_SECONDS))


def push(sources, stale_ids=(), es=None, index=None, refresh=False):
    """Make the index match the current documents of these source objects."""

    es = es or es_engine.client()
    index = index or es_engine.alias_name()
    source_docs, delete = [], set(stale_ids)
    for key in dict.fromkeys(sources):
        model, pk = parse_key(key)
        docs = current_documents(model, pk)
        source_docs.extend((key, d) for d in docs)
        delete.update(es_engine.ids_of_source(key, es=es, index=index))
    delete -= {d.id for _, d in source_docs}
    es_engine.apply(source_docs, sorted(delete), index=index, refresh=refresh, es=es)


def _locked(qs):
    if connection.features.has_select_for_update_skip_locked:
        return qs.select_for_update(skip_locked=True)
    return qs


def _process(rows, es, refresh):
    """Push rows; cluster-level failures raise EngineUnavailable (rows stay
    pending, untouched), row-level failures back off per row."""
    now = timezone.now()
    done, failed = [], []
    for row in rows:
        try:
            push([row.source], row.stale_ids, es=es, refresh=refresh)
            done.append(row.id)
        except (TransportError, ConnectionError) as exc:
            # Node down or unreachable: nothing is wrong with the row. The
            # transaction rolls back; pushing again later is harmless.
            raise EngineUnavailable(str(exc)[:200]) from exc
        except (ApiError, RuntimeError) as exc:
            if isinstance(exc, ApiError) and (exc.meta.status >= 500 or exc.meta.status == 429):
                raise EngineUnavailable(str(exc)[:200]) from exc
            row.attempts += 1
            row.next_attempt_at = now + backoff(row.attempts)
            row.last_error = str(exc)[:2000]
            row.save(update_fields=["attempts", "next_attempt_at", "last_error"])
            failed.append(row.id)
            log.error("search outbox row %s (%s) failed: %s", row.id, row.source, exc)
    OutboxEntry.objects.filter(id__in=done).update(processed_at=now, last_error="")
    return len(done), len(failed)


def pending():
    return OutboxEntry.objects.filter(processed_at__isnull=True)


def drain(batch=200, refresh=False, es=None):
    """Process due rows until none are left; returns (processed, failed)."""
    es = es or es_engine.client()
    total_done = total_failed = 0
    try:
        es_engine.ensure_alias(es)
    except (TransportError, ConnectionError) as exc:
        raise EngineUnavailable(str(exc)[:200]) from exc
    while True:
        with transaction.atomic():
            due = pending().filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=timezone.now()))
            rows = list(_locked(due.order_by("id"))[:batch])
            if not rows:
                break
            done, failed = _process(rows, es, refresh)
        total_done += done
        total_failed += failed
        if len(rows) < batch:
            break
    return total_done, total_failed


def flush(ids):
    """After-commit fast path for just-written rows; failures wait for the worker."""
    try:
        es = es_engine.client(timeout=FLUSH_TIMEOUT_SECONDS)
        es_engine.ensure_alias(es)
        with transaction.atomic():
            rows = list(_locked(pending().filter(id__in=ids).order_by("id")))
            # No forced refresh: the 1 s refresh interval makes it searchable
            # (waiting here would hold every autocommitted import row for ~1 s).
            _process(rows, es, refresh=False)
    except Exception as exc:  # never break the editor's request; the worker retries
        log.warning("search: immediate indexing deferred to the worker: %s", str(exc)[:200])


def replay(after_id, since, es=None, index=None):
    """Re-push every object changed after a rebuild's high-water mark."""
    rows = OutboxEntry.objects.filter(Q(id__gt=after_id) | Q(created_at__gte=since))
    sources = list(dict.fromkeys(rows.values_list("source", flat=True)))
    stale = [i for ids in rows.values_list("stale_ids", flat=True) for i in ids]
    if sources:
        push(sources, stale, es=es, index=index)
    return len(sources)


def high_water_mark():
    return OutboxEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0


def prune(now=None):
    now = now or timezone.now()
    return OutboxEntry.objects.filter(processed_at__lt=now - KEEP_PROCESSED).delete()[0]


def status():
    backlog = pending()
    return {
        "backlog": backlog.count(),
        "oldest": backlog.aggregate(m=Min("created_at"))["m"],
        "failing": backlog.filter(attempts__gt=0).count(),
    }
