"""Aliases kept as data: a text file of `title | alias、alias …` lines (the
demo's, or a district's first list) fills the alias field of the objects with
that title. Only empty fields are filled: what an editor wrote is kept.
"""

from pathlib import Path

from wagtail.models import Page

from .documents import parse_aliases
from .indexing import record_change


def read(path):
    """{title: [alias, …]} from a file; `#` starts a comment line."""
    table = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            title, _, aliases = line.partition("|")
            table[title.strip()] = parse_aliases(aliases)
    return table


def fill(objects, table, title="title", owner=None):
    """Fill the empty `search_aliases` of `objects` from `table` (by their
    `title` attribute) and re-index them (or `owner(obj)`, the object whose
    documents they are part of). Returns how many were filled."""
    filled = 0
    for obj in objects:
        aliases = table.get(getattr(obj, title))
        if not aliases or obj.search_aliases.strip():
            continue
        obj.search_aliases = "\n".join(aliases)
        obj.save(update_fields=["search_aliases"])
        target = owner(obj) if owner else obj
        if isinstance(target, Page) and target.latest_revision_id:
            # The admin edits from the latest revision: it must have them too.
            target.specific.save_revision().publish()
        record_change(type(target), target.pk, "aliases")
        filled += 1
    return filled
