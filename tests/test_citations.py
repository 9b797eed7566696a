"""Property-based tests (Hypothesis) of the 设定依据 citation parser: every
common way of writing (law, article, 款, 项) reads back as what was meant.
The Chinese numerals are written by hand here (independent of cn2an, which
the parser uses). Derandomized, so CI runs the same examples every time."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from powerlists.citations import ArticleRef, CitationError, law_key, parse

SETTINGS = settings(max_examples=300, derandomize=True, database=None, deadline=None)
DIGITS = "零一二三四五六七八九"
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
NAMES = ["食品安全法", "行政许可法", "税收征收管理法", "道路交通安全法", "个人所得税法", "行政处罚法"]


def chinese(n):
    """Statute style: 十, 十五, 一百零三, 一百一十, 二千零一."""
    if n < 10:
        return DIGITS[n]
    if n < 20:
        return "十" + (DIGITS[n % 10] if n % 10 else "")
    out, zero = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // value % 10
        if digit:
            out += ("零" if zero and out else "") + DIGITS[digit] + unit
            zero = False
        else:
            zero = bool(out)
    return out


def numeral(n, style):
    return {"chinese": chinese(n), "arabic": str(n), "full": str(n).translate(FULL_WIDTH)}[style]


STYLE = st.sampled_from(["chinese", "arabic", "full"])
REF = st.builds(ArticleRef, st.integers(1, 1300), st.sampled_from([0, 0, 0, 1, 2]),
                st.integers(0, 6), st.integers(0, 12))


def written(ref, style):
    text = f"第{numeral(ref.number, style)}条"
    if ref.sub:
        text += f"之{chinese(ref.sub)}"
    if ref.paragraph:
        text += f"第{numeral(ref.paragraph, style)}款"
    if ref.item:
        text += f"第{numeral(ref.item, style)}项"
    return text


@st.composite
def citations(draw):
    short = draw(st.sampled_from(NAMES))
    full = draw(st.booleans())
    name = ("中华人民共和国" if full else "") + short
    year = draw(st.none() | st.integers(1990, 2030))
    version = "" if year is None else draw(st.sampled_from(["（{}年修正）", "({}年修订)", "（{}年10月26日修正）"])).format(year)
    title = draw(st.sampled_from(["《{}》", "{}", "《{} 》"])).format(name)
    refs = draw(st.lists(REF, min_size=0, max_size=3))
    style = draw(STYLE)
    articles = draw(st.sampled_from(["、", "，", "；", " "])).join(written(r, style) for r in refs)
    split = draw(st.booleans())  # the article typed into the law field, or into its own field
    law_field = title + version + ("" if split else articles)
    return (law_field, articles if split else ""), short, year, refs


@SETTINGS
@given(citations())
def test_every_form_parses_back(case):
    (law, article), short, year, refs = case
    citation = parse(law, article)
    assert citation.key == short
    assert citation.version_year == year
    assert list(citation.articles) == refs


@SETTINGS
@given(REF)
def test_label_is_the_statute_form_and_reads_back(ref):
    assert ref.label == written(ref, "chinese")
    assert parse("《食品安全法》", ref.label).articles == (ref,)


@SETTINGS
@given(st.integers(1, 200), st.integers(1, 40), STYLE)
def test_ranges_expand_to_every_article(first, length, style):
    last = first + length
    citation = parse("《行政许可法》", f"第{numeral(first, style)}条至第{numeral(last, style)}条")
    assert [a.number for a in citation.articles] == list(range(first, last + 1))


@SETTINGS
@given(st.integers(1, 200), st.integers(1, 5), st.integers(1, 4))
def test_paragraphs_and_items_after_one_article_share_it(number, paragraphs, items):
    text = f"第{chinese(number)}条" + "、".join(f"第{chinese(p)}款" for p in range(1, paragraphs + 1))
    assert parse("食品安全法", text).articles == tuple(ArticleRef(number, 0, p) for p in range(1, paragraphs + 1))
    text = f"第{chinese(number)}条第一款" + "、".join(f"第{chinese(i)}项" for i in range(1, items + 1))
    assert parse("食品安全法", text).articles == tuple(ArticleRef(number, 0, 1, i) for i in range(1, items + 1))


@pytest.mark.parametrize("law, article, key, refs", [
    ("《中华人民共和国食品安全法》（2021年修正）第三十五条", "", "食品安全法", [ArticleRef(35)]),
    ("食品安全法第35条", "", "食品安全法", [ArticleRef(35)]),
    ("《食品安全法》", "第一百一十条第四项", "食品安全法", [ArticleRef(110, item=4)]),
    ("《中华人民共和国公路法》", "第四十四条、第四十五条", "公路法", [ArticleRef(44), ArticleRef(45)]),
    ("《电动自行车安全技术规范》（GB 17761-2018）", "全文", "电动自行车安全技术规范", []),
    ("《国务院对确需保留的行政审批项目设定行政许可的决定》", "第112项", "国务院对确需保留的行政审批项目设定行政许可的决定", []),
    ("《中华人民共和国产品质量法》", "第十八条第一款第四项", "产品质量法", [ArticleRef(18, 0, 1, 4)]),
])
def test_forms_editors_type(law, article, key, refs):
    citation = parse(law, article)
    assert (citation.key, list(citation.articles)) == (key, refs)


@pytest.mark.parametrize("article, message", [
    ("第十条至第五条", "条文范围有误：第十条至第五条"),
    ("第一条至第九百条", "条文范围过大"),
])
def test_impossible_ranges_are_refused_in_chinese(article, message):
    with pytest.raises(CitationError, match=message):
        parse("《行政许可法》", article)


def test_law_key_folds_full_width_and_spaces():
    assert law_key(" 《中华人民共和国 食品安全法》（2015年修订）") == "食品安全法"
