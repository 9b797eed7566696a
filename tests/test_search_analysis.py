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

    # 农业部营主体, 个水 and 小麦部: odd words of the kind segmentation leaves in
    # a real index; 要点 a real word that sounds like 药店.
    return Vocabulary({"幼儿园": 5, "小微企业": 9, "农业": 4, "经营": 6, "主体": 3, "农业部营主体": 1, "个水": 1,
                       "营商": 2, "环境": 2, "双随机一公开": 3, "担保贷款": 2, "创业担保贷款": 2, "要点": 7,
                       "小麦部": 2, "快递费": 3, "意见": 9})


def _vocabulary_of(*words):
    from search.suggest import Vocabulary

    return Vocabulary(dict.fromkeys(words, 1))


def test_homophone_typos_are_corrected():
    from search.suggest import did_you_mean

    vocab = _vocabulary()
    assert did_you_mean("幼儿圆", vocab) == "幼儿园"  # in jieba's dictionary, as a rare person's name
    assert did_you_mean("小薇企业 补贴", vocab) == "小微企业 补贴"
    assert did_you_mean("双随机一公凯", vocab) == "双随机一公开"


def test_queries_of_known_words_are_left_alone():
    from search.suggest import did_you_mean

    vocab = _vocabulary()
    assert did_you_mean("农业经营主体", vocab) is None  # not 农业部营主体, one character away
    assert did_you_mean("个税", vocab) is None  # a synonym, not 个水
    assert did_you_mean("营商环境", vocab) is None


def test_real_words_are_never_corrected():
    from search.suggest import did_you_mean

    vocab = _vocabulary()
    for typed in ["药店", "小卖部", "开小卖部", "我想开药店", "一键", "报税"]:  # 一键, 报税: rare in jieba's counts
        assert did_you_mean(typed, vocab) is None, typed
    assert did_you_mean("药店 幼儿圆", vocab) == "药店 幼儿园"


def test_one_character_off_from_four_characters_on():
    from search.suggest import did_you_mean

    vocab = _vocabulary()
    # Several real words (创业, 担保, 货款) that are no word together: only
    # a district term may replace them (货 does not sound like 贷).
    assert did_you_mean("创业担保货款", vocab) == "创业担保贷款"
    assert did_you_mean("担保货款", vocab) is None  # 担保贷款 is only an indexed word
    assert did_you_mean("营商坏境", vocab) is None  # 营商环境 is not indexed
    assert did_you_mean("营商坏境", _vocabulary_of("营商环境")) == "营商环境"  # 坏境 is no word
    assert did_you_mean("快递站", vocab) is None  # three characters: not 快递费


def test_a_correction_is_offered_only_when_clearly_better():
    from search.suggest import clearly_better

    assert clearly_better(0, 1) and clearly_better(2, 6)
    assert not clearly_better(0, 0) and not clearly_better(1, 2) and not clearly_better(5, 14)
