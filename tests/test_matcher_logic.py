"""Pure matching rules: reasons, gaps, near misses, window order."""

import datetime as dt
from decimal import Decimal

import pytest

from matcher.matching import Conditions, Profile, evaluate, sort_key, window_group

pytestmark = pytest.mark.sqlite  # no database: runs in the quick pass

TODAY = dt.date(2025, 6, 15)
DONGCHENG = ("dongcheng", "东城街道")
GAOXIN = ("gaoxin", "高新技术企业")
ZJTX = ("zjtx", "专精特新中小企业")

FIRM = Profile(
    scale="small", industry="C", region="dongcheng", region_name="东城街道",
    qualifications=frozenset({"zjtx"}), founded=2018, headcount=80, revenue=Decimal("3000"),
)


def test_match_lists_every_met_condition_as_a_reason():
    c = Conditions(scales=("small", "micro"), industries=("C",), regions=(DONGCHENG,), qualifications=(ZJTX,),
                   min_years=2, max_headcount=300, min_revenue=Decimal("500"))
    ev = evaluate(c, FIRM, TODAY)
    assert ev.matched and not ev.missing
    assert ev.reasons == [
        "符合：小型企业", "符合：制造业", "符合：东城街道", "符合：专精特新中小企业",
        "符合：成立年限不少于2年", "符合：从业人数不超过300人", "符合：上年度营业收入不少于500万元",
    ]


def test_measure_without_conditions_matches_everyone():
    ev = evaluate(Conditions(), Profile(scale="large", industry="J"), TODAY)
    assert ev.matched and ev.reasons == ["符合：不限企业规模、行业和区域"]


def test_missing_qualification_is_a_near_miss_naming_what_is_needed():
    ev = evaluate(Conditions(scales=("small",), qualifications=(GAOXIN, ZJTX)), FIRM, TODAY)
    assert not ev.matched
    assert ev.missing == ["需要：高新技术企业认定"]
    assert ev.reasons == ["符合：小型企业", "符合：专精特新中小企业"]
    assert ev.near_miss


def test_two_soft_gaps_are_a_near_miss_three_are_not():
    two = Conditions(qualifications=(GAOXIN,), min_headcount=100)
    three = Conditions(qualifications=(GAOXIN, ("kjx", "科技型中小企业")), min_headcount=100)
    assert evaluate(two, FIRM, TODAY).missing == ["需要：高新技术企业认定", "需要：从业人数不少于100人"]
    assert evaluate(two, FIRM, TODAY).near_miss
    assert len(evaluate(three, FIRM, TODAY).missing) == 3
    assert not evaluate(three, FIRM, TODAY).near_miss


@pytest.mark.parametrize(
    "conditions, text",
    [
        (Conditions(industries=("A",)), "需要：行业为农、林、牧、渔业"),
        (Conditions(scales=("medium",)), "需要：企业规模为中型企业"),
        (Conditions(regions=(("jinshan", "金山镇"),)), "需要：注册地在金山镇"),
        (Conditions(max_years=3), "需要：成立年限不超过3年"),  # outgrown: cannot become younger
        (Conditions(max_headcount=50), "需要：从业人数不超过50人"),
    ],
)
def test_hard_gaps_are_never_near_misses(conditions, text):
    ev = evaluate(conditions, FIRM, TODAY)
    assert ev.missing == [text]
    assert not ev.matched and not ev.near_miss


def test_years_are_whole_calendar_years_since_registration():
    c = Conditions(min_years=7)
    assert evaluate(c, FIRM, dt.date(2025, 1, 1)).matched  # 2025 - 2018 = 7
    assert evaluate(c, FIRM, dt.date(2024, 12, 31)).missing == ["需要：成立年限不少于7年"]


def test_blank_figures_are_not_assumed_to_qualify():
    profile = Profile(scale="small", industry="C")
    ev = evaluate(Conditions(max_headcount=300, min_years=1), profile, TODAY)
    assert not ev.matched
    assert ev.missing == ["需确认：成立年限不少于1年（未填写成立年份）", "需确认：从业人数不超过300人（未填写从业人数）"]
    assert ev.near_miss  # filling in the figures may well qualify
    region_only = evaluate(Conditions(regions=(DONGCHENG,)), profile, TODAY)
    assert region_only.missing == ["需确认：注册地在东城街道（未填写所在镇街）"]
    assert not region_only.near_miss


def test_bounds_are_inclusive():
    c = Conditions(min_headcount=80, max_headcount=80, min_revenue=Decimal("3000"), max_revenue=Decimal("3000"))
    ev = evaluate(c, FIRM, TODAY)
    assert ev.matched
    assert "符合：从业人数80–80人" in ev.reasons


def test_window_groups_on_the_day():
    d = dt.timedelta
    assert window_group(TODAY - d(10), TODAY + d(60), TODAY) == "open"
    assert window_group(TODAY - d(10), TODAY + d(14), TODAY) == "closing"
    assert window_group(TODAY, TODAY, TODAY) == "closing"  # last day still accepts
    assert window_group(TODAY + d(1), TODAY + d(60), TODAY) == "upcoming"
    assert window_group(None, None, TODAY) == "rolling"
    assert window_group(TODAY - d(100), None, TODAY) == "rolling"
    assert window_group(TODAY - d(60), TODAY - d(1), TODAY) is None  # closed: not offered


def test_order_open_then_closing_soonest_then_upcoming_then_rolling_automatic_first():
    d = dt.timedelta
    rows = {
        "rolling-application": ("rolling", TODAY - d(100), None, False),
        "rolling-automatic": ("rolling", TODAY - d(100), None, True),
        "upcoming-later": ("upcoming", TODAY + d(30), TODAY + d(90), False),
        "upcoming-soon": ("upcoming", TODAY + d(3), TODAY + d(90), False),
        "closing-in-9": ("closing", TODAY - d(30), TODAY + d(9), False),
        "closing-in-2": ("closing", TODAY - d(30), TODAY + d(2), False),
        "open-late": ("open", TODAY - d(30), TODAY + d(80), False),
        "open-early": ("open", TODAY - d(30), TODAY + d(40), False),
    }
    order = sorted(rows, key=lambda k: sort_key(rows[k][0], rows[k][1], rows[k][2], rows[k][3], k))
    assert order == [
        "open-early", "open-late", "closing-in-2", "closing-in-9",
        "upcoming-soon", "upcoming-later", "rolling-automatic", "rolling-application",
    ]
