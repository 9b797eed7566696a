"""The telephone number in a measure's contact text (咨询电话及联系人), for a
`tel:` link. Editors write it as they like: 区人社局 023-71422345、
（023）7142 2345、138-0000-0000、12345热线; the first number found wins.
"""

import re
from dataclasses import dataclass

_NUMBER = re.compile(
    r"(?<![\d\-])(?:"
    r"(?:\(0\d{2,3}\)|0\d{2,3})[- ]?\d{3,4}[- ]?\d{4}"  # 023-71422345, (023)7142 2345
    r"|1[3-9]\d[- ]?\d{4}[- ]?\d{4}"  # mobile 138-0000-0000
    r"|[48]00[- ]?\d{3}[- ]?\d{4}"  # 400-810-8888
    r"|[2-9]\d{2,3}[- ]?\d{4}"  # local 7142 2345, 714-2345
    r"|1\d{4}"  # service lines: 12345, 12366
    r")(?![\d\-])",
    re.ASCII,  # \d is 0-9 only: other scripts' digits are not dialled
)


# Full-width digits, brackets, dashes and spaces read as their ASCII forms;
# one character for one, so the text around the number is kept as written.
_HALF = str.maketrans({**{chr(0xFF10 + i): str(i) for i in range(10)}, "（": "(", "）": ")", "\u3000": " ",
                       **{c: "-" for c in "‐‑‒–—―−－"}})


@dataclass(frozen=True)
class Phone:
    text: str  # the number as written (full-width made half-width)
    uri: str  # tel:02371422345
    before: str = ""  # the contact text around it, to show it in place
    after: str = ""

    @property
    def digits(self):
        return self.uri.removeprefix("tel:")


def find_phone(text):
    """The first telephone number in `text`, or None."""
    text = text or ""
    normal = text.translate(_HALF)
    match = _NUMBER.search(normal)
    if match is None:
        return None
    number = match.group(0)
    return Phone(number, "tel:" + re.sub(r"[^0-9]", "", number), text[: match.start()], text[match.end() :])
