from __future__ import annotations

from dataclasses import dataclass, field

# SearchDocument fields an engine returns for each hit.
HIT_FIELDS = (
    "id", "type", "title", "url", "summary", "body", "document_number", "index_number", "code",
    "departments", "topics", "genre", "level", "disclosure", "power_type", "scales", "industries",
    "regions", "published", "effective", "expiry", "repealed", "revised", "window_opens", "window_closes",
)


@dataclass
class RawResult:
    hits: list  # dicts of HIT_FIELDS, dates as datetime.date
    total: int
    counts: dict = field(default_factory=dict)  # facet name -> {value: count}
    step: str = "all"  # the relaxation step that found these (analysis.STEPS)


def relaxed(plan, run, relax=True):
    """`run(plan)` for each step of `plan.relaxations()` until one finds
    something: both engines relax a query the same way.
    With `relax` false only the plan as typed is run."""
    for step in plan.relaxations() if relax else (plan,):
        raw = run(step)
        if raw.total:
            raw.step = step.step
            return raw
    return raw  # nothing at any step: step stays "all"


class EngineUnavailable(Exception):
    """The engine cannot answer now (unreachable, timed out, no index)."""
