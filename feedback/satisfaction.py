"""Satisfaction rate: share of "有帮助" votes over the last 12 months."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q

from portal.daterules import today as district_today

from .models import Feedback


@dataclass
class Satisfaction:
    helpful: int
    total: int

    @property
    def rate(self):
        """Percentage with one decimal, or None without votes."""
        if not self.total:
            return None
        return round(100 * self.helpful / self.total, 1)


def window_start(today):
    """The first day of the 12-month window ending today (inclusive)."""
    try:
        return today.replace(year=today.year - 1) + dt.timedelta(days=1)
    except ValueError:  # 29 February
        return today.replace(year=today.year - 1, day=28) + dt.timedelta(days=1)


def for_department(department, today=None):
    return for_departments([department], today)


def in_window(departments, today):
    """The votes on these departments' content in the 12 months ending today."""
    return Feedback.objects.filter(departments__in=departments, created__gte=window_start(today), created__lte=today)


def for_departments(departments, today=None):
    """One rate for several departments: a vote on a joint document counts once."""
    today = today or district_today()
    counts = in_window(departments, today).aggregate(total=Count("pk", distinct=True), helpful=Count("pk", filter=Q(helpful=True), distinct=True))
    return Satisfaction(helpful=counts["helpful"], total=counts["total"])
