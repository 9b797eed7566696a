"""您是不是要找 that never insults, and pinyin (search/suggest.py, search/analysis.py).

Behaviour runs on both engines; the common-word test on the demo district's
index (the vocabulary corrections come from, whichever engine answers)."""

import importlib.util
import re
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from search.analysis import dictionary, normalize, pinyin_tokens
from search.documents import SearchDocument
from search.suggest import Vocabulary, did_you_mean, is_real_word

from .search_support import TODAY, engine, es_index, refdata  # noqa: F401  (fixtures)

# Everyday words of shops and daily life, as people type them into a
# government portal (the ones jieba's counts know, and some they do not).
EVERYDAY = """
药店 药房 小卖部 便利店 超市 菜市场 农贸市场 批发市场 建材市场 理发店 奶茶店 水果店 五金店 花店 书店 面包店 早餐店
烟酒店 洗衣店 干洗店 网吧 饭馆 餐馆 饭店 火锅店 烧烤摊 小吃店 诊所 母婴店 文具店 眼镜店 手机店 快递站 菜鸟驿站
加油站 充电桩 停车场 美容院 美甲店 足浴店 按摩店 宾馆 民宿 酒店 旅馆 幼儿园 托儿所 养老院 敬老院 卫生院 医院 银行
邮局 派出所 居委会 村委会 社区 街道办 物业 家具店 装修公司 中介 房产中介 驾校 培训班 补习班 辅导班 健身房 游泳馆
电影院 棋牌室 茶馆 茶楼 咖啡店 酒吧 蛋糕店 熟食店 肉铺 粮油店 杂货店 百货店 服装店 鞋店 裁缝店 修鞋 修车 洗车 开锁
配钥匙 家政 保姆 月嫂 护工 钟点工 搬家 快递 外卖 跑腿 代驾 网约车 出租车 公交车 地铁 高铁 火车票 身份证 户口本
结婚证 离婚 出生证明 准生证 医保卡 社保卡 公积金 退休金 养老金 低保 失业金 工伤 生育津贴 产假 病假 年假 加班费
工资 欠薪 讨薪 劳动合同 辞职 辞退 赔偿 租房 买房 房贷 首付 房租 押金 水费 电费 燃气费 物业费 暖气 宽带 话费 罚款
驾驶证 行驶证 车牌 违章 年检 护照 港澳通行证 签证 入学 转学 学区 小学 初中 高中 大学 中考 高考 学费 奖学金 助学金
助学贷款 营养餐 校车 疫苗 体检 挂号 看病 住院 报销 门诊 急诊 药费 医药费 处方 中药 西药 感冒药 口罩 养老 残疾证
老年证 退役军人 独生子女 计划生育 二胎 三孩 育儿补贴 托育 奶粉 尿布 菜价 猪肉 大米 食用油 蔬菜 水果 鸡蛋 牛奶
小区 电梯 垃圾分类 噪音 停水 停电 投诉 举报 热线 信访 法律援助 律师 公证 遗嘱 继承 彩礼 婚礼 葬礼 殡葬 墓地 火化
丧葬费 抚恤金 救助 慰问金 补助金 贫困户 打工 找工作 招聘 求职 简历 面试 实习 创业 开店 摆摊 地摊 夜市 营业执照
个体户 小本生意 网店 直播带货 电商 进货 发票 税务 报税 个税 退税 社保 医保 养老保险 失业保险 工伤保险 生育保险
住房公积金 贷款 利息 存款 理财 信用卡 征信 诈骗 反诈 消防 火灾 地震 洪水 暴雨 天气 台风 停课 放假 春节 国庆 中秋
端午 清明 元旦 一键 一键申报 网上办 跑一次 办证 办照 开饭店 开奶茶店 开小卖部 开药店
""".split()
TOP_WORDS = 20000


def _most_frequent_jieba_words(n):
    """jieba's n most frequent words of 2-4 Chinese characters."""
    path = Path(importlib.util.find_spec("jieba").origin).with_name("dict.txt")
    rows = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            word, freq, _tag = line.split()
            if 2 <= len(word) <= 4 and re.fullmatch("[\u4e00-\u9fff]+", word):
                rows.append((-int(freq), word))
    return [word for _freq, word in sorted(rows)[:n]]


def test_no_common_word_gets_a_suggestion(demo):
    from search import suggest

    vocab = suggest.vocabulary()
    # The demo district's index, with the homophones that were offered
    # before (药店 -> 要点).
    assert len(vocab.df) > 5000 and "要点" in vocab.df
    words = list(dict.fromkeys(_most_frequent_jieba_words(TOP_WORDS) + EVERYDAY + sorted(dictionary())))
    assert len(words) > TOP_WORDS
    started = time.perf_counter()
    suggested = {word: fixed for word in words if (fixed := did_you_mean(word, vocab))}
    elapsed = time.perf_counter() - started
    assert suggested == {}
    print(f"{len(words)} words, no suggestion, {elapsed:.2f} s")


def test_real_words_get_no_suggestion(engine):
    engine.index([SearchDocument(id="policy:90", type="policy", title="2024年政务公开工作要点", url="/yaodian/",
                                 published=TODAY)])
    assert engine.search(q="药店").suggestion is None  # 要点 finds a document, 药店 none: still a real word
    assert engine.search(q="幼儿圆").suggestion == "幼儿园"


def test_a_correction_that_finds_all_words_wins_over_a_relaxed_query(engine):
    # As typed, only three of the four words match (relaxed to "most");
    # corrected, both documents have all four. The count rule
    # (suggest.clearly_better, tests/test_search_analysis.py) applies only
    # when both are found at the same step.
    engine.index([SearchDocument(id="policy:91", type="policy", title="城镇小区幼儿园配套收费标准", url="/shoufei/",
                                 published=TODAY)])
    typed = engine.search(q="幼儿圆 配套 小区 城镇")
    assert (typed.match, typed.total) == ("most", 2)
    assert typed.suggestion == "幼儿园 配套 小区 城镇"
    assert engine.search(q="幼儿园 配套 小区 城镇").match == "all"


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("gxqy", "policy:3"),  # initials of 高新企业, a synonym of 高新技术企业
        ("GXJSQY", "policy:3"),  # initials of the term itself
        ("nanchuanquwengangfanhuanshishibanfa", "policy:4"),  # the whole title
        ("youer", "policy:2"),  # 幼儿, a word inside 幼儿园
    ],
)
def test_pinyin_of_titles_words_and_initials(engine, typed, expected):
    assert engine.ids(q=typed)[0] == expected


def test_pinyin_of_a_synonym_that_finds_a_term(engine):
    # 开饭店 => 食品经营许可: both power items have the term in their title.
    assert set(engine.ids(q="kaifandian")[:2]) == {"power:1", "power:2"}


def test_pinyin_initials_of_a_district_term_and_pinyin_of_aliases(engine):
    doc = SearchDocument(id="measure:9:1", type="measure", title="专精特新企业奖励", url="/zjtx/", published=TODAY)
    doc.aliases = ["小巨人奖补"]  # the field the aliases branch adds to SearchDocument
    engine.index([doc])
    assert engine.ids(q="zjtx") == ["measure:9:1"]
    assert engine.ids(q="xiaojuren")[0] == "measure:9:1"
    assert engine.ids(q="xiaojurenjiangbu")[0] == "measure:9:1"


# --- properties -------------------------------------------------------------

_VOCAB = {"要点": 9, "小麦部": 3, "幼儿园": 5, "意见": 9, "理法店": 1, "小微企业": 4, "公开": 6, "店小二": 2}
_TEXT = st.text(alphabet=st.sampled_from("药店要点小卖部幼儿圆园微薇企业公凯开 ab1,，"), max_size=20)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_a_correction_keeps_everything_but_the_corrected_characters(text):
    fixed = did_you_mean(text, Vocabulary(_VOCAB))
    typed = normalize(text)
    if fixed is not None:
        assert fixed != typed and len(fixed) == len(typed)
        assert [c for c in typed if not re.match("[\u3400-\u9fff]", c)] == [c for c in fixed if not re.match("[\u3400-\u9fff]", c)]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(EVERYDAY).filter(is_real_word), min_size=1, max_size=4),
       st.sampled_from(["", " ", "，", " 2024 "]))
def test_real_words_however_combined_are_never_corrected(words, separator):
    assert did_you_mean(separator.join(words), Vocabulary(_VOCAB)) is None


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("专精特新高技术企业小微开饭店的“”、 ab12"), max_size=24),
       st.lists(st.text(alphabet=st.sampled_from("奶茶店开小巨人 x"), max_size=8), max_size=3))
def test_pinyin_tokens_are_lowercase_letters_only(title, aliases):
    tokens = pinyin_tokens(normalize(title), [normalize(a) for a in aliases])
    assert all(re.fullmatch("[a-z]+", t) for t in tokens)
    assert len(tokens) == len(set(tokens))
