"""What the basis check found, grouped for the command, the admin report
and the dashboard panel."""

from collections import Counter

from .citations import parse
from .models import BASIS_PROBLEMS


def summary(bases):
    """(counts by status, the problem bases, {law name: n} of 未收录)."""
    bases = list(bases.order_by("item__department__sort_order", "item__code", "sort_order"))
    counts = Counter(b.check_status for b in bases)
    problems = [b for b in bases if b.check_status in BASIS_PROBLEMS]
    not_held = Counter(parse(b.law, b.article).law for b in bases if b.check_status == "not_held")
    return counts, problems, dict(not_held)


def describe_diff(diff):
    """One line for plain text: 引文[多出]〈条文原文〉."""
    marks = {"equal": "{}", "quote": "[引文：{}]", "law": "〈条文：{}〉"}
    return "".join(marks[op].format(text) for op, text in diff)
