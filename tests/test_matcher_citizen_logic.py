"""Pure matching rules for people (个人 mode), and the business rules of
issue 13: stated conditions come back as 另需核实, and a qualification that
cannot be obtained before the window closes is not a near miss."""

import datetime as dt
from decimal import Decimal

import pytest

from matcher.citizen_matching import PersonConditions, PersonProfile, evaluate_person
from matcher.matching import Conditions, Profile, Qual, evaluate

pytestmark = pytest.mark.sqlite  # no database: runs in the quick pass

TODAY = dt.date(2025, 6, 15)
RETIREE = PersonProfile(age=68, residence="hukou", region="dongcheng", employment="retired")
GRADUATE = PersonProfile(age=23, residence="resident", employment="jobless", graduated=2024)


def test_retiree_meets_an_old_age_measure_with_reasons():
    ev = evaluate_person(PersonConditions(min_age=60, residence="hukou"), RETIREE, TODAY)
    assert ev.matched and ev.reasons == ["符合：年龄60周岁以上", "符合：本区户籍"]


def test_age_is_never_a_near_miss():
    ev = evaluate_person(PersonConditions(min_age=80, residence="hukou"), RETIREE, TODAY)
    assert ev.missing == ["需要：年龄80周岁以上"]
    assert not ev.matched and not ev.near_miss


@pytest.mark.parametrize("conditions, text", [
    (PersonConditions(residence="hukou"), "需要：本区户籍"),
    (PersonConditions(person_groups=("veteran", "disabled")), "需要：属于退役军人、残疾人之一"),
    (PersonConditions(graduate_within_years=2), "需要：毕业2年内的高校毕业生"),
    (PersonConditions(min_children=2), "需要：子女不少于2个"),
    (PersonConditions(employment=("employed",)), "需要：就业状态为在职"),
    (PersonConditions(max_income_per_head=Decimal("800")), "需要：家庭月人均收入不超过800元"),
])
def test_what_a_person_is_is_a_hard_gap(conditions, text):
    person = PersonProfile(age=30, residence="resident", employment="jobless", children=1, income_per_head=Decimal("2500"))
    ev = evaluate_person(conditions, person, TODAY)
    assert ev.missing == [text] and not ev.near_miss


def test_resident_rule_accepts_hukou_and_residents():
    for answer in ("hukou", "resident"):
        assert evaluate_person(PersonConditions(residence="resident"), PersonProfile(residence=answer), TODAY).matched
    assert not evaluate_person(PersonConditions(residence="resident"), PersonProfile(residence="elsewhere"), TODAY).matched


def test_graduate_within_two_years_matches_a_job_measure():
    ev = evaluate_person(PersonConditions(graduate_within_years=2, max_age=35), GRADUATE, TODAY)
    assert ev.matched and ev.reasons == ["符合：年龄35周岁以下", "符合：毕业2年内的高校毕业生（2024年毕业）"]
    old = PersonProfile(graduated=2021)
    assert evaluate_person(PersonConditions(graduate_within_years=2), old, TODAY).missing == ["需要：毕业2年内的高校毕业生"]


def test_registering_unemployment_is_the_near_miss_for_a_jobless_person():
    ev = evaluate_person(PersonConditions(employment=("unemployed",)), GRADUATE, TODAY)
    assert ev.missing == ["差一点：需要到公共就业服务机构办理失业登记"]
    assert ev.near_miss
    # Already registered: met.
    registered = PersonProfile(employment="unemployed")
    assert evaluate_person(PersonConditions(employment=("unemployed",)), registered, TODAY).reasons == ["符合：登记失业"]


def test_blank_answers_are_to_confirm_never_met():
    c = PersonConditions(min_age=60, max_income_per_head=Decimal("1000"))
    ev = evaluate_person(c, PersonProfile(), TODAY)
    assert ev.missing == ["需确认：年龄60周岁以上（未填写年龄）", "需确认：家庭月人均收入不超过1000元（未填写家庭月人均收入）"]
    assert not ev.matched and ev.near_miss


def test_disability_grade():
    c = PersonConditions(person_groups=("disabled",), disability_grades=("1", "2"))
    assert evaluate_person(c, PersonProfile(groups=frozenset({"disabled"}), disability_grade="2"), TODAY).matched
    three = evaluate_person(c, PersonProfile(groups=frozenset({"disabled"}), disability_grade="3"), TODAY)
    assert three.missing == ["需要：一级、二级残疾"] and not three.near_miss
    blank = evaluate_person(c, PersonProfile(groups=frozenset({"disabled"})), TODAY)
    assert blank.missing == ["需确认：一级、二级残疾（未填写残疾等级）"]


def test_other_conditions_are_to_check_for_people_and_businesses():
    person = evaluate_person(PersonConditions(min_age=60, other_conditions="无房产\n未享受其他住房保障"), RETIREE, TODAY)
    assert person.matched and person.to_check == ["另需核实：无房产；未享受其他住房保障"]
    firm = evaluate(Conditions(scales=("individual",), other_conditions="限额以上批发零售住宿餐饮企业"),
                    Profile(scale="individual", industry="H", headcount=2), TODAY)
    assert firm.reasons == ["符合：个体工商户"] and firm.to_check == ["另需核实：限额以上批发零售住宿餐饮企业"]


def test_a_measure_for_both_shows_the_other_audiences_conditions_to_check():
    firm = evaluate(Conditions(person_terms="登记失业、毕业2年内的高校毕业生"), Profile(scale="small", industry="C"), TODAY)
    assert firm.to_check == ["另需核实（个人申请条件）：登记失业、毕业2年内的高校毕业生"]
    person = evaluate_person(PersonConditions(enterprise_terms="企业规模为小型企业"), GRADUATE, TODAY)
    assert person.to_check == ["另需核实（企业申请条件）：企业规模为小型企业"]


def test_qualification_that_takes_longer_than_the_window_is_not_a_near_miss():
    firm = Profile(scale="small", industry="C")
    slow = Qual("gaoxin", "高新技术企业", 180)
    closing = evaluate(Conditions(qualifications=(slow,), window_closes=TODAY + dt.timedelta(days=6)), firm, TODAY)
    assert closing.missing == ["需要：高新技术企业认定（通常需180天办理，申报截止前来不及取得）"]
    assert not closing.near_miss
    # Enough time left, a rolling window, or an unknown lead time: still a near miss.
    for c in (Conditions(qualifications=(slow,), window_closes=TODAY + dt.timedelta(days=180)),
              Conditions(qualifications=(slow,)),
              Conditions(qualifications=(Qual("gaoxin", "高新技术企业"),), window_closes=TODAY + dt.timedelta(days=6))):
        ev = evaluate(c, firm, TODAY)
        assert ev.missing == ["需要：高新技术企业认定"] and ev.near_miss
