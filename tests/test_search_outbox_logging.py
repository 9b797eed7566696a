"""An after-commit push to an unreachable Elasticsearch: one log line with
the reason per attempt, no traceback, and the change waits for the worker."""

import logging
import socket

import pytest

from search import outbox
from search.models import OutboxEntry

from .policy_helpers import department, make_policy, site_with_library

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_port():
    """A local port nothing listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_failed_deferred_push_logs_one_line_with_the_reason(settings, caplog, closed_port, django_capture_on_commit_callbacks):
    settings.ELASTICSEARCH_HOSTS = [f"http://127.0.0.1:{closed_port}"]
    library, _ = site_with_library()
    page = make_policy(library, "outage", [department("jxw", "南川区经济和信息化委员会", "009256036", 20)],
                       title="停机时发布的文件", live=False)
    caplog.set_level(logging.INFO)
    caplog.clear()
    with django_capture_on_commit_callbacks(execute=True):  # the after-commit push runs here
        page.save_revision().publish()

    problems = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(problems) == 1, [f"{r.name}: {r.getMessage()}" for r in problems]
    [line] = problems
    message = line.getMessage()
    assert line.name == "search.outbox" and line.exc_info is None and "\n" not in message
    assert "Connection refused" in message and "worker" in message
    row = OutboxEntry.objects.get(source=f"policies.policypage:{page.pk}")
    assert row.processed_at is None  # kept for the worker

    # The next attempt: one more line, still no traceback.
    caplog.clear()
    outbox.flush([row.pk])
    assert [(r.name, r.exc_info) for r in caplog.records if r.levelno >= logging.WARNING] == [("search.outbox", None)]
