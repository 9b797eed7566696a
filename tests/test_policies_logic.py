"""Pure rules of policies/: validity, windows, numbers, body cleaning, content rules."""

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest
import time_machine
from hypothesis import given
from hypothesis import strategies as st

from policies import cleaning, rules, validity, windows
from portal import docnumbers

D = dt.date


@pytest.mark.parametrize(
    "kwargs, expected",
    [
        (dict(effective=D(2024, 1, 1)), validity.VALID),
        (dict(effective=D(2024, 7, 1)), validity.PENDING),
        (dict(effective=D(2024, 1, 1), expiry=D(2024, 6, 15)), validity.VALID),  # last valid day
        (dict(effective=D(2024, 1, 1), expiry=D(2024, 6, 14)), validity.EXPIRED),
        (dict(repealed=D(2024, 6, 15)), validity.REPEALED),
        (dict(repealed=D(2024, 6, 16)), validity.VALID),  # repeal not yet in force
        (dict(revised=D(2024, 6, 1)), validity.REVISED),
        (dict(revised=D(2024, 6, 1), repealed=D(2024, 6, 2), expiry=D(2024, 1, 1)), validity.REPEALED),
    ],
)
def test_validity_on_a_given_day(kwargs, expected):
    assert validity.validity(today=D(2024, 6, 15), **kwargs) == expected


def test_validity_labels_are_the_gov_cn_words():
    assert [validity.label(k) for k in (validity.VALID, validity.EXPIRED, validity.REPEALED, validity.REVISED)] == [
        "有效", "失效", "废止", "已修订"]


@pytest.mark.parametrize(
    "opens, closes, expected",
    [
        (D(2024, 6, 1), D(2024, 8, 1), "申报中"),
        (D(2024, 6, 1), D(2024, 6, 29), "即将截止"),  # 14 days left
        (D(2024, 6, 1), D(2024, 6, 30), "申报中"),  # 15 days left
        (D(2024, 6, 1), D(2024, 6, 15), "即将截止"),  # closes today: still open
        (D(2024, 6, 1), D(2024, 6, 14), "已截止"),
        (D(2024, 6, 16), D(2024, 7, 1), "未开始"),
        (None, None, "申报中"),  # 常年受理
        (D(2024, 6, 15), None, "申报中"),
    ],
)
def test_window_status(opens, closes, expected):
    assert windows.label(windows.window_status(today=D(2024, 6, 15), opens=opens, closes=closes)) == expected


def test_frozen_today_drives_status():
    with time_machine.travel(dt.datetime(2030, 1, 10, 12, 0), tick=False):
        status = windows.window_status(today=dt.date.today(), opens=D(2030, 1, 1), closes=D(2030, 1, 20))
    assert status == windows.CLOSING


@pytest.mark.parametrize(
    "typed",
    ["南川府发〔2024〕12号", "南川府发[2024]12号", "南川府发［2024］12号", "南川府发(2024)12号", "南川府发（2024）12号",
     "南川府发2024年12号", " 南川府发 [2024] 第12号 "],
)
def test_document_number_forms_normalise_to_the_standard(typed):
    assert docnumbers.normalise(typed) == "南川府发〔2024〕12号"


def test_document_numbers_without_year_and_with_long_prefixes():
    assert docnumbers.normalise("国令第707号") == "国令第707号"
    assert docnumbers.normalise("国办发明电〔2018〕15号") == "国办发明电〔2018〕15号"


BRACKETS = ["〔{}〕", "[{}]", "［{}］", "({})", "（{}）", "{}年", "【{}】"]


@given(
    prefix=st.text(alphabet="南川府发办区教委国税函令字", min_size=1, max_size=8),
    year=st.integers(1900, 2099),
    serial=st.integers(1, 99999),
    bracket=st.sampled_from(BRACKETS),
    number_word=st.sampled_from(["", "第"]),
)
def test_every_written_form_of_a_document_number_has_one_key(prefix, year, serial, bracket, number_word):
    """The validator and search read a number with the same rule: the form an
    editor types normalises to the canonical text, and the same number found
    in running text (as search reads documents and queries) has its key."""
    typed = f"{prefix}{bracket.format(year)}{number_word}{serial}号"
    canonical = docnumbers.parse_document_number(typed)
    assert str(canonical) == f"{prefix}〔{year}〕{serial}号"
    in_text = docnumbers.find_in_text(f"根据{typed}执行")
    assert len(in_text) == 1
    found = in_text[0][1]
    assert found.prefix.endswith(prefix) and (found.year, found.serial) == (year, serial)
    assert canonical.key == docnumbers.parse_document_number(str(canonical)).key


@given(st.text(max_size=40))
def test_document_number_parser_never_crashes(text):
    try:
        number = docnumbers.parse_document_number(text)
    except docnumbers.NumberError as error:
        assert "发文字号" in str(error)
    else:
        assert docnumbers.normalise(str(number)) == str(number)
    docnumbers.find_in_text(text)


def test_non_ascii_digits_are_not_a_year():
    with pytest.raises(docnumbers.NumberError):
        docnumbers.normalise("南川府发〔20٢٥〕12号")


@pytest.mark.parametrize("bad", ["", "12号", "南川府发〔24〕12号", "南川府发〔2024〕号", "随便写写"])
def test_bad_document_numbers_are_refused_in_chinese(bad):
    with pytest.raises(docnumbers.NumberError) as exc:
        docnumbers.normalise(bad)
    assert "发文字号" in str(exc.value)


def test_index_numbers():
    assert docnumbers.make_index_number("009256079", 2024, 3) == "009256079/2024-00003"
    existing = ["009256079/2024-00003", "009256079/2023-00009", "000014349/2024-00050", "garbage"]
    assert docnumbers.next_index_number("009256079", 2024, existing) == "009256079/2024-00004"
    assert docnumbers.next_index_number("009256079", 2025, existing) == "009256079/2025-00001"
    with pytest.raises(docnumbers.NumberError):
        docnumbers.parse_index_number("009256079-2024-3")


def test_cleaning_drops_styles_scripts_remote_images_and_empty_paragraphs():
    dirty = (
        '<tbody><tr><td id="UCAP-CONTENT"><p style="font-size:18pt" onclick="x()">正文<script>alert(1)</script></p>'
        '<p><br> </p><p>&nbsp;</p><p><img src="http://www.gov.cn/a.png"></p><img src="/media/local.png" alt="本站图">'
        '<a href="javascript:alert(1)">坏链接</a><a href="https://www.gov.cn/">好链接</a>'
        "<table><tr><td>表格</td></tr></table><p>未闭合<b>粗体"
    )
    clean = cleaning.clean_body(dirty)
    assert "style" not in clean and "onclick" not in clean and "script" not in clean and "alert" not in clean
    assert "gov.cn/a.png" not in clean and 'src="/media/local.png"' in clean
    assert "<p><br> </p>" not in clean and "&nbsp;</p>" not in clean
    assert 'href="https://www.gov.cn/"' in clean and "javascript" not in clean
    assert "<td>表格</td>" in clean and "<b>粗体</b>" in clean
    assert cleaning.plain_text(clean).startswith("正文")


def _measure(**kw):
    base = dict(window_opens=None, window_closes=None, min_years=None, max_years=None, min_headcount=None,
                max_headcount=None, min_revenue=None, max_revenue=None, amount_cap=None)
    return SimpleNamespace(**{**base, **kw})


def test_rules_name_the_field_and_the_rule():
    errors = rules.policy_date_errors(effective=D(2024, 5, 1), expiry=D(2024, 4, 30))
    assert "失效日期（2024-04-30）不能早于施行日期（2024-05-01）" in errors["expiry_date"][0]
    errors = rules.measure_errors(
        _measure(window_opens=D(2024, 1, 1), window_closes=D(2025, 1, 1), min_revenue=Decimal(500), max_revenue=Decimal(100)),
        effective=D(2024, 3, 1), expiry=D(2024, 12, 31),
    )
    assert "申报期须在政策有效期内" in errors["window_opens"][0]
    assert "申报期须在政策有效期内" in errors["window_closes"][0]
    assert "营业收入上限不能小于下限" in errors["max_revenue"][0]
    assert rules.supersession_errors(7, [3, 7])["old_policy"] == ["政策文件不能修订或废止它自身。"]
    assert rules.measure_errors(_measure(window_opens=D(2024, 3, 1)), effective=D(2024, 3, 1)) == {}
