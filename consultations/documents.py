"""What consultations expose to search (the contract in search/documents.py):
one `consultation` document per live consultation, with its 征集状态 computed
at query time from the dates it carries (status.py)."""

from portal.models import Department
from search.documents import SearchDocument, Source
from search.facets import Facet

from . import status
from .models import ConsultationPage, live_consultations


def consultation_documents(page):
    if not page.live:
        return []
    draft = page.parsed_draft()
    body = "\n".join(filter(None, [draft.preamble, *(f"{a.label} {a.text}" for a in draft.articles)]))
    return [
        SearchDocument(
            id=f"consultation:{page.pk}",
            type="consultation",
            title=page.title,
            url=page.url,
            body=body,
            summary=page.summary,
            departments=[page.department.slug],
            published=page.opens,
            window_opens=page.opens,
            window_closes=page.closes,
            revised=page.feedback_date,
        )
    ]


SOURCES = [
    Source(
        model=ConsultationPage,
        types={"consultation": "意见征集"},
        facets=[Facet("consultation_status", "征集状态", rule=status.RULE, types=("consultation",),
                      badge=status.badge, order=92)],
        queryset=live_consultations,
        to_documents=consultation_documents,
        dependents=[(Department, lambda d: ConsultationPage.objects.filter(department=d))],
    ),
]
