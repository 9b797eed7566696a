"""依申请公开 end to end over HTTP: the public form (Chinese validation,
CSRF, rate limit), the receipt and e-mail, tracking by 查询码, the back
office (routing, department scope, 补正, extension, answer with a reply
document), overdue highlighting, reminders and the published answers.
Due dates are checked against the independent 2026 working-day list of
test_inforequests_clock."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import Group, Permission, User
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client, override_settings

from inforequests import services
from inforequests.models import InformationRequest
from portal.permissions import PORTAL_OFFICE_GROUP, ensure_editor_group

from .policy_helpers import department
from .refusing_email import REFUSED
from .test_inforequests_clock import oracle_accepted, oracle_add

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Shanghai")

PERSON = {"applicant_type": "person", "name": "张三", "id_type": "身份证", "id_number": "50011919800101123X",
          "phone": "13800000000", "email": "zhangsan@example.com", "description": "2025年南川区城区道路改造项目的环境影响评价批复文件",
          "purpose": "", "form": "electronic", "delivery": "email", "agree": "on"}


def local(*args):
    return dt.datetime(*args, tzinfo=TZ)


@pytest.fixture
def world():
    InformationRequest.objects.all().delete()  # the demo's (rolled back after the test)
    jxw = department("jxw", "南川区经济和信息化委员会", "009256036", 20)
    czj = department("czj", "南川区财政局", "009256052", 40)
    access = Permission.objects.get(codename="access_admin")
    users = {}
    for name, dept in (("jxw-editor", jxw), ("czj-editor", czj)):
        group = ensure_editor_group(dept)
        group.permissions.add(access)
        users[name] = User.objects.create_user(name, email=f"{name}@example.gov.cn", password="pw")
        users[name].groups.add(group)
    office_group, _ = Group.objects.get_or_create(name=PORTAL_OFFICE_GROUP)
    office_group.permissions.add(access)
    users["office"] = User.objects.create_user("office", email="office@example.gov.cn", password="pw")
    users["office"].groups.add(office_group)
    return dict(jxw=jxw, czj=czj, **users)


def login(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_form_explains_every_problem_in_chinese(world, client):
    html = client.get("/yishenqing/").content.decode()
    assert "政府信息公开申请" in html and 'name="csrfmiddlewaretoken"' in html

    response = client.post("/yishenqing/", {})
    assert response.status_code == 400
    html = response.content.decode()
    for message in ("请选择申请人类型。", "请填写姓名或单位名称。", "请填写联系电话。",
                    "请描述所需政府信息：名称、文号或者便于查询的其他特征。", "请确认所填信息真实有效。"):
        assert message in html
    assert "申请未提交，请修改以下内容" in html

    organisation = {**PERSON, "applicant_type": "organisation", "name": "重庆某某科技有限公司", "id_number": "123"}
    html = client.post("/yishenqing/", organisation).content.decode()
    for message in ("统一社会信用代码应为18位数字或大写字母", "请选择组织类型。", "请填写法定代表人。", "请填写联系人。"):
        assert message in html
    html = client.post("/yishenqing/", {**PERSON, "email": "", "id_number": "12345"}).content.decode()
    assert "选择以电子邮件获取时，请填写电子邮箱。" in html and "居民身份证号码应为18位" in html
    assert not InformationRequest.objects.exists()


def test_the_form_needs_a_csrf_token(world):
    response = Client(enforce_csrf_checks=True).post("/yishenqing/", PERSON)
    assert response.status_code == 403
    assert not InformationRequest.objects.exists()


def test_filing_is_rate_limited_per_client(world):
    client = Client(REMOTE_ADDR="198.51.100.7")
    statuses = [client.post("/yishenqing/", PERSON).status_code for _ in range(6)]
    assert statuses == [302] * 5 + [429]
    assert InformationRequest.objects.count() == 5
    assert Client(REMOTE_ADDR="198.51.100.8").post("/yishenqing/", PERSON).status_code == 302


def test_file_receipt_and_track(world, client):
    # Filed on the evening of 30 September 2026: accepted on 8 October, after National Day.
    with time_machine.travel(local(2026, 9, 30, 19, 5), tick=False):
        response = client.post("/yishenqing/", PERSON)
        assert response.status_code == 302 and response["Location"] == "/yishenqing/huizhi/"
        html = client.get("/yishenqing/huizhi/").content.decode()
    req = InformationRequest.objects.get()
    assert re.fullmatch(r"[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){3}", req.code)
    due = oracle_add(oracle_accepted(dt.datetime(2026, 9, 30, 19, 5)), 20)
    assert due == dt.date(2026, 11, 4)
    assert req.code in html and "2026-10-08" in html and "2026-11-04" in html
    assert "回执已发送至您的电子邮箱" in html
    assert len(mail.outbox) == 1 and req.code in mail.outbox[0].body and "2026-11-04" in mail.outbox[0].body
    assert [e.kind for e in req.events.all()] == ["received", "accepted"]

    typed = req.code.lower().replace("-", " ")
    with time_machine.travel(local(2026, 10, 30, 9), tick=False):
        html = client.post("/yishenqing/chaxun/", {"code": typed}).content.decode()
    assert "已收到，待分办" in html and "还剩 3 个工作日" in html and "即将到期" in html
    assert "2025年南川区城区道路改造项目" in html
    for private in ("张三", "13800000000", "50011919800101123X", "zhangsan@example.com"):
        assert private not in html  # only what identifies the request, not the person

    response = client.post("/yishenqing/chaxun/", {"code": "ABCD-EFGH-JKMN-PQRS"})
    assert response.status_code == 404 and "未找到该查询码对应的申请" in response.content.decode()


def test_back_office_routes_corrects_extends_and_answers(world):
    with time_machine.travel(local(2026, 2, 6, 10), tick=False):
        Client().post("/yishenqing/", PERSON)
    req = InformationRequest.objects.get()
    office, editor, other = login(world["office"]), login(world["jxw-editor"]), login(world["czj-editor"])
    admin_url = f"/admin/yishenqing/{req.pk}/"

    with time_machine.travel(local(2026, 2, 9, 9), tick=False):
        assert req.code in office.get("/admin/yishenqing/").content.decode()
        assert req.code not in editor.get("/admin/yishenqing/").content.decode()  # not routed yet
        # Before routing the request is no department's: not even there for an editor.
        assert editor.post(admin_url, {"action": "route", "department": world["jxw"].pk}).status_code == 404
        assert office.post(admin_url, {"action": "route", "department": world["jxw"].pk}).status_code == 302
    req.refresh_from_db()
    assert (req.department, req.status) == (world["jxw"], "processing")
    # Routing is the office's: Wagtail answers an editor with its permission-denied redirect.
    assert editor.post(admin_url, {"action": "route", "department": world["czj"].pk}).status_code in (302, 403)
    req.refresh_from_db()
    assert req.department == world["jxw"]
    assert other.get(admin_url).status_code == 404
    assert req.code not in other.get("/admin/yishenqing/").content.decode()

    # 补正 on 10 February; the applicant completes it on 2 March: 20 working days from then.
    with time_machine.travel(local(2026, 2, 10, 9), tick=False):
        response = editor.post(admin_url, {"action": "step", "kind": "correction_requested", "date": "2026-02-10", "note": ""})
        assert response.status_code == 400 and "请写明需要补正的事项" in response.content.decode()
        editor.post(admin_url, {"action": "step", "kind": "correction_requested", "date": "2026-02-10",
                                "note": "请说明所需文件的发布时间"})
        assert "待申请人补正" in editor.get(admin_url).content.decode()
    with time_machine.travel(local(2026, 3, 2, 9), tick=False):
        editor.post(admin_url, {"action": "step", "kind": "correction_completed", "date": "2026-03-02"})
    req.refresh_from_db()
    assert req.clock(dt.date(2026, 3, 2)).due == oracle_add(dt.date(2026, 3, 2), 20)

    with time_machine.travel(local(2026, 3, 20, 9), tick=False):
        response = editor.post(admin_url, {"action": "step", "kind": "extended", "date": "2026-03-20", "working_days": "25"})
        html = response.content.decode()
        assert response.status_code == 400 and "延期答复须说明理由。" in html and "20" in html
        editor.post(admin_url, {"action": "step", "kind": "extended", "date": "2026-03-20", "working_days": "15",
                                "note": "需调取档案"})
        response = editor.post(admin_url, {"action": "step", "kind": "extended", "date": "2026-03-20",
                                           "working_days": "5", "note": "再次延期"})
        assert "每件申请只能延期答复一次" in response.content.decode()
    req.refresh_from_db()
    assert req.clock(dt.date(2026, 3, 20)).due == oracle_add(dt.date(2026, 3, 2), 35)

    mail.outbox.clear()
    with time_machine.travel(local(2026, 4, 10, 15), tick=False):
        response = editor.post(admin_url, {"action": "answer", "outcome": "withheld", "outcome_reason": "",
                                           "answered_on": "2026-04-10", "reply_text": "x", "remedy_text": "y"})
        assert "请选择与办理结果对应的具体情形。" in response.content.decode()
        response = editor.post(admin_url, {
            "action": "answer", "outcome": "partly", "outcome_reason": "", "answered_on": "2026-04-10",
            "reply_text": "现提供批复文件（涉及个人信息部分已作区分处理）。", "remedy_text": "可依法申请行政复议或提起行政诉讼。",
            "reply_document": SimpleUploadedFile("答复书.pdf", b"%PDF-1.4 reply", content_type="application/pdf")})
        assert response.status_code == 302
    req.refresh_from_db()
    assert (req.status, req.outcome, req.answered_on) == ("answered", "partly", dt.date(2026, 4, 10))
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["zhangsan@example.com"]
    assert mail.outbox[0].attachments[0][0] == f"答复书_{req.code}.pdf" and "部分公开" in mail.outbox[0].body

    client = Client()
    html = client.post("/yishenqing/chaxun/", {"code": req.code}).content.decode()
    assert "已答复" in html and "部分公开" in html and "请说明所需文件的发布时间" in html and "需调取档案" in html
    download = client.get(f"/yishenqing/chaxun/{req.code}/dafushu/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4 reply"
    # The document itself is in a collection closed to the public.
    assert client.get(req.reply_document.url).status_code in (302, 403)


def test_overdue_and_soon_due_are_highlighted_and_reminded(world):
    with time_machine.travel(local(2026, 10, 12, 9), tick=False):
        overdue = services.file_request({**{k: v for k, v in PERSON.items() if k != "agree"}, "description": "逾期的申请"},
                                        local(2026, 8, 3, 10))
        soon = services.file_request({**{k: v for k, v in PERSON.items() if k != "agree"}, "description": "即将到期的申请"},
                                     local(2026, 9, 10, 10))
        fresh = services.file_request({**{k: v for k, v in PERSON.items() if k != "agree"}, "description": "新的申请"},
                                      local(2026, 10, 9, 10))
        for req in (overdue, soon, fresh):
            services.route(req, world["jxw"], day=dt.date(2026, 10, 9))
        assert soon.clock().due == oracle_add(dt.date(2026, 9, 10), 20) == dt.date(2026, 10, 14)
        html = login(world["jxw-editor"]).get("/admin/yishenqing/").content.decode()
        rows = re.findall(r'data-state="(\w+)">\s*<td><a[^>]*>([^<]+)</a>', html)
        assert rows == [("overdue", overdue.code), ("due_soon", soon.code), ("ok", fresh.code)]
        assert "已逾期 " in html and "即将到期：剩 2 个工作日" in html

        dashboard = login(world["jxw-editor"]).get("/admin/").content.decode()
        assert "依申请公开" in dashboard and "已逾期 1</strong>" in dashboard

        mail.outbox.clear()
        call_command("send_request_reminders", stdout=open("/dev/null", "w"))
    assert [m.to for m in mail.outbox] == [["jxw-editor@example.gov.cn"]]
    assert overdue.code in mail.outbox[0].body and soon.code in mail.outbox[0].body
    assert fresh.code not in mail.outbox[0].body


def test_published_answers_show_no_applicant(world):
    req = services.file_request({k: v for k, v in PERSON.items() if k != "agree"}, local(2026, 6, 1, 10))
    services.route(req, world["jxw"], day=dt.date(2026, 6, 1))
    services.answer(req, {"outcome": "disclosed", "outcome_reason": "", "answered_on": dt.date(2026, 6, 10),
                          "reply_text": "批复文件全文如下。", "remedy_text": "可依法申请行政复议。", "publish_answer": True})
    html = Client().get("/yishenqing/gongkai/").content.decode()
    assert "批复文件全文如下。" in html and "南川区经济和信息化委员会" in html
    assert "张三" not in html and req.code not in html


@override_settings(EMAIL_BACKEND="tests.refusing_email.RefusingBackend")
def test_a_refused_receipt_mail_loses_nothing(world, client):
    response = client.post("/yishenqing/", {**PERSON, "email": REFUSED}, follow=True)
    html = response.content.decode()
    req = InformationRequest.objects.get()
    assert req.code in html and "回执邮件未能发送，请务必自行保存上面的查询码。" in html


def test_a_due_date_in_a_year_the_calendar_does_not_know_says_provisional(world, client):
    # chinesecalendar 1.11.0 knows 2026 but not 2027: 20 working days from 21 December run into 2027.
    with time_machine.travel(local(2026, 12, 21, 10), tick=False):
        html = client.post("/yishenqing/", PERSON, follow=True).content.decode()
        req = InformationRequest.objects.get()
        assert req.clock().provisional
        assert f"{req.clock().due:%Y-%m-%d}（暂定）" in html and "暂按周一至周五计算" in html
        html = client.post("/yishenqing/chaxun/", {"code": req.code}).content.decode()
    assert "（暂定）" in html


def test_every_concluded_request_has_a_table_3_outcome(world):
    data = {k: v for k, v in PERSON.items() if k != "agree"}
    withdrawn = services.file_request(data, local(2026, 5, 6, 10))
    services.add_step(withdrawn, "withdrawn", dt.date(2026, 5, 8), "申请人撤回")
    withdrawn.refresh_from_db()
    assert (withdrawn.status, withdrawn.outcome, withdrawn.outcome_reason, withdrawn.answered_on) == (
        "closed", "other", "other.other", dt.date(2026, 5, 8))
    # The applicant never completed the 补正: answered from 待补正 as 其他处理·逾期不补正.
    silent = services.file_request(data, local(2026, 5, 6, 10))
    services.route(silent, world["jxw"], day=dt.date(2026, 5, 6))
    services.add_step(silent, "correction_requested", dt.date(2026, 5, 7), "请明确所需信息")
    services.answer(silent, {"outcome": "other", "outcome_reason": "other.no_correction", "answered_on": dt.date(2026, 6, 30),
                             "reply_text": "逾期未补正，不再处理。", "remedy_text": "可依法申请行政复议。", "publish_answer": False},
                    notify=False)
    silent.refresh_from_db()
    assert (silent.status, silent.outcome_reason) == ("answered", "other.no_correction")
