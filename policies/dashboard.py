"""The policies panel of the department dashboard (portal/dashboard.py):
drafts awaiting review, policies expiring and windows closing within 30
days, and measures whose window has passed while their text still says
they are open."""

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import reverse
from wagtail.models import Page, WorkflowState

from portal.dashboard import SOON_DAYS, DepartmentPanel, Row, Section

from .models import PolicyInterpretationPage, PolicyPage, SupportMeasure

# Words that tell a reader applications are being taken now (checked in a closed measure's own text).
STILL_OPEN_WORDS = ("申报中", "正在申报", "正在受理", "常年受理", "长期受理", "随时申报", "随时受理")
MEASURE_TEXT_FIELDS = ("title", "content", "amount_text", "materials", "how_to_apply", "other_conditions")


def _edit_url(page_id):
    return reverse("wagtailadmin_pages:edit", args=[page_id])


def _owned(departments):
    """Policies issued by any of `departments`, and the interpretations of those."""
    policies = PolicyPage.objects.filter(issuing_offices__in=departments)
    return policies, PolicyInterpretationPage.objects.filter(policy__in=policies.values("pk"))


def _names(page, departments):
    offices = page.policy.issuing_offices.all() if isinstance(page, PolicyInterpretationPage) else page.issuing_offices.all()
    return "、".join(d.name for d in offices if d in departments)


def awaiting_review(departments):
    states = (WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS,
                                           base_content_type=ContentType.objects.get_for_model(Page))
              .select_related("current_task_state__task").order_by("created_at"))
    by_page = {int(s.object_id): s for s in states}
    policies, interpretations = _owned(departments)
    pages = [*policies.filter(pk__in=by_page).distinct(),
             *interpretations.filter(pk__in=by_page).select_related("policy")]
    rows = []
    for page in sorted(pages, key=lambda p: by_page[p.pk].created_at):
        state = by_page[page.pk]
        task = state.current_task_state.task.name if state.current_task_state else ""
        rows.append(Row(page.get_admin_display_title(), _edit_url(page.pk),
                        f"{state.created_at:%Y-%m-%d} 提交" + (f"，待“{task}”" if task else ""), _names(page, departments)))
    return Section("待审核的草稿", rows, empty="没有待审核的政策文件或解读。")


def expiring(departments, on):
    until = on + dt.timedelta(days=SOON_DAYS)
    policies = (_owned(departments)[0].live().filter(expiry_date__gte=on, expiry_date__lte=until)
                .distinct().order_by("expiry_date", "pk"))
    return Section(f"{SOON_DAYS} 天内到期的政策", [
        Row(p.title, _edit_url(p.pk), f"{p.expiry_date:%Y-%m-%d} 到期（还有 {(p.expiry_date - on).days} 天）",
            _names(p, departments)) for p in policies],
        empty=f"没有 {SOON_DAYS} 天内到期的政策。")


def _live_measures(departments):
    live = _owned(departments)[0].live().values("pk")
    return SupportMeasure.objects.filter(page__in=live).select_related("page").order_by("window_closes", "pk")


def closing(departments, on):
    until = on + dt.timedelta(days=SOON_DAYS)
    measures = _live_measures(departments).filter(window_closes__gte=on, window_closes__lte=until)
    return Section(f"{SOON_DAYS} 天内截止申报的事项", [
        Row(m.title, _edit_url(m.page_id), f"{m.window_closes:%Y-%m-%d} 截止（还有 {(m.window_closes - on).days} 天）· {m.page.title}",
            _names(m.page, departments)) for m in measures],
        empty=f"没有 {SOON_DAYS} 天内截止申报的事项。")


def still_shown_open(departments, on):
    says_open = Q()
    for name in MEASURE_TEXT_FIELDS:
        for word in STILL_OPEN_WORDS:
            says_open |= Q(**{f"{name}__contains": word})
    measures = _live_measures(departments).filter(window_closes__lt=on).filter(says_open)
    rows = []
    for m in measures:
        words = sorted({w for n in MEASURE_TEXT_FIELDS for w in STILL_OPEN_WORDS if w in (getattr(m, n) or "")})
        rows.append(Row(m.title, _edit_url(m.page_id),
                        f"{m.window_closes:%Y-%m-%d} 已截止，但事项文字仍写着“{'”“'.join(words)}” · {m.page.title}",
                        _names(m.page, departments)))
    return Section("申报期已过但仍写着可以申报的事项", rows, empty="没有。")


class PoliciesPanel(DepartmentPanel):
    name = "department_policies"
    heading = "政策文件与惠企惠民事项"
    order = 41

    def sections(self, departments, on):
        return [awaiting_review(departments), expiring(departments, on), closing(departments, on),
                still_shown_open(departments, on)]
