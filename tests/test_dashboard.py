"""The admin dashboard per department (portal/dashboard.py and each app's
panel): what a department's editors need to do, and only theirs."""

import datetime as dt
import re

import pytest
from django.contrib.auth.models import Group

from feedback.models import Feedback
from portal.daterules import today
from portal.models import Department
from portal.permissions import PORTAL_OFFICE_GROUP
from policies.models import PolicyPage, SupportMeasure
from powerlists.models import Adjustment, PowerItem


def _busy_department():
    """A department with two live policies (one with two measures) and power items."""
    for dept in Department.objects.exclude(power_items=None).order_by("sort_order"):
        policies = list(PolicyPage.objects.live().filter(issuing_offices=dept).order_by("pk"))
        with_measures = [p for p in policies if p.measures.count() >= 2]
        if len(policies) >= 2 and with_measures:
            return dept, with_measures[0], next(p for p in policies if p != with_measures[0])
    raise AssertionError("the demo has no department with two policies and two measures")


@pytest.fixture
def world(demo, django_user_model):
    """A department with one thing of every kind to do, and another with an expiring policy of its own."""
    on = today()
    dept, expiring, reviewed = _busy_department()
    editor = django_user_model.objects.create_user("dept-dash", password="pw-123456")
    editor.groups.add(dept.editor_group)
    office = django_user_model.objects.create_user("office-dash", password="pw-123456")
    office.groups.add(Group.objects.get(name=PORTAL_OFFICE_GROUP))

    PolicyPage.objects.filter(pk=expiring.pk).update(expiry_date=on + dt.timedelta(days=10))
    # Another department's policy, issued by a department that did not issue `expiring`.
    other_dept = Department.objects.filter(level="district", policies__live=True).exclude(
        pk__in=expiring.issuing_offices.values("pk")).exclude(pk=dept.pk).order_by("sort_order").first()
    other = PolicyPage.objects.live().filter(issuing_offices=other_dept).exclude(issuing_offices=dept).first()
    PolicyPage.objects.filter(pk=other.pk).update(expiry_date=on + dt.timedelta(days=20))
    closing, passed = expiring.measures.all()[:2]
    SupportMeasure.objects.filter(pk=closing.pk).update(window_opens=None, window_closes=on + dt.timedelta(days=5))
    SupportMeasure.objects.filter(pk=passed.pk).update(window_opens=None, window_closes=on - dt.timedelta(days=3),
                                                        how_to_apply="本事项常年受理，可随时到窗口办理。")
    # A draft submitted for review (page), and a power item change submitted for review (snippet).
    draft = PolicyPage.objects.get(pk=reviewed.pk)
    draft.title = f"{reviewed.title}（修订稿）"
    draft.save_revision(user=editor)
    draft.get_workflow().start(draft, editor)
    item = PowerItem.objects.filter(department=dept).order_by("code").first()
    item.name = f"{item.name}（调整稿）"
    item.save_revision(user=editor)
    item.get_workflow().start(item, editor)
    vote = Feedback.objects.create(kind="policy", object_id=expiring.pk, title=expiring.title, helpful=False,
                                   comment="申报入口打不开，请核实。", created=on)
    vote.departments.add(dept)
    return {"editor": editor, "office": office, "expiring": expiring, "reviewed": reviewed, "other": other,
            "closing": closing, "passed": passed, "dept": dept, "other_dept": other_dept, "on": on}


def panel(html, panel_id):
    match = re.search(rf'<section class="w-panel[^"]*" id="{panel_id}-section".*?(?=<section class="w-panel|</main>|$)', html, re.S)
    assert match, f"no panel {panel_id}"
    return match.group(0)


def section(html, title):
    match = re.search(rf"<h3[^>]*>{re.escape(title)}（(\d+)）</h3>(.*?)</section>", html, re.S)
    assert match, f"no section {title}"
    return int(match.group(1)), match.group(2)


def test_department_editor_sees_what_their_department_needs_to_do(world, client):
    w = world
    client.force_login(w["editor"])
    html = client.get("/admin/").content.decode()
    assert f"以下列出{w['dept'].name}需要处理的事项" in html

    policies = panel(html, "dashboard-department_policies")
    n, rows = section(policies, "待审核的草稿")
    assert n == 1 and f"{w['reviewed'].title}（修订稿）" in rows and f"/admin/pages/{w['reviewed'].pk}/edit/" in rows
    n, rows = section(policies, "30 天内到期的政策")
    expiry = w["on"] + dt.timedelta(days=10)
    assert w["expiring"].title in rows and f"{expiry:%Y-%m-%d} 到期（还有 10 天）" in rows
    assert w["other"].title not in html  # another department's policy
    n, rows = section(policies, "30 天内截止申报的事项")
    assert w["closing"].title in rows and "（还有 5 天）" in rows
    n, rows = section(policies, "申报期已过但仍写着可以申报的事项")
    assert w["passed"].title in rows and "已截止，但事项文字仍写着“常年受理”" in rows

    powers = panel(html, "dashboard-department_powerlists")
    n, rows = section(powers, "待审核的清单修改")
    assert n == 1 and "权力事项：" in rows and "/admin/snippets/powerlists/poweritem/edit/" in rows
    pending = Adjustment.objects.filter(version__isnull=True, item__department=w["dept"]).count()
    assert re.search(rf"“2024年版”（[0-9-]+）以来调整的权力事项（{pending}）", powers)

    feedback = panel(html, "dashboard-department_feedback")
    start = w["on"].replace(year=w["on"].year - 1) + dt.timedelta(days=1)
    votes = Feedback.objects.filter(departments=w["dept"], created__gte=start, created__lte=w["on"]).distinct()
    helpful = votes.filter(helpful=True).count()
    assert f"近12个月收到 {votes.count()} 条评价，满意率 {round(100 * helpful / votes.count(), 1):g}%（{helpful} 条认为有帮助）" in feedback
    assert "申报入口打不开，请核实。" in feedback


def test_the_office_sees_every_department_or_one_chosen(world, client):
    w = world
    client.force_login(w["office"])
    html = client.get("/admin/").content.decode()
    assert "以下列出全区各部门需要处理的事项" in html
    n, rows = section(panel(html, "dashboard-department_policies"), "30 天内到期的政策")
    assert w["expiring"].title in rows and w["other"].title in rows and w["other_dept"].name in rows
    slug = w["other_dept"].slug
    html = client.get(f"/admin/?bumen={slug}").content.decode()
    assert f"以下列出{w['other_dept'].name}需要处理的事项" in html and f'<option value="{slug}" selected>' in html
    n, rows = section(panel(html, "dashboard-department_policies"), "30 天内到期的政策")
    assert w["other"].title in rows and w["expiring"].title not in rows
    # A department's editor cannot look at another department by naming it.
    client.force_login(w["editor"])
    html = client.get(f"/admin/?bumen={slug}").content.decode()
    assert w["other"].title not in html and f"以下列出{w['dept'].name}需要处理的事项" in html
