"""Judgment files: each query with the documents it must find. A file that
cannot be read, or a reference that names no document of the corpus (or
several), is an error naming the file, the query and the reference: a
judgment skipped in silence would flatter the figures."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
# The tuning set (search is tuned against it), the questions set (typed the
# way the public asks) and the held-out set (never tuned against).
SETS = {
    "tuning": HERE / "queries.json",
    "questions": HERE / "questions.json",
    "holdout": HERE / "questions_holdout.json",
}
# SearchDocument attributes a reference may name; several keys must all match.
KEYS = ("document_number", "url", "title", "code")


class JudgmentError(ValueError):
    pass


@dataclass(frozen=True)
class Judged:
    q: str
    kind: str  # task, question, colloquial, misspelling, citizen… ("" in the tuning set)
    relevant: frozenset  # document ids


def load(path, docs):
    """[Judged] for every query of the file at `path`, resolved against `docs`."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise JudgmentError(f"{path}：无法读取（{exc.strerror}）") from exc
    except json.JSONDecodeError as exc:
        raise JudgmentError(f"{path}：不是合法的 JSON（第 {exc.lineno} 行第 {exc.colno} 列：{exc.msg}）") from exc
    items = data.get("queries") if isinstance(data, dict) else None
    if not isinstance(items, list) or not items:
        raise JudgmentError(f"{path}：缺少非空的 queries 列表")
    index = _index(docs)
    out, seen = [], set()
    for n, item in enumerate(items, 1):
        q = item.get("q") if isinstance(item, dict) else None
        if not isinstance(q, str) or not q.strip():
            raise JudgmentError(f"{path.name} 第 {n} 条：缺少查询文字 q")
        where = f"{path.name} 第 {n} 条（{q}）"
        if q in seen:
            raise JudgmentError(f"{where}：查询重复")
        seen.add(q)
        refs = item.get("relevant")
        if not isinstance(refs, list) or not refs:
            raise JudgmentError(f"{where}：缺少非空的 relevant 列表")
        kind = item.get("kind", "")
        if not isinstance(kind, str):
            raise JudgmentError(f"{where}：kind 须为字符串")
        out.append(Judged(q, kind, frozenset(_resolve(ref, index, where) for ref in refs)))
    return out


def _index(docs):
    index = {key: defaultdict(set) for key in KEYS}
    for doc in docs:
        for key in KEYS:
            value = getattr(doc, key, None)
            if value:
                index[key][value].add(doc.id)
    return index


def _resolve(ref, index, where):
    shown = json.dumps(ref, ensure_ascii=False)
    if not isinstance(ref, dict) or not ref or set(ref) - set(KEYS) or not all(isinstance(v, str) for v in ref.values()):
        raise JudgmentError(f"{where}：文档须以 {'、'.join(KEYS)} 中的一项或几项（字符串）标识，而不是 {shown}")
    ids = set.intersection(*(index[key].get(value, set()) for key, value in ref.items()))
    if not ids:
        raise JudgmentError(f"{where}：语料中没有符合 {shown} 的文档（是否已运行 load_demo？）")
    if len(ids) > 1:
        raise JudgmentError(f"{where}：{shown} 对应 {len(ids)} 篇文档（{'、'.join(sorted(ids)[:5])}），请加一项区分")
    return ids.pop()
