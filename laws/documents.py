"""What the law library exposes to search (search/documents.py): each law
and each article, type 法律法规, facets 法律部门 and 时效性.

An article is known by its citation (食品安全法第三十五条, 食品安全法第35条)
as an alias, so a query containing the citation ranks it first; versions
not in force rank below the one in force. Articles are a source of their
own so that the importer can index them in small transactions.
"""

from search.documents import SearchDocument, Source
from search.facets import Facet, cached

from .models import STATUSES, Article, Law

# National laws match many everyday queries by their titles (职业教育 → 职业教育法):
# they rank below the district's own documents, which answer those queries, and
# versions not in force below the version in force. A citation still finds its
# article first through its alias.
BOOST = 0.3
OLD_VERSION_BOOST = 0.15
SUMMARY_CHARS = 120


@cached
def _law_categories():
    return [(c, c) for c in Law.objects.exclude(category="").order_by("category")
            .values_list("category", flat=True).distinct()]


def _common(law):
    return dict(type="law", category=law.category, state=law.status, published=law.publish_date,
                effective=law.effective_date, boost=BOOST if law.status == "in_force" else OLD_VERSION_BOOST)


def law_documents(law):
    chapters = dict.fromkeys(law.articles.exclude(chapter__in=["", "全文"]).values_list("chapter", flat=True))
    return [SearchDocument(
        id=f"law:{law.pk}", title=law.title, url=law.get_absolute_url(),
        aliases=[law.short_title] if law.short_title != law.title else [], body="\n".join(chapters),
        summary=f"{law.issuer} · {law.category} · {law.get_status_display()} · 公布日期 {law.publish_date or '—'}",
        **_common(law),
    )]


def article_documents(art):
    law = art.law
    cites = [law.short_title + art.number_text] if art.number_text else []
    if art.number and art.number_text and "之" not in art.number_text:
        cites.append(f"{law.short_title}第{art.number}条")
    text = art.text if len(art.text) <= SUMMARY_CHARS else art.text[:SUMMARY_CHARS] + "……"
    return [SearchDocument(
        id=f"law_article:{art.pk}", title=f"{law.title}{art.number_text}", url=art.get_absolute_url(),
        aliases=cites, body=art.text, summary=f"{law.get_status_display()} · {text}", **_common(law),
    )]


FACETS = [Facet("law_category", "法律部门", "category", _law_categories, order=35),
          Facet("law_status", "时效性", "state", lambda: list(STATUSES), order=36)]

SOURCES = [
    Source(model=Law, queryset=Law.objects.all, to_documents=law_documents, types={"law": "法律法规"}, facets=FACETS),
    Source(model=Article, queryset=lambda: Article.objects.select_related("law"), to_documents=article_documents),
]
