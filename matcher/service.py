"""Run a profile against today's claimable measures (the database side).

Candidates: measures of live, public policies that are 有效 today and whose
application window has not closed, for the audience of the mode (企业 or
个人). matching.py / citizen_matching.py decide the rest.
"""

from __future__ import annotations

from dataclasses import dataclass

from policies import validity
from policies.listings import live_measures
from portal.daterules import today as district_today

from . import citizen_matching, conditions, matching


def _evaluate_enterprise(measure, profile, today):
    return matching.evaluate(conditions.conditions_of(measure), profile, today)


def _evaluate_person(measure, profile, today):
    return citizen_matching.evaluate_person(conditions.person_conditions_of(measure), profile, today)


# mode -> (audiences of the measures it considers, evaluation)
MODES = {
    "enterprise": (("enterprise", "both"), _evaluate_enterprise),
    "person": (("person", "both"), _evaluate_person),
}


@dataclass
class MatchItem:
    measure: object
    evaluation: matching.Evaluation
    group: str

    @property
    def group_label(self):
        return matching.GROUP_LABELS[self.group]

    @property
    def automatic(self):
        return self.measure.delivery_mode == "automatic"

    @property
    def reasons(self):
        return self.evaluation.reasons

    @property
    def missing(self):
        return self.evaluation.missing

    @property
    def to_check(self):
        return self.evaluation.to_check

    def as_json(self):
        m = self.measure
        return {
            "id": m.pk,
            "title": m.title,
            "url": m.permalink,
            "policy": {"title": m.page.title, "url": m.page.url, "document_number": m.page.document_number or None},
            "support_type": m.support_type,
            "support_type_label": m.support_type_label,
            "delivery_mode": m.delivery_mode,
            "delivery_mode_label": m.delivery_mode_label,
            "automatic": self.automatic,
            "amount_text": m.amount_text or None,
            "amount_cap": float(m.amount_cap) if m.amount_cap is not None else None,
            "status": m.status_key(),
            "status_label": m.status_label,
            "group": self.group,
            "group_label": self.group_label,
            "window_opens": m.window_opens.isoformat() if m.window_opens else None,
            "window_closes": m.window_closes.isoformat() if m.window_closes else None,
            "reasons": self.reasons,
            "missing": self.missing,
            # Stated conditions no profile field can check: "另需核实：…".
            "to_check": self.to_check,
            "other_conditions": m.other_conditions or None,
            "apply_url": m.apply_url or None,
        }


@dataclass
class MatchResult:
    matches: list
    near_misses: list

    def as_json(self):
        return {
            "total": len(self.matches),
            "matches": [m.as_json() for m in self.matches],
            "near_misses": [m.as_json() for m in self.near_misses],
        }


def candidates(today, audiences=MODES["enterprise"][0]):
    """(measure, window group) for every measure one could still claim."""
    found = []
    measures = live_measures().filter(audience__in=audiences).select_related("page").prefetch_related(
        "regions", "qualifications")
    for measure in measures.distinct():
        group = matching.window_group(measure.window_opens, measure.window_closes, today)
        if group is None or measure.page.validity_key(today) != validity.VALID:
            continue
        found.append((measure, group))
    return found


def match(profile, today=None, mode="enterprise"):
    today = today or district_today()
    audiences, evaluate = MODES[mode]
    matches, near = [], []
    for measure, group in candidates(today, audiences):
        evaluation = evaluate(measure, profile, today)
        item = MatchItem(measure, evaluation, group)
        if evaluation.matched:
            matches.append(item)
        elif evaluation.near_miss:
            near.append(item)

    def key(item):
        m = item.measure
        return matching.sort_key(item.group, m.window_opens, m.window_closes, item.automatic, m.pk)

    matches.sort(key=key)
    # Near misses: fewest gaps first, then the same window order.
    near.sort(key=lambda item: (len(item.evaluation.unmet), key(item)))
    return MatchResult(matches, near)
