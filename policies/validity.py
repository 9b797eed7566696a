"""有效性 of a policy, derived from dates and repeal/revision links on the
day it is read (DESIGN.md §2: never stored, never set by a nightly job).

Conventions:
- `effective` is the first day the policy applies (None: from publication);
- `expiry` is the LAST day it applies (有效期至 2025-12-31 means valid on the
  31st and 失效 from 2026-01-01);
- `repealed` / `revised` are the days the repealing / revising documents take
  effect; the old policy stays 有效 until then.
"""

import datetime as dt

VALID = "valid"
PENDING = "pending"
EXPIRED = "expired"
REPEALED = "repealed"
REVISED = "revised"

LABELS = {
    VALID: "有效",
    PENDING: "尚未施行",
    EXPIRED: "失效",
    REPEALED: "废止",
    REVISED: "已修订",
}
CHOICES = list(LABELS.items())


def validity(*, today, effective=None, expiry=None, repealed=None, revised=None):
    """The validity key on `today`. A repeal outranks a revision, which
    outranks plain expiry: the banner should name the strongest reason."""
    if repealed and repealed <= today:
        return REPEALED
    if revised and revised <= today:
        return REVISED
    if expiry and expiry < today:
        return EXPIRED
    if effective and effective > today:
        return PENDING
    return VALID


def label(key):
    return LABELS[key]


def today():
    return dt.date.today()
