"""Statuses derived from dates on the day they are read, written once as data.

A rule is an ordered list of cases `(value, condition)`; the first case whose
condition holds names the status. A condition `(field, op, days)` holds when
the document's date `field` is present and `field op today + days`; `None`
always holds (the fallback). Pages evaluate a rule in Python (`evaluate`),
search engines turn the same cases into range filters (`cases_on`) and list
pages into SQL (`q`), so the rule has one home and no engine restates it.
"""

from __future__ import annotations

import datetime as dt
import operator
from dataclasses import dataclass

OPS = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}
LOOKUPS = {"<": "lt", "<=": "lte", ">": "gt", ">=": "gte"}


@dataclass(frozen=True)
class Bound:
    """`field op day`: e.g. Bound("expiry", "<", 2026-11-28)."""

    field: str
    op: str
    day: dt.date

    def holds(self, dates):
        value = dates.get(self.field)
        return value is not None and OPS[self.op](value, self.day)


@dataclass(frozen=True)
class DateRule:
    cases: tuple  # ((value, (field, op, days) | None), ...), first match wins
    labels: dict  # value -> public label, in display order

    def cases_on(self, today):
        """[(value, Bound | None)] for `today`, in precedence order."""
        out = []
        for value, condition in self.cases:
            if condition is None:
                out.append((value, None))
            else:
                field, op, days = condition
                out.append((value, Bound(field, op, today + dt.timedelta(days=days))))
        return out

    def q(self, today, value, columns):
        """A Django Q selecting the rows whose status on `today` is `value`:
        its case's bound holds and no earlier case's does. `columns` maps
        the rule's fields to model fields or annotations."""
        from django.db.models import Q

        selected = Q()
        for case_value, bound in self.cases_on(today):
            if bound is None:
                holds = Q()
            else:
                column = columns[bound.field]
                holds = Q(**{f"{column}__{LOOKUPS[bound.op]}": bound.day})
            if case_value == value:
                return selected & holds
            if bound is not None:
                # NOT over NULL is NULL in SQL: a missing date is spelt out.
                selected &= Q(**{f"{column}__isnull": True}) | ~holds
        raise KeyError(value)

    def evaluate(self, today, **dates):
        for value, bound in self.cases_on(today):
            if bound is None or bound.holds(dates):
                return value
        return None

    @property
    def fields(self):
        return tuple(dict.fromkeys(c[0] for _v, c in self.cases if c))

    @property
    def choices(self):
        return list(self.labels.items())


def today():
    """The district's today (settings.TIME_ZONE), whatever the server's zone:
    every status on pages, in the calculator and in search is taken on it."""
    from django.utils import timezone

    return timezone.localdate()
