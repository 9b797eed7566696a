"""Editors in the Wagtail admin on PostgreSQL: department-scoped permissions
for two departments, the 门户办审核 workflow, and validation messages."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html

from policies.models import PolicyChange, PolicyPage
from policies.site import setup_permissions_and_workflow
from portal.models import Department
from portal.permissions import PORTAL_OFFICE_GROUP

from .policy_helpers import make_policy, site_with_library

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_world(django_user_model):
    from portal import demo, site

    site.setup(lambda *_: None)
    demo.load(lambda *_: None)
    library, jiedu = site_with_library()
    setup_permissions_and_workflow([library, jiedu])
    sc = Department.objects.get(slug="scjgj")
    jx = Department.objects.get(slug="jxw")

    def user(name, group):
        u = django_user_model.objects.create_user(name, f"{name}@example.com", "pw-123456")
        u.groups.add(group)
        return u

    return dict(
        library=library, sc=sc, jx=jx,
        sc_editor=user("sc_editor", sc.editor_group), jx_editor=user("jx_editor", jx.editor_group),
        office=user("office", Group.objects.get(name=PORTAL_OFFICE_GROUP)),
    )


def _create_form(client, library):
    url = reverse("wagtailadmin_pages:add", args=("policies", "policypage", library.pk))
    response = client.get(url)
    assert response.status_code == 200
    return url, querydict_from_html(response.content.decode(), form_id="page-edit-form"), response


def _fill(data, offices, **extra):
    from portal.models import Topic

    data.update({
        "title": "南川区市场监管领域包容审慎监管实施办法", "slug": "baorong", "document_number": "南川市场监管发[2024]5号",
        "written_date": "2024-03-01", "published_date": "2024-03-05", "genre": "measures", "level": "district",
        "disclosure": "decision", "topic": str(Topic.objects.get(name="工商").pk),
    })
    data.setlist("issuing_offices", [str(d.pk) for d in offices])
    for key, value in extra.items():
        data[key] = value
    return data


def _lists(querydict):
    # The test client posts a QueryDict's last values only; lists keep all.
    return dict(querydict.lists())


def _measure(data, **fields):
    data["measures-TOTAL_FORMS"] = "1"
    data.update({"measures-0-id": "", "measures-0-ORDER": "1", "measures-0-title": "轻微违法免罚", "measures-0-audience": "enterprise", "measures-0-support_type": "service",
                 "measures-0-content": "首次轻微违法不予处罚", "measures-0-delivery_mode": "automatic"})
    for key, value in fields.items():
        data[f"measures-0-{key}"] = value
    return data


def test_department_editor_creates_only_own_department_policy_and_cannot_publish(admin_world, client):
    w = admin_world
    client.force_login(w["sc_editor"])
    url, data, response = _create_form(client, w["library"])
    offered = list(response.context["form"].fields["issuing_offices"].queryset)
    assert offered == [w["sc"]]  # only the editor's own department is offered

    # Another department as issuer is refused, nothing saved.
    refused = client.post(url, _lists(_fill(data.copy(), [w["jx"]], **{"action-submit": "1"})))
    assert refused.status_code == 200 and not PolicyPage.objects.exists()
    assert "issuing_offices" in refused.context["form"].errors

    # Own department: saved and submitted to the workflow, not published, even if asked to publish.
    client.post(url, _lists(_fill(data.copy(), [w["sc"]], **{"action-publish": "1"})))
    page = PolicyPage.objects.get(slug="baorong")
    assert not page.live and page.document_number == "南川市场监管发〔2024〕5号"
    assert page.index_number == "009256079/2024-00001"
    edit_url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    edit_data = querydict_from_html(client.get(edit_url).content.decode(), form_id="page-edit-form")
    edit_data["action-submit"] = "1"
    client.post(edit_url, _lists(edit_data))
    page.refresh_from_db()
    state = page.current_workflow_state
    assert state is not None and state.status == "in_progress" and state.workflow.name == "门户办审核"
    assert not page.live


def test_other_department_editor_cannot_edit_or_delete(admin_world, client):
    w = admin_world
    page = make_policy(w["library"], "sc-doc", [w["sc"]], title="市场监管局文件")
    joint = make_policy(w["library"], "joint", [w["sc"], w["jx"]], title="联合文件")
    client.force_login(w["jx_editor"])
    for url in (reverse("wagtailadmin_pages:edit", args=(page.pk,)), reverse("wagtailadmin_pages:delete", args=(page.pk,)),
                reverse("wagtailadmin_pages:edit", args=(joint.pk,))):
        # Another department's page does not exist for this editor (tests/test_admin_scope.py walks every URL).
        response = client.get(url)
        assert response.status_code == 404 and "市场监管局文件" not in response.content.decode(), url
    client.post(reverse("wagtailadmin_pages:delete", args=(page.pk,)))
    client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), {"title": "改掉"})
    assert PolicyPage.objects.get(pk=page.pk).title == "市场监管局文件"
    client.force_login(w["sc_editor"])
    assert client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).status_code == 200
    assert client.get(reverse("wagtailadmin_pages:edit", args=(joint.pk,))).status_code == 404  # joint needs both


def test_portal_office_approves_through_the_workflow(admin_world, client):
    w = admin_world
    page = make_policy(w["library"], "to-approve", [w["sc"]], title="待审核文件", live=False)
    client.force_login(w["sc_editor"])
    edit_url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    data = querydict_from_html(client.get(edit_url).content.decode(), form_id="page-edit-form")
    data["action-submit"] = "1"
    client.post(edit_url, _lists(data))
    page.refresh_from_db()
    task_state = page.current_workflow_task_state
    assert task_state is not None and not page.live
    # The department editor cannot approve their own submission.
    approve = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk))
    client.post(approve, {"comment": ""})
    page.refresh_from_db()
    assert not page.live

    client.force_login(w["office"])
    client.post(approve, {"comment": "同意发布"})
    page.refresh_from_db()
    assert page.live and page.current_workflow_state is None
    assert client.get("/zhengce/to-approve/").status_code == 200


def test_validation_messages_in_chinese(admin_world, client):
    w = admin_world
    make_policy(w["library"], "existing", [w["sc"]], title="已有文件", number="南川市场监管发〔2024〕5号")
    client.force_login(w["office"])
    url, data, _ = _create_form(client, w["library"])

    def errors_for(post):
        response = client.post(url, _lists(post))
        assert response.status_code == 200
        assert PolicyPage.objects.filter(slug="baorong").count() == 0
        return response.content.decode()

    html = errors_for(_fill(data.copy(), [w["sc"]], **{"action-publish": "1"}))
    assert "发文字号“南川市场监管发〔2024〕5号”已被《已有文件》使用" in html

    html = errors_for(_fill(data.copy(), [w["sc"]], document_number="南川市场监管发〔2024〕6号", effective_date="2024-05-01", expiry_date="2024-04-01"))
    assert "失效日期（2024-04-01）不能早于施行日期（2024-05-01）" in html

    post = _measure(_fill(data.copy(), [w["sc"]], document_number="南川市场监管发〔2024〕7号", effective_date="2024-04-01", expiry_date="2025-03-31"),
                    window_opens="2024-03-01", window_closes="2025-06-30")
    html = errors_for(post)
    assert "申报开始日期（2024-03-01）早于政策施行日期（2024-04-01）" in html
    assert "申报截止日期（2025-06-30）晚于政策失效日期（2025-03-31）" in html

    html = errors_for(_fill(data.copy(), [w["sc"]], document_number="随便写的号"))
    assert "发文字号“随便写的号”格式不正确" in html

    # Numbers in any other script than 0-9 (Python's int() would read them as 80 and 2025).
    for typed in ("８０", "2０٢5"):
        html = errors_for(_measure(_fill(data.copy(), [w["sc"]], document_number="南川市场监管发〔2024〕8号"), min_headcount=typed))
        assert "请用半角阿拉伯数字（0-9）填写" in html

    # A policy that supersedes itself.
    page = make_policy(w["library"], "self", [w["sc"]], title="自我废止", number="南川市场监管发〔2024〕8号")
    edit_url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    edit = querydict_from_html(client.get(edit_url).content.decode(), form_id="page-edit-form")
    edit.update({"changes-TOTAL_FORMS": "1", "changes-0-id": "", "changes-0-ORDER": "1",
                 "changes-0-old_policy": str(page.pk), "changes-0-kind": "repeal"})
    response = client.post(edit_url, _lists(edit))
    assert "政策文件不能修订或废止它自身" in response.content.decode()
    assert not page.changes.exists()

    # A valid measure saves with its conditions.
    post = _measure(_fill(data.copy(), [w["sc"]], document_number="南川市场监管发〔2024〕9号"), window_opens="2024-04-01", window_closes="2024-12-31")
    post.setlist("measures-0-scales", ["small", "micro"])
    post["action-publish"] = "1"
    response = client.post(url, _lists(post))
    page = PolicyPage.objects.get(slug="baorong")
    assert page.live and page.measures.get().scales == ["small", "micro"]


def test_internal_page_and_document_links_survive_publishing(admin_world, client, settings, tmp_path):
    """Links typed in the editor (Draftail stores them as Wagtail's
    <a linktype="page|document" id="…">) reach the public page as real hrefs."""
    import json

    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail.documents import get_document_model

    settings.MEDIA_ROOT = str(tmp_path)
    w = admin_world
    target = make_policy(w["library"], "target", [w["sc"]], title="被引用的文件")
    document = get_document_model().objects.create(title="申报表", file=SimpleUploadedFile("shenbao.pdf", b"%PDF-1.4 test"))
    text = "详见被引用的文件和申报表。"
    body = {
        "blocks": [{
            "key": "b1", "type": "unstyled", "depth": 0, "text": text, "inlineStyleRanges": [], "data": {},
            "entityRanges": [{"offset": 2, "length": 6, "key": 0}, {"offset": 9, "length": 3, "key": 1}],
        }],
        "entityMap": {
            "0": {"type": "LINK", "mutability": "MUTABLE", "data": {"id": target.pk, "url": target.url, "parentId": w["library"].pk}},
            "1": {"type": "DOCUMENT", "mutability": "MUTABLE", "data": {"id": document.pk, "url": document.url, "filename": "shenbao.pdf"}},
        },
    }
    client.force_login(w["office"])
    url, data, _ = _create_form(client, w["library"])
    post = _fill(data.copy(), [w["sc"]], body=json.dumps(body, ensure_ascii=False), **{"action-publish": "1"})
    assert client.post(url, _lists(post)).status_code == 302
    page = PolicyPage.objects.get(slug="baorong")
    assert page.live
    assert f'<a linktype="page" id="{target.pk}">被引用的文件</a>' in page.body
    assert f'<a linktype="document" id="{document.pk}">申报表</a>' in page.body

    # A later revision published through the model (as the workflow's approval does) keeps them too.
    page.title = "南川区市场监管领域包容审慎监管实施办法（修订）"
    page.save_revision(user=w["office"]).publish(user=w["office"])
    page.refresh_from_db()
    assert 'linktype="page"' in page.body and 'linktype="document"' in page.body

    html = client.get(page.url).content.decode()
    assert f'<a href="{target.url}">被引用的文件</a>' in html
    assert f'<a href="{document.url}">申报表</a>' in html


def test_hostile_editor_input_never_reaches_the_public_page(admin_world, client):
    """What the editor sends is Draftail's content state; Wagtail keeps only
    the field's features and safe link schemes when it stores the body."""
    import json

    w = admin_world
    text = '<script>alert("x")</script>点这里<img src=x onerror=alert(1)>'
    body = {
        "blocks": [
            {"key": "b1", "type": "unstyled", "depth": 0, "text": text, "data": {"style": "color:red"},
             "inlineStyleRanges": [{"offset": 0, "length": 8, "style": "FONT-SIZE"}],
             "entityRanges": [{"offset": text.index("点这里"), "length": 3, "key": 0}]},
            {"key": "b2", "type": "atomic", "depth": 0, "text": " ", "inlineStyleRanges": [], "data": {},
             "entityRanges": [{"offset": 0, "length": 1, "key": 1}]},
        ],
        "entityMap": {
            "0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": "javascript:alert(document.cookie)"}},
            "1": {"type": "EMBED", "mutability": "IMMUTABLE", "data": {"url": "https://evil.example/x", "html": "<script>alert(2)</script>"}},
        },
    }
    client.force_login(w["office"])
    url, data, _ = _create_form(client, w["library"])
    post = _fill(data.copy(), [w["sc"]], body=json.dumps(body, ensure_ascii=False), **{"action-publish": "1"})
    assert client.post(url, _lists(post)).status_code == 302
    page = PolicyPage.objects.get(slug="baorong")
    assert '&lt;script&gt;alert("x")&lt;/script&gt;<a>点这里</a>' in page.body  # text, and a link without its href
    html = client.get(page.url).content.decode()
    assert "&lt;script&gt;alert(" in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "javascript:" not in html and "evil.example" not in html and "color:red" not in html


def test_editor_cannot_revise_or_repeal_another_departments_policy(admin_world, client):
    w = admin_world
    theirs = make_policy(w["library"], "sc-old", [w["sc"]], title="市场监管局旧文件", number="南川市场监管发〔2020〕1号")
    mine_old = make_policy(w["library"], "jx-old", [w["jx"]], title="经信委旧文件", number="南川经信发〔2020〕1号")
    mine = make_policy(w["library"], "jx-new", [w["jx"]], title="经信委新文件", number="南川经信发〔2024〕1号", live=False)
    client.force_login(w["jx_editor"])
    edit_url = reverse("wagtailadmin_pages:edit", args=(mine.pk,))

    def post_change(old):
        edit = querydict_from_html(client.get(edit_url).content.decode(), form_id="page-edit-form")
        edit.update({"changes-TOTAL_FORMS": "1", "changes-0-id": "", "changes-0-ORDER": "1",
                     "changes-0-old_policy": str(old.pk), "changes-0-kind": "repeal"})
        return client.post(edit_url, _lists(edit))

    response = post_change(theirs)
    assert response.status_code == 200
    assert "您只能修订或废止本部门发布的政策文件" in response.content.decode()
    assert not PolicyChange.objects.filter(old_policy=theirs).exists()

    assert post_change(mine_old).status_code == 302
    assert PolicyChange.objects.get(page=mine).old_policy == mine_old

    # A link the office made stays when the editor saves the page again.
    PolicyChange.objects.create(page=mine, old_policy=theirs, kind="revise", sort_order=2)
    mine.refresh_from_db()
    mine.save_revision()
    edit = querydict_from_html(client.get(edit_url).content.decode(), form_id="page-edit-form")
    assert client.post(edit_url, _lists(edit)).status_code == 302
