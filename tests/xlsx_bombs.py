"""Spreadsheets made to cost a reader time or memory, built small in code
(for the tests and bench/xlsx_bomb.py)."""

import io
import re
import zipfile

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from powerlists import xlsx

LAST_ROW = 1_048_576  # Excel's last row
ITEM_PART = "xl/worksheets/sheet2.xml"  # 权力事项: the template's second sheet, after 说明


def row_bomb():
    """The import template with one cell in Excel's last row (about 9 KB).
    It declares its dimension as A1:N1048576."""
    workbook = load_workbook(io.BytesIO(xlsx.template()))
    workbook[xlsx.ITEM_SHEET].cell(LAST_ROW, 1, "XK00001000")
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def undeclared_row_bomb():
    """The same, declaring the header row as its whole dimension."""
    return rewrite(row_bomb(), ITEM_PART, lambda xml: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:N1"', xml))


def zip_bomb(padding_bytes):
    """The import template whose 权力事项 sheet ends in `padding_bytes` of
    spaces (valid XML), deflated about 1000:1."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx.template())) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            if info.filename != ITEM_PART:
                archive.writestr(info, source.read(info))
        with archive.open(ITEM_PART, "w", force_zip64=True) as part:
            part.write(source.read(ITEM_PART))
            chunk = b" " * (1024 * 1024)
            for _ in range(padding_bytes // len(chunk)):
                part.write(chunk)
    return out.getvalue()


def many_cells(rows, cells_per_row):
    """The import template with `rows` rows of `cells_per_row` empty cells
    appended to its 权力事项 sheet (compresses about 7:1)."""
    xml = "".join(f'<row r="{r}">' + "".join(f'<c r="{get_column_letter(c)}{r}"/>' for c in range(1, cells_per_row + 1))
                  + "</row>" for r in range(2, rows + 2))
    return rewrite(xlsx.template(), ITEM_PART, lambda part: part.replace(b"</sheetData>", xml.encode() + b"</sheetData>"))


def billion_laughs():
    """The import template whose 权力事项 sheet declares nested entities."""
    entities = '<!DOCTYPE worksheet [<!ENTITY a "哈哈哈哈哈哈哈哈哈哈">' + "".join(
        f'<!ENTITY {chr(98 + n)} "{("&" + chr(97 + n) + ";") * 10}">' for n in range(9)) + "]>"
    return rewrite(xlsx.template(), ITEM_PART,
                   lambda part: entities.encode() + part.replace(b"<t>", b"<t>&j;", 1))


def rewrite(data, name, change, add=None):
    """A copy of the zip `data` with part `name` passed through `change` and
    the parts of `add` (name: bytes) added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            content = source.read(info)
            archive.writestr(info, change(content) if info.filename == name else content)
        for added, content in (add or {}).items():
            archive.writestr(added, content)
    return out.getvalue()
