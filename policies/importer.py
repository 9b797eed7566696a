"""Import policies from JSON Lines or .xlsx (the gov.cn export format).

Records are keyed by 发文字号: a record whose number (in any typed form)
matches a policy of the same issuing office updates it, otherwise a policy is
created and published. Everything is checked before anything is written, the
writes run in one transaction, and a dry run rolls that transaction back, so
the report of a dry run is exactly what a real run would do.

Columns (JSON keys or the header row of the first sheet):
  title, document_number, issuing_office (several joined by 、), index_number,
  topic (JSON list ["一级", "二级"], or "一级/二级" in a spreadsheet),
  written_date, publish_date (YYYY-MM-DD), body_html, source_url;
  optional: effective_date, expiry_date, summary, genre, level, disclosure
  (keys or Chinese labels of portal.taxonomies). Without a level, the
  issuing offices' 发文级别 (Department.level, else portal.issuers) decides.
"""

import datetime as dt
import hashlib
import json
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import DatabaseError
from wagtail.models import Page

from portal import docnumbers, issuers
from portal.models import ORG_CODE_RE, Department, Topic
from portal.permissions import ensure_editor_group
from portal.taxonomies import DISCLOSURE_CATEGORIES, GENRES, POLICY_LEVELS
from portal.text import pinyin_slug
from search import indexing

from . import rules
from .cleaning import clean_body
from .models import PolicyIndexPage, PolicyPage

FIELD_LABELS = {
    "title": "标题",
    "document_number": "发文字号",
    "issuing_office": "发文机关",
    "index_number": "索引号",
    "topic": "主题分类",
    "written_date": "成文日期",
    "publish_date": "发布日期",
    "effective_date": "施行日期",
    "expiry_date": "失效日期",
    "body_html": "正文",
    "genre": "公文种类",
    "level": "政策级别",
    "disclosure": "公开类别",
    "source_url": "来源网址",
    "summary": "摘要",
    "record": "记录",
    "file": "文件",
}
# Columns holding text (a JSON string or a spreadsheet text cell); topic aside.
TEXT_FIELDS = [
    "title", "document_number", "issuing_office", "index_number", "written_date", "publish_date",
    "effective_date", "expiry_date", "body_html", "source_url", "summary", "genre", "level", "disclosure",
]
# Rule fields of rules.py -> import columns.
RULE_FIELDS = {"published_date": "publish_date", "expiry_date": "expiry_date"}

# Title endings -> 公文种类, longest first ("实施细则" before "细则").
GENRE_BY_ENDING = [
    ("实施细则", "detailed_rules"), ("细则", "detailed_rules"), ("通知", "notice"), ("意见", "opinion"),
    ("办法", "measures"), ("决定", "decision"), ("批复", "reply"), ("通报", "circular"), ("公告", "announcement"),
    ("通告", "public_notice"), ("命令", "order"), ("报告", "report"), ("请示", "request"), ("函", "letter"),
    ("纪要", "minutes"), ("方案", "plan"), ("规划", "plan"), ("规定", "rules"), ("条例", "rules"),
]


class ImportFailed(Exception):
    def __init__(self, errors):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


@dataclass
class RecordError:
    line: int
    number: str
    field: str
    message: str

    def __str__(self):
        label = FIELD_LABELS.get(self.field, self.field)
        if not self.line:  # the file as a whole
            return f"【{label}】{self.message}"
        return f"第{self.line}行（发文字号：{self.number or '无'}）【{label}】{self.message}"


def _file_error(message):
    return ImportFailed([RecordError(0, "", "file", message)])


@dataclass
class Plan:
    line: int
    data: dict
    number: str = ""
    offices: list = field(default_factory=list)  # names, in file order
    topic: Topic | None = None
    existing: PolicyPage | None = None
    action: str = ""
    message: str = ""


# --------------------------------------------------------------------------
# Reading


def read_records(path):
    """[(line number, dict)] from a .jsonl or .xlsx file."""
    path = Path(path)
    if path.is_dir():
        raise _file_error(f"“{path}”是一个文件夹：请指定 .jsonl 或 .xlsx 文件。")
    if not path.is_file():
        raise _file_error(f"找不到文件“{path}”。")
    suffix = path.suffix.lower()
    try:
        if suffix in {".jsonl", ".json", ".ndjson"}:
            return _read_jsonl(path)
        if suffix == ".xlsx":
            return _read_xlsx(path)
    except PermissionError:
        raise _file_error(f"没有读取“{path}”的权限。") from None
    raise _file_error(f"不支持的文件类型“{suffix}”：请使用 .jsonl 或 .xlsx 文件。")


def _read_jsonl(path):
    records, errors = [], []
    with path.open("rb") as handle:
        for line_no, raw in enumerate(handle, start=1):
            try:
                line = raw.decode("utf-8-sig" if line_no == 1 else "utf-8")
            except UnicodeDecodeError:
                # One line is enough: the whole file is in another encoding.
                errors.append(RecordError(line_no, "", "record", "不是 UTF-8 编码的文字（文件可能是 GB18030/GBK 编码）：请另存为 UTF-8 后再导入。"))
                break
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except json.JSONDecodeError as exc:
                errors.append(RecordError(line_no, "", "record", f"不是有效的 JSON：{exc.msg}（第{exc.colno}列）。"))
                continue
            except RecursionError:
                errors.append(RecordError(line_no, "", "record", "JSON 嵌套层数过多，无法读取。"))
                continue
            except ValueError:  # e.g. an integer of more than 4300 digits
                errors.append(RecordError(line_no, "", "record", "不是有效的 JSON：含有无法读取的数值。"))
                continue
            if not isinstance(value, dict):
                errors.append(RecordError(line_no, "", "record", "每行必须是一个 JSON 对象。"))
                continue
            records.append((line_no, value))
    if errors:
        raise ImportFailed(errors)
    return records


def _read_xlsx(path):
    from openpyxl import load_workbook

    if not zipfile.is_zipfile(path):
        raise _file_error("不是有效的 .xlsx 文件（Excel 2007 及以后的格式）：请在 Excel 中另存为 .xlsx 后再导入。")
    try:
        sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
        return _sheet_records(sheet.iter_rows(values_only=True))
    except Exception:  # openpyxl raises many kinds of error for a damaged workbook
        raise _file_error("无法读取这个 .xlsx 文件：文件已损坏或不是 Excel 工作簿。") from None


def _sheet_records(rows):
    header = [str(h).strip() if h is not None else "" for h in next(rows, [])]
    records = []
    for row_no, row in enumerate(rows, start=2):
        if not any(v not in (None, "") for v in row):
            continue
        record = {}
        for key, value in zip(header, row):
            if not key:
                continue
            if isinstance(value, dt.datetime):
                value = value.date().isoformat()
            elif isinstance(value, dt.date):
                value = value.isoformat()
            record[key] = "" if value is None else value
        topic = record.get("topic")
        if isinstance(topic, str):
            topic = topic.strip()
            if topic.startswith("["):
                try:
                    record["topic"] = json.loads(topic)
                except (ValueError, RecursionError):
                    pass  # kept as text: check() says the topic does not exist
            else:
                record["topic"] = [t.strip() for t in re.split(r"\s*[/／>]\s*", topic) if t.strip()]
        records.append((row_no, record))
    return records


# --------------------------------------------------------------------------
# Checking


def _text(data, key):
    """A text column, once check() has made sure it is text."""
    value = data.get(key)
    return "" if value is None else value.strip()


def _shown(value, limit=40):
    return value if len(value) <= limit else value[:limit] + "…"


_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2})?)?")


def parse_date(text):
    """YYYY-MM-DD, optionally with a time of day (dropped); ValueError otherwise."""
    if not _DATE.fullmatch(text):
        raise ValueError(text)
    return dt.datetime.fromisoformat(text).date()


def _date(plan, key, errors, required=False):
    value = _text(plan.data, key)
    if not value:
        if required:
            errors.append(RecordError(plan.line, plan.number, key, "不能为空。"))
        return None
    try:
        return parse_date(value)
    except ValueError:
        errors.append(RecordError(plan.line, plan.number, key, f"“{_shown(value)}”不是有效日期：请写作 YYYY-MM-DD，如 2024-03-01。"))
        return None


def _kind(value):
    if isinstance(value, bool):
        return "真假值"
    if isinstance(value, (int, float)):
        return "数字"
    if isinstance(value, list):
        return "列表"
    if isinstance(value, dict):
        return "对象"
    return "其他类型的值"


def _type_errors(line, data):
    """Columns of the wrong type (a number, list or object where text is
    expected) or with a NUL character; the other checks read only records
    without any."""
    number = data.get("document_number") if isinstance(data.get("document_number"), str) else ""
    errors = []
    for key in TEXT_FIELDS:
        value = data.get(key)
        if value is not None and not isinstance(value, str):
            errors.append(RecordError(line, number, key, f"应为文字，不能是{_kind(value)}。"))
        elif value and "\x00" in value:  # PostgreSQL cannot store it
            errors.append(RecordError(line, number, key, "含有空字符（\\u0000），请删除后再导入。"))
    topic = data.get("topic")
    if topic is not None and not isinstance(topic, str) and not (
        isinstance(topic, list) and all(isinstance(t, str) for t in topic)
    ):
        errors.append(RecordError(line, number, "topic", "应为文字或文字的列表，如 [\"财政、金融、审计\", \"财政\"]。"))
    return errors


def _length_errors(plan):
    """Values longer than the PolicyPage or Department field they go to."""
    errors = []
    stored = {key: _text(plan.data, key) for key in ("title", "index_number", "source_url")}
    for key, value in {**stored, "document_number": plan.number}.items():
        limit = PolicyPage._meta.get_field(key).max_length
        if len(value) > limit:
            errors.append(RecordError(plan.line, plan.number, key, f"过长（{len(value)}字），不能超过{limit}字。"))
    limit = Department._meta.get_field("name").max_length
    for office in plan.offices:
        if len(office) > limit:
            errors.append(RecordError(plan.line, plan.number, "issuing_office",
                                      f"发文机关“{_shown(office)}”过长（{len(office)}字），不能超过{limit}字。"))
    url = _text(plan.data, "source_url")
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            errors.append(RecordError(plan.line, plan.number, "source_url", f"“{_shown(url)}”不是有效的网址（http:// 或 https:// 开头）。"))
    return errors


def _choice(plan, key, choices, default, errors):
    value = _text(plan.data, key)
    if not value:
        return default
    by_label = {v: k for k, v in choices}
    if value in dict(choices):
        return value
    if value in by_label:
        return by_label[value]
    allowed = "、".join(v for _, v in choices)
    errors.append(RecordError(plan.line, plan.number, key, f"“{value}”不是可选值：可选 {allowed}。"))
    return default


def infer_genre(title):
    for ending, genre in GENRE_BY_ENDING:
        if title.endswith(ending):
            return genre
    for ending, genre in GENRE_BY_ENDING:
        if ending in title[-8:]:
            return genre
    return "notice"


def _office_level(plan, errors):
    """The level the issuing offices' data gives: a department's 发文级别, else
    the table of portal.issuers; the highest of them for a joint document."""
    levels = {}
    for name in plan.offices:
        department = _find_department(name)
        levels[name] = (department.level if department else "") or issuers.listed_level(name)
    unknown = [name for name, level in levels.items() if not level]
    if unknown:
        errors.append(RecordError(
            plan.line, plan.number, "level",
            f"无法确定政策级别：发文机关“{'、'.join(unknown)}”没有设置发文级别。请在文件中填写政策级别（level 列），"
            "或在“基础数据 › 部门”中设置该部门的发文级别。",
        ))
        return None
    order = [key for key, _label in POLICY_LEVELS]  # national first
    return min(levels.values(), key=order.index, default=None)


def _find_topic(path):
    names = [str(n).strip() for n in (path or []) if str(n).strip()]
    if not names or len(names) > 2:
        return None
    root = Topic.objects.filter(parent__isnull=True, name=names[0]).first()
    if root is None or len(names) == 1:
        return root
    return Topic.objects.filter(parent=root, name=names[1]).first()


def _find_department(name):
    return Department.objects.filter(name=name).first() or Department.objects.filter(short_name=name).first()


def check(records):
    """Plans for every record, or ImportFailed listing every problem."""
    errors, plans, seen = [], [], {}
    for line, data in records:
        wrong_types = _type_errors(line, data)
        if wrong_types:
            errors += wrong_types
            continue
        plan = Plan(line=line, data=data)
        raw_number = _text(data, "document_number")
        plan.number = raw_number
        try:
            plan.number = docnumbers.normalise(raw_number)
        except docnumbers.NumberError as exc:
            errors.append(RecordError(line, raw_number, "document_number", str(exc)))
        title = _text(data, "title")
        if not title:
            errors.append(RecordError(line, plan.number, "title", "不能为空。"))
        plan.offices = [n.strip() for n in re.split(r"[、,，;；]", _text(data, "issuing_office")) if n.strip()]
        if not plan.offices:
            errors.append(RecordError(line, plan.number, "issuing_office", "不能为空。"))
        errors += _length_errors(plan)
        index_number = _text(data, "index_number")
        if index_number:
            try:
                docnumbers.parse_index_number(index_number)
            except docnumbers.NumberError as exc:
                errors.append(RecordError(line, plan.number, "index_number", str(exc)))
        missing = [n for n in plan.offices if _find_department(n) is None]
        if missing and not index_number:
            errors.append(RecordError(
                line, plan.number, "issuing_office",
                f"发文机关“{'、'.join(missing)}”不在部门列表中，且没有索引号可取组织机构代码：请先在“基础数据 › 部门”中添加。",
            ))
        plan.topic = _find_topic(data.get("topic") if isinstance(data.get("topic"), list) else [data.get("topic")])
        if plan.topic is None:
            errors.append(RecordError(
                line, plan.number, "topic", f"主题分类“{' / '.join(map(str, data.get('topic') or [])) or '空'}”不存在：请使用两级主题分类的名称。"
            ))
        written = _date(plan, "written_date", errors, required=True)
        published = _date(plan, "publish_date", errors) or written
        effective = _date(plan, "effective_date", errors)
        expiry = _date(plan, "expiry_date", errors)
        for key, messages in rules.policy_date_errors(written=written, published=published, effective=effective, expiry=expiry).items():
            for message in messages:
                errors.append(RecordError(line, plan.number, RULE_FIELDS.get(key, key), message))
        plan.data = dict(
            data, _written=written, _published=published, _effective=effective, _expiry=expiry,
            _genre=_choice(plan, "genre", GENRES, infer_genre(title), errors),
            _level=_choice(plan, "level", POLICY_LEVELS, None, errors) if _text(data, "level") else _office_level(plan, errors),
            _disclosure=_choice(plan, "disclosure", DISCLOSURE_CATEGORIES, "decision", errors),
        )
        if plan.number:
            for office in plan.offices:
                key = (plan.number, office)
                if key in seen:
                    errors.append(RecordError(line, plan.number, "document_number", f"与第{seen[key]}行的发文字号重复（同一发文机关）。"))
                    break
                seen[key] = line
            known = [d.pk for d in map(_find_department, plan.offices) if d]
            plan.existing = PolicyPage.duplicate_number(plan.number, known) if known else None
        if index_number:
            clash = PolicyPage.objects.filter(index_number=index_number)
            if plan.existing:
                clash = clash.exclude(pk=plan.existing.pk)
            if clash.exists():
                errors.append(RecordError(line, plan.number, "index_number", f"索引号“{index_number}”已被《{clash.first().title}》使用。"))
        plans.append(plan)
    if errors:
        raise ImportFailed(errors)
    return plans


# --------------------------------------------------------------------------
# Writing


def _org_code_for(name, index_number):
    """A national issuer's organisation code: the 索引号 prefix when free.

    gov.cn uses one publisher code (e.g. 000014349) for every State Council
    document, but Department.org_code is unique, so a second office meeting
    an already-used code gets a stable placeholder (ZZ + 6 digits + X) that
    the import report asks an administrator to correct."""
    code = index_number.split("/", 1)[0] if index_number else ""
    if code and ORG_CODE_RE.match(code) and not Department.objects.filter(org_code=code).exists():
        return code, False
    digest = int(hashlib.sha1(name.encode()).hexdigest(), 16)
    for attempt in range(100):
        candidate = f"ZZ{(digest + attempt) % 1_000_000:06d}X"
        if not Department.objects.filter(org_code=candidate).exists():
            return candidate, True
    raise RuntimeError("无法为新部门生成组织机构代码")


def _ensure_department(name, index_number, notes):
    existing = _find_department(name)
    if existing:
        return existing
    code, placeholder = _org_code_for(name, index_number)
    base = pinyin_slug(name, max_length=50)
    slug, n = base, 2
    while Department.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    last = Department.objects.order_by("-sort_order").first()
    short_name = name if len(name) <= Department._meta.get_field("short_name").max_length else ""
    dept = Department.objects.create(
        name=name, short_name=short_name, slug=slug, org_code=code, level=issuers.listed_level(name),
        sort_order=(last.sort_order + 10 if last else 0),
    )
    ensure_editor_group(dept)
    if placeholder:
        notes.append(f"新建部门“{name}”：索引号中的组织机构代码已被其他部门使用，暂用 {code}，请在“基础数据 › 部门”中核对。")
    else:
        notes.append(f"新建部门“{name}”，组织机构代码 {code}（取自索引号）。")
    return dept


def _unique_slug(parent, text):
    base = pinyin_slug(text, max_length=70)
    slug, n = base, 2
    siblings = set(parent.get_children().values_list("slug", flat=True))
    while slug in siblings:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _apply(plan, parent, notes):
    data = plan.data
    index_number = _text(data, "index_number")
    offices = [_ensure_department(name, index_number, notes) for name in plan.offices]
    page = plan.existing.specific if plan.existing else PolicyPage()
    values = dict(
        title=_text(data, "title"), document_number=plan.number,
        written_date=data["_written"], published_date=data["_published"],
        effective_date=data["_effective"], expiry_date=data["_expiry"], topic=plan.topic,
        genre=data["_genre"], level=data["_level"], disclosure=data["_disclosure"],
        body=clean_body(_text(data, "body_html")), source_url=_text(data, "source_url"),
    )
    if index_number:
        values["index_number"] = index_number
    if _text(data, "summary"):
        values["summary"] = _text(data, "summary")
    if plan.existing:
        same = all(getattr(page, k) == v for k, v in values.items())
        if same and {d.pk for d in page.issuing_offices.all()} == {d.pk for d in offices}:
            plan.action, plan.message = "unchanged", f"未变化《{page.title}》"
            return page
    for key, value in values.items():
        setattr(page, key, value)
    page.issuing_offices.set(offices)
    if plan.existing:
        page.save_revision().publish()
        plan.action, plan.message = "updated", f"已更新《{page.title}》"
    else:
        page.slug = _unique_slug(parent, plan.number or page.title)
        parent.add_child(instance=page)
        page.save_revision().publish()
        plan.action, plan.message = "created", f"已新建《{page.title}》（索引号 {page.index_number}）"
    return page


class _DryRun(Exception):
    pass


def import_file(path, *, dry_run=False, parent_slug="zhengce"):
    """Import a file. Returns (plans, notes); raises ImportFailed."""
    records = read_records(path)
    if not records:
        raise ImportFailed([RecordError(0, "", "record", "文件中没有任何记录。")])
    parent = PolicyIndexPage.objects.filter(slug=parent_slug).first()
    if parent is None:
        page = Page.objects.filter(slug=parent_slug).first()
        what = f"“{parent_slug}”不是政策文件库栏目" if page else f"找不到网址标识为“{parent_slug}”的政策文件库栏目"
        raise ImportFailed([RecordError(0, "", "record", f"{what}：请用 --parent 指定。")])
    notes = []
    try:
        with indexing.batch():
            plans = check(records)
            for plan in plans:
                _apply_or_fail(plan, parent, notes)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return plans, notes


def _apply_or_fail(plan, parent, notes):
    """_apply, with a refusal by the model or the database (which check()
    should have caught) reported like any other error; raising rolls back
    the whole import."""
    try:
        _apply(plan, parent, notes)
    except ValidationError as exc:
        messages = exc.message_dict if hasattr(exc, "error_dict") else {"record": exc.messages}
        fields = {key: RULE_FIELDS.get(key, key) for key in messages}
        raise ImportFailed([
            RecordError(plan.line, plan.number, fields[key] if fields[key] in FIELD_LABELS else "record", "；".join(texts))
            for key, texts in messages.items()
        ]) from None
    except DatabaseError as exc:
        raise ImportFailed([RecordError(plan.line, plan.number, "record", f"无法写入数据库：{exc}")]) from None
