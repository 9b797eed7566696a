"""After the content apps' set-up and demo content: index what was created
without a publish signal (index pages, imports create live pages directly).
Both indexes are brought up to date (Elasticsearch through the outbox)."""

from .indexing import sync


def setup(log):
    changed = sync()
    log(f"站内搜索：补充索引 {changed} 个对象")
