"""What an uploaded .xlsx may cost, and the check made before it is parsed.

An .xlsx is a zip of XML parts. Before openpyxl reads anything, the zip's
central directory is checked: the workbook's parts must be there, and the
inflated sizes it declares must stay within the limits below (zipfile never
inflates a part beyond its declared size, so the declared sizes bound the
real ones). Then every XML part is inflated and parsed once, in chunks, only
counting elements: openpyxl keeps an (emptied) element per row while it
streams a sheet, a dict per cell of the current row and every shared string,
so these counts are what bound its memory. Sheets are then streamed (openpyxl
read_only) and a sheet whose declared dimension or row numbers go past
MAX_ROWS is refused (xlsx.py).

A department's list of 2,000 items with six responsibility steps each is
about 600 KB zipped, 13 MB inflated, 380,000 XML elements and 12,000 rows
in its largest sheet.
"""

import io
import zipfile
from xml.parsers import expat

MAX_FILE_BYTES = 5 * 1024 * 1024  # the file as uploaded
MAX_UNPACKED_BYTES = 50 * 1024 * 1024  # all parts inflated
MAX_RATIO = 100  # inflated / compressed size of one part (Apache POI's default)
RATIO_GRACE_BYTES = 100 * 1024  # parts this small may compress better (as in POI)
MAX_XML_ELEMENTS = 1_000_000  # in all parts together
MAX_ROWS = 20_000  # rows of one sheet, header included
MAX_CELLS_PER_ROW = 16_384  # Excel's own column limit
CHUNK_BYTES = 1024 * 1024  # inflated at a time while counting elements
XML_PARTS = (".xml", ".rels")  # the parts openpyxl may parse
REQUIRED_PARTS = ("[Content_Types].xml", "xl/workbook.xml")

SAVE_AS_XLSX = "请使用从系统下载的导入模板，并在 Excel 或 WPS 中另存为“Excel 工作簿（*.xlsx）”后重新导入。"
NOT_XLSX = "文件不是有效的 Excel（.xlsx）文件，" + SAVE_AS_XLSX
TRIM_ROWS = "请删除表格末尾多余的行（包括只设置了格式的空行）后重新导入。"


class Refused(Exception):
    """The file is not an .xlsx, or reading it would cost too much (message in Chinese)."""


def _mb(size):
    return f"{size / 1024 / 1024:.1f} MB"


def check_archive(stream):
    """Raise Refused unless `stream` (a seekable binary file) is a zip holding
    an Excel workbook within the limits. Leaves the stream at its start."""
    stream.seek(0, io.SEEK_END)
    size = stream.tell()
    stream.seek(0)
    if size > MAX_FILE_BYTES:
        raise Refused(f"文件大小为 {_mb(size)}，超过上限 {_mb(MAX_FILE_BYTES)}。")
    try:
        with zipfile.ZipFile(stream) as archive:
            _check_parts(archive.infolist())
            _check_elements(archive)
    except Refused:
        raise
    except Exception as exc:  # a zip that can't be listed or inflated (corrupt, encrypted, ...)
        raise Refused(NOT_XLSX) from exc
    finally:
        stream.seek(0)


def _check_parts(parts):
    names = {part.filename for part in parts}
    missing = [name for name in REQUIRED_PARTS if name not in names]
    if missing:
        raise Refused(f"文件是 zip 压缩包，但不是 Excel 工作簿（缺少 {'、'.join(missing)}）。" + SAVE_AS_XLSX)
    unpacked = sum(part.file_size for part in parts)
    if unpacked > MAX_UNPACKED_BYTES:
        raise Refused(f"文件解压后为 {_mb(unpacked)}，超过上限 {_mb(MAX_UNPACKED_BYTES)}，疑似压缩炸弹，已拒绝读取。")
    for part in parts:
        ratio = part.file_size / max(part.compress_size, 1)
        if part.file_size > RATIO_GRACE_BYTES and ratio > MAX_RATIO:
            raise Refused(f"文件中有内容的压缩比异常（{ratio:.0f}:1，上限 {MAX_RATIO}:1），疑似压缩炸弹，已拒绝读取。")


def _check_elements(archive):
    """Stream every XML part through expat once: constant memory, no DTDs."""
    counts = _Counts()
    for part in archive.infolist():
        if not part.filename.endswith(XML_PARTS):
            continue  # images, printer settings, macros: openpyxl does not parse them
        counts.rows = counts.cells = 0
        parser = expat.ParserCreate(namespace_separator=" ")
        parser.StartElementHandler = counts.start
        parser.StartDoctypeDeclHandler = _no_dtd  # an .xlsx has none; entity tricks start there
        with archive.open(part) as inflated:
            while chunk := inflated.read(CHUNK_BYTES):
                parser.Parse(chunk, False)
        parser.Parse(b"", True)


class _Counts:
    """Elements of the whole file; rows of the current part, cells of the current row."""

    def __init__(self):
        self.elements = self.rows = self.cells = 0

    def start(self, name, _attributes):
        self.elements += 1
        if self.elements > MAX_XML_ELEMENTS:
            raise Refused(f"文件内容过于庞大（XML 元素超过 {MAX_XML_ELEMENTS:,} 个），已拒绝读取。"
                          "请删除多余的行、列和格式后重新导入。")
        local = name.rpartition(" ")[2]
        if local == "row":
            self.rows, self.cells = self.rows + 1, 0
            if self.rows > MAX_ROWS:
                raise Refused(f"文件中有工作表超过上限 {MAX_ROWS} 行，" + TRIM_ROWS)
        elif local == "c":
            self.cells += 1
            if self.cells > MAX_CELLS_PER_ROW:
                raise Refused(f"文件中有一行超过 {MAX_CELLS_PER_ROW} 个单元格（Excel 的列数上限），不是有效的工作表。")


def _no_dtd(*_args):
    raise Refused(NOT_XLSX)
