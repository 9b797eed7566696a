"""What can be rated: per kind, the model, whether an instance is public,
and which departments own it. Content apps are looked up lazily so this app
works whichever of them is installed."""

from dataclasses import dataclass
from typing import Callable

from django.apps import apps


@dataclass
class Target:
    kind: str
    model_label: str
    is_public: Callable
    departments: Callable

    @property
    def model(self):
        return apps.get_model(self.model_label)


def _page_public(page):
    return page.live and not page.get_view_restrictions().exists()


def _interpretation_departments(page):
    return [page.interpreter] if page.interpreter_id else page.policy.offices()


def _power_item_public(item):
    return item.live


TARGETS = {
    "policy": Target("policy", "policies.PolicyPage", _page_public, lambda p: p.offices()),
    "interpretation": Target("interpretation", "policies.PolicyInterpretationPage", _page_public, _interpretation_departments),
    "power_item": Target("power_item", "powerlists.PowerItem", _power_item_public, lambda item: [item.department]),
}


def kind_of(obj):
    label = obj._meta.label
    for target in TARGETS.values():
        if target.model_label == label:
            return target.kind
    return None


def resolve(kind, object_id):
    """The public instance being rated, or None."""
    target = TARGETS.get(kind)
    if target is None:
        return None, None
    obj = target.model._default_manager.filter(pk=object_id).first()
    if obj is None or not target.is_public(obj):
        return target, None
    return target, obj
