"""The Excel form of a department's power list: template, validation on
import (errors by sheet, row and column, in Chinese) and export.

Pure: no Django. Rows become the canonical item data of
`PowerItem.to_data()`, so export -> import round-trips.
"""

import csv
import io
import re
from dataclasses import dataclass

from openpyxl import Workbook, load_workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from . import codes
from . import xlsx_limits as limits

LEVELS = codes.LEVEL_LABELS
LEVEL_BY_LABEL = {v: k for k, v in LEVELS.items()}
YES_NO = {True: "是", False: "否", None: ""}
# Text starting with one of these is a formula to spreadsheet programs (OWASP CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PHONE_RE = re.compile(r"^[0-9\-（）()、 ,，/]{5,40}$")

ITEM_SHEET = "权力事项"
# sheet -> [(header, key)]
ITEM_COLUMNS = [
    ("事项编码", "code"), ("事项名称", "name"), ("权力类型", "power_type"), ("实施主体", "department"),
    ("实施层级", "level"), ("法定时限（工作日）", "statutory_days"), ("承诺时限（工作日）", "promised_days"),
    ("收费依据", "fee_basis"), ("收费标准", "fee_standard"), ("监督投诉电话", "complaint_phone"),
    ("检查内容", "inspection_content"), ("检查方式", "inspection_method"), ("是否涉企", "involves_enterprises"),
    ("备注", "remarks"),
]
# child sheet -> (data key, [(header, key)], required keys)
CHILD_SHEETS = {
    "设定依据": ("legal_bases", [("法律法规名称", "law"), ("条款", "article"), ("条文内容", "text")], ["law"]),
    "责任事项": ("steps", [("环节", "step"), ("责任内容", "content"), ("依据", "basis")], ["step", "content"]),
    "追责情形": ("accountability", [("追责情形", "case"), ("追责依据", "basis")], ["case"]),
}
CHILD_PREFIX = [("事项编码", "code"), ("序号", "order")]
REQUIRED_ITEM_KEYS = ["code", "name", "power_type", "department", "level"]

INSTRUCTIONS = [
    "权责清单导入模板使用说明",
    "1. 一个文件即一个部门的完整权力清单：文件中没有而系统中有的事项将被取消，新出现的事项将被新增，内容有变化的事项将被变更，每项调整都会生成调整记录。",
    "2. 不要修改各工作表名称和第一行表头；“说明”工作表导入时忽略。",
    "3. 事项编码：2位类型字母+5位主项编号+3位子项编号，无子项时为000，如 XK00012000；子项（如 XK00012001）的主项必须在本文件中。",
    "4. 类型字母：" + "、".join(f"{code} {label}" for _k, code, label in codes.POWER_TYPES) + "；须与“权力类型”一致。",
    "5. 实施层级填写：市级、区县级、乡镇（街道）；时限填写工作日数（整数），承诺时限不能长于法定时限；不收费时收费依据和标准留空。",
    "6. 检查内容、检查方式、是否涉企（是/否）仅行政检查事项填写。",
    "7. 设定依据、责任事项、追责情形三张表按“事项编码+序号”对应到事项，同一事项按序号排列。",
    "8. 文件有任何错误时不会写入任何内容，请按错误报告（工作表、行、列）修改后重新导入。",
]


@dataclass
class RowError:
    sheet: str
    row: int  # 1-based spreadsheet row, 0 for the whole file/sheet
    column: str  # header text, "" for the whole row/sheet
    message: str

    def __str__(self):
        where = f"「{self.sheet}」" if self.sheet else ""
        if self.row:
            where += f"第{self.row}行"
        if self.column:
            where += f"「{self.column}」列"
        return f"{where}：{self.message}" if where else self.message


@dataclass
class Parsed:
    items: list
    errors: list
    rows: dict


class WorkbookError(ValueError):
    """The file as a whole cannot be read (not an .xlsx, wrong sheets or headers)."""

    def __init__(self, errors):
        super().__init__("；".join(str(e) for e in errors))
        self.errors = errors


# -- reading --------------------------------------------------------------------

def read(data, department=None, department_names=None):
    """Parse and validate a workbook (bytes or a seekable binary file).

    department: the name every row's 实施主体 must have (None: any known one).
    department_names: the known department names.
    Returns Parsed(items, errors, rows): items are canonical data dicts in file
    order, rows maps each code to its row in the item sheet.
    Raises WorkbookError when the file or its structure is wrong, or when it
    is beyond the limits of xlsx_limits.
    """
    workbook = _open(data)
    try:
        _check_structure(workbook)
        errors = []
        items = _read_items(workbook[ITEM_SHEET], department, department_names, errors)
        by_code = {item["code"]: item for item in items}
        for sheet_name, (key, columns, required) in CHILD_SHEETS.items():
            for item in items:
                item[key] = []
            _read_children(workbook[sheet_name], key, columns, required, by_code, errors)
    finally:
        workbook.close()
    for item in items:
        for key in ("legal_bases", "steps", "accountability"):
            item[key] = [entry for _order, _row, entry in sorted(item[key], key=lambda t: (t[0], t[1]))]
    rows = {item["code"]: item.pop("_row") for item in items}
    return Parsed(items, errors, rows)


def _file_error(message):
    return WorkbookError([RowError("", 0, "", message)])


def _open(data):
    stream = io.BytesIO(data) if isinstance(data, (bytes, bytearray)) else data
    try:
        limits.check_archive(stream)
    except limits.Refused as exc:
        raise _file_error(str(exc)) from exc
    try:
        # Streaming: cells are parsed row by row as they are read, never all at once.
        return load_workbook(stream, read_only=True, data_only=True)
    except Exception as exc:  # zip, XML and format errors all mean "not an .xlsx"
        raise _file_error(limits.NOT_XLSX) from exc


def _check_structure(workbook):
    errors = []
    expected = {ITEM_SHEET: [h for h, _k in ITEM_COLUMNS]}
    for sheet_name, (_key, columns, _req) in CHILD_SHEETS.items():
        expected[sheet_name] = [h for h, _k in CHILD_PREFIX + columns]
    for sheet_name, headers in expected.items():
        if sheet_name not in workbook.sheetnames:
            errors.append(RowError("", 0, "", f"缺少工作表「{sheet_name}」。文件应包含工作表：{'、'.join(expected)}"
                                              f"（当前为：{'、'.join(workbook.sheetnames)}）。"))
            continue
        sheet = workbook[sheet_name]
        if (sheet.max_row or 0) > limits.MAX_ROWS:
            errors.append(RowError(sheet_name, 0, "", f"工作表的数据范围为 {sheet.calculate_dimension()}，"
                                                      f"共 {sheet.max_row} 行，超过上限 {limits.MAX_ROWS} 行。"
                                                      + limits.TRIM_ROWS))
            continue
        # Some writers declare too few rows: read past the declaration; _rows
        # counts the rows actually there.
        sheet.reset_dimensions()
        found = [_text(v) for v in next(_stream(sheet, min_row=1, max_row=1), ())]
        while found and not found[-1]:
            found.pop()
        if found != headers:
            errors.append(RowError(sheet_name, 1, "", f"表头不正确：应为“{'、'.join(headers)}”，"
                                                      f"实际为“{'、'.join(found) or '（空）'}”。请使用导入模板。"))
    if errors:
        raise WorkbookError(errors)


def _stream(sheet, **bounds):
    """The sheet's rows as value tuples. A malformed part only shows when it
    is streamed, so the library's errors here also mean "not an .xlsx"."""
    rows = sheet.iter_rows(values_only=True, **bounds)
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except Exception as exc:
            raise _file_error(limits.NOT_XLSX) from exc
        yield row


def _rows(sheet, width):
    # Gaps between rows come back as empty rows, so the count is the row number.
    for number, row in enumerate(_stream(sheet, min_row=2, max_col=width), start=2):
        if number > limits.MAX_ROWS:
            raise WorkbookError([RowError(sheet.title, 0, "", f"工作表超过上限 {limits.MAX_ROWS} 行："
                                                              f"第 {limits.MAX_ROWS} 行以下还有行。" + limits.TRIM_ROWS)])
        values = [_text(v) for v in row] + [""] * (width - len(row))
        if any(values):
            yield number, values


def _read_items(sheet, department, department_names, errors):
    items, seen = [], {}
    headers = dict((k, h) for h, k in ITEM_COLUMNS)
    for number, values in _rows(sheet, len(ITEM_COLUMNS)):
        raw = dict(zip([k for _h, k in ITEM_COLUMNS], values))

        def error(key, message, number=number):
            errors.append(RowError(ITEM_SHEET, number, headers[key], message))

        for key in REQUIRED_ITEM_KEYS:
            if not raw[key]:
                error(key, f"{headers[key]}不能为空。")
        item = {k: raw[k] for _h, k in ITEM_COLUMNS}
        item["code"] = raw["code"].upper()
        power_type = codes.type_from_label(raw["power_type"])
        if raw["power_type"] and power_type is None:
            error("power_type", f"权力类型“{raw['power_type']}”不存在，应为：{'、'.join(codes.POWER_TYPE_LABELS.values())}。")
        item["power_type"] = power_type
        if raw["code"]:
            try:
                codes.check_type(item["code"], power_type) if power_type else codes.parse(item["code"])
            except codes.CodeError as exc:
                error("code", str(exc))
            else:
                if item["code"] in seen:
                    error("code", f"事项编码 {item['code']} 与第{seen[item['code']]}行重复。")
                seen.setdefault(item["code"], number)
        if raw["department"]:
            if department_names is not None and raw["department"] not in department_names:
                error("department", f"部门“{raw['department']}”不存在，请填写部门全称。")
            elif department and raw["department"] != department:
                error("department", f"只能导入“{department}”的事项，本行为“{raw['department']}”。")
        if raw["level"] and raw["level"] not in LEVEL_BY_LABEL:
            error("level", f"实施层级“{raw['level']}”不正确，应为：{'、'.join(LEVELS.values())}。")
        item["level"] = LEVEL_BY_LABEL.get(raw["level"])
        for key in ("statutory_days", "promised_days"):
            item[key] = None
            if raw[key]:
                if re.fullmatch(r"\d{1,4}", raw[key]):
                    item[key] = int(raw[key])
                else:
                    error(key, f"“{raw[key]}”不是工作日数，请填写整数（如 20），没有时限的留空。")
        if item["statutory_days"] is not None and item["promised_days"] is not None \
                and item["promised_days"] > item["statutory_days"]:
            error("promised_days", f"承诺时限（{item['promised_days']}个工作日）不能长于法定时限（{item['statutory_days']}个工作日）。")
        if raw["complaint_phone"] and not PHONE_RE.match(raw["complaint_phone"]):
            error("complaint_phone", "电话号码格式不正确：只能包含数字、连字符和括号，例如 023-71422345。")
        yes_no = {"是": True, "否": False, "": None}
        if raw["involves_enterprises"] not in yes_no:
            error("involves_enterprises", "是否涉企只能填“是”或“否”。")
        item["involves_enterprises"] = yes_no.get(raw["involves_enterprises"])
        if power_type and power_type != "inspection":
            for key in ("inspection_content", "inspection_method", "involves_enterprises"):
                if raw[key]:
                    error(key, f"{headers[key]}只适用于行政检查事项。")
        item["_row"] = number
        items.append(item)
    # A sub-item needs its main item in the same list.
    for item in items:
        if codes.is_valid(item["code"]):
            parsed = codes.parse(item["code"])
            if parsed.is_sub_item and parsed.main_code not in seen:
                errors.append(RowError(ITEM_SHEET, item["_row"], "事项编码",
                                       f"子项 {item['code']} 的主项 {parsed.main_code} 不在本清单中。"))
    return items


def _read_children(sheet, key, columns, required, by_code, errors):
    all_columns = CHILD_PREFIX + columns
    headers = dict((k, h) for h, k in all_columns)
    for number, values in _rows(sheet, len(all_columns)):
        raw = dict(zip([k for _h, k in all_columns], values))
        ok = True
        code = raw["code"].upper()
        if not code:
            errors.append(RowError(sheet.title, number, "事项编码", "事项编码不能为空。"))
            ok = False
        elif code not in by_code:
            errors.append(RowError(sheet.title, number, "事项编码", f"事项编码 {code} 在「{ITEM_SHEET}」表中不存在。"))
            ok = False
        if not re.fullmatch(r"\d{1,4}", raw["order"]):
            errors.append(RowError(sheet.title, number, "序号", "序号应为正整数（如 1、2、3）。"))
            ok = False
        for req in required:
            if not raw[req]:
                errors.append(RowError(sheet.title, number, headers[req], f"{headers[req]}不能为空。"))
                ok = False
        if ok:
            by_code[code][key].append((int(raw["order"]), number, {k: raw[k] for _h, k in columns}))


def _text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


# -- writing --------------------------------------------------------------------

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="F6F4F2")
WRAP = Alignment(wrap_text=True, vertical="top")


def _sheet(workbook, title, headers, widths=None):
    sheet = workbook.create_sheet(title)
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
    for index, header in enumerate(headers):
        letter = sheet.cell(row=1, column=index + 1).column_letter
        sheet.column_dimensions[letter].width = (widths or {}).get(header, 16)
    sheet.freeze_panes = "A2"
    return sheet


def _item_values(item):
    """The item sheet's row of an item, as the user reads it."""
    row = []
    for _h, key in ITEM_COLUMNS:
        value = item.get(key)
        if key == "power_type":
            value = codes.POWER_TYPE_LABELS[value]
        elif key == "level":
            value = LEVELS[value]
        elif key == "involves_enterprises":
            value = YES_NO[value]
        row.append("" if value is None else value)
    return row


def _append(sheet, values):
    """Append a row in which text is always a string cell, never a formula
    (openpyxl takes any text starting with "=" for one). Text that Excel would
    turn into a formula when the cell is edited is also marked as text, as
    Excel marks text typed after a "'"."""
    cells = []
    for value in values:
        cell = Cell(sheet, value=value)
        if isinstance(value, str):
            cell.data_type = "s"
            if value.startswith(FORMULA_STARTS):
                cell.quotePrefix = True
        cells.append(cell)
    sheet.append(cells)


def write(items, with_instructions=False):
    """Workbook bytes for a list of canonical item data dicts."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    main = _sheet(workbook, ITEM_SHEET, [h for h, _k in ITEM_COLUMNS],
                  {"事项名称": 40, "收费依据": 30, "收费标准": 30, "检查内容": 40, "备注": 30})
    type_list = DataValidation(type="list", formula1='"' + ",".join(codes.POWER_TYPE_LABELS.values()) + '"',
                               allow_blank=False)
    level_list = DataValidation(type="list", formula1='"' + ",".join(LEVELS.values()) + '"', allow_blank=False)
    main.add_data_validation(type_list)
    main.add_data_validation(level_list)
    type_list.add("C2:C5000")
    level_list.add("E2:E5000")
    for item in items:
        _append(main, _item_values(item))
    for sheet_name, (key, columns, _req) in CHILD_SHEETS.items():
        sheet = _sheet(workbook, sheet_name, [h for h, _k in CHILD_PREFIX + columns],
                       {"条文内容": 60, "责任内容": 60, "追责情形": 50, "依据": 40, "追责依据": 40, "法律法规名称": 36})
        for item in items:
            for order, entry in enumerate(item.get(key) or [], 1):
                _append(sheet, [item["code"], order] + [entry.get(k, "") for _h, k in columns])
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = WRAP
    if with_instructions:
        notes = workbook.create_sheet("说明", 0)
        notes.column_dimensions["A"].width = 120
        for line in INSTRUCTIONS:
            notes.append([line])
        notes["A1"].font = Font(bold=True, size=14)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def template():
    return write([], with_instructions=True)


CSV_HEADERS = [h for h, _k in ITEM_COLUMNS] + ["设定依据", "责任事项", "追责情形"]


def write_csv(items):
    """CSV (UTF-8 with BOM, so Excel opens it correctly); ordered parts as numbered lines."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(CSV_HEADERS)
    for item in items:
        row = _item_values(item)
        row.append("\n".join(f"{n}. {b['law']}{b['article']}：{b['text']}" for n, b in enumerate(item["legal_bases"], 1)))
        row.append("\n".join(f"{n}. {s['step']}：{s['content']}" + (f"（依据：{s['basis']}）" if s["basis"] else "")
                             for n, s in enumerate(item["steps"], 1)))
        row.append("\n".join(f"{n}. {c['case']}" + (f"（依据：{c['basis']}）" if c["basis"] else "")
                             for n, c in enumerate(item["accountability"], 1)))
        writer.writerow([_csv_cell(value) for value in row])
    return out.getvalue().encode("utf-8")


def _csv_cell(value):
    """OWASP CSV injection rule: text a spreadsheet would take for a formula
    gets a leading "'". Text already starting with "'" gets one too, so that
    removing one leading "'" always gives the original text back."""
    if isinstance(value, str) and value.startswith((*FORMULA_STARTS, "'")):
        return "'" + value
    return value
