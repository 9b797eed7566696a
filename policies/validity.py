"""有效性 of a policy, derived from dates and repeal/revision links on the
day it is read (DESIGN.md §2: never stored, never set by a nightly job).
This rule is the one home of validity: pages evaluate it, and search (both
engines) reads it from the facet that policies/documents.py declares.

Conventions:
- `effective` is the first day the policy applies (None: from publication);
- `expiry` is the LAST day it applies (有效期至 2025-12-31 means valid on the
  31st and 失效 from 2026-01-01);
- `repealed` / `revised` are the days the repealing / revising documents take
  effect; the old policy stays 有效 until then.
"""

from portal.daterules import DateRule

VALID = "valid"
PENDING = "pending"
EXPIRED = "expired"
REPEALED = "repealed"
REVISED = "revised"

# A repeal outranks a revision, which outranks plain expiry: the banner
# names the strongest reason.
RULE = DateRule(
    cases=(
        (REPEALED, ("repealed", "<=", 0)),
        (REVISED, ("revised", "<=", 0)),
        (EXPIRED, ("expiry", "<", 0)),
        (PENDING, ("effective", ">", 0)),
        (VALID, None),
    ),
    labels={VALID: "有效", PENDING: "尚未施行", EXPIRED: "失效", REPEALED: "废止", REVISED: "已修订"},
)
LABELS = RULE.labels
CHOICES = RULE.choices


def validity(*, today, effective=None, expiry=None, repealed=None, revised=None):
    """The validity key on `today`."""
    return RULE.evaluate(today, effective=effective, expiry=expiry, repealed=repealed, revised=revised)


def label(key):
    return LABELS[key]
