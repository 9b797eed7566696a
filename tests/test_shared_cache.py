"""CACHE_URL=redis://… gives every process one cache: a value cached or a
rate limit counted by one worker process is seen by the others."""

import subprocess
import sys

from django.conf import settings
from django.core.cache import cache

from portal import throttle

CHILD = """
import django
django.setup()
from django.core.cache import cache
from portal import throttle
print(cache.get("shared:greeting"))
print(throttle.allow("shared-test", "198.51.100.9", 3, 60))
cache.set("shared:reply", "来自另一个进程", 60)
"""


def test_two_processes_share_cached_values_and_rate_limits(redis_cache):
    cache.set("shared:greeting", "你好", 60)
    assert [throttle.allow("shared-test", "198.51.100.9", 3, 60) for _ in range(3)] == [True, True, True]

    # Same environment (CACHE_URL, settings module) as this process.
    child = subprocess.run([sys.executable, "-c", CHILD], cwd=settings.BASE_DIR,
                           capture_output=True, text=True, timeout=120)
    assert child.returncode == 0, child.stderr
    # The other process saw this one's value and its three uses of the limit...
    assert child.stdout.split() == ["你好", "False"]
    # ...and this one sees what the other process stored.
    assert cache.get("shared:reply") == "来自另一个进程"

