"""Every operation of /api/openapi.json, fuzzed by Schemathesis against a
live server showing the demo district (Elasticsearch index rebuilt from it).

A few hundred generated requests per operation (examples, boundary and
negative "coverage" cases, then random valid ones), derandomized so a CI run
is repeatable: no answer may be a 5xx or contradict the document (status
code, content type, response schema, bad input rejected with a 4xx). The
request count and time are printed at the end of the test.
"""

import time
from collections import Counter

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

EXAMPLES_PER_OPERATION = 250

schema = schemathesis.pytest.from_fixture("api_schema")
REQUESTS = Counter()


@pytest.fixture(scope="module")
def api_schema(portal_server, django_db_blocker, request):
    from django.core.management import call_command

    with django_db_blocker.unblock(), open("/dev/null", "w") as devnull:
        call_command("search_rebuild", "--engine", "elasticsearch", stdout=devnull)
    started = time.monotonic()
    yield schemathesis.openapi.from_url(f"{portal_server.url}/api/openapi.json")
    elapsed = time.monotonic() - started
    report = request.config.pluginmanager.get_plugin("terminalreporter")
    report.write_line("")
    for operation, count in sorted(REQUESTS.items()):
        report.write_line(f"schemathesis: {count:5d} requests  {operation}")
    report.write_line(f"schemathesis: {sum(REQUESTS.values())} requests to {len(REQUESTS)} operations in {elapsed:.0f} s")


@schema.parametrize()
@settings(max_examples=EXAMPLES_PER_OPERATION, derandomize=True, database=None, deadline=None,
          suppress_health_check=list(HealthCheck))
def test_every_operation_answers_as_documented(case):
    response = case.call()
    REQUESTS[case.operation.label] += 1
    case.validate_response(response)
