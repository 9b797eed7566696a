"""The law library (法律法规库): import_laws against a small database in the
source package's format, the /fagui/ pages, and laws as search documents."""

import io
import shutil
import sqlite3

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from laws import source
from laws.importer import import_laws
from laws.models import Article, Law, LawImport
from laws.signals import laws_imported

from . import law_source
from .law_source import DECISION, ENVIRONMENT, FOOD, LICENSING
from .search_support import es_index, refdata  # noqa: F401  (fixtures)


@pytest.fixture(scope="module")
def source_db(tmp_path_factory):
    return law_source.build(tmp_path_factory.mktemp("laws") / "laws.db")


@pytest.fixture
def library(db, source_db):
    import_laws(source_db)
    return source_db


def run(*args):
    out = io.StringIO()
    call_command("import_laws", *args, stdout=out, stderr=out)
    return out.getvalue()


def test_import_builds_laws_articles_versions_and_stable_anchors(library):
    assert Law.objects.count() == 5 and Article.objects.count() == 12
    current, old = Law.objects.get(source_id="food2025"), Law.objects.get(source_id="food2021")
    assert (current.status, old.status) == ("in_force", "historical")
    assert old.current == current and current.current is None and old.in_force_version == current
    assert current.category == "行政法" and str(current.publish_date) == "2025-09-12"
    art = current.articles.get(anchor="第三十五条")
    assert (art.number, art.number_text, art.chapter, art.section, art.text) == (
        35, "第三十五条", "第四章 食品生产经营", "第二节 生产经营许可", law_source.ART35)
    assert current.articles.get(anchor="第三十五条之一").number == 35
    # A decision's unnumbered text and its repeated 第七条 still get one anchor each.
    assert list(Law.objects.get(source_id="dec").articles.values_list("anchor", flat=True)) == ["全文", "第七条", "第七条-2"]


def test_second_run_changes_nothing_and_keeps_article_ids(library):
    ids = dict(Article.objects.values_list("law__source_id", "id").order_by("id"))
    out = run("--source", str(library))
    assert "已导入 5 部法律法规、12 条条文" in out and "没有变化" in out
    assert dict(Article.objects.values_list("law__source_id", "id").order_by("id")) == ids
    assert LawImport.objects.first().changes == []


def test_a_modified_copy_reports_exactly_the_changes_made(library, tmp_path):
    kept = Article.objects.get(law__source_id="food2025", anchor="第三十五条").pk
    rows = law_source.laws()
    food, lic, env, dec = rows[1], rows[2], rows[3], rows[4]
    food[1][2] = (*food[1][2][:4], law_source.ART35 + "（已修改）")  # 第三十五条 text
    food[1].append(("第十章 附则", None, "第一百五十四条", 154, "本法自2015年10月1日起施行。"))  # new article
    del lic[1][1]  # 第十二条 removed
    rows[3] = ((*env[0][:8], "已废止", env[0][9]), env[1])  # repealed
    rows[4] = ((*dec[0][:9], "宪法相关法"), dec[1])  # 法律部门 changed
    rows.append((("env2014", ENVIRONMENT, "法律", "法律", law_source.NPC, "2014-04-24", "2015-01-01", "2014-04-24",
                  "现行有效", "经济法"), [("第一章 总则", None, "第一条", 1, "为保护和改善环境，制定本法。")]))
    rows.append((("new", "中华人民共和国新法", "法律", "法律", law_source.NPC, "2026-01-01", "2026-06-01", "2026-01-01",
                  "现行有效", "社会法"), [("", None, "第一条", 1, "为了测试，制定本法。")]))
    changed = law_source.build(tmp_path / "changed.db", rows)
    received = []

    def listener(sender, changes, **kwargs):
        received.append(changes)

    laws_imported.connect(listener)
    try:
        out = run("--source", str(changed))
    finally:
        laws_imported.disconnect(listener)
    lines = sorted(out.splitlines()[:-1])
    assert lines == sorted([
        f"条文修改：《{FOOD}》第三十五条",
        f"新增条文：《{FOOD}》第一百五十四条",
        f"删除条文：《{LICENSING}》第十二条",
        f"废止：《{ENVIRONMENT}》（现行有效 → 已废止）",
        f"信息变化：《{DECISION}》（法律部门 刑法 → 宪法相关法）",
        f"新版本：《{ENVIRONMENT}》（现行有效，1 条）",
        "新增法律法规：《中华人民共和国新法》（现行有效，1 条）",
    ])
    assert "新增法律法规 1，新版本 1，废止 1，信息变化 1，新增条文 1，删除条文 1，条文修改 1" in out.splitlines()[-1]
    assert LawImport.objects.first().changes == received[0]  # the signal carries the changes it recorded
    assert sorted(c["kind"] for c in received[0]) == sorted(
        ["article_changed", "article_added", "article_removed", "repealed", "metadata", "new_version", "new_law"])
    assert Article.objects.get(pk=kept).text.endswith("（已修改）")  # updated in place: links to it survive
    assert Law.objects.get(source_id="env").current.source_id == "env2014"


def test_a_source_with_bad_rows_writes_nothing_and_says_why(db, tmp_path):
    rows = law_source.laws()
    rows[0] = ((*rows[0][0][:5], "2021-13-45", *rows[0][0][6:]), rows[0][1])
    rows[2] = ((*rows[2][0][:8], "尚未生效", rows[2][0][9]), rows[2][1])
    bad = law_source.build(tmp_path / "bad.db", rows)
    out = io.StringIO()
    with pytest.raises(CommandError, match="发现 2 处问题，未写入任何记录"):
        call_command("import_laws", "--source", str(bad), stdout=out, stderr=out)
    assert "日期“2021-13-45”不是 YYYY-MM-DD 格式" in out.getvalue()
    assert "未知的时效性“尚未生效”" in out.getvalue()
    assert not Law.objects.exists() and not LawImport.objects.exists()
    not_a_db = tmp_path / "x.db"
    not_a_db.write_text("hello")
    with pytest.raises(CommandError):
        call_command("import_laws", "--source", str(not_a_db), stdout=out, stderr=out)
    assert "不是可读取的法律法规数据库" in out.getvalue()


def test_a_failure_while_writing_leaves_the_library_as_it_was(library, tmp_path, monkeypatch):
    rows = law_source.laws()
    rows[1][1][2] = (*rows[1][1][2][:4], "改过的条文")
    changed = law_source.build(tmp_path / "changed.db", rows)
    monkeypatch.setattr(LawImport.objects, "create", lambda **kw: (_ for _ in ()).throw(RuntimeError("disk full")))
    with pytest.raises(RuntimeError):
        import_laws(changed)
    assert Article.objects.get(law__source_id="food2025", anchor="第三十五条").text == law_source.ART35


def test_the_package_database_has_the_promised_corpus():
    """The real source (requirements-data.txt), read without writing: what
    `import_laws` loads by default."""
    records = source.read()
    assert sum(r.status == "in_force" for r in records) >= 300
    assert sum(len(r.articles) for r in records) >= 25_000
    for r in records:
        anchors = [a.anchor for a in r.articles]
        assert len(anchors) == len(set(anchors)), r.title


# --- pages --------------------------------------------------------------------


def test_index_lists_laws_by_category_and_status(library, client):
    page = client.get("/fagui/").content.decode()
    assert "法律法规库" in page and FOOD in page and "行政法</a> <span class=\"pl-count\">3 部" in page
    page = client.get("/fagui/?category=经济法").content.decode()
    assert ENVIRONMENT in page and FOOD not in page
    page = client.get("/fagui/?status=historical").content.decode()
    assert "共 1 部" in page and "/fagui/food2021/" in page
    bad = client.get("/fagui/?status=gone")
    assert bad.status_code == 400 and "时效性“gone”不存在" in bad.content.decode()


def test_law_page_shows_metadata_chapters_and_article_anchors(library, client):
    page = client.get("/fagui/food2025/").content.decode()
    assert "<h1>中华人民共和国食品安全法</h1>" in page
    assert "制定机关" in page and "2025-09-12" in page and "现行有效" in page
    assert '<h3 class="law-chapter">第四章 食品生产经营</h3>' in page and "第二节 生产经营许可" in page
    assert 'id="第三十五条"' in page and law_source.ART35 in page
    assert "/fagui/food2021/" in page  # its other version
    old = client.get("/fagui/food2021/").content.decode()
    assert "本文件为历史版本。现行有效版本：" in old and 'href="/fagui/food2025/"' in old
    assert client.get("/fagui/nothing/").status_code == 404


def test_article_page_has_its_own_url_and_points_old_versions_at_the_current_text(library, client):
    art = Article.objects.get(law__source_id="food2025", anchor="第三十五条")
    assert art.get_absolute_url() == "/fagui/food2025/%E7%AC%AC%E4%B8%89%E5%8D%81%E4%BA%94%E6%9D%A1/"
    page = client.get(art.get_absolute_url()).content.decode()
    assert "中华人民共和国食品安全法第三十五条" in page and law_source.ART35 in page and "下一条：第三十五条之一" in page
    old = client.get("/fagui/food2021/第三十五条/").content.decode()
    assert "本条所在的文件为历史版本。现行有效版本的" in old and art.get_absolute_url() in old
    assert client.get("/fagui/food2025/第九十九条/").status_code == 404


# --- search -------------------------------------------------------------------


@pytest.mark.parametrize("engine_name", ["embedded", "elasticsearch"])
def test_a_citation_finds_its_article_first_and_facets_filter(engine_name, request, db, source_db):
    from search import service
    from search.query import parse

    from laws.documents import article_documents, law_documents

    from .search_support import index_documents

    request.getfixturevalue("refdata")
    if engine_name == "elasticsearch":
        request.getfixturevalue("es_index")
    import_laws(source_db)  # indexes into the embedded engine as it writes
    if engine_name == "elasticsearch":
        docs = [d for law in Law.objects.all() for d in law_documents(law)]
        index_documents("elasticsearch", docs + [d for a in Article.objects.all() for d in article_documents(a)])

    def search(**params):
        return service.search(parse(params), engine=engine_name)

    art = Article.objects.get(law__source_id="food2025", anchor="第三十五条")
    for typed in ("食品安全法第三十五条", "食品安全法第35条", "中华人民共和国食品安全法第三十五条"):
        assert search(q=typed).hits[0].url == art.get_absolute_url(), typed
    assert search(q="网络食品交易第三方平台").hits[0].url.endswith("/%E7%AC%AC%E4%B8%89%E5%8D%81%E4%BA%94%E6%9D%A1%E4%B9%8B%E4%B8%80/")
    result = search(q="制定本法", type=["law"])
    facets = {f.name: {v.value: v.count for v in f.values} for f in result.facets}
    assert facets["law_category"] == {"行政法": 3, "经济法": 1}
    assert facets["law_status"]["historical"] == 1
    only = search(q="制定本法", law_status=["historical"])
    assert [h.url for h in only.hits] == ["/fagui/food2021/%E7%AC%AC%E4%B8%80%E6%9D%A1/"]
