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


# --- 您是不是要找 (search/suggest.py) -----------------------------------------

def _vocabulary():
    from search.suggest import Vocabulary

    # 农业部营主体 and 个水: odd words of the kind segmentation leaves in a real index.
    return Vocabulary({"幼儿园": 5, "小微企业": 9, "农业": 4, "经营": 6, "主体": 3, "农业部营主体": 1, "个水": 1,
                       "营商": 2, "环境": 2, "双随机一公开": 3, "担保贷款": 2})


def test_homophone_typos_are_corrected():
    from search.suggest import did_you_mean

    vocab = _vocabulary()
    assert did_you_mean("幼儿圆", vocab) == "幼儿园"
    assert did_you_mean("小薇企业 补贴", vocab) == "小微企业 补贴"
    assert did_you_mean("双随机一公凯", vocab) == "双随机一公开"


def test_queries_of_known_words_are_left_alone():
    from search.suggest import did_you_mean

    vocab = _vocabulary()
    assert did_you_mean("农业经营主体", vocab) is None  # not 农业部营主体, one character away
    assert did_you_mean("个税", vocab) is None  # a synonym, not 个水
    assert did_you_mean("营商环境", vocab) is None


def test_one_character_off_only_where_no_word_starts():
    from search.suggest import did_you_mean

    vocab = _vocabulary()
    assert did_you_mean("担保货款", vocab) == "担保贷款"  # 货 does not sound like 贷
    assert did_you_mean("营商坏境", vocab) is None  # 营商 is a word: no guess at 坏境
