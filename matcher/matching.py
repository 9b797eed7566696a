"""Matching a business profile against support measures: pure functions.

Nothing here touches the database. A measure is read through
`Conditions` (built from a SupportMeasure by conditions.py, or directly in
tests), a business through `Profile`.

Rules (the SupportMeasure docstring defines the fields):
- every condition a measure sets is checked; a condition the profile does not
  answer (e.g. headcount left blank) counts as unmet, with a 需确认 note, so
  an incomplete profile never over-promises;
- a measure *matches* when no condition is unmet;
- a *near miss* fails at most NEAR_MISS_LIMIT conditions and none of them is
  a hard one. Hard conditions describe what the business is (scale,
  industry, region) or that it has outgrown (too many years since
  registration, too many staff, too much revenue). Soft ones are things it
  can acquire or grow into: a qualification (each one counts), a minimum of
  years, headcount or revenue, and a figure the profile left blank;
- a qualification that usually takes longer to obtain (Qualification.lead_days)
  than is left before the window closes is a hard gap: it cannot be had in
  time. A rolling window or an unknown lead time keeps it soft;
- conditions in words (other_conditions), and the conditions a measure for
  both audiences sets on the other audience, are never treated as met: they
  come back as "另需核实：…" (`Evaluation.to_check`);
- years since registration are whole calendar years: today.year minus the
  registration year (the profile holds only the year).

citizen_matching.py applies the same Evaluation, near-miss and window rules
to a person.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from policies import windows
from portal.taxonomies import ENTERPRISE_SCALES, INDUSTRIES, label

NEAR_MISS_LIMIT = 2
HARD = "hard"
SOFT = "soft"


@dataclass(frozen=True)
class Profile:
    scale: str = ""  # ENTERPRISE_SCALES key
    industry: str = ""  # INDUSTRIES key (门类)
    region: str = ""  # Region slug
    region_name: str = ""
    qualifications: frozenset = frozenset()  # Qualification slugs
    founded: int | None = None  # registration year
    headcount: int | None = None
    revenue: Decimal | None = None  # 万元

    def years(self, today):
        return None if self.founded is None else today.year - self.founded


class Qual(NamedTuple):
    slug: str
    name: str
    lead_days: int | None = None  # usual days to obtain it; None = unknown


@dataclass(frozen=True)
class Conditions:
    scales: tuple = ()
    industries: tuple = ()
    regions: tuple = ()  # ((slug, name), ...); empty = whole district
    qualifications: tuple = ()  # (Qual or (slug, name), ...); all required
    min_years: int | None = None
    max_years: int | None = None
    min_headcount: int | None = None
    max_headcount: int | None = None
    min_revenue: Decimal | None = None
    max_revenue: Decimal | None = None
    window_closes: dt.date | None = None  # None: 常年受理
    other_conditions: str = ""
    person_terms: str = ""  # a measure for both audiences: its conditions on people, in words


@dataclass
class Unmet:
    text: str  # "需要：高新技术企业认定"
    kind: str  # HARD | SOFT


@dataclass
class Evaluation:
    reasons: list = field(default_factory=list)  # "符合：小型企业"
    unmet: list = field(default_factory=list)
    to_check: list = field(default_factory=list)  # "另需核实：…": stated, not machine-checkable

    @property
    def matched(self):
        return not self.unmet

    @property
    def missing(self):
        return [u.text for u in self.unmet]

    @property
    def near_miss(self):
        return 0 < len(self.unmet) <= NEAR_MISS_LIMIT and all(u.kind == SOFT for u in self.unmet)


def check_text(ev, text, what=""):
    """A condition stated in words: shown as 另需核实, never taken as met."""
    text = "；".join(line.strip() for line in (text or "").splitlines() if line.strip())
    if text:
        ev.to_check.append(f"另需核实{what}：{text}")


def qualification_gap(q, today, window_closes):
    """Unmet for a missing qualification: soft unless it cannot be obtained
    before the window closes."""
    if q.lead_days is not None and window_closes is not None and today + dt.timedelta(days=q.lead_days) > window_closes:
        return Unmet(f"需要：{q.name}认定（通常需{q.lead_days}天办理，申报截止前来不及取得）", HARD)
    return Unmet(f"需要：{q.name}认定", SOFT)


def enterprise_terms(c):
    """A measure's conditions on enterprises, in words (for a person
    reading a measure meant for both)."""
    parts = []
    if c.scales:
        parts.append("企业规模为" + "、".join(label(ENTERPRISE_SCALES, s) for s in c.scales))
    if c.industries:
        parts.append("行业为" + "、".join(label(INDUSTRIES, i) for i in c.industries))
    parts += [Qual(*q).name for q in c.qualifications]
    for low, high, what, unit in ((c.min_years, c.max_years, "成立年限", "年"),
                                  (c.min_headcount, c.max_headcount, "从业人数", "人"),
                                  (c.min_revenue, c.max_revenue, "上年度营业收入", "万元")):
        if low is not None or high is not None:
            parts.append(_range_text(what, low, high, unit))
    return "、".join(parts)


def _num(value):
    text = f"{value}"
    return text[:-3] if text.endswith(".00") else text


def _range_text(what, low, high, unit):
    if low is not None and high is not None:
        return f"{what}{_num(low)}–{_num(high)}{unit}"
    if low is not None:
        return f"{what}不少于{_num(low)}{unit}"
    return f"{what}不超过{_num(high)}{unit}"


def _check_range(ev, value, low, high, what, unit, blank_hint):
    if low is None and high is None:
        return
    wanted = _range_text(what, low, high, unit)
    if value is None:
        ev.unmet.append(Unmet(f"需确认：{wanted}（{blank_hint}）", SOFT))
    elif low is not None and value < low:
        ev.unmet.append(Unmet(f"需要：{wanted}", SOFT))  # can grow into it
    elif high is not None and value > high:
        ev.unmet.append(Unmet(f"需要：{wanted}", HARD))  # outgrown
    else:
        ev.reasons.append(f"符合：{wanted}")


def evaluate(c: Conditions, profile: Profile, today: dt.date) -> Evaluation:
    """Which of a measure's conditions `profile` meets, and what it lacks."""
    ev = Evaluation()

    if c.scales:
        names = "、".join(label(ENTERPRISE_SCALES, s) for s in c.scales)
        if profile.scale in c.scales:
            ev.reasons.append(f"符合：{label(ENTERPRISE_SCALES, profile.scale)}")
        elif not profile.scale:
            ev.unmet.append(Unmet(f"需确认：企业规模为{names}（未填写企业规模）", HARD))
        else:
            ev.unmet.append(Unmet(f"需要：企业规模为{names}", HARD))

    if c.industries:
        if profile.industry in c.industries:
            ev.reasons.append(f"符合：{label(INDUSTRIES, profile.industry)}")
        else:
            names = "、".join(label(INDUSTRIES, i) for i in c.industries)
            ev.unmet.append(Unmet(f"需要：行业为{names}", HARD))

    if c.regions:
        slugs = [slug for slug, _ in c.regions]
        names = "、".join(name for _, name in c.regions)
        if profile.region in slugs:
            ev.reasons.append(f"符合：{dict(c.regions)[profile.region]}")
        elif not profile.region:
            ev.unmet.append(Unmet(f"需确认：注册地在{names}（未填写所在镇街）", HARD))
        else:
            ev.unmet.append(Unmet(f"需要：注册地在{names}", HARD))

    for q in (Qual(*q) for q in c.qualifications):
        if q.slug in profile.qualifications:
            ev.reasons.append(f"符合：{q.name}")
        else:
            ev.unmet.append(qualification_gap(q, today, c.window_closes))

    _check_range(ev, profile.years(today), c.min_years, c.max_years, "成立年限", "年", "未填写成立年份")
    _check_range(ev, profile.headcount, c.min_headcount, c.max_headcount, "从业人数", "人", "未填写从业人数")
    _check_range(ev, profile.revenue, c.min_revenue, c.max_revenue, "上年度营业收入", "万元", "未填写营业收入")

    if not ev.reasons and not ev.unmet:
        ev.reasons.append("符合：不限企业规模、行业和区域")
    check_text(ev, c.other_conditions)
    check_text(ev, c.person_terms, "（个人申请条件）")
    return ev


# --------------------------------------------------------------------------
# Ordering


ROLLING = "rolling"  # open with no closing date: 常年受理

# Open windows with a deadline first, then those closing within the
# CLOSING_SOON_DAYS, then upcoming ones, then 常年受理 (always open, so never
# urgent). Closed windows are not offered at all.
GROUP_ORDER = {windows.OPEN: 0, windows.CLOSING: 1, windows.UPCOMING: 2, ROLLING: 3}
GROUP_LABELS = {
    windows.OPEN: "申报中",
    windows.CLOSING: "即将截止",
    windows.UPCOMING: "未开始",
    ROLLING: "常年受理",
}


def window_group(opens, closes, today):
    """The ordering group of a window, or None when it is closed."""
    status = windows.window_status(today=today, opens=opens, closes=closes)
    if status == windows.CLOSED:
        return None
    if status == windows.OPEN and closes is None:
        return ROLLING
    return status


def sort_key(group, opens, closes, automatic, tiebreak):
    """Within a group: soonest deadline (or soonest opening for 未开始)
    first; among 常年受理, 免申即享 first, since the business need do nothing."""
    if group == windows.UPCOMING:
        when = opens
    elif group == ROLLING:
        when = dt.date.min
    else:
        when = closes
    return (GROUP_ORDER[group], when or dt.date.max, not automatic, tiebreak)
