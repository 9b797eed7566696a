"""The power-list panel of the department dashboard (portal/dashboard.py):
list changes awaiting the office's review, and the items adjusted since the
last version."""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from wagtail.models import WorkflowState

from portal.dashboard import DepartmentPanel, Row, Section

from .models import Adjustment, PowerListVersion
from .permissions import DEPARTMENT_FIELDS


def awaiting_review(departments):
    rows = []
    for model_name, field in DEPARTMENT_FIELDS.items():
        model = apps.get_model("powerlists", model_name)
        states = {int(s.object_id): s for s in WorkflowState.objects.filter(
            status=WorkflowState.STATUS_IN_PROGRESS, base_content_type=ContentType.objects.get_for_model(model))}
        objects = model.objects.filter(pk__in=states, **{f"{field}__in": departments}).select_related(field)
        for obj in objects:
            url = reverse(f"wagtailsnippets_powerlists_{model_name}:edit", args=[obj.pk])
            rows.append((states[obj.pk].created_at, Row(f"{model._meta.verbose_name}：{obj}", url,
                                                         f"{states[obj.pk].created_at:%Y-%m-%d} 提交",
                                                         getattr(obj, field).name)))
    return Section("待审核的清单修改", [row for _at, row in sorted(rows, key=lambda r: r[0])],
                   empty="没有待审核的权责清单修改。")


def changed_since_last_version(departments):
    last = PowerListVersion.objects.order_by("-approved_on", "-id").first()
    adjustments = (Adjustment.objects.filter(version__isnull=True, item__department__in=departments)
                   .select_related("item", "item__department").order_by("-effective_date", "-id"))
    since = f"“{last.name}”（{last.approved_on:%Y-%m-%d}）" if last else "首个版本"
    return Section(f"{since}以来调整的权力事项", [
        Row(f"{a.get_kind_display()}：{a.item.name}", a.item.get_absolute_url(),
            f"{a.effective_date:%Y-%m-%d} 生效 · {a.description}", a.item.department.name) for a in adjustments],
        empty="没有。", more_url=reverse("powerlists:changes") + (f"?from={last.pk}&to=current" if last else ""))


class PowerListPanel(DepartmentPanel):
    name = "department_powerlists"
    heading = "权责清单"
    order = 42

    def sections(self, departments, on):
        return [awaiting_review(departments), changed_since_last_version(departments)]
