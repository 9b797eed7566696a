"""发文字号 and 索引号: the one home of their syntax, used by the policy
form and model (validation), the importer and search analysis.

发文字号 is written many ways: 区府发〔2024〕12号 (the standard, GB/T 9704
uses 六角括号), 区府发[2024]12号, 区府发［2024］12号, 区府发(2024)12号,
区府发2024年12号. Every form reduces to one canonical text (`str`) and one
search key (`key`); numbers without a year (国令第707号) keep their form.

索引号 is organisation code + "/" + year + "-" + five-digit serial, e.g.
000014349/2019-00007.
"""

import re
from dataclasses import dataclass

CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
OPEN = "〔［\\[（(【{〈<"
CLOSE = "〕］\\]）)】}〉>"
# ASCII digits only: \d would also take ٢ or ２ as a year.
_YEAR = rf"(?:[{OPEN}]\s*(?P<y1>(?:19|20)[0-9][0-9])\s*[{CLOSE}]|(?P<y2>(?:19|20)[0-9][0-9])\s*年)"
_SERIAL = r"\s*第?\s*(?P<serial>[0-9]{1,5})\s*号"

# A whole field: the prefix is anything up to the year.
_WHOLE_WITH_YEAR = re.compile(rf"^(?P<prefix>[^0-9{OPEN}]*?[^0-9\s{OPEN}])\s*{_YEAR}{_SERIAL}$")
_WHOLE_WITHOUT_YEAR = re.compile(r"^(?P<prefix>[^0-9]*?[^0-9\s])\s*第\s*(?P<serial>[0-9]{1,5})\s*号$")
# Inside running text (queries, bodies): the prefix is 1–12 Chinese characters.
_IN_TEXT_WITH_YEAR = re.compile(rf"(?P<prefix>[{CJK}]{{1,12}}?)\s*{_YEAR}{_SERIAL}")
_IN_TEXT_WITHOUT_YEAR = re.compile(rf"(?P<prefix>[{CJK}]{{1,12}}?)第(?P<serial>[0-9]{{1,5}})号")
# A year in any bracket, to rewrite as 〔year〕.
YEAR_IN_BRACKETS = re.compile(rf"[{OPEN}]\s*((?:19|20)[0-9][0-9])\s*[{CLOSE}]")

_INDEX = re.compile(r"^(?P<org>[0-9A-Z]{9}|[0-9A-Z]{18})/(?P<year>(?:19|20)[0-9][0-9])-(?P<serial>(?!00000)[0-9]{5})$")


class NumberError(ValueError):
    """The text is not a 发文字号 / 索引号; the message is for the user."""


@dataclass(frozen=True)
class DocumentNumber:
    prefix: str  # 发文机关代字 + 文种代字, e.g. 区府发
    year: int | None
    serial: int

    def __str__(self):
        if self.year is None:
            return f"{self.prefix}第{self.serial}号"
        return f"{self.prefix}〔{self.year}〕{self.serial}号"

    @property
    def key(self):
        """What search compares: the same for every written form."""
        return f"{self.prefix}{self.year}-{self.serial}" if self.year else f"{self.prefix}-{self.serial}"


def _number(prefix, match, has_year=True):
    year = (match["y1"] or match["y2"]) if has_year else None
    return DocumentNumber(prefix, int(year) if year else None, int(match["serial"]))


def parse_document_number(text):
    value = re.sub(r"\s+", "", (text or "").strip())
    if not value:
        raise NumberError("发文字号不能为空。")
    match = _WHOLE_WITH_YEAR.match(value)
    if match:
        return _number(match["prefix"], match)
    match = _WHOLE_WITHOUT_YEAR.match(value)
    if match:
        return _number(match["prefix"], match, has_year=False)
    raise NumberError(
        f"发文字号“{text}”格式不正确：应为“机关代字〔年份〕序号号”，如 区府发〔2024〕12号，"
        "也可写作 区府发[2024]12号 或 区府发2024年12号；无年份的写作 国令第707号。"
    )


def normalise(text):
    return str(parse_document_number(text))


def find_in_text(text):
    """[(span, prefix, match-derived DocumentNumber)] for every 发文字号 in
    running text; the prefix may carry words before the 机关代字 (根据国发…),
    so callers may try its suffixes. Numbers with a year are found first."""
    found = []
    for regex, has_year in ((_IN_TEXT_WITH_YEAR, True), (_IN_TEXT_WITHOUT_YEAR, False)):
        for m in regex.finditer(text):
            if any(s <= m.start() < e for (s, e), _n in found):
                continue
            found.append(((m.start(), m.end()), _number(m["prefix"], m, has_year)))
    return found


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
