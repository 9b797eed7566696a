"""Permission matrix: what each user can open in the admin.

Two departments (市场监管局 and 经信委) each own a live policy with a pending
draft and a running review, a draft-only policy, a draft interpretation, a
power item, responsibility list and duty boundary with revisions and a
running review, a vote (好差评) and a 依申请公开 request routed to it. Every object's name carries its
department's marker. For every ordered pair of department editors, and for
the portal office and a superuser, every admin URL that names an object is
opened (GET; the ones that act, also POST): another department's object
answers 404, as if it did not exist, and its marker appears nowhere; the
owning department's editor opens what their role allows; the office opens
everything. Listings, searches, choosers, the admin API, reports and exports
must not show another department's marker.

A meta-test walks the URL resolver: every admin route taking an object is
either in the matrix or listed in NOT_DEPARTMENT_OWNED with the reason.
"""

import datetime as dt
import io
import itertools
import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from wagtail.models import Page

from consultations.models import Comment, ConsultationIndexPage, ConsultationPage, DecisionItem
from feedback.models import Feedback
from govinfo.models import AnnualReport
from inforequests import services as inforequests
from policies.models import InterpretationIndexPage, PolicyIndexPage, PolicyInterpretationPage, PolicyPage
from portal.models import Department, Topic
from portal.permissions import PORTAL_OFFICE_GROUP
from powerlists.models import BoundaryParty, DutyBoundary, LegalBasis, PowerItem, ResponsibilityList

pytestmark = pytest.mark.django_db

DEPARTMENTS = ("scjgj", "jxw")


def secret(slug):
    """The department's marker, in every name of its objects."""
    return f"secret{slug}"


# Also in every name: the admin searches for it (a search box echoes its
# query, so a query must not be a department's marker).
SHARED = "matrixdoc"


@pytest.fixture
def world(demo, django_user_model):
    library = PolicyIndexPage.objects.get()
    jiedu = InterpretationIndexPage.objects.get()
    topic = Topic.objects.filter(parent__isnull=False).first()
    office_group = Group.objects.get(name=PORTAL_OFFICE_GROUP)
    users = {
        "office": django_user_model.objects.create_user("matrix-office", password="pw"),
        "superuser": django_user_model.objects.create_superuser("matrix-root", password="pw"),
    }
    users["office"].groups.add(office_group)
    objects = {}
    for n, slug in enumerate(DEPARTMENTS):
        dept = Department.objects.get(slug=slug)
        editor = django_user_model.objects.create_user(f"matrix-{slug}", password="pw")
        editor.groups.add(dept.editor_group)
        users[slug] = editor
        objects[slug] = _department_objects(dept, editor, library, jiedu, topic, n)
    return users, objects


def _page(parent, page, editor, offices=()):
    page.owner = editor
    page.live = False
    if offices:
        page.issuing_offices.set(offices)
    parent.add_child(instance=page)
    return page


def _department_objects(dept, editor, library, jiedu, topic, n):
    mark = f"{secret(dept.slug)} {SHARED}"
    common = dict(written_date=dt.date(2024, 3, 1), published_date=dt.date(2024, 3, 5), topic=topic, genre="notice")
    policy = _page(library, PolicyPage(title=f"已发布政策 {mark}", slug=f"matrix-live-{n}", **common), editor, [dept])
    policy.save_revision(user=editor).publish()
    policy.title = f"待审核修改 {mark}"
    policy.save_revision(user=editor)
    workflow_state = policy.get_workflow().start(policy, editor)
    draft = _page(library, PolicyPage(title=f"未发布草稿 {mark}", slug=f"matrix-draft-{n}", **common), editor, [dept])
    draft.save_revision(user=editor)
    interpretation = _page(jiedu, PolicyInterpretationPage(title=f"解读草稿 {mark}", slug=f"matrix-jiedu-{n}", policy=policy), editor)
    interpretation.save_revision(user=editor)

    item = PowerItem.objects.create(code=f"XK0999{n:02d}00", name=f"权力事项 {mark}", power_type="licensing", department=dept, live=True)
    item.save_revision(user=editor).publish()
    # a basis 依据核验 flagged: the report and the dashboard panel name the item
    LegalBasis.objects.create(item=item, law=f"《{mark}条例》", article="第一条", check_status="missing_article")
    item.remarks = f"待审核备注 {mark}"
    item.save_revision(user=editor)
    item_workflow = item.get_workflow().start(item, editor)
    rlist, _ = ResponsibilityList.objects.get_or_create(department=dept, defaults=dict(accountability_mechanism="追责"))
    rlist.accountability_mechanism = f"责任追究 {mark}"
    rlist.save_revision(user=editor)
    rlist_workflow = rlist.get_workflow().start(rlist, editor)
    boundary = DutyBoundary(matter=f"职责边界 {mark}", lead_department=dept, lead_duties="牵头", live=True, sort_order=0)
    boundary.parties.add(BoundaryParty(department=Department.objects.exclude(pk=dept.pk).first(), duties="配合"))
    boundary.save()
    boundary.save_revision(user=editor)
    boundary_workflow = boundary.get_workflow().start(boundary, editor)
    report = AnnualReport.objects.create(year=2024, department=dept, overview=f"年报 {mark}")
    vote = Feedback.objects.create(kind="policy", object_id=policy.pk, title=f"评价对象 {mark}", helpful=False, comment=f"意见 {mark}")
    vote.departments.set([dept])
    request = inforequests.file_request(
        {"applicant_type": "person", "name": "申请人", "phone": "13800000000", "description": f"申请内容 {mark}"},
        dt.datetime(2026, 3, 2, 10, tzinfo=dt.timezone.utc))
    inforequests.route(request, dept, day=dt.date(2026, 3, 2))
    consultation = ConsultationIndexPage.objects.get().add_child(instance=ConsultationPage(
        title=f"意见征集 {mark}", slug=f"matrix-zhengji-{n}", department=dept, draft="第一条 内容。", closes=dt.date(2099, 1, 1)))
    consultation.save_revision(user=editor)
    comment = Comment.objects.create(consultation=consultation, text=f"征集意见 {mark}")
    decision = DecisionItem.objects.create(year=2026, title=f"决策事项 {mark}", department=dept, planned="2026年")
    return dict(comment=comment, decisionitem=decision, consultation=consultation,
        policy=policy, draft=draft, interpretation=interpretation, workflow_state=workflow_state,
        task_state=workflow_state.current_task_state, snippets={
            "poweritem": (item, item_workflow), "responsibilitylist": (rlist, rlist_workflow),
            "dutyboundary": (boundary, boundary_workflow),
        }, feedback=vote, library=library, inforequest=request, report=report,
    )


# -- the routes ---------------------------------------------------------------
# (route name, kwargs from the department's objects, what the owning department's
# editor and the office get: a status, or None where Wagtail's role rules
# decide — publishing, unscheduling, locking and approving are the office's,
# votes are read-only, a policy is no form page or alias).

def _page_routes(key):
    def p(o):
        return o[key].pk

    def rev(o):
        return o[key].latest_revision.pk

    return [
        ("wagtailadmin_explore", lambda o: {"parent_page_id": p(o)}, 200),
        ("wagtailadmin_explore_results", lambda o: {"parent_page_id": p(o)}, 200),
        ("wagtailadmin_choose_page_child", lambda o: {"parent_page_id": p(o)}, 200),
        ("wagtailadmin_pages:edit", lambda o: {"page_id": p(o)}, 200),
        ("wagtailadmin_pages:preview_on_edit", lambda o: {"page_id": p(o)}, 200),
        ("wagtailadmin_pages:view_draft", lambda o: {"page_id": p(o)}, 200),
        ("wagtailadmin_pages:usage", lambda o: {"page_id": p(o)}, 200),
        ("wagtailadmin_pages:history", lambda o: {"page_id": p(o)}, 200),
        ("wagtailadmin_pages:history_results", lambda o: {"page_id": p(o)}, 200),
        ("wagtailadmin_pages:revisions_index", lambda o: {"page_id": p(o)}, 302),  # → history
        ("wagtailadmin_pages:revisions_view", lambda o: {"page_id": p(o), "revision_id": rev(o)}, 200),
        ("wagtailadmin_pages:revisions_revert", lambda o: {"page_id": p(o), "revision_id": rev(o)}, 200),
        ("wagtailadmin_pages:revisions_compare", lambda o: {"pk": p(o), "revision_id_a": "earliest", "revision_id_b": "latest"}, 200),
        ("wagtailadmin_pages:revisions_unschedule", lambda o: {"page_id": p(o), "revision_id": rev(o)}, None),
        ("wagtailadmin_pages:copy", lambda o: {"page_id": p(o)}, 200),
        ("wagtailadmin_pages:add_subpage", lambda o: {"parent_page_id": p(o)}, None),
        ("wagtailadmin_pages:delete", lambda o: {"page_id": p(o)}, None),
        ("wagtailadmin_pages:unpublish", lambda o: {"page_id": p(o)}, None),
        ("wagtailadmin_pages:convert_alias", lambda o: {"page_id": p(o)}, None),
        ("wagtailadmin_pages:move", lambda o: {"page_to_move_id": p(o)}, None),
        ("wagtailadmin_pages:move_confirm", lambda o: {"page_to_move_id": p(o), "destination_id": o["library"].pk}, None),
        ("wagtailadmin_pages:set_page_position", lambda o: {"page_to_move_id": p(o)}, None),
        ("wagtailadmin_pages:set_privacy", lambda o: {"page_id": p(o)}, None),
        ("wagtailadmin_pages:lock", lambda o: {"page_id": p(o)}, None),
        ("wagtailadmin_pages:unlock", lambda o: {"page_id": p(o)}, None),
        ("wagtailadmin_pages:workflow_history", lambda o: {"page_id": p(o)}, 200),
        ("wagtailadmin_api:pages:detail", lambda o: {"pk": p(o)}, 200),
        ("wagtailforms:list_submissions", lambda o: {"page_id": p(o)}, None),  # not a form page
        ("wagtailforms:list_submissions_results", lambda o: {"page_id": p(o)}, None),
        ("wagtailforms:delete_submissions", lambda o: {"page_id": p(o)}, None),
        ("wagtailadmin_workflows:remove", lambda o: {"page_pk": p(o)}, None),
    ]


WORKFLOW_PAGE_ROUTES = [
    ("wagtailadmin_pages:workflow_history_detail", lambda o: {"page_id": o["policy"].pk, "workflow_state_id": o["workflow_state"].pk}, 200),
    ("wagtailadmin_pages:workflow_action", lambda o: {"page_id": o["policy"].pk, "action_name": "approve", "task_state_id": o["task_state"].pk}, None),
    ("wagtailadmin_pages:collect_workflow_action_data",
     lambda o: {"page_id": o["policy"].pk, "action_name": "approve", "task_state_id": o["task_state"].pk}, None),
    ("wagtailadmin_pages:confirm_workflow_cancellation", lambda o: {"page_id": o["policy"].pk}, 200),
    ("wagtailadmin_pages:workflow_preview", lambda o: {"page_id": o["policy"].pk, "task_id": o["task_state"].task_id}, None),
]


def _snippet_routes(model):
    ns = f"wagtailsnippets_powerlists_{model}"

    def obj(o):
        return o["snippets"][model][0]

    def state(o):
        return o["snippets"][model][1]

    return [
        (f"{ns}:edit", lambda o: {"pk": obj(o).pk}, 200),
        (f"{ns}:delete", lambda o: {"pk": obj(o).pk}, 200),
        (f"{ns}:usage", lambda o: {"pk": obj(o).pk}, 200),
        (f"{ns}:history", lambda o: {"pk": obj(o).pk}, 200),
        (f"{ns}:history_results", lambda o: {"pk": obj(o).pk}, 200),
        (f"{ns}:copy", lambda o: {"pk": obj(o).pk}, 200),
        (f"{ns}:revisions_revert", lambda o: {"pk": obj(o).pk, "revision_id": obj(o).latest_revision.pk}, 200),
        (f"{ns}:revisions_compare", lambda o: {"pk": obj(o).pk, "revision_id_a": "earliest", "revision_id_b": "latest"}, 200),
        (f"{ns}:revisions_unschedule", lambda o: {"pk": obj(o).pk, "revision_id": obj(o).latest_revision.pk}, None),
        (f"{ns}:unpublish", lambda o: {"pk": obj(o).pk}, None),
        (f"{ns}:lock", lambda o: {"pk": obj(o).pk}, None),
        (f"{ns}:unlock", lambda o: {"pk": obj(o).pk}, None),
        (f"{ns}:workflow_action", lambda o: {"pk": obj(o).pk, "action_name": "approve", "task_state_id": state(o).current_task_state.pk}, None),
        (f"{ns}:collect_workflow_action_data",
         lambda o: {"pk": obj(o).pk, "action_name": "approve", "task_state_id": state(o).current_task_state.pk}, None),
        (f"{ns}:confirm_workflow_cancellation", lambda o: {"pk": obj(o).pk}, 200),
        (f"{ns}:workflow_history", lambda o: {"pk": obj(o).pk}, 200),
        (f"{ns}:workflow_history_detail", lambda o: {"pk": obj(o).pk, "workflow_state_id": state(o).pk}, 200),
        (f"wagtailsnippetchoosers_powerlists_{model}:chosen", lambda o: {"pk": obj(o).pk}, 200),
    ]


def _feedback_routes():
    ns = "wagtailsnippets_feedback_feedback"
    return [
        (f"{ns}:inspect", lambda o: {"pk": o["feedback"].pk}, 200),
        (f"{ns}:usage", lambda o: {"pk": o["feedback"].pk}, None),
        (f"{ns}:history", lambda o: {"pk": o["feedback"].pk}, None),
        (f"{ns}:history_results", lambda o: {"pk": o["feedback"].pk}, None),
        (f"{ns}:edit", lambda o: {"pk": o["feedback"].pk}, None),
        (f"{ns}:copy", lambda o: {"pk": o["feedback"].pk}, None),
        (f"{ns}:delete", lambda o: {"pk": o["feedback"].pk}, None),
        ("wagtailsnippetchoosers_feedback_feedback:chosen", lambda o: {"pk": o["feedback"].pk}, 200),
    ]


def _report_routes():
    ns = "wagtailsnippets_govinfo_annualreport"
    return [
        (f"{ns}:edit", lambda o: {"pk": o["report"].pk}, 200),
        (f"{ns}:delete", lambda o: {"pk": o["report"].pk}, None),  # the office's
        (f"{ns}:usage", lambda o: {"pk": o["report"].pk}, 200),
        (f"{ns}:history", lambda o: {"pk": o["report"].pk}, 200),
        (f"{ns}:history_results", lambda o: {"pk": o["report"].pk}, 200),
        (f"{ns}:copy", lambda o: {"pk": o["report"].pk}, 200),
        ("wagtailsnippetchoosers_govinfo_annualreport:chosen", lambda o: {"pk": o["report"].pk}, 200),
    ]


def _consultation_routes():
    """The comment moderation queue and the decision catalogue: Wagtail's role
    rules decide for the owner (editors may not add or copy comments)."""
    views = ("edit", "copy", "delete", "usage", "history", "history_results")
    return [(name, lambda o, model=model: {"pk": o[model].pk}, None)
            for model in ("comment", "decisionitem")
            for name in [f"wagtailsnippets_consultations_{model}:{v}" for v in views]
            + [f"wagtailsnippetchoosers_consultations_{model}:chosen"]]


DEPARTMENT_ROUTES = (
    _page_routes("policy") + WORKFLOW_PAGE_ROUTES
    + [(n, k, e) for n, k, e in _page_routes("draft") if n in (
        "wagtailadmin_pages:edit", "wagtailadmin_pages:view_draft", "wagtailadmin_pages:revisions_view",
        "wagtailadmin_pages:history", "wagtailadmin_api:pages:detail", "wagtailadmin_pages:preview_on_edit")]
    + _page_routes("interpretation")
    + [(n, k, e) for n, k, e in _page_routes("consultation") if n in (
        "wagtailadmin_pages:edit", "wagtailadmin_pages:view_draft", "wagtailadmin_pages:revisions_view",
        "wagtailadmin_pages:history", "wagtailadmin_api:pages:detail", "wagtailadmin_pages:preview_on_edit")]
    + _snippet_routes("poweritem") + _snippet_routes("responsibilitylist") + _snippet_routes("dutyboundary")
    + _feedback_routes() + _report_routes() + _consultation_routes()
    + [("inforequests_admin:detail", lambda o: {"pk": o["inforequest"].pk}, 200)]
)

# Bulk actions name their objects in the query string: (app, model, action, object).
BULK = [
    ("wagtailcore", "page", "delete", lambda o: o["policy"]), ("wagtailcore", "page", "move", lambda o: o["interpretation"]),
    ("wagtailcore", "page", "publish", lambda o: o["draft"]), ("wagtailcore", "page", "unpublish", lambda o: o["policy"]),
    ("powerlists", "poweritem", "delete", lambda o: o["snippets"]["poweritem"][0]),
    ("powerlists", "dutyboundary", "publish", lambda o: o["snippets"]["dutyboundary"][0]),
    ("feedback", "feedback", "delete", lambda o: o["feedback"]),
]

# Endpoints that act on an object when POSTed to: another department's is
# refused before any view runs (only sent across departments: they change things).
POSTS = [
    ("wagtailadmin_editing_sessions:ping", lambda o: ("wagtailcore", "page", o["policy"].pk, 0)),
    ("wagtailadmin_editing_sessions:ping", lambda o: ("powerlists", "poweritem", o["snippets"]["poweritem"][0].pk, 0)),
    ("wagtailadmin_api:pages:action", lambda o: (o["draft"].pk, "delete")),
    ("wagtailadmin_pages:delete", lambda o: (o["interpretation"].pk,)),
    ("wagtailadmin_pages:lock", lambda o: (o["policy"].pk,)),
    ("wagtailsnippets_powerlists_poweritem:delete", lambda o: (o["snippets"]["poweritem"][0].pk,)),
    ("wagtailsnippets_feedback_feedback:delete", lambda o: (o["feedback"].pk,)),
    ("inforequests_admin:detail", lambda o: (o["inforequest"].pk,)),
]

# Listings, searches, choosers, the admin API, reports and exports name no
# object, but show objects: (URL, whether the owning department's editor sees
# the object there, whether the office does).
LISTINGS = [
    ("/admin/", True, False),  # the dashboard: one's own recent edits
    ("/admin/pages/search/?q={shared}", True, True),
    ("/admin/pages/{library}/", True, True),
    ("/admin/pages/{library}/results/", True, True),
    ("/admin/pages/{library}/?q={shared}", True, True),
    ("/admin/pages/usage/policies/policypage/", True, True),
    ("/admin/choose-page/{jiedu}/", True, True),
    ("/admin/choose-page/search/?q={shared}", True, True),
    ("/admin/api/main/pages/?search={shared}", True, True),
    ("/admin/api/main/pages/?child_of={library}&order=-id", True, True),
    ("/admin/snippets/powerlists/poweritem/?q={shared}", True, True),
    ("/admin/snippets/powerlists/poweritem/results/?q={shared}", True, True),
    ("/admin/snippets/powerlists/dutyboundary/", True, True),
    ("/admin/snippets/feedback/feedback/", True, True),
    ("/admin/yishenqing/", True, True),
    ("/admin/snippets/consultations/comment/", True, True),
    ("/admin/snippets/consultations/decisionitem/", True, True),
    ("/admin/powerlists/basis/", True, True),  # 依据核验
    ("/admin/snippets/choose/powerlists/poweritem/?q={shared}", True, True),
    ("/admin/snippets/choose/powerlists/poweritem/results/?q={shared}", True, True),
    ("/admin/snippets/choose/powerlists/dutyboundary/", True, True),
    ("/admin/snippets/choose/feedback/feedback/", True, True),
    ("/admin/bulk/wagtailcore/page/delete/?id=all&childOf={library}", False, True),
    # Reports list every department's history: the office's.
    ("/admin/reports/site-history/", False, True),
    ("/admin/reports/site-history/?export=csv", False, True),
    ("/admin/reports/workflow/", False, True),
    ("/admin/reports/workflow/?export=xlsx", False, True),
    ("/admin/reports/workflow_tasks/", False, True),
    ("/admin/reports/aging-pages/", False, False),
    ("/admin/reports/locked/", False, False),
]


def _listing(template, objects, owner):
    return template.format(shared=SHARED, library=objects["library"].pk, jiedu=objects["interpretation"].get_parent().pk)


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _open(client, url):
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if url.endswith("export=xlsx") and response.status_code == 200:
        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(body), read_only=True).active
        return response, " ".join(str(v) for row in sheet.iter_rows(values_only=True) for v in row)
    return response, body.decode(errors="replace")


def test_every_department_pair_sees_only_its_own_objects(world):
    users, objects = world
    problems = []  # every wrong answer, not just the first

    def check(ok, *what):
        if not ok:
            problems.append(what)

    for viewer, owner in itertools.product(DEPARTMENTS, DEPARTMENTS):
        client = _client(users[viewer])
        mark = secret(owner)
        urls = [(reverse(name, kwargs=kwargs(objects[owner])), own) for name, kwargs, own in DEPARTMENT_ROUTES]
        urls += [(reverse("wagtail_bulk_action", args=(app, model, action)) + f"?id={target(objects[owner]).pk}", None)
                 for app, model, action, target in BULK]
        for url, own in urls:
            response, html = _open(client, url)
            if viewer != owner:
                # As if it did not exist, whatever the view and the method.
                check(response.status_code == 404 and mark not in html, viewer, url, response.status_code, mark in html)
            elif own is None:  # Wagtail's role rules decide (e.g. publishing is the office's)
                check(response.status_code < 500, viewer, url, response.status_code)
            else:
                check(response.status_code == own, viewer, url, response.status_code)
        if viewer != owner:
            for name, args in POSTS:
                url = reverse(name, args=args(objects[owner]))
                response = client.post(url, {"comment": ""})
                check(response.status_code == 404, viewer, "POST", url, response.status_code)
        for template, owner_sees, _ in LISTINGS:
            url = _listing(template, objects[owner], owner)
            response, html = _open(client, url)
            if viewer != owner:
                check(response.status_code < 500 and mark not in html, viewer, "foreign listing", url, response.status_code)
            elif owner_sees:
                check(response.status_code == 200 and mark in html, viewer, "own listing", url, response.status_code)
            else:  # the office's: refused
                check(response.status_code in (302, 403, 404) and mark not in html, viewer, url, response.status_code)
    assert problems == []
    for slug in DEPARTMENTS:  # nothing was changed by the refused POSTs
        o = objects[slug]
        assert Page.objects.filter(pk__in=[o["draft"].pk, o["interpretation"].pk]).count() == 2
        assert Page.objects.get(pk=o["policy"].pk).locked is False
        assert PowerItem.objects.filter(pk=o["snippets"]["poweritem"][0].pk).exists() and Feedback.objects.filter(pk=o["feedback"].pk).exists()


@pytest.mark.parametrize("who", ["office", "superuser"])
def test_office_and_superuser_open_every_department(world, who):
    users, objects = world
    client = _client(users[who])
    for owner in DEPARTMENTS:
        for name, kwargs, own in DEPARTMENT_ROUTES:
            url = reverse(name, kwargs=kwargs(objects[owner]))
            response, _ = _open(client, url)
            assert response.status_code == own if own else response.status_code < 500, (who, url, response.status_code)
        for template, _, office_sees in LISTINGS:
            url = _listing(template, objects[owner], owner)
            response, html = _open(client, url)
            assert response.status_code == 200 and (secret(owner) in html or not office_sees), (who, url)


# -- every admin route that takes an object is covered -----------------------

NOT_DEPARTMENT_OWNED = {
    # The shared media library, owned by no department: any editor may choose any
    # document or image; editing one is its uploader's (Wagtail's rule).
    "wagtaildocs": "shared media library", "wagtaildocs_chooser": "shared media library",
    "wagtailimages": "shared media library", "wagtailimages_chooser": "shared media library",
    "wagtailadmin_api:documents": "shared media library", "wagtailadmin_api:images": "shared media library",
    # The portal office's own objects: editors have no permission on these models at all.
    "wagtailadmin_collections": "office", "wagtailadmin_workflows": "office", "wagtailredirects": "office",
    "wagtailsettings": "office", "wagtailsearchpromotions": "office (best bets, search/site.py)", "wagtailsites": "office", "wagtailusers_users": "office", "wagtailusers_groups": "office",
    "wagtailsnippets_portal_department": "office", "wagtailsnippets_portal_topic": "office",
    "wagtailsnippets_portal_region": "office", "wagtailsnippets_portal_qualification": "office",
    "wagtailsnippetchoosers_portal_department": "reference data", "wagtailsnippetchoosers_portal_topic": "reference data",
    "wagtailsnippetchoosers_portal_region": "reference data", "wagtailsnippetchoosers_portal_qualification": "reference data",
    "wagtailsnippets_powerlists_powerlistversion": "office", "wagtailsnippets_powerlists_adjustment": "office",
    "wagtailsnippetchoosers_powerlists_powerlistversion": "office", "wagtailsnippetchoosers_powerlists_adjustment": "office",
    # A new page under a section, a page type, one's own editing session.
    "wagtailadmin_pages:add": "parent section", "wagtailadmin_pages:preview_on_add": "parent section",
    "wagtailadmin_pages:choose_parent": "page type", "wagtailadmin_editing_sessions:release": "own session",
}
OBJECT_ARGUMENTS = re.compile(r"(^|_)(pk|id)$")


def _admin_routes(patterns=None, prefix="", namespace=""):
    for p in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            yield from _admin_routes(p.url_patterns, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern) and (prefix + str(p.pattern)).startswith("admin/") and p.name:
            yield f"{namespace}{p.name}", set(p.pattern.regex.groupindex)


def test_the_matrix_covers_every_admin_route_that_takes_an_object():
    covered = {name for name, _, _ in DEPARTMENT_ROUTES} | {name for name, _ in POSTS} | {"wagtail_bulk_action"}
    missing = []
    for name, arguments in _admin_routes():
        if not any(OBJECT_ARGUMENTS.search(a) for a in arguments) and "app_label" not in arguments:
            continue
        exempt = any(name == key or name.startswith(key + ":") for key in NOT_DEPARTMENT_OWNED)
        if name not in covered and not exempt:
            missing.append(name)
    assert missing == []
