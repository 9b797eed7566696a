"""A SupportMeasure's conditions as the matchers read them.

The one place that reads the model: matching.py and citizen_matching.py
stay pure functions over `Conditions` / `PersonConditions`. A measure for
both audiences also carries the other side's conditions in words, so
neither reader is told it simply meets them.
"""

from __future__ import annotations

from .citizen_matching import PersonConditions, person_terms
from .matching import Conditions, Qual, enterprise_terms


def conditions_of(measure, other_audience=True):
    """A SupportMeasure's conditions (regions/qualifications prefetched);
    with `other_audience`, its conditions on people in words when it is for both."""
    return Conditions(
        scales=tuple(measure.scales or ()),
        industries=tuple(measure.industries or ()),
        regions=tuple((r.slug, r.name) for r in measure.regions.all()),
        qualifications=tuple(Qual(q.slug, q.name, q.lead_days) for q in measure.qualifications.all()),
        min_years=measure.min_years,
        max_years=measure.max_years,
        min_headcount=measure.min_headcount,
        max_headcount=measure.max_headcount,
        min_revenue=measure.min_revenue,
        max_revenue=measure.max_revenue,
        window_closes=measure.window_closes,
        other_conditions=measure.other_conditions,
        person_terms=(person_terms(person_conditions_of(measure, other_audience=False))
                      if other_audience and measure.audience == "both" else ""),
    )


def person_conditions_of(measure, other_audience=True):
    """A SupportMeasure's conditions on people (regions prefetched); with
    `other_audience`, its conditions on enterprises in words when it is for both."""
    return PersonConditions(
        min_age=measure.min_age,
        max_age=measure.max_age,
        residence=measure.residence or "",
        regions=tuple((r.slug, r.name) for r in measure.regions.all()),
        employment=tuple(measure.employment or ()),
        graduate_within_years=measure.graduate_within_years,
        person_groups=tuple(measure.person_groups or ()),
        disability_grades=tuple(measure.disability_grades or ()),
        min_children=measure.min_children,
        max_income_per_head=measure.max_income_per_head,
        other_conditions=measure.other_conditions,
        enterprise_terms=(enterprise_terms(conditions_of(measure, other_audience=False))
                          if other_audience and measure.audience == "both" else ""),
    )
