"""The search app's own tables.

- SearchEntry + SearchPosting: the embedded engine's index, written in the
  same transaction as the content change, so it is always current (and the
  fallback when Elasticsearch is unreachable);
- OutboxEntry: durable queue of changes for Elasticsearch, drained by
  `manage.py search_worker`; processed rows are kept for a while so a
  rebuild can replay what changed while it ran.
"""

from django.db import models


class SearchEntry(models.Model):
    doc_id = models.CharField(max_length=200, unique=True)
    # "<app_label>.<model>:<pk>" of the object the document came from.
    source = models.CharField(max_length=200, db_index=True)
    type = models.CharField(max_length=30, db_index=True)
    title = models.TextField()
    url = models.CharField(max_length=500)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    document_number = models.CharField(max_length=100, blank=True)
    index_number = models.CharField(max_length=100, blank=True)
    code = models.CharField(max_length=100, blank=True)
    # Normalised text for substring search (the single-character recall path).
    title_text = models.TextField(blank=True)
    body_text = models.TextField(blank=True)
    aliases_text = models.TextField(blank=True)  # one alias per line
    departments = models.JSONField(default=list)
    topics = models.JSONField(default=list)
    scales = models.JSONField(default=list)
    industries = models.JSONField(default=list)
    regions = models.JSONField(default=list)
    audiences = models.JSONField(default=list)
    life_events = models.JSONField(default=list)
    genre = models.CharField(max_length=40, blank=True)
    level = models.CharField(max_length=40, blank=True)
    disclosure = models.CharField(max_length=40, blank=True)
    power_type = models.CharField(max_length=40, blank=True)
    category = models.CharField(max_length=40, blank=True)
    state = models.CharField(max_length=40, blank=True)
    published = models.DateField(null=True, db_index=True)
    effective = models.DateField(null=True)
    expiry = models.DateField(null=True)
    repealed = models.DateField(null=True)
    revised = models.DateField(null=True)
    window_opens = models.DateField(null=True)
    window_closes = models.DateField(null=True)
    boost = models.FloatField(default=1.0)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "搜索条目"
        verbose_name_plural = "搜索条目"

    def __str__(self):
        return self.title


class SearchPosting(models.Model):
    """One word of one entry. Terms starting with '#' are not words:
    '#py:' pinyin, '#dn:' 发文字号 keys, '#id:' identifiers."""

    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="postings")
    term = models.CharField(max_length=100)
    title_tf = models.PositiveSmallIntegerField(default=0)
    body_tf = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["term", "entry"], name="search_posting_term")]


class OutboxEntry(models.Model):
    """A change to push to Elasticsearch: the object's current state is
    (re)computed when the row is processed, so order and duplicates are harmless."""

    source = models.CharField(max_length=200, db_index=True)  # "<app>.<model>:<pk>"
    # Document ids the object had in the index before the change (to delete
    # documents that no longer exist, e.g. a removed support measure).
    stale_ids = models.JSONField(default=list)
    reason = models.CharField(max_length=40)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    processed_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["id"]
        verbose_name = "索引队列"
        verbose_name_plural = "索引队列"

    def __str__(self):
        return f"{self.reason} {self.source}"


class QueryDay(models.Model):
    """Search analytics (搜索分析): one row per day and cleaned query text,
    counted up in place, so the table grows with distinct queries, not with
    searches. Nothing about who searched (no address, browser or session).
    Rows older than `analytics.RETENTION_DAYS` are deleted."""

    day = models.DateField("日期")
    query = models.CharField("搜索词", max_length=100)  # analysis.MAX_QUERY_LENGTH
    searches = models.PositiveIntegerField("搜索次数", default=0)
    clicks = models.PositiveIntegerField("点开结果次数", default=0)
    # The last search of the day: its result count, engine and relaxation step.
    results = models.PositiveIntegerField("结果数", default=0)
    engine = models.CharField("检索引擎", max_length=20, blank=True)
    relaxation = models.CharField("放宽检索", max_length=40, blank=True)

    class Meta:
        verbose_name = "搜索统计"
        verbose_name_plural = "搜索统计"
        constraints = [models.UniqueConstraint(fields=["day", "query"], name="search_queryday_unique")]
        indexes = [models.Index(fields=["query"], name="search_queryday_query")]

    def __str__(self):
        return f"{self.day} {self.query}"
