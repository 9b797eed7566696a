"""发文字号 and 索引号.

发文字号 is written many ways: 南川府发〔2024〕12号 (the standard, GB/T 9704
uses 六角括号), 南川府发[2024]12号, 南川府发［2024］12号, 南川府发(2024)12号,
南川府发2024年12号. `normalise` turns every form into the standard one so
uniqueness checks and search compare like with like; numbers without a year
(国令第707号) are kept as they are.

索引号 is organisation code + "/" + year + "-" + five-digit serial, e.g.
000014349/2019-00007.
"""

import re
from dataclasses import dataclass

_BRACKETS = "〔［\\[（(【{"
_CLOSERS = "〕］\\]）)】}"
_WITH_YEAR = re.compile(
    rf"^(?P<prefix>[^\d〔［\[（(【{{]*?[^\d\s〔［\[（(【{{])\s*"
    rf"(?:[{_BRACKETS}]\s*(?P<y1>(?:19|20)\d\d)\s*[{_CLOSERS}]|(?P<y2>(?:19|20)\d\d)\s*年)"
    r"\s*第?\s*(?P<serial>\d{1,5})\s*号$"
)
_WITHOUT_YEAR = re.compile(r"^(?P<prefix>[^\d]*?[^\d\s])\s*第\s*(?P<serial>\d{1,5})\s*号$")
_INDEX = re.compile(r"^(?P<org>[0-9A-Z]{9}|[0-9A-Z]{18})/(?P<year>(?:19|20)\d\d)-(?P<serial>\d{5})$")


class NumberError(ValueError):
    """The text is not a 发文字号 / 索引号; the message is for the user."""


@dataclass(frozen=True)
class DocumentNumber:
    prefix: str  # 发文机关代字 + 文种代字, e.g. 南川府发
    year: int | None
    serial: int

    def __str__(self):
        if self.year is None:
            return f"{self.prefix}第{self.serial}号"
        return f"{self.prefix}〔{self.year}〕{self.serial}号"

    def variants(self):
        """The forms people type, for search (DESIGN.md §4)."""
        if self.year is None:
            return [str(self)]
        p, y, n = self.prefix, self.year, self.serial
        return [f"{p}〔{y}〕{n}号", f"{p}[{y}]{n}号", f"{p}［{y}］{n}号", f"{p}({y}){n}号", f"{p}（{y}）{n}号", f"{p}{y}年{n}号"]


def parse_document_number(text):
    value = re.sub(r"\s+", "", (text or "").strip())
    if not value:
        raise NumberError("发文字号不能为空。")
    match = _WITH_YEAR.match(value)
    if match:
        year = int(match["y1"] or match["y2"])
        return DocumentNumber(match["prefix"], year, int(match["serial"]))
    match = _WITHOUT_YEAR.match(value)
    if match:
        return DocumentNumber(match["prefix"], None, int(match["serial"]))
    raise NumberError(
        f"发文字号“{text}”格式不正确：应为“机关代字〔年份〕序号号”，如 南川府发〔2024〕12号，"
        "也可写作 南川府发[2024]12号 或 南川府发2024年12号；无年份的写作 国令第707号。"
    )


def normalise(text):
    return str(parse_document_number(text))


def make_index_number(org_code, year, serial):
    if not 0 < serial < 100000:
        raise NumberError(f"索引号序号必须在 1 到 99999 之间（收到 {serial}）。")
    return f"{org_code}/{year}-{serial:05d}"


def parse_index_number(text):
    match = _INDEX.match((text or "").strip())
    if not match:
        raise NumberError(f"索引号“{text}”格式不正确：应为“组织机构代码/年份-五位序号”，如 000014349/2019-00007。")
    return match["org"], int(match["year"]), int(match["serial"])


def next_index_number(org_code, year, existing):
    """The next free 索引号 for an organisation and year, given the index
    numbers already in use (any organisation's; others are ignored)."""
    used = [0]
    for number in existing:
        try:
            org, y, serial = parse_index_number(number)
        except NumberError:
            continue
        if org == org_code and y == year:
            used.append(serial)
    return make_index_number(org_code, year, max(used) + 1)
