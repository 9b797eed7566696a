"""Rate limits for the public forms, counted in Django's default cache.

The cache is the shared one (Redis in production), so every worker process
counts against the same limit, and no personal data reaches the database:
keys are HMACs of the client address or e-mail, so even the cache holds no
raw IP address.
"""

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache


def _key(scope, value):
    digest = hmac.new(settings.SECRET_KEY.encode(), f"{scope}:{value}".encode(), hashlib.sha256).hexdigest()
    return f"throttle:{scope}:{digest[:32]}"


def allow(scope, value, limit, period):
    """Count one use of `value` in `scope`; False once `limit` uses were
    counted within `period` seconds (a fixed window from the first use)."""
    key = _key(scope, value)
    cache.add(key, 0, period)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, period)
        count = 1
    return count <= limit
