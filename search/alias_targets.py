"""From a search hit to the admin form where an editor adds an alias (别名).

Content apps give their items a `search_aliases` field (one alias per line);
search/ knows no content model, so it works from what the index holds (the
hit's source object) and what the models say of themselves:

- the source object has `search_aliases` and the hit is the object itself:
  its edit page (a page's, or a snippet's through Wagtail's AdminURLFinder);
- the hit is an inline item of a page (a support measure of a policy): the
  page's edit page, naming the item (`search_aliases_item=<label>:<pk>`).

The link adds `search_aliases=<alias>`; `prefill` (run by the before-edit
hooks) adds it to the form's initial value. Nothing is saved: the editor
saves or submits the form as always, within their department's scope.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from modelcluster.models import get_all_child_relations
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.models import Page

from .documents import parse_key, source_key
from .models import SearchEntry

FIELD = "search_aliases"
ITEM = "search_aliases_item"


@dataclass
class Target:
    title: str
    kind: str
    url: str  # admin edit URL with the alias to add


def _has_aliases(obj):
    return any(f.name == FIELD for f in obj._meta.get_fields())


def _children(page):
    """(relation name, child) for inline items of `page` that have aliases."""
    for relation in get_all_child_relations(page):
        if any(f.name == FIELD for f in relation.related_model._meta.get_fields()):
            for child in getattr(page, relation.get_accessor_name()).all():
                yield relation.get_accessor_name(), child


def targets(hits, alias, user):
    """The edit links for `alias`, one per hit whose item takes aliases."""
    sources = dict(SearchEntry.objects.filter(doc_id__in=[h.id for h in hits]).values_list("doc_id", "source"))
    finder = AdminURLFinder(user)
    out = []
    for hit in hits:
        if hit.id not in sources:
            continue
        try:
            model, pk = parse_key(sources[hit.id])
            obj = model._default_manager.filter(pk=pk).first()
        except (LookupError, ValueError):
            continue
        if obj is None:
            continue
        params = {FIELD: alias}
        if isinstance(obj, Page):
            obj = obj.specific
            if obj.title != hit.title:  # an inline item shown as its own result
                child = next((c for _, c in _children(obj) if getattr(c, "title", None) == hit.title), None)
                if child is None:
                    continue
                params[ITEM] = source_key(type(child), child.pk)
            elif not _has_aliases(obj):
                continue
            url = reverse("wagtailadmin_pages:edit", args=[obj.pk]) if obj.permissions_for_user(user).can_edit() else None
        else:
            url = finder.get_edit_url(obj) if _has_aliases(obj) else None
        if url:
            out.append(Target(hit.title, hit.type_label, f"{url}?{urlencode(params)}"))
    return out


def prefill(request, obj):
    """Add `?search_aliases=` to `obj` (or the inline item `?search_aliases_item=`
    names) in memory, before the edit form is built; GET only."""
    alias = " ".join(request.GET.get(FIELD, "").split())[:100] if request.method == "GET" else ""
    if not alias:
        return
    item = request.GET.get(ITEM)
    if not item:
        if _has_aliases(obj):
            obj.search_aliases = _with(obj.search_aliases, alias)
        return
    try:
        model, pk = parse_key(item)
    except (LookupError, ValueError):
        return
    for relation in get_all_child_relations(obj):
        if relation.related_model is not model:
            continue
        name = relation.get_accessor_name()
        children = list(getattr(obj, name).all())
        for child in children:
            if str(child.pk) == pk:
                child.search_aliases = _with(child.search_aliases, alias)
                setattr(obj, name, children)  # keep the edited objects in the page's cluster
                return


def _with(text, alias):
    lines = [line for line in (text or "").splitlines() if line.strip()]
    return "\n".join(lines if alias in lines else [*lines, alias])
