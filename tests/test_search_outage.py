"""An Elasticsearch outage during publishing delays search updates and loses
none. Proven on a real node: a second, throwaway node (port
SEARCH_OUTAGE_ES_PORT, default 9201) is started, stopped and restarted with
scripts/elasticsearch, so the shared node other tests use stays up."""

import os
import subprocess
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from home.models import HomePage
from search import indexing, outbox, service, signals
from search.documents import SearchDocument, Source
from search.engines import elasticsearch as es_engine
from search.query import parse

from .search_support import refdata  # noqa: F401

PORT = os.environ.get("SEARCH_OUTAGE_ES_PORT", "9201")
SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "elasticsearch"


def node(command):
    env = {**os.environ, "ES_PORT": PORT}
    done = subprocess.run([str(SCRIPT), command], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 or command == "status", done.stdout + done.stderr


@pytest.fixture(scope="module")
def throwaway_node():
    node("start")
    yield f"http://127.0.0.1:{PORT}"
    node("stop")


@pytest.fixture
def source(db, refdata, settings, throwaway_node):
    settings.ELASTICSEARCH_HOSTS = [throwaway_node]
    settings.SEARCH_INDEX_PREFIX = "outage"
    es = es_engine.client()
    es.indices.delete(index="outage-documents-*", ignore_unavailable=True, allow_no_indices=True)
    es_engine.ensure_alias(es)
    service.reset_breaker()
    src = Source(
        model=HomePage,
        queryset=lambda: HomePage.objects.live().public(),
        to_documents=lambda p: [SearchDocument(id=f"page:{p.pk}", type="policy", title=p.title, url=p.url_path,
                                               body=p.intro, published=timezone.localdate())],
    )
    signals.register(src)
    yield src
    signals.unregister(src)
    service.reset_breaker()


def search(q, engine=None):
    return service.search(parse({"q": q}), engine=engine)


def test_publish_during_an_outage_is_indexed_when_the_node_returns(source, django_capture_on_commit_callbacks):
    home = HomePage.objects.get(slug="home")
    before = home.add_child(instance=HomePage(title="幼儿园收费管理办法", slug="before", intro="收费", live=False))
    with django_capture_on_commit_callbacks(execute=True):
        before.save_revision().publish()
    es_engine.client().indices.refresh(index=es_engine.alias_name())
    assert [h.url for h in search("幼儿园").hits] == [before.url_path]

    node("stop")
    during = home.add_child(instance=HomePage(title="幼儿园招生工作通知", slug="during", intro="招生", live=False))
    with django_capture_on_commit_callbacks(execute=True):
        during.save_revision().publish()  # succeeds; the flush fails quietly
    assert outbox.pending().filter(source=f"home.homepage:{during.pk}").exists()
    # Searching still works, from the embedded index, with a notice.
    result = search("幼儿园 招生")
    assert result.engine == "embedded" and result.notice
    assert [h.url for h in result.hits] == [during.url_path]
    with pytest.raises(CommandError):
        call_command("search_worker", "--once")
    assert outbox.pending().count() == 1

    node("start")
    service.reset_breaker()
    call_command("search_worker", "--once")
    es_engine.client().indices.refresh(index=es_engine.alias_name())
    assert not outbox.pending().exists()
    result = search("幼儿园 招生", engine="elasticsearch")
    assert [h.url for h in result.hits] == [during.url_path]
    assert {h.url for h in search("幼儿园", engine="elasticsearch").hits} == {before.url_path, during.url_path}
