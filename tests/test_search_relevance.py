"""search_relevance over the demo district (loaded once per run, with the
real State Council documents): every judgment file resolves, figures are
reported per set and engine, and broken judgments are clear errors."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from search.relevance import corpus, judgments

pytestmark = pytest.mark.django_db

MARRIAGE = {"url": "/quanze/shixiang/QR00003001/"}  # 结婚登记


def _set(monkeypatch, tmp_path, name, queries):
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps({"queries": queries}, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setitem(judgments.SETS, name, path)
    return path


def _run(*args):
    out = io.StringIO()
    call_command("search_relevance", *args, stdout=out)
    return out.getvalue()


def test_every_judgment_file_resolves_on_the_demo():
    docs = corpus()
    sizes = {name: judgments.load(path, docs) for name, path in judgments.SETS.items()}
    assert len(sizes["tuning"]) == 101
    assert len(sizes["questions"]) >= 120 and len(sizes["holdout"]) >= 40
    # The three sets are kept apart: no query is in two of them.
    texts = [j.q for js in sizes.values() for j in js]
    assert len(texts) == len(set(texts))
    assert all(j.kind for j in sizes["questions"] + sizes["holdout"])


def test_figures_per_set_and_engine_with_the_zero_result_rate(monkeypatch, tmp_path):
    _set(monkeypatch, tmp_path, "questions", [
        {"q": "结婚登记", "kind": "task", "relevant": [MARRIAGE]},
        {"q": "zqxjwvut", "kind": "misspelling", "relevant": [MARRIAGE]},  # shares nothing with the corpus
    ])
    report = json.loads(_run("--set", "questions", "--engine", "embedded", "--engine", "elasticsearch", "--json"))
    assert report["documents"] == len(corpus()) and report["k"] == 10
    questions = report["sets"]["questions"]
    assert questions["file"] == "questions.json" and questions["queries"] == 2
    for engine in ("embedded", "elasticsearch"):
        figures = questions["engines"][engine]
        assert figures["recall@10"] == 0.5 and figures["zero_result_rate"] == 0.5
        assert figures["zero_results"] == ["zqxjwvut"]
        assert figures["by_kind"]["task"] == {"queries": 1, "recall@10": 1.0, "ndcg@10": 1.0, "zero_result_rate": 0.0}
        assert [(r["q"], r["recall@10"], r["total"] > 0) for r in figures["per_query"]] == [("结婚登记", 1.0, True), ("zqxjwvut", 0.0, False)]


def test_the_held_out_queries_are_listed_only_when_that_set_alone_is_asked_for(monkeypatch, tmp_path):
    _set(monkeypatch, tmp_path, "tuning", [{"q": "结婚登记", "relevant": [MARRIAGE]}])
    _set(monkeypatch, tmp_path, "holdout", [{"q": "领证结婚", "kind": "colloquial", "relevant": [MARRIAGE]}])
    both = _run("--set", "tuning", "--set", "holdout", "--engine", "embedded", "--verbose")
    assert "调优集" in both and "留出集" in both and "结婚登记" in both and "领证结婚" not in both
    alone = _run("--set", "holdout", "--engine", "embedded", "--verbose")
    assert "领证结婚" in alone


@pytest.mark.parametrize("content, message", [
    ("{\"queries\": [", "questions.json：不是合法的 JSON（第 1 行"),
    ("{\"queries\": []}", "缺少非空的 queries 列表"),
    ('{"queries": [{"q": "结婚", "relevant": []}]}', "第 1 条（结婚）：缺少非空的 relevant 列表"),
    ('{"queries": [{"q": "结婚", "relevant": [{"url": "/quanze/shixiang/QR00003001/"}]}, {"q": "结婚", "relevant": [{"url": "/quanze/shixiang/QR00003001/"}]}]}',
     "第 2 条（结婚）：查询重复"),
])
def test_a_broken_judgment_file_is_a_clear_error(monkeypatch, tmp_path, content, message):
    path = tmp_path / "questions.json"
    path.write_text(content, encoding="utf-8")
    monkeypatch.setitem(judgments.SETS, "questions", path)
    with pytest.raises(CommandError, match="评测集有误") as caught:
        _run("--set", "questions", "--engine", "embedded")
    assert message in str(caught.value)


@pytest.mark.parametrize("reference, message", [
    ({"url": "/quanze/shixiang/XK99999999/"}, '没有符合 {"url": "/quanze/shixiang/XK99999999/"} 的文档'),
    ({"title": "开饭店"}, '没有符合 {"title": "开饭店"} 的文档'),
    ({"link": "/quanze/shixiang/QR00003001/"}, "文档须以 document_number、url、title、code 中的一项或几项"),
    # The policy, its three measures and its two interpretations carry its 发文字号.
    ({"document_number": "南川经信发〔2025〕18号"}, "对应 6 篇文档"),
])
def test_an_unknown_or_ambiguous_document_reference_is_a_clear_error(monkeypatch, tmp_path, reference, message):
    _set(monkeypatch, tmp_path, "questions", [
        {"q": "结婚登记", "relevant": [MARRIAGE]},
        {"q": "专精特新", "relevant": [MARRIAGE, reference]},
    ])
    with pytest.raises(CommandError) as caught:
        _run("--set", "questions", "--engine", "embedded")
    assert "第 2 条（专精特新）" in str(caught.value) and message in str(caught.value)


def test_a_reference_with_several_keys_must_match_them_all(monkeypatch, tmp_path):
    docs = corpus()
    _set(monkeypatch, tmp_path, "questions", [
        {"q": "专精特新", "relevant": [{"document_number": "南川经信发〔2025〕18号", "url": "/zhengce/zjtx/"}]},
    ])
    [judged] = judgments.load(judgments.SETS["questions"], docs)
    assert [d.url for d in docs if d.id in judged.relevant] == ["/zhengce/zjtx/"]
