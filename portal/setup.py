"""Site set-up contributed by the apps, so portal needs to know none of them.

Each installed app may have a `site` module with `setup(log)` (the skeleton
a real district needs: pages, groups, permissions, workflows) and a `demo`
module with `load(log)` (the demo district). Both are idempotent. Each app's
step runs in one transaction wrapped by every registered bulk-change wrapper:
search registers its indexing batch there, so each changed object is indexed
once at the end instead of once per signal.
"""

import contextlib
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.db import transaction

_bulk_wrappers = []

FRAMEWORK_PREFIXES = ("django.", "wagtail", "modelcluster", "taggit", "django_filters", "axes")


def register_bulk_wrapper(factory):
    """`factory()` returns a context manager entered around each step."""
    if factory not in _bulk_wrappers:
        _bulk_wrappers.append(factory)


@contextlib.contextmanager
def bulk_change():
    with transaction.atomic(), contextlib.ExitStack() as stack:
        for factory in _bulk_wrappers:
            stack.enter_context(factory())
        yield


def app_steps(kinds):
    """[(module, function)] of every app, in INSTALLED_APPS order; for each
    app, the kinds in the order given (("site", "demo"): its skeleton, then
    its demo content)."""
    steps = []
    for config in apps.get_app_configs():
        if config.name.startswith(FRAMEWORK_PREFIXES):
            continue
        for kind, function in kinds:
            name = f"{config.name}.{kind}"
            if find_spec(name):
                steps.append(getattr(import_module(name), function))
    return steps


def run(kinds, log):
    for step in app_steps(kinds):
        with bulk_change():
            step(log)


SITE = (("site", "setup"),)
DEMO = (("site", "setup"), ("demo", "load"))
