"""Matching a person (个人/家庭) against 惠民 measures: pure functions.

The same Evaluation, near-miss limit and window order as matching.py; only
the conditions differ. A person is read through `PersonProfile`, a measure
through `PersonConditions` (built by conditions.py, or directly in tests).

Rules:
- a condition the profile leaves blank (age, residence, 镇街, employment,
  children, income) is unmet with a "需确认" note, never assumed met; such a
  gap is soft, so the measure is listed with what to confirm;
- near misses ("差一点：需要…") are only steps a person can take
  (EMPLOYMENT_STEPS: 办理失业登记 for a measure that needs 登记失业). Age,
  户籍, 镇街, groups, disability, graduation, children and income are what a
  person is: hard gaps, never suggested;
- group, graduation and disability answers are checkboxes and optional
  fields: left blank means "not in that group";
- a measure for both audiences shows its enterprise conditions as 另需核实,
  as does other_conditions text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from portal.taxonomies import (
    DISABILITY_GRADES,
    EMPLOYMENT_STATUSES,
    PERSON_GROUPS,
    RESIDENCE_RULES,
    label,
)

from .matching import HARD, SOFT, Evaluation, Unmet, _num, check_text

# A person's residence answer (profile side).
RESIDENCES = [
    ("hukou", "本区户籍"),
    ("resident", "非本区户籍、在本区居住"),
    ("elsewhere", "不在本区居住"),
]
# Measure rule (RESIDENCE_RULES key) -> the answers that meet it.
RESIDENCE_MEETS = {"hukou": {"hukou"}, "resident": {"hukou", "resident"}}

# Employment statuses a person can move into with one step: needed status ->
# (statuses it can be reached from, the step). Anything else is hard.
EMPLOYMENT_STEPS = {
    "unemployed": ({"jobless"}, "到公共就业服务机构办理失业登记"),
}


@dataclass(frozen=True)
class PersonProfile:
    age: int | None = None  # 周岁
    residence: str = ""  # RESIDENCES key
    region: str = ""  # Region slug where the person lives
    region_name: str = ""
    employment: str = ""  # EMPLOYMENT_STATUSES key
    graduated: int | None = None  # year of graduation from a 高校, if a graduate
    groups: frozenset = frozenset()  # PERSON_GROUPS keys
    disability_grade: str = ""  # DISABILITY_GRADES key
    children: int | None = None
    income_per_head: Decimal | None = None  # 家庭月人均收入, 元/月


@dataclass(frozen=True)
class PersonConditions:
    min_age: int | None = None
    max_age: int | None = None
    residence: str = ""  # RESIDENCE_RULES key; "" = any
    regions: tuple = ()  # ((slug, name), ...)
    employment: tuple = ()  # any of them
    graduate_within_years: int | None = None
    person_groups: tuple = ()  # any of them
    disability_grades: tuple = ()
    min_children: int | None = None
    max_income_per_head: Decimal | None = None
    other_conditions: str = ""
    enterprise_terms: str = ""  # a measure for both audiences: its conditions on enterprises, in words


def _age_text(low, high):
    if low is not None and high is not None:
        return f"年龄{low}–{high}周岁"
    return f"年龄{low}周岁以上" if low is not None else f"年龄{high}周岁以下"


def _groups_text(keys):
    return "、".join(label(PERSON_GROUPS, k) for k in keys)


def _grades_text(keys):
    return "、".join(label(DISABILITY_GRADES, k) for k in keys) + "残疾"


def person_terms(c):
    """A measure's conditions on people, in words (for a business reading a
    measure meant for both)."""
    parts = []
    if c.min_age is not None or c.max_age is not None:
        parts.append(_age_text(c.min_age, c.max_age))
    if c.residence:
        parts.append(label(RESIDENCE_RULES, c.residence))
    if c.employment:
        parts.append("、".join(label(EMPLOYMENT_STATUSES, e) for e in c.employment))
    if c.graduate_within_years is not None:
        parts.append(f"毕业{c.graduate_within_years}年内的高校毕业生")
    if c.person_groups:
        parts.append(_groups_text(c.person_groups))
    if c.disability_grades:
        parts.append(_grades_text(c.disability_grades))
    if c.min_children is not None:
        parts.append(f"子女不少于{c.min_children}个")
    if c.max_income_per_head is not None:
        parts.append(f"家庭月人均收入不超过{_num(c.max_income_per_head)}元")
    return "、".join(parts)


def evaluate_person(c: PersonConditions, p: PersonProfile, today: dt.date) -> Evaluation:
    """Which of a measure's conditions the person meets, and what is missing."""
    ev = Evaluation()

    def confirm(wanted, blank):
        ev.unmet.append(Unmet(f"需确认：{wanted}（{blank}）", SOFT))

    if c.min_age is not None or c.max_age is not None:
        wanted = _age_text(c.min_age, c.max_age)
        if p.age is None:
            confirm(wanted, "未填写年龄")
        elif (c.min_age is not None and p.age < c.min_age) or (c.max_age is not None and p.age > c.max_age):
            ev.unmet.append(Unmet(f"需要：{wanted}", HARD))
        else:
            ev.reasons.append(f"符合：{wanted}")

    if c.residence:
        wanted = label(RESIDENCE_RULES, c.residence)
        if not p.residence:
            confirm(wanted, "未填写户籍和居住情况")
        elif p.residence in RESIDENCE_MEETS[c.residence]:
            ev.reasons.append(f"符合：{wanted}")
        else:
            ev.unmet.append(Unmet(f"需要：{wanted}", HARD))

    if c.regions:
        names = "、".join(name for _, name in c.regions)
        if not p.region:
            confirm(f"居住在{names}", "未填写所在镇街")
        elif p.region in dict(c.regions):
            ev.reasons.append(f"符合：居住在{dict(c.regions)[p.region]}")
        else:
            ev.unmet.append(Unmet(f"需要：居住在{names}", HARD))

    if c.employment:
        names = "、".join(label(EMPLOYMENT_STATUSES, e) for e in c.employment)
        step = next((EMPLOYMENT_STEPS[e][1] for e in c.employment
                     if p.employment in EMPLOYMENT_STEPS.get(e, ((), ""))[0]), None)
        if not p.employment:
            confirm(f"就业状态为{names}", "未填写就业状态")
        elif p.employment in c.employment:
            ev.reasons.append(f"符合：{label(EMPLOYMENT_STATUSES, p.employment)}")
        elif step:
            ev.unmet.append(Unmet(f"差一点：需要{step}", SOFT))
        else:
            ev.unmet.append(Unmet(f"需要：就业状态为{names}", HARD))

    if c.graduate_within_years is not None:
        wanted = f"毕业{c.graduate_within_years}年内的高校毕业生"
        if p.graduated is not None and 0 <= today.year - p.graduated <= c.graduate_within_years:
            ev.reasons.append(f"符合：{wanted}（{p.graduated}年毕业）")
        else:
            ev.unmet.append(Unmet(f"需要：{wanted}", HARD))

    if c.person_groups:
        held = [g for g in c.person_groups if g in p.groups]
        if held:
            ev.reasons.append(f"符合：{_groups_text(held)}")
        else:
            ev.unmet.append(Unmet(f"需要：属于{_groups_text(c.person_groups)}{'之一' if len(c.person_groups) > 1 else ''}", HARD))

    if c.disability_grades:
        wanted = _grades_text(c.disability_grades)
        if p.disability_grade in c.disability_grades:
            ev.reasons.append(f"符合：{label(DISABILITY_GRADES, p.disability_grade)}残疾")
        elif "disabled" in p.groups and not p.disability_grade:
            confirm(wanted, "未填写残疾等级")
        else:
            ev.unmet.append(Unmet(f"需要：{wanted}", HARD))

    if c.min_children is not None:
        wanted = f"子女不少于{c.min_children}个"
        if p.children is None:
            confirm(wanted, "未填写子女数")
        elif p.children < c.min_children:
            ev.unmet.append(Unmet(f"需要：{wanted}", HARD))
        else:
            ev.reasons.append(f"符合：{wanted}")

    if c.max_income_per_head is not None:
        wanted = f"家庭月人均收入不超过{_num(c.max_income_per_head)}元"
        if p.income_per_head is None:
            confirm(wanted, "未填写家庭月人均收入")
        elif p.income_per_head > c.max_income_per_head:
            ev.unmet.append(Unmet(f"需要：{wanted}", HARD))
        else:
            ev.reasons.append(f"符合：{wanted}")

    if not ev.reasons and not ev.unmet:
        ev.reasons.append("符合：不限年龄、户籍和人群")
    check_text(ev, c.other_conditions)
    check_text(ev, c.enterprise_terms, "（企业申请条件）")
    return ev
