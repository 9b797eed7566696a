"""The telephone number in a measure's contact text (policies/phones.py):
examples as editors write them, and a property test over generated numbers
in generated text. Derandomized, so CI runs the same examples every time."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policies.phones import find_phone

SETTINGS = settings(max_examples=400, derandomize=True, database=None, deadline=None)


@pytest.mark.parametrize("contact, text, uri", [
    ("南川区经济和信息化委员会 023-71423016", "023-71423016", "tel:02371423016"),
    ("（023）7142 2345 张女士", "（023）7142 2345", "tel:02371422345"),
    ("电话：０２３－７１４２２３４５ 李科长", "０２３－７１４２２３４５", "tel:02371422345"),
    ("联系人：王先生，13800001111", "13800001111", "tel:13800001111"),
    ("138-0000-1111（微信同号）", "138-0000-1111", "tel:13800001111"),
    ("拨打12345政务服务便民热线", "12345", "tel:12345"),
    ("400-810-8888", "400-810-8888", "tel:4008108888"),
    ("咨询电话 71422345", "71422345", "tel:71422345"),
    ("023—71422345转8001", "023—71422345", "tel:02371422345"),
])
def test_numbers_as_editors_write_them(contact, text, uri):
    phone = find_phone(contact)
    assert phone.uri == uri
    # Shown in place: the text around the number is kept exactly as written.
    assert phone.before + text + phone.after == contact


@pytest.mark.parametrize("contact", ["", None, "区人力社保局就业科", "2026-12-04 截止", "第3号窗口", "共 100 万元"])
def test_no_number_no_link(contact):
    assert find_phone(contact) is None


# Text around a number: anything but digits (full-width too) and dashes.
AROUND = st.text(st.characters(codec="utf-8", exclude_categories=["Nd", "No", "Cs"], exclude_characters="-－—–‐‑‒―−"), max_size=12)
LANDLINE = st.tuples(st.sampled_from(["023", "010", "0755", "0851"]), st.from_regex(r"[2-8][0-9]{7}", fullmatch=True))
MOBILE = st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True)


def _written(area, number, style):
    return {
        "dash": f"{area}-{number}", "plain": f"{area}{number}", "brackets": f"({area}){number}",
        "full": f"（{area}）{number[:4]} {number[4:]}", "wide": (f"{area}-{number}").translate(str.maketrans("0123456789-", "０１２３４５６７８９－")),
    }[style]


@SETTINGS
@given(AROUND, LANDLINE, st.sampled_from(["dash", "plain", "brackets", "full", "wide"]), AROUND)
def test_any_landline_in_any_text_is_found_whole(before, landline, style, after):
    area, number = landline
    written = _written(area, number, style)
    phone = find_phone(before + written + after)
    assert phone is not None and phone.uri == f"tel:{area}{number}"
    assert (phone.before, phone.after) == (before, after)


@SETTINGS
@given(AROUND, MOBILE, st.booleans(), AROUND)
def test_any_mobile_number_is_found_whole(before, mobile, dashed, after):
    written = f"{mobile[:3]}-{mobile[3:7]}-{mobile[7:]}" if dashed else mobile
    phone = find_phone(before + written + after)
    assert phone.uri == f"tel:{mobile}" and phone.text == written


@SETTINGS
@given(st.text(max_size=60))
def test_any_text_gives_a_number_from_that_text_or_none(text):
    phone = find_phone(text)
    if phone is not None:
        assert phone.before + phone.text + phone.after == text
        assert re.fullmatch(r"tel:\d{5,12}", phone.uri)
