"""事项编码 (power item codes): 2-letter type code + 5-digit main number +
3-digit sub number ("000" for a main item), e.g. XK00012000 / XK00012001.

Pure functions, no Django: used by models, the Excel import and the API.
"""

import re
from dataclasses import dataclass

# key, type code, label. The nine named categories + 其他行政权力 ("9+X"),
# and 公共服务事项 as an extra kind. Data, not code: add a kind here.
POWER_TYPES = [
    ("licensing", "XK", "行政许可"),
    ("penalty", "CF", "行政处罚"),
    ("coercion", "QZ", "行政强制"),
    ("levy", "ZS", "行政征收"),
    ("payment", "JF", "行政给付"),
    ("inspection", "JC", "行政检查"),
    ("confirmation", "QR", "行政确认"),
    ("reward", "JL", "行政奖励"),
    ("adjudication", "CJ", "行政裁决"),
    ("other", "QT", "其他行政权力"),
    ("public_service", "GG", "公共服务事项"),
]
POWER_TYPE_CHOICES = [(key, label) for key, _code, label in POWER_TYPES]
POWER_TYPE_LABELS = dict(POWER_TYPE_CHOICES)
TYPE_BY_CODE = {code: key for key, code, _label in POWER_TYPES}
CODE_BY_TYPE = {key: code for key, code, _label in POWER_TYPES}
TYPE_BY_LABEL = {label: key for key, _code, label in POWER_TYPES}
# The ten administrative-power categories ("9+X"), without 公共服务事项.
ADMINISTRATIVE_POWER_TYPES = [key for key, _c, _l in POWER_TYPES if key != "public_service"]

# 实施层级, from the highest level down: moving an item down is 下放.
LEVELS = [("city", "市级"), ("district", "区县级"), ("town", "乡镇（街道）")]
LEVEL_LABELS = dict(LEVELS)
LEVEL_RANK = {key: rank for rank, (key, _label) in enumerate(LEVELS)}

MAIN_SUFFIX = "000"
# ASCII only: \d would also take ２ or ٢, and "$" a trailing newline.
CODE_RE = re.compile(r"([A-Z]{2})([0-9]{5})([0-9]{3})", re.ASCII)


class CodeError(ValueError):
    """A code that is not a valid 事项编码; the message is for the public."""


@dataclass(frozen=True)
class ItemCode:
    type_code: str
    main: str
    sub: str

    @property
    def power_type(self):
        return TYPE_BY_CODE[self.type_code]

    @property
    def is_sub_item(self):
        return self.sub != MAIN_SUFFIX

    @property
    def main_code(self):
        """The code of the main item (itself for a main item)."""
        return f"{self.type_code}{self.main}{MAIN_SUFFIX}"

    def __str__(self):
        return f"{self.type_code}{self.main}{self.sub}"


def parse(value):
    """Parse a code; raises CodeError with a Chinese message when invalid."""
    text = (value or "").strip()
    if not text:
        raise CodeError("事项编码不能为空。")
    # upper() only after the ASCII check: "ſ".upper() is "S".
    match = CODE_RE.fullmatch(text.upper()) if text.isascii() else None
    if not match:
        raise CodeError(
            f"事项编码“{value}”格式不正确：应为2位类型字母+5位主项编号+3位子项编号（无子项时为000），例如 XK00012000。"
        )
    type_code, main, sub = match.groups()
    if type_code not in TYPE_BY_CODE:
        known = "、".join(f"{c}（{label}）" for _k, c, label in POWER_TYPES)
        raise CodeError(f"事项编码“{value}”的类型字母“{type_code}”不存在，可用的有：{known}。")
    if main == "00000":
        raise CodeError(f"事项编码“{value}”的主项编号不能为00000。")
    return ItemCode(type_code, main, sub)


def is_valid(value):
    try:
        parse(value)
    except CodeError:
        return False
    return True


def check_type(code, power_type):
    """Raise CodeError unless the code's type letters match the power type."""
    parsed = parse(code)
    if parsed.power_type != power_type:
        raise CodeError(
            f"事项编码“{code}”的类型字母“{parsed.type_code}”表示{POWER_TYPE_LABELS[parsed.power_type]}，"
            f"与权力类型“{POWER_TYPE_LABELS.get(power_type, power_type)}”不一致，应以“{CODE_BY_TYPE.get(power_type, '??')}”开头。"
        )
    return parsed


def make(power_type, main, sub=0):
    """Build a code from a power type key and numbers: make("licensing", 12) -> XK00012000."""
    if power_type not in CODE_BY_TYPE:
        raise CodeError(f"未知的权力类型“{power_type}”。")
    if not (0 < int(main) < 100000 and 0 <= int(sub) < 1000):
        raise CodeError("主项编号应为1–99999，子项编号应为0–999。")
    return f"{CODE_BY_TYPE[power_type]}{int(main):05d}{int(sub):03d}"


def type_from_label(label):
    """权力类型 as written in a spreadsheet (行政许可) -> key, or None."""
    return TYPE_BY_LABEL.get((label or "").strip())
