"""Every operation of /api/openapi.json, fuzzed by Schemathesis against a
live server showing the demo district (its Elasticsearch index rebuilt from
the demo first).

Schemathesis's own runner (`st run`, as in CI pipelines): examples, boundary
and negative "coverage" cases, then generated valid requests, a few hundred
per operation, in deterministic mode so every run sends the same requests.
No answer may be a 5xx or contradict the document: status code, content
type, response schema, and bad input (outside the documented schema) must
be rejected with a 4xx. Left out: `positive_data_acceptance`, because some
documented 400s come from rules a schema cannot state (page × page_size ≤
10000, a chosen scale that contradicts the figures, a page past the last).
The request count and time are printed at the end of the test.
"""

import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from django.core.signals import request_started
from django.urls import Resolver404, resolve

pytestmark = pytest.mark.django_db  # the live server reads the committed demo

MAX_EXAMPLES = 200  # per operation and phase; the coverage phase adds its own cases
ST = Path(sys.executable).with_name("st")


@pytest.fixture
def search_index(django_db_blocker):
    from django.core.management import call_command

    with django_db_blocker.unblock(), open(os.devnull, "w") as devnull:
        call_command("search_rebuild", "--engine", "elasticsearch", stdout=devnull)


def test_every_operation_answers_as_documented(portal_server, search_index, capsys, tmp_path):
    requests = Counter()

    def count(sender, environ, **kwargs):  # per route: /api/powerlists/items/<str:code>/
        try:
            requests["/" + resolve(environ["PATH_INFO"]).route] += 1
        except Resolver404:
            requests[environ["PATH_INFO"]] += 1

    request_started.connect(count)
    started = time.monotonic()
    try:
        run = subprocess.run(
            [ST, "run", f"{portal_server.url}/api/openapi.json", "--max-examples", str(MAX_EXAMPLES),
             "--generation-deterministic", "--workers", "1",
             "--exclude-checks", "positive_data_acceptance", "--request-timeout", "30", "--no-color"],
            capture_output=True, text=True, timeout=900, cwd=tmp_path,  # its cache stays out of the tree
        )
    finally:
        request_started.disconnect(count)
    elapsed = time.monotonic() - started
    with capsys.disabled():
        print()
        for route, n in requests.most_common(15):
            print(f"schemathesis: {n:5d} requests to {route}")
        print(f"schemathesis: {sum(requests.values())} requests in {elapsed:.0f} s, exit status {run.returncode}")
    assert run.returncode == 0, run.stdout[-20_000:] + run.stderr[-5_000:]
    assert sum(requests.values()) > 1000
