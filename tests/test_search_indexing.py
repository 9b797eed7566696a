"""Durable indexing: page lifecycle -> embedded index + outbox (same
transaction) -> Elasticsearch; worker, rebuild, status. A test-only Source
for home.HomePage stands in for the content apps' sources."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import PageViewRestriction

from home.models import HomePage
from search import indexing, outbox, service, signals
from search.documents import SearchDocument, Source
from search.engines import elasticsearch as es_engine
from search.models import OutboxEntry, SearchEntry
from search.query import parse

from .search_support import es_index, refdata  # noqa: F401


def _to_documents(page):
    return [SearchDocument(id=f"page:{page.pk}", type="policy", title=page.title, url=page.url_path, body=page.intro,
                           published=timezone.localdate())]


@pytest.fixture
def page_source(db, refdata, es_index):
    source = Source(model=HomePage, queryset=lambda: HomePage.objects.live().public(), to_documents=_to_documents)
    signals.register(source)
    yield source
    signals.unregister(source)


@pytest.fixture
def home():
    return HomePage.objects.get(slug="home")


def _new_page(parent, title, intro="关于幼儿园收费标准的说明", **kw):
    return parent.add_child(instance=HomePage(title=title, slug=f"p{HomePage.objects.count()}", intro=intro, live=False, **kw))


def found(q, engine):
    return [h.url for h in service.search(parse({"q": q}), engine=engine).hits]


def drain():
    done, failed = outbox.drain(refresh=True)
    assert failed == 0
    return done


def test_publish_writes_embedded_index_and_outbox_in_the_same_transaction(page_source, home, django_capture_on_commit_callbacks):
    page = _new_page(home, "城镇小区配套幼儿园管理办法")
    assert found("配套幼儿园", "embedded") == []
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        page.save_revision().publish()
        # Before commit: both written, nothing sent yet.
        assert SearchEntry.objects.filter(doc_id=f"page:{page.pk}").exists()
        assert OutboxEntry.objects.filter(source=f"home.homepage:{page.pk}", processed_at__isnull=True).exists()
    assert found("配套幼儿园", "embedded") == [page.url_path]
    assert found("配套幼儿园", "elasticsearch") == []
    for callback in callbacks:  # the after-commit flush
        callback()
    es_engine.client().indices.refresh(index=es_engine.alias_name())  # else within the 1 s refresh interval
    assert found("配套幼儿园", "elasticsearch") == [page.url_path]
    assert not outbox.pending().exists()


def test_drafts_and_future_pages_are_never_searchable(page_source, home):
    draft = _new_page(home, "草稿：幼儿园收费办法")
    draft.save_revision()
    future = _new_page(home, "定时发布：幼儿园收费办法")
    future.go_live_at = timezone.now() + dt.timedelta(days=3)
    future.save_revision().publish()
    drain()
    assert found("幼儿园 收费", "embedded") == []
    assert found("幼儿园 收费", "elasticsearch") == []


@pytest.mark.parametrize("change", ["unpublish", "delete", "private"])
def test_pages_leave_the_results_at_once(page_source, home, change):
    page = _new_page(home, "幼儿园收费管理办法")
    page.save_revision().publish()
    drain()
    assert found("幼儿园", "elasticsearch") == [page.url_path]
    page.refresh_from_db()
    if change == "unpublish":
        page.unpublish()
    elif change == "delete":
        HomePage.objects.get(pk=page.pk).delete()
    else:
        PageViewRestriction.objects.create(page=page, restriction_type="password", password="secret")
    assert found("幼儿园", "embedded") == []
    drain()
    assert found("幼儿园", "elasticsearch") == []


def test_moved_pages_change_url_with_their_children(page_source, home):
    section = _new_page(home, "教育政策专栏", intro="教育")
    section.save_revision().publish()
    page = _new_page(section, "幼儿园收费管理办法")
    page.save_revision().publish()
    other = _new_page(home, "民生政策专栏", intro="民生")
    other.save_revision().publish()
    drain()
    section.refresh_from_db()
    section.move(other, pos="last-child")
    page.refresh_from_db()
    assert page.url_path.startswith(other.url_path)
    assert found("幼儿园", "embedded") == [page.url_path]
    drain()
    assert found("幼儿园", "elasticsearch") == [page.url_path]


def test_failed_rows_back_off_and_are_kept(page_source, home, settings):
    page = _new_page(home, "幼儿园收费管理办法")
    page.save_revision().publish()
    settings.ELASTICSEARCH_HOSTS = ["http://127.0.0.1:9"]
    with pytest.raises(Exception):
        outbox.drain()
    row = OutboxEntry.objects.get(source=f"home.homepage:{page.pk}")
    assert row.processed_at is None
    assert outbox.backoff(1) < outbox.backoff(3) <= dt.timedelta(hours=1)


def test_worker_command_drains_the_backlog(page_source, home):
    page = _new_page(home, "幼儿园收费管理办法")
    page.save_revision().publish()
    assert outbox.pending().count() == 1
    out = io.StringIO()
    call_command("search_worker", "--once", stdout=out)
    assert "已推送 1 项变更" in out.getvalue()
    es_engine.client().indices.refresh(index=es_engine.alias_name())
    assert found("幼儿园", "elasticsearch") == [page.url_path]


def test_status_command(page_source, home):
    page = _new_page(home, "幼儿园收费管理办法")
    page.save_revision().publish()
    out = io.StringIO()
    call_command("search_status", stdout=out)
    text = out.getvalue()
    assert "政策文件" in text and "队列积压：1 项" in text and "最早的待处理变更：2" in text


def test_rebuild_swaps_alias_without_downtime_and_replays_edits(page_source, home, es_index):
    first = _new_page(home, "幼儿园收费管理办法")
    first.save_revision().publish()
    drain()
    before = es_engine.alias_targets()
    seen_during = {}

    def during_rebuild():
        # The old index still answers while the new one is loaded...
        seen_during["hits"] = found("幼儿园", "elasticsearch")
        # ...and an edit made now goes to the old index, then is replayed.
        late = _new_page(home, "幼儿园招生工作通知")
        late.save_revision().publish()
        drain()
        seen_during["late"] = late.url_path

    result = indexing_rebuild(during_rebuild)
    assert seen_during["hits"] == [first.url_path]
    after = es_engine.alias_targets()
    assert after == [result["index"]] and after != before
    assert not es_index.indices.exists(index=before[0])
    # The rebuild indexes every public document (the demo's too), and
    # replays the edit made while it ran.
    assert {first.url_path, seen_during["late"]} <= set(found("幼儿园", "elasticsearch"))


def indexing_rebuild(hook):
    from search.rebuild import rebuild_elasticsearch

    return rebuild_elasticsearch(on_loaded=hook, log=lambda *_: None)
