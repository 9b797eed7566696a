"""The catalogue as a spreadsheet: CSV and XLSX with the same columns, text
never a formula (the power lists' writers, see powerlists/xlsx.py)."""

import csv
import io

from openpyxl import Workbook

from powerlists.xlsx import WRAP, _append, _csv_cell, _sheet

HEADERS = ["索引号", "名称", "类别", "内容概述", "生成日期", "公开主体", "网址"]
WIDTHS = {"索引号": 30, "名称": 50, "内容概述": 60, "公开主体": 30, "网址": 40}
# An export is one request's work: beyond this, filter and export in parts.
MAX_ROWS = 5000


def _values(entry, base_url):
    return [entry.index_number, entry.title, entry.kind_label, entry.summary,
            entry.date.isoformat() if entry.date else "", entry.publisher, base_url + entry.url]


def write_xlsx(entries, base_url):
    workbook = Workbook()
    workbook.remove(workbook.active)
    sheet = _sheet(workbook, "政府信息公开目录", HEADERS, WIDTHS)
    for entry in entries:
        _append(sheet, _values(entry, base_url))
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = WRAP
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def write_csv(entries, base_url):
    """UTF-8 with BOM, so Excel opens it correctly."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(HEADERS)
    for entry in entries:
        writer.writerow([_csv_cell(v) for v in _values(entry, base_url)])
    return out.getvalue().encode("utf-8")
