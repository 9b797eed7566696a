"""Search behaviour, run identically against both engines (embedded on
PostgreSQL, and the real Elasticsearch node)."""

import datetime as dt

import pytest

from search.query import QueryError

from .search_support import TODAY, engine, es_index, refdata  # noqa: F401  (fixtures)


def test_words_inside_compound_words_are_found(engine):
    # 企业 is inside 高新技术企业 and 小微企业: the default analysers of both
    # databases would miss it; segmentation with the domain dictionary does not.
    ids = engine.ids(q="企业", page_size=50)
    assert {"policy:1", "policy:3", "measure:1:1"} <= set(ids)


def test_domain_words_stay_whole_and_rank_first(engine):
    assert engine.ids(q="加计扣除")[0] == "policy:3"
    assert engine.ids(q="个体工商户")[0] == "policy:5"
    assert engine.ids(q="小微企业")[0] in {"policy:1", "measure:1:1", "measure:1:2"}


@pytest.mark.parametrize(
    "typed, expected",
    [("个税", "interpretation:1"), ("小型微型企业", "policy:1"), ("开饭店", "power:1"), ("个体户", "policy:5")],
)
def test_synonyms_and_plain_language(engine, typed, expected):
    assert expected in engine.ids(q=typed)


@pytest.mark.parametrize("typed", ["xiaowei qiye", "xiaoweiqiye", "XiaoWei QiYe"])
def test_pinyin_finds_chinese(engine, typed):
    assert engine.ids(q=typed)[0] in {"policy:1", "measure:1:1", "measure:1:2"}


def test_pinyin_shuangsuiji(engine):
    # In policy:6's title; the responsibility list only has it in its text.
    assert engine.ids(q="shuangsuiji")[0] == "policy:6"


def test_pinyin_of_several_words_is_matched_pair_by_pair(engine):
    assert engine.ids(q="xiaowei qiye daikuan")[0] == "measure:1:1"


@pytest.mark.parametrize("typed", ["国发〔2019〕5号", "国发[2019]5号", "国发2019年5号", "国发（2019）5号", "国发(2019)5号", "国发〔2019〕第5号"])
def test_document_numbers_however_typed(engine, typed):
    assert engine.ids(q=typed)[0] == "policy:6"


def test_a_number_finds_its_own_document_before_those_that_quote_it(engine):
    ids = engine.ids(q="南川府发〔2024〕12号")
    assert ids[0] == "policy:1" and "measure:1:1" in ids


def test_document_number_with_words_around_it(engine):
    assert engine.ids(q="南川府发2024年12号 小微企业")[0] == "policy:1"


def test_power_item_code_is_found(engine):
    assert engine.ids(q="XK00101000") == ["power:1"]


def test_typo_gets_a_suggestion(engine):
    result = engine.search(q="幼儿圆")
    assert result.suggestion == "幼儿园"
    assert "policy:2" in engine.ids(q=result.suggestion)


def test_no_suggestion_for_a_correct_query(engine):
    assert engine.search(q="幼儿园").suggestion is None


def test_snippets_mark_query_words_and_escape_everything_else(engine):
    from search.documents import SearchDocument

    engine.index([SearchDocument(id="policy:99", type="policy", title="<script>alert(1)</script>关于幼儿园收费的通知",
                                 url="/x/", body="幼儿园收费<b>标准</b>由区发展改革委核定。", published=TODAY)])
    hit = next(h for h in engine.search(q="幼儿园 收费").hits if h.id == "policy:99")
    assert "<script>" not in hit.title_html and "&lt;script&gt;" in hit.title_html
    assert "<mark>幼儿园</mark>" in hit.snippet
    assert "&lt;b&gt;标准&lt;/b&gt;" in hit.snippet


def test_results_carry_department_number_and_date(engine):
    hit = engine.search(q="南川府发〔2024〕12号").hits[0]
    assert hit.title == "南川区支持小微企业发展的若干措施"
    assert hit.document_number == "南川府发〔2024〕12号"
    assert hit.departments == ["南川区经济和信息化委员会"]
    assert hit.published == dt.date(2024, 3, 1)
    assert hit.type_label == "政策文件"


def _counts(result, facet):
    return {v.value: v.count for v in next(f for f in result.facets if f.name == facet).values}


def test_facets_are_disjunctive(engine):
    both = engine.search(type=["policy"])
    assert both.total == 6
    # Selecting a department narrows hits but not the department counts.
    one = engine.search(type=["policy"], department=["scjgj"])
    assert {h.id for h in one.hits} == {"policy:5", "policy:6"}
    assert _counts(one, "department") == _counts(both, "department")
    assert _counts(one, "department")["jxw"] == 1
    # OR within a facet, AND across facets; other facets count the selection.
    two = engine.search(type=["policy"], department=["scjgj", "jxw"])
    assert two.total == 3
    assert _counts(two, "type") == {"policy": 3, "power_item": 2, "responsibility": 1, "measure": 1}
    selected = [v.value for f in two.facets if f.name == "department" for v in f.values if v.selected]
    assert selected == ["jxw", "scjgj"]


def test_all_facet_values_are_shown_not_just_ten(engine):
    from search.documents import SearchDocument
    from portal.models import Department

    slugs = list(Department.objects.values_list("slug", flat=True))
    assert len(slugs) > 12
    engine.index([SearchDocument(id=f"power:x{i}", type="power_item", title=f"行政检查事项{i}", url=f"/p/{i}/",
                                 departments=[slug], power_type="inspection") for i, slug in enumerate(slugs)])
    counts = _counts(engine.search(q="行政检查事项"), "department")
    assert set(counts) == set(slugs)


def test_validity_is_computed_on_the_day_of_the_query(engine):
    counts = _counts(engine.search(type=["policy"]), "validity")
    assert counts == {"valid": 2, "pending": 1, "expired": 1, "repealed": 1, "revised": 1}
    assert engine.ids(validity=["repealed"]) == ["policy:3"]
    assert set(engine.ids(validity=["valid"], type=["policy"])) == {"policy:1", "policy:2"}
    # The same index, read on a later day: policy:1 expired, policy:5 in force.
    later = engine.search(today=dt.date(2027, 1, 1), type=["policy"])
    assert _counts(later, "validity") == {"valid": 2, "expired": 2, "repealed": 1, "revised": 1}
    earlier = engine.search(today=dt.date(2023, 6, 1), type=["policy"], validity=["valid"])
    assert {h.id for h in earlier.hits} == {"policy:2", "policy:3", "policy:4", "policy:6"}


def test_application_status_is_computed_on_the_day(engine):
    counts = _counts(engine.search(type=["measure"]), "status")
    # On 2024-06-01: m1:1 open to 12-31, m1:2 closes 06-10 (9 days), m4:1 opens 07-01, m3:1 closed.
    assert counts == {"open": 1, "closing": 1, "upcoming": 1, "closed": 1}
    assert engine.ids(status=["closing"]) == ["measure:1:2"]
    assert set(engine.ids(status=["open", "closing"])) == {"measure:1:1", "measure:1:2"}
    later = engine.search(today=dt.date(2024, 7, 1), status=["open", "closing"])
    assert {h.id for h in later.hits} == {"measure:1:1", "measure:4:1"}


def test_enterprise_scale_industry_region_facets(engine):
    assert set(engine.ids(scale=["micro"])) == {"measure:1:1", "measure:1:2"}
    assert engine.ids(scale=["micro"], industry=["F"]) == ["measure:1:1"]
    assert engine.ids(region=["dong-cheng-jie-dao"]) == ["measure:1:1"]
    counts = _counts(engine.search(scale=["micro"]), "industry")
    assert counts == {"C": 2, "F": 1}


def test_power_type_genre_level_year_facets(engine):
    assert engine.ids(power_type=["penalty"]) == ["power:2"]
    assert set(engine.ids(level=["national"])) == {"policy:2", "policy:6"}
    assert set(engine.ids(genre=["opinion"])) == {"policy:6"}
    assert set(engine.ids(year=["2019"])) == {"policy:2", "policy:6"}
    years = _counts(engine.search(), "year")
    assert years["2024"] == 7 and years["2019"] == 2
    order = [v.value for f in engine.search().facets if f.name == "year" for v in f.values]
    assert order == sorted(order, reverse=True)


def test_date_range_and_sort_by_date(engine):
    ids = engine.ids(**{"from": "2024-01-01", "to": "2024-03-31", "sort": "date", "page_size": 50})
    assert set(ids) == {"policy:1", "measure:1:1", "measure:1:2", "power:1", "power:2", "responsibility:1"}
    result = engine.search(q="企业", sort="date", page_size=50)
    dates = [h.published for h in result.hits]
    assert dates == sorted(dates, reverse=True)


def test_pagination(engine):
    first = engine.search(page_size=5)
    second = engine.search(page_size=5, page=2)
    assert first.total == second.total == 14
    assert first.pages == 3
    assert not {h.id for h in first.hits} & {h.id for h in second.hits}
    assert len(engine.search(page_size=5, page=3).hits) == 4


@pytest.mark.parametrize(
    "typed",
    ["", "   ", "\x00\x07小微\x1b企业", "😀😀", "\"", "'", "<script>alert('x')</script>", "小微" * 400, "\\", "*", "?",
     "AND OR NOT", "(", "~", "/", "国发〔", "〔2019〕", "号", "第5号"],
)
def test_any_text_is_answered(engine, typed):
    result = engine.search(q=typed)
    assert result.total >= 0
    assert result.engine == engine.name


def test_long_queries_are_cut():
    from search.query import parse
    from search.analysis import MAX_QUERY_LENGTH

    assert len(parse({"q": "小微企业" * 100}).text) == MAX_QUERY_LENGTH


@pytest.mark.parametrize(
    "params, parameter",
    [({"qq": "x"}, "qq"), ({"department": "nope"}, "department"), ({"type": "policy,nope"}, "type"),
     ({"page_size": "101"}, "page_size"), ({"page": "0"}, "page"), ({"page": "x"}, "page"),
     ({"sort": "title"}, "sort"), ({"from": "2024-13-01"}, "from"), ({"year": "19999"}, "year"),
     ({"validity": "forever"}, "validity"), ({"page": "200", "page_size": "100"}, "page")],
)
def test_strict_parameters(db, refdata, params, parameter):
    from search.query import parse

    with pytest.raises(QueryError) as info:
        parse(params)
    assert info.value.parameter == parameter
