"""Demo content for policies/: index pages, editor permissions and the review
workflow, 南川区 policies with 惠企 measures (demo_data.py) and 惠民 measures
(demo_citizen.py, created after the business ones so those keep their ids)
and interpretations, and the 60 real State Council documents through the importer. Idempotent: pages are keyed by
slug, permissions and the workflow by name. Dates are relative to today, so
every window status and validity state appears whenever the demo is loaded.
"""

import datetime as dt
from pathlib import Path

from portal.daterules import today as district_today
from portal.models import Department, Qualification, Region, Topic
from search import aliases

from . import site
from .demo_citizen import CITIZEN_POLICIES
from .demo_data import INTERPRETATIONS, MUNICIPAL, POINTS, POLICIES
from .models import (
    GENRES,
    InterpretationIndexPage,
    InterpretationQA,
    PolicyChange,
    PolicyFAQ,
    PolicyIndexPage,
    PolicyInterpretationPage,
    PolicyPage,
    SupportMeasure,
)

# 60 real State Council documents (see fixtures/README.md).
REAL_FILE = Path(__file__).resolve().parent / "fixtures" / "govcn-state-council-policies.jsonl"
ALIASES_FILE = Path(__file__).resolve().parent / "demo_aliases.txt"


def load(log):
    library = PolicyIndexPage.objects.get(slug=site.LIBRARY_SLUG)
    interpretations = InterpretationIndexPage.objects.get(slug=site.INTERPRETATIONS_SLUG)
    _municipal_offices()
    created = _policies(library, POLICIES) + _policies(library, CITIZEN_POLICIES)
    n_interp = _interpretations(interpretations)
    imported = _import_real(log)
    _aliases(log)
    log(
        f"政策文件：{PolicyPage.objects.count()} 件（本次新建 {created}，导入国务院文件 {imported}），"
        f"惠企惠民事项 {SupportMeasure.objects.count()} 项，政策解读 {PolicyInterpretationPage.objects.count()} 篇（本次新建 {n_interp}）"
    )


def _aliases(log):
    table = aliases.read(ALIASES_FILE)
    filled = aliases.fill(PolicyPage.objects.all(), table) + aliases.fill(PolicyInterpretationPage.objects.all(), table)
    filled += aliases.fill(SupportMeasure.objects.select_related("page"), table, owner=lambda m: m.page)
    log(f"政策、解读和惠企事项别名：补充 {filled} 项")


def _municipal_offices():
    for order, (name, short, slug, code) in enumerate(MUNICIPAL):
        Department.objects.get_or_create(
            name=name, defaults=dict(short_name=short, slug=slug, org_code=code, level="municipal", sort_order=500 + order)
        )


# --------------------------------------------------------------------------
# District policies


def _dates(spec, today):
    """成文/发布/施行/失效 dates relative to today."""
    years_ago = -spec["year"]
    if "effective_in_days" in spec:
        written = today - dt.timedelta(days=12)
        effective = today + dt.timedelta(days=spec["effective_in_days"])
    else:
        days = 45 + spec["serial"] % 40 if years_ago == 0 else 365 * years_ago + spec["serial"] * 3 % 90
        written = today - dt.timedelta(days=days)
        effective = written + dt.timedelta(days=10)
    published = written + dt.timedelta(days=5)
    expiry = None
    if spec.get("expiry_years"):
        expiry = effective + dt.timedelta(days=365 * spec["expiry_years"] - 1)
    return written, published, effective, expiry


def _window(kind, today, effective, expiry):
    offsets = {
        "open": (-30, 75),
        "closing": (-40, 6),
        "upcoming": (12, 80),
        "closed": (-120, -10),
        "rolling": (None, None),
    }[kind]
    opens = today + dt.timedelta(days=offsets[0]) if offsets[0] is not None else effective
    closes = today + dt.timedelta(days=offsets[1]) if offsets[1] is not None else None
    opens = max(opens, effective)
    if expiry and closes:
        closes = min(closes, expiry)
    return opens, closes


def _body(spec, genre_label, effective, expiry, measures):
    root = spec["topic"].split("/")[0]
    points = [m["content"] for m in measures] or POINTS.get(root, POINTS["其他"])
    offices = "各镇人民政府、街道办事处，区政府各部门，有关单位："
    paragraphs = [
        f"<p>{offices}</p>",
        f"<p>为{spec['purpose']}，根据国家和重庆市有关规定，结合我区实际，制定本{genre_label}。</p>",
        "<h2>一、总体要求</h2>",
        "<p>坚持稳中求进工作总基调，坚持问题导向和目标导向，突出惠企利民，做到政策找得到、看得懂、用得着，"
        "推动各项措施落地见效。</p>",
        "<h2>二、主要措施</h2>",
    ]
    numerals = "一二三四五六七八九十"
    for i, point in enumerate(points):
        paragraphs.append(f"<p>（{numerals[i % 10]}）{point}</p>")
    paragraphs += [
        "<h2>三、保障措施</h2>",
        "<p>各牵头部门要细化工作方案，明确责任分工和时间节点；区财政局按规定保障所需资金；"
        "区政府督查室将政策落实情况纳入督查内容，定期通报进展。企业和群众对政策执行有意见建议的，可拨打12345政务服务便民热线反映。</p>",
    ]
    ending = f"本{genre_label}自{effective:%Y年%-m月%-d日}起施行"
    ending += f"，有效期至{expiry:%Y年%-m月%-d日}。" if expiry else "。"
    paragraphs.append(f"<p>{ending}</p>")
    return "".join(paragraphs)


# A person's conditions (SupportMeasure fields of the same names; None/empty = none).
PERSON_FIELDS = ("min_age", "max_age", "graduate_within_years", "min_children", "max_income_per_head")
PERSON_LISTS = ("employment", "person_groups", "disability_grades")
# Default 办事指南 (materials, how to apply) of a measure that states none.
GUIDE = {
    "enterprise": ("申请表；营业执照；相关证明材料（按申报通知要求提供）。",
                   "通过“渝快办”南川区惠企政策专区在线申报，或到南川区政务服务中心综合窗口办理。"),
    "person": ("申请表；身份证；相关证明材料（按申报通知要求提供）。",
               "携带申请材料到南川区政务服务中心综合窗口或户籍所在地镇街便民服务中心办理，也可通过“渝快办”在线申报。"),
    "automatic": ("", "免申即享：由主管部门根据已有数据直接兑现，无需申请。"),
}
GUIDE["both"] = GUIDE["person"]


def _policies(library, specs):
    today = district_today()
    by_slug = {d.slug: d for d in Department.objects.all()}
    topics = {(t.parent.name if t.parent_id else None, t.name): t for t in Topic.objects.select_related("parent")}
    regions = {r.name: r for r in Region.objects.all()}
    quals = {q.name: q for q in Qualification.objects.all()}
    genre_labels = dict(GENRES)
    existing = set(PolicyPage.objects.child_of(library).values_list("slug", flat=True))
    pages = {p.slug: p for p in PolicyPage.objects.child_of(library)}
    created = 0
    for spec in specs:
        slug = spec["key"]
        if slug in existing:
            continue
        written, published, effective, expiry = _dates(spec, today)
        root, _, child = spec["topic"].partition("/")
        topic = topics[(root, child)] if child else topics[(None, root)]
        genre_label = genre_labels[spec["genre"]]
        measures = spec.get("measures", [])
        page = PolicyPage(
            title=spec["title"], slug=slug, live=True,
            document_number=f"{spec['prefix']}〔{written.year}〕{spec['serial']}号",
            written_date=written, published_date=published,
            effective_date=effective if effective != published else None, expiry_date=expiry,
            topic=topic, genre=spec["genre"], level=spec.get("level", "district"),
            disclosure="service" if measures else "decision",
            summary=f"为{spec['purpose']}，{'明确' + str(len(measures)) + '项' + _kind(measures) + '的扶持标准、申报条件和办理方式' if measures else '提出主要任务和保障措施'}。",
            body=_body(spec, genre_label, effective, expiry, measures),
        )
        page.issuing_offices.set([by_slug[s] for s in spec["offices"]])
        for order, m in enumerate(measures):
            opens, closes = _window(m["window"], today, effective, expiry)
            audience = _audience(m)
            office = by_slug[m.get("office", spec["offices"][0])]
            guide = GUIDE["automatic" if m["mode"] == "automatic" else audience]
            measure = SupportMeasure(
                audience=audience, life_events=m.get("life_events", []), search_aliases=m.get("aliases", ""),
                residence=m.get("residence", ""), apply_url=m.get("apply_url", spec.get("apply_url", "")),
                **{f: m.get(f) for f in PERSON_FIELDS}, **{f: m.get(f, []) for f in PERSON_LISTS},
                sort_order=order, title=m["title"], support_type=m["support_type"], content=m["content"],
                amount_text=m.get("amount_text", ""), amount_cap=m.get("cap"),
                scales=m.get("scales", []), industries=m.get("industries", []),
                min_years=m.get("min_years"), max_years=m.get("max_years"),
                min_headcount=m.get("min_headcount"), max_headcount=m.get("max_headcount"),
                min_revenue=m.get("min_revenue"), max_revenue=m.get("max_revenue"),
                other_conditions=m.get("other", ""), delivery_mode=m["mode"],
                window_opens=opens, window_closes=closes,
                materials=m.get("materials", guide[0]),
                how_to_apply=m.get("how_to_apply") or spec.get("how_to_apply") or guide[1],
                contact=f"{office.name} {office.phone}",
            )
            measure.regions.set([regions[r] for r in m.get("regions", [])])
            measure.qualifications.set([quals[q] for q in m.get("quals", [])])
            page.measures.add(measure)
        for order, (question, answer) in enumerate(spec.get("faqs", [])):
            page.faqs.add(PolicyFAQ(sort_order=order, question=question, answer=answer))
        for order, (old_key, kind) in enumerate(spec.get("changes", [])):
            page.changes.add(PolicyChange(sort_order=order, old_policy=pages[old_key], kind=kind))
        library.add_child(instance=page)
        pages[slug] = page
        created += 1
    return created


def _audience(m):
    return m.get("audience") or ("person" if m.get("life_events") else "enterprise")


def _kind(measures):
    return "惠企事项" if all(_audience(m) == "enterprise" for m in measures) else "惠民事项"


def _interpretations(index):
    policies = {p.slug: p for p in PolicyPage.objects.all()}
    existing = set(PolicyInterpretationPage.objects.child_of(index).values_list("slug", flat=True))
    created = 0
    for n, (key, kind, title) in enumerate(INTERPRETATIONS, start=1):
        slug = f"{key}-{kind}-{n}"
        if slug in existing or key not in policies:
            continue
        policy = policies[key]
        measures = list(policy.measures.all())
        lead = policy.lead_office()
        lines = [f"{m.title}：{m.content}" for m in measures] or [policy.summary]
        body = (
            f"<h2>一、出台背景</h2><p>{policy.summary}为把政策讲清楚、讲明白，现就《{policy.title}》解读如下。</p>"
            "<h2>二、主要内容</h2>" + "".join(f"<p>{line}</p>" for line in lines)
            + "<h2>三、如何享受</h2><p>符合条件的企业可通过“渝快办”南川区惠企政策专区查询和申报；"
            f"免申即享事项由主管部门主动兑现。政策咨询：{lead.name}，电话 {lead.phone or '12345'}。</p>"
        )
        page = PolicyInterpretationPage(
            title=title, slug=slug, live=True, policy=policy, kind=kind, interpreter=lead,
            published_date=policy.published_date, summary=f"解读《{policy.title}》的出台背景、主要内容和申报方式。",
            body=body,
        )
        if kind == "graphic":
            page.image_alt = "\n".join(["图解要点："] + [f"{i}. {line}" for i, line in enumerate(lines, 1)])
        if kind == "video":
            page.video_url = f"https://video.nanchuan.example/jiedu/{slug}.mp4"
        if kind == "qa" or measures:
            for order, m in enumerate(measures[:3] or []):
                page.questions.add(InterpretationQA(
                    sort_order=order, question=f"哪些企业可以申请“{m.title}”？",
                    answer="；".join(m.condition_lines()) + f"。{m.delivery_mode_label}，申报时间以事项公布为准。",
                ))
            if not measures:
                page.questions.add(InterpretationQA(question="这份文件主要解决什么问题？", answer=policy.summary))
        index.add_child(instance=page)
        created += 1
    return created


def _import_real(log):
    from .importer import import_file

    plans, _ = import_file(REAL_FILE)
    return sum(p.action == "created" for p in plans)
