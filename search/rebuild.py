"""Zero-downtime rebuild: a new versioned index is loaded while the alias
still points at the old one; the alias is swapped atomically; changes made
while the load ran (outbox rows after the high-water mark) are replayed."""

from __future__ import annotations

import datetime as dt
import time

from django.utils import timezone

from . import outbox
from .engines import elasticsearch as es_engine
from .indexing import all_documents, rebuild_embedded

# Rows created this long before the mark are replayed too: a transaction can
# take its outbox id before the mark and commit after the load read its object.
REPLAY_MARGIN = dt.timedelta(seconds=60)


def rebuild_elasticsearch(on_loaded=None, log=print):
    es = es_engine.client(timeout=120)
    mark, started = outbox.high_water_mark(), timezone.now()
    name = es_engine.new_index_name()
    es_engine.create_index(name, loading=True, es=es)
    t0 = time.monotonic()
    # Documents are read from the database here, in this thread: the loader's
    # threads must not open database connections.
    documents = list(all_documents())
    count = es_engine.bulk_load(name, documents, es=es)
    loaded = time.monotonic() - t0
    settings = es_engine.index_settings()
    es.indices.put_settings(index=name, settings={"number_of_replicas": settings["number_of_replicas"], "refresh_interval": settings["refresh_interval"]})
    es.indices.refresh(index=name)
    log(f"已载入 {count} 条文档到新索引 {name}（{loaded:.1f} 秒）")
    if on_loaded:
        on_loaded()
    old = es_engine.alias_targets(es)
    alias = es_engine.alias_name()
    actions = [{"remove": {"index": i, "alias": alias}} for i in old] + [{"add": {"index": name, "alias": alias}}]
    es.indices.update_aliases(actions=actions)
    log(f"别名 {alias} 已切换到 {name}")
    replayed = outbox.replay(mark, started - REPLAY_MARGIN, es=es)
    es.indices.refresh(index=name)
    log(f"重放了重建期间变更的 {replayed} 个对象")
    for index in old:
        es.indices.delete(index=index)
    # Anything else under the prefix that the alias does not point at is debris of an aborted rebuild.
    for index in es.indices.get(index=es_engine.index_pattern()):
        if index != name:
            es.indices.delete(index=index)
    return {"index": name, "documents": count, "seconds": loaded, "replayed": replayed, "removed": old}


def rebuild(engine="all", on_loaded=None, log=print):
    result = {}
    if engine in ("all", "embedded"):
        result["embedded"] = rebuild_embedded()
        log(f"内置索引已重建：{result['embedded']} 条文档")
    if engine in ("all", "elasticsearch") and es_engine.configured():
        result["elasticsearch"] = rebuild_elasticsearch(on_loaded=on_loaded, log=log)
    return result
