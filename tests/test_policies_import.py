"""import_policies against PostgreSQL: the real State Council file, dry runs,
atomic failure with errors naming line, 发文字号 and field, and .xlsx."""

import io
import json
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from policies.demo import REAL_FILE
from policies.models import PolicyPage
from portal.models import Department

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
    assert page.offices()[0].level == "national"  # from portal/data/issuer_levels.txt, editable in the admin
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


def _refused(path):
    """Run the command on a bad file: a CommandError and the error lines, never a traceback."""
    err = io.StringIO()
    with pytest.raises(CommandError, match="未写入任何记录"):
        call_command("import_policies", str(path), stdout=io.StringIO(), stderr=err)
    return err.getvalue()


def test_unreadable_files_are_refused_in_chinese(reference, tmp_path):
    gb = tmp_path / "gb.jsonl"
    gb.write_bytes(json.dumps(_record(), ensure_ascii=False).encode("gb18030"))
    assert "第1行（发文字号：无）【记录】不是 UTF-8 编码的文字（文件可能是 GB18030/GBK 编码）" in _refused(gb)

    not_zip = tmp_path / "fake.xlsx"
    not_zip.write_text("title,document_number\n", encoding="utf-8")
    assert "【文件】不是有效的 .xlsx 文件" in _refused(not_zip)
    other_zip = tmp_path / "other.xlsx"
    with zipfile.ZipFile(other_zip, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    assert "【文件】无法读取这个 .xlsx 文件" in _refused(other_zip)

    folder = tmp_path / "folder.jsonl"
    folder.mkdir()
    assert f"【文件】“{folder}”是一个文件夹" in _refused(folder)
    assert "【文件】找不到文件" in _refused(tmp_path / "missing.jsonl")

    deep = tmp_path / "deep.jsonl"
    nested = "[" * 100_000 + "]" * 100_000
    deep.write_text("\n".join([nested, '{"title": ' + nested + "}", '{"title": 1' + "0" * 5000 + "}"]), encoding="utf-8")
    errors = _refused(deep)
    assert "第1行（发文字号：无）【记录】JSON 嵌套层数过多" in errors and "第2行（发文字号：无）【记录】JSON 嵌套层数过多" in errors
    assert "第3行（发文字号：无）【记录】不是有效的 JSON：含有无法读取的数值" in errors
    assert PolicyPage.objects.count() == 0


def test_wrong_types_are_refused_naming_line_and_field(reference, tmp_path):
    departments = Department.objects.count()
    path = _write(tmp_path, [
        _record(title=float("nan")),  # written as NaN, as pandas does
        _record(document_number="南川财发〔2024〕2号", issuing_office=["南川区财政局"]),
        _record(document_number="南川财发〔2024〕3号", written_date=20240301, summary={"text": "摘要"}),
        _record(document_number="南川财发〔2024〕4号", publish_date="2026-01-05xyz"),
        _record(document_number="南川财发〔2024〕5号", written_date="２０２４-０３-０１"),
        _record(document_number="南川财发〔2024〕6号", topic=[1, 2]),
        _record(document_number="南川财发〔2024〕7号", issuing_office="某" * 101, index_number="000014349/2024-00001"),
        _record(document_number="南川财发〔2024〕8号", source_url="javascript:alert(1)"),
        _record(document_number="南川财发〔2024〕9号", title="长" * 256),
        _record(document_number="南川财发〔2024〕10号", title="标题\u0000"),
        _record(document_number=True),
    ])
    errors = _refused(path)
    for expected in [
        "第1行（发文字号：南川财发〔2024〕1号）【标题】应为文字，不能是数字。",
        "第2行（发文字号：南川财发〔2024〕2号）【发文机关】应为文字，不能是列表。",
        "第3行（发文字号：南川财发〔2024〕3号）【成文日期】应为文字，不能是数字。",
        "第3行（发文字号：南川财发〔2024〕3号）【摘要】应为文字，不能是对象。",
        "第4行（发文字号：南川财发〔2024〕4号）【发布日期】“2026-01-05xyz”不是有效日期",
        "第5行（发文字号：南川财发〔2024〕5号）【成文日期】“２０２４-０３-０１”不是有效日期",
        "第6行（发文字号：南川财发〔2024〕6号）【主题分类】应为文字或文字的列表",
        f"第7行（发文字号：南川财发〔2024〕7号）【发文机关】发文机关“{'某' * 40}…”过长（101字），不能超过100字。",
        "第8行（发文字号：南川财发〔2024〕8号）【来源网址】“javascript:alert(1)”不是有效的网址",
        "第9行（发文字号：南川财发〔2024〕9号）【标题】过长（256字），不能超过255字。",
        "第10行（发文字号：南川财发〔2024〕10号）【标题】含有空字符（\\u0000），请删除后再导入。",
        "第11行（发文字号：无）【发文字号】应为文字，不能是真假值。",
    ]:
        assert expected in errors
    assert PolicyPage.objects.count() == 0 and Department.objects.count() == departments


def test_a_refusal_while_writing_undoes_the_records_before_it(reference, tmp_path, monkeypatch):
    """What check() cannot foresee (here: a model rule it does not know) is
    reported by line and field, and the records written before it are undone."""
    original = PolicyPage.clean

    def refuse_second(page):
        original(page)
        if page.title == "第二份":
            raise ValidationError({"summary": ["模型拒绝了这个值。"], "__all__": ["整体不通过。"]})

    monkeypatch.setattr(PolicyPage, "clean", refuse_second)
    departments = Department.objects.count()
    path = _write(tmp_path, [_record(issuing_office="国务院" + "某" * 10, index_number="000014349/2024-00001", level="national"),
                             _record(document_number="南川财发〔2024〕2号", title="第二份")])
    errors = _refused(path)
    assert "第2行（发文字号：南川财发〔2024〕2号）【摘要】模型拒绝了这个值。" in errors
    assert "第2行（发文字号：南川财发〔2024〕2号）【记录】整体不通过。" in errors
    assert PolicyPage.objects.count() == 0 and Department.objects.count() == departments


def test_a_new_issuing_office_longer_than_a_short_name(reference, tmp_path):
    office = "国务院" + "某" * 50  # fits 部门名称 (100), not 简称 (40)
    out, _ = run(str(_write(tmp_path, [_record(issuing_office=office, index_number="000014349/2024-00001", level="national")])))
    assert "新建 1 条" in out
    department = Department.objects.get(name=office)
    assert department.short_name == "" and department.display_name == office


def test_the_level_comes_from_the_issuing_offices_data(reference, tmp_path):
    """Not from the office's name: a district body whose name does not start
    with the district's, or a body named like a city's, is what its data says."""
    Department.objects.create(name="金佛山保护区管理委员会", slug="jfs", org_code="009256999", level="district")
    Department.objects.create(name="南川区某市级派驻机构", slug="pz", org_code="00925699X", level="municipal")
    records = [
        _record(document_number="金佛山发〔2024〕1号", issuing_office="金佛山保护区管理委员会"),
        _record(document_number="南川派发〔2024〕1号", issuing_office="南川区某市级派驻机构"),
        _record(document_number="国办发〔2024〕1号", issuing_office="国务院办公厅、南川区财政局", index_number="000014349/2024-00001"),
        _record(document_number="南川财发〔2024〕3号", issuing_office="南川区财政局"),
        _record(document_number="南川财发〔2024〕4号", issuing_office="南川区财政局", level="市级"),  # the file says so
    ]
    run(str(_write(tmp_path, records)))
    levels = dict(PolicyPage.objects.values_list("document_number", "level"))
    assert levels == {"金佛山发〔2024〕1号": "district", "南川派发〔2024〕1号": "municipal", "国办发〔2024〕1号": "national",
                      "南川财发〔2024〕3号": "district", "南川财发〔2024〕4号": "municipal"}
    assert Department.objects.get(name="国务院办公厅").level == "national"

    # Unknown offices are not guessed from their names.
    errors = _refused(_write(tmp_path, [
        _record(document_number="渝府发〔2024〕1号", issuing_office="重庆市人民政府", index_number="00000000X/2024-00001"),
        _record(document_number="南川财发〔2024〕5号", issuing_office="南川区财政局、南川区某新设机构", index_number="009256052/2024-00009"),
    ], "unknown.jsonl"))
    assert "第1行（发文字号：渝府发〔2024〕1号）【政策级别】无法确定政策级别：发文机关“重庆市人民政府”没有设置发文级别" in errors
    assert "第2行（发文字号：南川财发〔2024〕5号）【政策级别】无法确定政策级别：发文机关“南川区某新设机构”没有设置发文级别" in errors
    assert not Department.objects.filter(name__in=["重庆市人民政府", "南川区某新设机构"]).exists()
