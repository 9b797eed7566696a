"""Policy level of issuing offices that are not departments of this site
(国务院, 财政部, …). The table is data: portal/data/issuer_levels.txt."""

from functools import cache
from pathlib import Path

from .taxonomies import POLICY_LEVELS

TABLE = Path(__file__).resolve().parent / "data" / "issuer_levels.txt"


@cache
def _levels():
    known, levels = dict(POLICY_LEVELS), {}
    for number, line in enumerate(TABLE.read_text(encoding="utf-8").splitlines(), start=1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        name, level = line.rsplit(maxsplit=1)
        if level not in known:
            raise ValueError(f"{TABLE.name} 第{number}行：未知的政策级别“{level}”")
        levels[name.strip()] = level
    return levels


def listed_level(name):
    """The level the table gives an issuing office, or "" when it is not listed."""
    return _levels().get(name, "")
