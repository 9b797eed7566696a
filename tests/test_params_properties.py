"""Property-based tests (Hypothesis) of the parsers behind the parameter
layer: 事项编码, integers and dates (portal.params), and the search
parameters. Derandomized, so CI runs the same examples every time."""

import datetime as dt
import re
from decimal import Decimal
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, example, given, settings
from django.http import QueryDict
from hypothesis import strategies as st

from portal.params import Date, Integer, Number, ParamError, Params
from powerlists import codes

SETTINGS = settings(max_examples=300, derandomize=True, database=None, deadline=None)
# Digits of other scripts, which str.isdigit() and int() accept: ２ ٢ ߂ ²
FOREIGN_DIGITS = st.characters(categories=["Nd", "No"]).filter(lambda c: c not in "0123456789")
DIGIT = st.one_of(st.sampled_from("0123456789"), FOREIGN_DIGITS)


# -- 事项编码 -------------------------------------------------------------------


@SETTINGS
@given(st.sampled_from(codes.POWER_TYPES), st.integers(1, 99_999), st.integers(0, 999),
       st.sampled_from(["", " ", "\t", "\u3000"]), st.booleans())
def test_codes_round_trip(power_type, main, sub, padding, lower):
    key, letters, _label = power_type
    code = codes.make(key, main, sub)
    typed = padding + (code.lower() if lower else code) + padding
    parsed = codes.parse(typed)
    assert str(parsed) == code and parsed.type_code == letters and parsed.power_type == key
    assert int(parsed.main) == main and int(parsed.sub) == sub
    assert parsed.is_sub_item == (sub != 0) and parsed.main_code == codes.make(key, main)


@SETTINGS
@given(st.text(st.sampled_from("XKCFQZJLGTſıabcxk"), min_size=2, max_size=2), st.lists(DIGIT, min_size=7, max_size=9),
       st.sampled_from(["", "\n", " "]))
@example("XK", list("０００１２０００"), "")
@example("ſJ", list("00012000"), "")
@example("XK", list("00012000"), "\n")
def test_an_accepted_code_is_plain_ascii(letters, digits, tail):
    typed = letters + "".join(digits) + tail
    try:
        parsed = codes.parse(typed)
    except codes.CodeError as error:
        assert "事项编码" in str(error)
        return
    assert re.fullmatch(r"[A-Z]{2}[0-9]{8}", str(parsed), re.ASCII)
    assert str(parsed) == typed.strip().upper()


@SETTINGS
@given(st.text(max_size=30))
def test_any_text_is_a_code_or_a_chinese_error(text):
    try:
        parsed = codes.parse(text)
    except codes.CodeError as error:
        assert str(error).startswith("事项编码")
    else:
        assert codes.is_valid(str(parsed)) and str(parsed).isascii()


# -- numbers and dates in the parameter layer ------------------------------------------


class Sample(Params):
    count: Integer(1, 500) = 1
    amount: Number(0, 1000) | None = None
    day: Date | None = None


def _parse(**query):
    return Sample.parse(query)


@SETTINGS
@given(st.integers(-10**40, 10**40))
def test_integers_in_range_are_read_and_others_named(number):
    try:
        parsed = _parse(count=str(number))
    except ParamError as error:
        assert not 1 <= number <= 500 and error.parameter == "count"
        assert error.message == ("参数 count 不能小于 1。" if number < 1 else "参数 count 不能大于 500。")
    else:
        assert 1 <= number <= 500 and parsed.count == number


@SETTINGS
@given(st.text(st.one_of(DIGIT, st.sampled_from("-+. _e")), min_size=1, max_size=8))
@example("２")
@example("²")
@example("20٢٥")
@example("1_0")
@example("+5")
def test_an_integer_is_written_in_ascii_digits(text):
    try:
        parsed = _parse(count=text)
    except ParamError as error:
        assert error.parameter == "count" and error.message
    else:  # blank is no value: the default
        assert parsed.count == 1 if not text.strip() else re.fullmatch(r"-?[0-9]+", text.strip(), re.ASCII)
        assert parsed.count == int(text.strip() or "1")


@SETTINGS
@given(st.text(st.one_of(DIGIT, st.sampled_from("-.e")), min_size=1, max_size=10))
@example("1e3")
@example("１.5")
@example("NaN")
def test_a_number_is_written_in_ascii_digits(text):
    try:
        parsed = _parse(amount=text)
    except ParamError as error:
        assert error.parameter == "amount"
    else:
        assert parsed.amount is None if not text.strip() else re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", text.strip(), re.ASCII)
        assert not text.strip() or parsed.amount == Decimal(text) and 0 <= parsed.amount <= 1000


@SETTINGS
@given(st.dates())
def test_dates_round_trip(day):
    text = day.isoformat()
    if len(text) != 10:  # years before 1000 or after 9999 are not YYYY
        return
    assert _parse(day=text).day == day


@SETTINGS
@given(st.text(st.one_of(DIGIT, st.sampled_from("-/T: 年月日")), max_size=12))
@example("2024-02-30")
@example("２０２４-01-01")
@example("20240101")
@example("2024-01-01T00:00")
def test_a_date_is_yyyy_mm_dd_or_named_as_an_error(text):
    try:
        parsed = _parse(day=text)
    except ParamError as error:
        assert error.parameter == "day" and "YYYY-MM-DD" in error.message
    else:
        assert parsed.day.isoformat() == text.strip() if text.strip() else parsed.day is None


# -- search parameters ---------------------------------------------------------------


def _search_values():
    from search.facets import all_facets

    values = {f.name: sorted(f.allowed()) or ["2024", "1999", "2100"] for f in all_facets()}
    values.update(sort=["relevance", "date", "title"], page=["1", "2", "1000", "0"], page_size=["10", "100", "101"],
                  **{"from": ["2024-01-01", "2024-13-01"], "to": ["2025-06-30"]})
    return values


def _value(choices):
    one = st.one_of(st.sampled_from(choices), st.text(max_size=6), st.text(DIGIT, min_size=1, max_size=4))
    return st.lists(one, min_size=1, max_size=3).map(",".join)


@pytest.mark.django_db
@settings(SETTINGS, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_search_parameters_are_valid_or_named(data, demo):
    from search.facets import all_facets
    from search.query import MAX_RESULT_WINDOW, SORTS, parse

    values = _search_values()
    names = data.draw(st.lists(st.sampled_from([*values, "q", "colour"]), max_size=4, unique=True))
    query = {name: data.draw(_value(values.get(name, ["x"]))) for name in names}
    try:
        parsed = parse(query)
    except ParamError as error:
        assert error.parameter in query and error.message
        return
    assert "colour" not in query
    assert 1 <= parsed.page and 1 <= parsed.page_size <= 100 and parsed.page * parsed.page_size <= MAX_RESULT_WINDOW
    assert parsed.sort in SORTS and len(parsed.text) <= 100
    for facet in all_facets():
        for value in parsed.selected(facet.name):
            assert facet.is_valid(value) and value.isascii()
    if parsed.date_from and parsed.date_to:
        assert parsed.date_from <= parsed.date_to
    # The link a page makes for this query gives the same query.
    assert parse(QueryDict(urlencode(parsed.as_params()))) == parsed


def test_known_cases():
    assert _parse(day=" 2024-02-29 ").day == dt.date(2024, 2, 29)
    assert _parse(count="007").count == 7
    # int() refuses to read 4,301 digits (ValueError, a 500 before): the layer answers first.
    with pytest.raises(ParamError, match="不能大于 500"):
        _parse(count="9" * 4301)
    with pytest.raises(ParamError, match="未知参数：colour"):
        _parse(count="1", colour="red")
