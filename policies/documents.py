"""What policies/ exposes to search (the contract in search/documents.py).

A policy yields a `policy` document and one `measure` document per support
measure (its url is the measure's anchor on the policy page); an
interpretation yields an `interpretation` document. Validity and window
status are not stored: the dates they derive from are.
"""

from portal import taxonomies
from portal.models import Department, Qualification, Region, Topic
from search.documents import SearchDocument, Source, parse_aliases
from search.facets import Facet

from . import validity, windows
from .cleaning import plain_text
from .models import PolicyChange, PolicyInterpretationPage, PolicyPage, SupportMeasure


def policy_queryset():
    return (
        PolicyPage.objects.live().public()
        .select_related("topic", "topic__parent")
        .prefetch_related("issuing_offices", "measures__regions", "measures__qualifications")
    )


def _policy_fields(page):
    repealed, revised = page.supersession_dates()
    return dict(
        departments=[d.slug for d in page.offices()],
        topics=page.topic_slugs(),
        genre=page.genre,
        level=page.level,
        disclosure=page.disclosure,
        published=page.published_date,
        effective=page.starts_on,
        expiry=page.expiry_date,
        repealed=repealed,
        revised=revised,
    )


def _audiences(measure):
    """惠企 and/or 惠民: a measure for both is found under each."""
    return ["enterprise", "person"] if measure.audience == "both" else [measure.audience]


def policy_documents(page):
    if not page.live:
        return []
    common = _policy_fields(page)
    measures = list(page.measures.all())
    docs = [
        SearchDocument(
            id=f"policy:{page.pk}",
            type="policy",
            title=page.title,
            url=page.url,
            aliases=parse_aliases(page.search_aliases),
            body=plain_text(page.body),
            summary=page.summary,
            document_number=page.document_number,
            index_number=page.index_number,
            # a policy is 惠企/惠民 through its measures
            audiences=sorted({a for m in measures for a in _audiences(m)}),
            life_events=sorted({e for m in measures for e in m.life_events}),
            **common,
        )
    ]
    for measure in measures:
        conditions = "；".join(measure.condition_lines())
        docs.append(
            SearchDocument(
                id=f"measure:{page.pk}:{measure.pk}",
                type="measure",
                title=measure.title,
                url=f"{page.url}#{measure.anchor}",
                aliases=parse_aliases(measure.search_aliases),
                body="\n".join(filter(None, [measure.content, measure.amount_text, conditions, measure.materials, measure.how_to_apply])),
                summary=f"{measure.support_type_label}·{measure.delivery_mode_label}：{measure.content[:120]}",
                document_number=page.document_number,
                index_number=page.index_number,
                own_numbers=False,
                scales=list(measure.scales),
                industries=list(measure.industries),
                regions=[r.slug for r in measure.regions.all()],
                audiences=_audiences(measure),
                life_events=list(measure.life_events),
                window_opens=measure.window_opens,
                window_closes=measure.window_closes,
                **common,
            )
        )
    return docs


def interpretation_queryset():
    return (
        PolicyInterpretationPage.objects.live().public()
        .filter(policy__live=True)
        .select_related("policy", "policy__topic", "policy__topic__parent", "interpreter")
    )


def interpretation_documents(page):
    if not page.live or not page.policy.live:
        return []
    policy = page.policy
    qa = "\n".join(f"{q.question} {q.answer}" for q in page.questions.all())
    departments = [d.slug for d in policy.offices()]
    if page.interpreter and page.interpreter.slug not in departments:
        departments.append(page.interpreter.slug)
    return [
        SearchDocument(
            id=f"interpretation:{page.pk}",
            type="interpretation",
            title=page.title,
            url=page.url,
            aliases=parse_aliases(page.search_aliases),
            body="\n".join(filter(None, [plain_text(page.body), page.image_alt, qa])),
            summary=page.summary,
            document_number=policy.document_number,
            own_numbers=False,
            departments=departments,
            topics=policy.topic_slugs(),
            genre=policy.genre,
            level=policy.level,
            disclosure=policy.disclosure,
            published=page.published_date,
        )
    ]


def _policies_of_department(department):
    return PolicyPage.objects.filter(issuing_offices=department)


def _policies_of_topic(topic):
    return PolicyPage.objects.filter(topic__in=[topic, *topic.children.all()])


def _policies_with_region(region):
    return PolicyPage.objects.filter(measures__regions=region).distinct()


def _policies_with_qualification(qualification):
    return PolicyPage.objects.filter(measures__qualifications=qualification).distinct()


def _policies_of_change(change):
    # A repeal/revision link changes the old policy's validity inputs.
    return [change.old_policy, change.page]


AUDIENCE_FACET = [("enterprise", "惠企（企业）"), ("person", "惠民（个人和家庭）")]

FACETS = [
    Facet("genre", "公文种类", "genre", lambda: taxonomies.GENRES, order=50),
    Facet("level", "政策级别", "level", lambda: taxonomies.POLICY_LEVELS, order=60),
    Facet("disclosure", "公开类别", "disclosure", lambda: taxonomies.DISCLOSURE_CATEGORIES, order=70),
    Facet("validity", "有效性", rule=validity.RULE, types=("policy", "interpretation", "measure"), order=80),
    Facet("status", "申报状态", rule=windows.RULE, types=("measure",), badge=windows.badge, order=90),
    Facet("audience", "惠企惠民", "audiences", lambda: AUDIENCE_FACET, order=85),
    Facet("life_event", "人生事件", "life_events", lambda: taxonomies.LIFE_EVENTS, order=95),
    Facet("scale", "企业规模", "scales", lambda: taxonomies.ENTERPRISE_SCALES, order=110),
    Facet("industry", "行业", "industries", lambda: taxonomies.INDUSTRIES, order=120),
]

SOURCES = [
    Source(
        model=PolicyPage,
        types={"policy": "政策文件", "measure": "惠企惠民事项"},
        facets=FACETS,
        queryset=policy_queryset,
        to_documents=policy_documents,
        dependents=[
            (Department, _policies_of_department),
            (Topic, _policies_of_topic),
            (Region, _policies_with_region),
            (Qualification, _policies_with_qualification),
            (PolicyChange, _policies_of_change),
            (SupportMeasure, lambda measure: [measure.page]),
        ],
    ),
    Source(
        model=PolicyInterpretationPage,
        types={"interpretation": "政策解读"},
        queryset=interpretation_queryset,
        to_documents=interpretation_documents,
        dependents=[
            (PolicyPage, lambda policy: policy.interpretations.all()),
            (Department, lambda d: PolicyInterpretationPage.objects.filter(policy__issuing_offices=d)),
        ],
    ),
]
