"""Public pages of the law library (/fagui/)."""

from itertools import groupby
from typing import Annotated
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, render
from pydantic import Field

from portal.params import Integer, OneOf, ParamError, Params, bad_request_page

from .models import STATUSES, Article, Law

PAGE_SIZE = 50
STATUS_LABELS = dict(STATUSES)


def _categories():
    return {c: c for c in Law.objects.exclude(category="").values_list("category", flat=True).distinct()}


class IndexParams(Params):
    """/fagui/: laws of one 法律部门 and/or one status."""

    messages = {"choice": "{label}“{value}”不存在。{allowed}"}

    category: Annotated[str, OneOf(_categories)] | None = Field(None, title="法律部门")
    status: Annotated[str, OneOf(STATUS_LABELS)] | None = Field(None, title="时效性")
    page: Integer(1, 10_000) = Field(1, title="页码")


def index(request):
    try:
        params = IndexParams.parse(request.GET)
    except ParamError as error:
        return bad_request_page(request, error, "/fagui/", "返回法律法规库")
    laws = Law.objects.all()
    if params.category:
        laws = laws.filter(category=params.category)
    if params.status:
        laws = laws.filter(status=params.status)
    by_category = Law.objects.exclude(category="").values_list("category").annotate(n=Count("id")).order_by("category")
    status_counts = dict(Law.objects.values_list("status").annotate(n=Count("id")))
    return render(request, "laws/index.html", {
        "page_obj": Paginator(laws.order_by("category", "title", "-version_date"), PAGE_SIZE).get_page(params.page),
        "params": params, "by_category": by_category, "total": Law.objects.count(),
        "by_status": [(key, label, status_counts.get(key, 0)) for key, label in STATUSES],
        "status_label": STATUS_LABELS.get(params.status),
        "query_string": urlencode(params.query_pairs(exclude=("page",))),
    })


def _law_context(law):
    articles = list(law.articles.all())
    # Chapters in order, each with its sections: [(chapter, [(section, [article])])].
    chapters = [(chapter, [(section, list(arts)) for section, arts in groupby(group, key=lambda a: a.section)])
                for chapter, group in ((c, list(g)) for c, g in groupby(articles, key=lambda a: a.chapter))]
    versions = Law.objects.filter(title=law.title).order_by("-version_date", "-id")
    return {"law": law, "chapters": chapters, "articles": articles, "versions": versions,
            "in_force": law.in_force_version}


def law(request, source_id):
    return render(request, "laws/law.html", _law_context(get_object_or_404(Law, source_id=source_id)))


def article(request, source_id, anchor):
    art = get_object_or_404(Article.objects.select_related("law"), law__source_id=source_id, anchor=anchor)
    siblings = Article.objects.filter(law=art.law)
    law_obj = art.law
    in_force = law_obj.in_force_version
    same_in_force = None
    if in_force and in_force != law_obj:
        same_in_force = in_force.articles.filter(anchor=art.anchor).first()
    return render(request, "laws/article.html", {
        "article": art, "law": law_obj, "in_force": in_force, "same_in_force": same_in_force,
        "previous": siblings.filter(position__lt=art.position).order_by("-position").first(),
        "next": siblings.filter(position__gt=art.position).order_by("position").first(),
    })
