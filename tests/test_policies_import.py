"""import_policies against PostgreSQL: the real State Council file, dry runs,
atomic failure with errors naming line, 发文字号 and field, and .xlsx."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from policies.demo import REAL_FILE
from policies.models import PolicyPage

from .policy_helpers import site_with_library

pytestmark = pytest.mark.django_db


@pytest.fixture
def reference(db):
    from portal import demo, site

    site.setup(lambda *_: None)
    demo.load(lambda *_: None)
    site_with_library()


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_policies", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_real_state_council_file_imports_cleanly_and_reimports_unchanged(reference, client):
    out, _ = run(str(REAL_FILE), "--dry-run")
    assert "【试运行】共 60 条：新建 60 条" in out and PolicyPage.objects.count() == 0

    out, _ = run(str(REAL_FILE))
    assert "共 60 条：新建 60 条，更新 0 条" in out
    assert "第1行 国发〔2019〕5号：已新建《国务院关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见》" in out
    assert PolicyPage.objects.live().count() == 60
    page = PolicyPage.objects.get(document_number="国发〔2019〕5号")
    assert page.index_number == "000014349/2019-00007" and page.level == "national" and page.genre == "opinion"
    assert [d.name for d in page.offices()] == ["国务院"] and page.offices()[0].org_code == "000014349"
    assert str(page.topic) == "市场监管、安全生产监管 / 工商"
    assert "style=" not in page.body and "<script" not in page.body and "UCAP-CONTENT" not in page.body
    joint = PolicyPage.objects.get(document_number="国办发〔1996〕25号")
    assert {d.name for d in joint.offices()} == {"国务院办公厅", "中央军委办公厅"}
    assert PolicyPage.objects.get(document_number="国令第707号").genre
    response = client.get(page.url)
    assert response.status_code == 200 and "000014349/2019-00007" in response.content.decode()

    out, _ = run(str(REAL_FILE))
    assert "新建 0 条，更新 0 条，未变化 60 条" in out and PolicyPage.objects.count() == 60


def _write(tmp_path, records, name="in.jsonl"):
    path = tmp_path / name
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    return path


def _record(**kw):
    base = dict(title="南川区某政策", issuing_office="南川区财政局", document_number="南川财发〔2024〕1号",
                topic=["财政、金融、审计", "财政"], written_date="2024-03-01", publish_date="2024-03-05", body_html="<p>正文</p>")
    return {**base, **kw}


def test_one_invalid_record_writes_nothing_and_errors_name_line_number_and_field(reference, tmp_path):
    path = _write(tmp_path, [
        _record(),
        _record(document_number="南川财发2024年2号", written_date="2024-13-01"),
        _record(document_number="乱写的文号"),
        _record(document_number="南川财发[2024]1号", title="同号文件"),
        _record(document_number="南川财发〔2024〕9号", topic=["不存在的主题"], expiry_date="2023-01-01", effective_date="2024-01-01"),
    ])
    err = io.StringIO()
    with pytest.raises(CommandError, match="未写入任何记录"):
        call_command("import_policies", str(path), stdout=io.StringIO(), stderr=err)
    lines = err.getvalue()
    assert "第2行（发文字号：南川财发〔2024〕2号）【成文日期】“2024-13-01”不是有效日期" in lines
    assert "第3行（发文字号：乱写的文号）【发文字号】" in lines
    assert "第4行（发文字号：南川财发〔2024〕1号）【发文字号】与第1行的发文字号重复" in lines
    assert "第5行（发文字号：南川财发〔2024〕9号）【主题分类】" in lines
    assert "第5行（发文字号：南川财发〔2024〕9号）【失效日期】失效日期（2023-01-01）不能早于施行日期（2024-01-01）" in lines
    assert PolicyPage.objects.count() == 0


def test_update_is_keyed_by_document_number_in_any_form(reference, tmp_path):
    run(str(_write(tmp_path, [_record()])))
    page = PolicyPage.objects.get()
    assert page.index_number.startswith("009256052/2024-")  # 区财政局's code
    out, _ = run(str(_write(tmp_path, [_record(document_number="南川财发[2024]1号", title="南川区某政策（更正）")], "b.jsonl")))
    assert "已更新《南川区某政策（更正）》" in out
    page = PolicyPage.objects.get()
    assert page.title == "南川区某政策（更正）" and page.live


def test_xlsx_with_the_same_columns(reference, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    columns = ["title", "document_number", "issuing_office", "topic", "written_date", "publish_date", "body_html"]
    ws.append(columns)
    ws.append(["南川区表格导入政策", "南川财发〔2024〕7号", "南川区财政局、南川区经济和信息化委员会", "财政、金融、审计/财政", "2024-04-01", "2024-04-02", "<p style='x'>正文</p>"])
    path = tmp_path / "in.xlsx"
    wb.save(path)
    out, _ = run(str(path))
    assert "第2行 南川财发〔2024〕7号：已新建《南川区表格导入政策》" in out
    page = PolicyPage.objects.get()
    assert page.body == "<p>正文</p>" and {d.short_name for d in page.offices()} == {"区财政局", "区经济信息委"}
