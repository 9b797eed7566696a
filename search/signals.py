"""Signal handlers: every change that can make a document appear, change or
disappear goes through indexing.record_change, in the change's transaction.

Sources are looked up dynamically for whatever model sent the signal, so a
content app only has to declare its SOURCES.
"""

from django.apps import apps
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from .documents import add_source, all_sources, find_source, remove_source
from .indexing import record_change


def _record_page_tree(page, reason):
    """A page and its descendants (their URL or privacy changed with it)."""
    for p in page.get_descendants(inclusive=True).specific(defer=True):
        if find_source(type(p)):
            record_change(type(p), p.pk, reason)


def on_published(sender, instance, **kwargs):
    record_change(type(instance.specific), instance.pk, "publish")


def on_unpublished(sender, instance, **kwargs):
    record_change(type(instance.specific), instance.pk, "unpublish")


def on_moved(sender, instance, **kwargs):
    _record_page_tree(instance, "move")


def on_deleted(sender, instance, **kwargs):
    # Pages are deleted with all their descendants; each sends post_delete.
    if find_source(sender):
        record_change(sender, instance.pk, "delete")


def on_saved(sender, instance, raw=False, **kwargs):
    # Pages change for the public only when published (handled above); plain
    # models (e.g. list items kept as snippets) change when saved.
    if raw or issubclass(sender, Page):
        return
    if find_source(sender):
        record_change(sender, instance.pk, "save")


def on_restriction_changed(sender, instance, **kwargs):
    try:
        page = instance.page
    except Page.DoesNotExist:
        return
    _record_page_tree(page, "privacy")


def _dependent_handler(owners):
    def handler(sender, instance, raw=False, **kwargs):
        if raw:
            return
        for owner in owners(instance):
            record_change(type(owner), owner.pk, "dependency")

    return handler


_dependent_handlers = []


def connect_model(model):
    """Save/delete handlers for one source model. Per model, not global: a
    global post_delete receiver would stop Django's fast bulk deletes."""
    label = model._meta.label_lower
    post_delete.connect(on_deleted, sender=model, dispatch_uid=f"search_deleted_{label}")
    post_save.connect(on_saved, sender=model, dispatch_uid=f"search_saved_{label}")


def register(source):
    """Add a source at run time (tests, the benchmark) and index its changes."""
    add_source(source)
    connect_source(source)


def unregister(source):
    remove_source(source)


def connect_source(source):
    for model in apps.get_models():
        if issubclass(model, source.model):
            connect_model(model)


def connect():
    from portal.models import Department, Region, Topic

    from .facets import clear_cache

    for model in (Department, Region, Topic):
        post_save.connect(clear_cache, sender=model, dispatch_uid=f"search_labels_saved_{model.__name__}")
        post_delete.connect(clear_cache, sender=model, dispatch_uid=f"search_labels_deleted_{model.__name__}")
    page_published.connect(on_published, dispatch_uid="search_page_published")
    page_unpublished.connect(on_unpublished, dispatch_uid="search_page_unpublished")
    post_page_move.connect(on_moved, dispatch_uid="search_page_moved")
    post_save.connect(on_restriction_changed, sender=PageViewRestriction, dispatch_uid="search_restriction_saved")
    post_delete.connect(on_restriction_changed, sender=PageViewRestriction, dispatch_uid="search_restriction_deleted")
    for source in all_sources():
        connect_source(source)
        for model, owners in source.dependents:
            handler = _dependent_handler(owners)
            _dependent_handlers.append(handler)  # signals hold weak references
            post_save.connect(handler, sender=model, weak=False)
            post_delete.connect(handler, sender=model, weak=False)
