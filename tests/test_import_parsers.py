"""Property-based tests (hypothesis) for what import_policies parses: dates,
发文字号 and 索引号. Every text either parses to the value it spells, in the
digits 0-9 only, or is refused with the parser's own error."""

import datetime as dt
import re

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from portal import docnumbers
from policies.importer import parse_date

PROPERTY = settings(deadline=None, database=None, max_examples=300)

# The zero of digit sets Python's int() reads as well as 0-9.
OTHER_ZEROS = [0xFF10, 0x0660, 0x06F0, 0x0966, 0x09E6, 0x0E50, 0x1D7CE]


def other_digits(text, zero):
    return text.translate({ord("0") + i: zero + i for i in range(10)})


CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)


# --------------------------------------------------------------------------
# Dates


@PROPERTY
@given(st.dates())
def test_every_date_reads_back(day):
    assert parse_date(day.isoformat()) == day


@PROPERTY
@given(st.datetimes(), st.sampled_from(["T", " "]), st.sampled_from(["minutes", "seconds"]))
def test_a_time_of_day_is_dropped(moment, sep, timespec):
    assert parse_date(moment.isoformat(sep=sep, timespec=timespec)) == moment.date()


@PROPERTY
@given(st.text())
@example("2026-01-05xyz")
@example("2024-02-30")
@example("2024-03-01T25:00")
def test_any_text_is_a_date_it_spells_or_a_value_error(text):
    try:
        day = parse_date(text)
    except ValueError:
        return
    assert text.isascii() and text[:10] == day.isoformat()


@PROPERTY
@given(st.dates(), st.text(min_size=1))
def test_anything_after_the_date_but_a_time_is_refused(day, tail):
    assume(not re.fullmatch(r"[T ][0-9]{2}:[0-9]{2}(:[0-9]{2})?", tail))
    with pytest.raises(ValueError):
        parse_date(day.isoformat() + tail)


@PROPERTY
@given(st.dates(), st.sampled_from(OTHER_ZEROS))
def test_digits_of_other_scripts_are_refused(day, zero):
    with pytest.raises(ValueError):
        parse_date(other_digits(day.isoformat(), zero))


# --------------------------------------------------------------------------
# 发文字号

PREFIX = st.text(CJK, min_size=1, max_size=12)
YEAR = st.integers(1900, 2099)
SERIAL = st.integers(1, 99999)


@PROPERTY
@given(PREFIX, YEAR, SERIAL)
def test_every_typed_form_of_a_number_is_one_key(prefix, year, serial):
    canonical = f"{prefix}〔{year}〕{serial}号"
    typed = [
        canonical, f"{prefix}[{year}]{serial}号", f"{prefix}［{year}］{serial}号", f"{prefix}({year}){serial}号",
        f"{prefix}（{year}）第{serial}号", f" {prefix} [ {year} ] {serial} 号 ", f"{prefix}{year}年第{serial:05d}号",
    ]
    assert {docnumbers.normalise(t) for t in typed} == {canonical}


@PROPERTY
@given(PREFIX, SERIAL)
def test_numbers_without_a_year_keep_their_form(prefix, serial):
    assert docnumbers.normalise(f"{prefix}第{serial}号") == f"{prefix}第{serial}号"


@PROPERTY
@given(st.one_of(st.text(), st.builds("{}{}{}".format, PREFIX, st.text(max_size=8), st.text(max_size=8))))
@example("国发〔２０１９〕５号")
def test_normalising_is_idempotent_and_gives_ascii_digits(text):
    try:
        key = docnumbers.normalise(text)
    except docnumbers.NumberError:
        return
    assert docnumbers.normalise(key) == key
    assert all(c in "0123456789" for c in key if c.isdigit())


# --------------------------------------------------------------------------
# 索引号

ORG = st.from_regex(r"[0-9A-Z]{9}|[0-9A-Z]{18}", fullmatch=True)


@PROPERTY
@given(ORG, YEAR, SERIAL)
def test_index_numbers_read_back(org, year, serial):
    assert docnumbers.parse_index_number(docnumbers.make_index_number(org, year, serial)) == (org, year, serial)


@PROPERTY
@given(st.one_of(st.text(), st.from_regex(r"[0-9A-Z]{9}/(19|20)\d{2}-\d{5}", fullmatch=True)))
@example("000014349/20１9-00007")
@example("000014349/2019-00000")
def test_an_index_number_is_read_only_as_written(text):
    try:
        parsed = docnumbers.parse_index_number(text)
    except docnumbers.NumberError:
        return
    assert docnumbers.make_index_number(*parsed) == text.strip()
