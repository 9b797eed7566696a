"""Pure logic of the power lists: codes, the version diff, the Excel form."""

import io

import pytest
from openpyxl import Workbook, load_workbook

from powerlists import codes, diff, xlsx


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


def test_not_an_xlsx_is_a_clear_error():
    with pytest.raises(xlsx.WorkbookError) as caught:
        xlsx.read(b"%PDF-1.4 not a spreadsheet")
    assert "不是有效的 Excel（.xlsx）文件" in str(caught.value)


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
