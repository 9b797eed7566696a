"""Bulletins as searchable documents, with a type and a facet of their own."""

from search.documents import SearchDocument, Source
from search.facets import Facet

from .models import Bulletin


def bulletin_documents(bulletin):
    return [SearchDocument(id=f"bulletin:{bulletin.pk}", type="bulletin", title=bulletin.title,
                           url=f"/bulletins/{bulletin.pk}/", body=bulletin.body, genre=bulletin.kind)]


SOURCES = [
    Source(model=Bulletin, queryset=lambda: Bulletin.objects.all(), to_documents=bulletin_documents,
           types={"bulletin": "公告栏"},
           facets=[Facet("kind", "公告类别", "genre", lambda: [("notice", "通知公告"), ("outage", "停水停电")], order=150)]),
]
