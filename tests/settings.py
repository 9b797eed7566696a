"""The portal's settings plus a content app that exists only in tests
(tests/searchapp), to prove search needs no edit for a new app."""

import os
import re

# Under pytest-xdist each worker (gw0, gw1 …) gets its own test database
# (pytest-django adds the suffix), its own Elasticsearch indexes and its own
# Redis database, so one worker's cache.clear() or index drop never reaches
# another's test. Set in the environment so subprocesses started by a test
# see the same services.
_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
if _worker:
    _n = int(_worker.removeprefix("gw"))
    os.environ["SEARCH_INDEX_PREFIX"] = f"{os.environ.get('SEARCH_INDEX_PREFIX', 'test')}-{_worker}"
    _cache = os.environ.get("CACHE_URL", "")
    if _cache.startswith("redis://"):
        os.environ["CACHE_URL"] = re.sub(r"(/\d*)?$", f"/{1 + _n}", _cache, count=1)

from portal.settings import *  # noqa: E402, F403

INSTALLED_APPS = [*INSTALLED_APPS, "tests.searchapp"]  # noqa: F405

# The demo district, which the tests read as a visitor would.
SITE_NAME = WAGTAIL_SITE_NAME = "南川区政务公开专区"
