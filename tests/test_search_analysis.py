"""Document analysis (search/analysis.py): pure logic, no services."""

from search.analysis import analyze_document, normalize
from search.documents import SearchDocument


def _analyze(title="标题", body=""):
    return analyze_document(SearchDocument(id="t:1", type="policy", title=title, url="/", body=body))


def test_normalize_folds_full_width_and_case():
    assert normalize("ＣＯＶＩＤ－１９　补贴（３．５％）") == "covid-19 补贴(3.5%)"
    assert normalize("零\u200b宽\x07字符") == "零 宽 字符"


def test_document_words_keep_symbols_inside_words_and_drop_lone_ones():
    words = _analyze(body="补贴比例３．５％，COVID-19 期间 . -- 免申即享！").text_words.split()
    assert {"3.5%", "covid-19", "免申即享", "补贴", "比例"} <= set(words)
    assert not {".", "--", ",", "!"} & set(words)


def test_document_words_without_symbols_are_words_only():
    words = _analyze(title="关于小微企业的通知", body="各部门：\n\n  现将有关事项通知如下。").title_words.split()
    assert {"小微企业", "小微", "企业", "通知"} <= set(words)
    assert all(w.strip() for w in words)


def test_substring_text_brackets_years_and_collapses_whitespace():
    analyzed = _analyze(body="  见国发（2019）5号\n\n与国发[2020]3号\u3000 ")
    assert analyzed.substring_text == "见国发〔2019〕5号 与国发〔2020〕3号"
