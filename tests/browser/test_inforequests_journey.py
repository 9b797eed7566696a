"""依申请公开 in a real browser: an applicant files a request on a phone and
tracks it with the 查询码; a member of staff answers one in the admin and
the applicant sees the answer. Each journey commits its own request (the
live server reads committed data) and deletes it afterwards."""

import datetime as dt

import pytest
from django.utils import timezone

from .conftest import _committed
from .support import BROWSER, horizontal_overflow

pytestmark = BROWSER
DESCRIPTION = "浏览器测试：2026年南川区老旧小区改造计划"


@pytest.fixture
def cleanup():
    """Deletes the journey's requests and users afterwards, committed."""
    from django.contrib.auth.models import User

    from inforequests.models import InformationRequest

    yield
    _committed(lambda: InformationRequest.objects.filter(description__startswith="浏览器测试").delete())
    _committed(lambda: User.objects.filter(username="journey-office").delete())


def test_file_and_track_on_a_phone(site, new_page, cleanup):
    page, watcher = new_page("phone")
    page.goto(site + "/yishenqing/")
    assert horizontal_overflow(page) == 0
    page.get_by_role("radio", name="公民").check()
    page.locator("#id_name").fill("张三")
    page.locator("#id_id_type").select_option("身份证")
    page.locator("#id_id_number").fill("50011919800101123X")
    page.locator("#id_phone").fill("13800000000")
    page.get_by_role("radio", name="电子文件").check()
    page.get_by_role("radio", name="网上获取").check()
    page.get_by_label("我承诺所填信息真实有效").check()
    page.get_by_role("button", name="提交申请").click()
    # Forgot the description: the summary says so and links to the field.
    summary = page.locator("#error-summary")
    assert "请描述所需政府信息" in summary.inner_text()
    assert page.locator("#id_name").input_value() == "张三"  # nothing typed is lost
    page.locator("#id_description").fill(DESCRIPTION)
    page.get_by_label("我承诺所填信息真实有效").check()
    page.get_by_role("button", name="提交申请").click()

    page.wait_for_url("**/yishenqing/huizhi/")
    code = page.locator("#inforequest-code").inner_text()
    assert len(code) == 19 and "答复期限" in page.content()
    assert horizontal_overflow(page) == 0

    page.goto(site + "/yishenqing/chaxun/")
    page.locator("#id_code").fill(code.lower())
    page.get_by_role("button", name="查询").click()
    assert page.locator("#track-status").inner_text() == "已收到，待分办"
    assert "个工作日" in page.locator("#track-clock").inner_text()
    assert "收到申请" in page.locator(".inforequest-steps").inner_text()
    assert "张三" not in page.content()
    assert horizontal_overflow(page) == 0
    assert watcher.errors == []


def test_staff_answer_and_the_applicant_sees_it(site, new_page, cleanup):
    from django.contrib.auth.models import Group, User

    from inforequests import services
    from portal.models import Department
    from portal.permissions import PORTAL_OFFICE_GROUP

    made = {}

    def prepare():
        office = User.objects.create_user("journey-office", password="journey-pass-2026")
        office.groups.add(Group.objects.get(name=PORTAL_OFFICE_GROUP))
        req = services.file_request({
            "applicant_type": "person", "name": "李四", "id_type": "身份证", "id_number": "500119198001011234",
            "phone": "13900000000", "description": DESCRIPTION, "form": "electronic", "delivery": "online"},
            timezone.now() - dt.timedelta(days=3))
        services.route(req, Department.objects.order_by("sort_order").first(), day=timezone.localdate())
        made["req"] = req

    _committed(prepare)
    req = made["req"]
    page, watcher = new_page("desktop")
    page.goto(site + "/admin/login/")
    page.locator("#id_username").fill("journey-office")
    page.locator("#id_password").fill("journey-pass-2026")
    page.locator("button[type=submit]").click()
    page.wait_for_url(site + "/admin/")
    assert "依申请公开" in page.locator("#inforequests-panel").inner_text()

    page.goto(site + "/admin/yishenqing/")
    page.get_by_role("link", name=req.code).click()
    form = page.locator("#form-answer")
    form.locator("#id_outcome").select_option("disclosed")
    form.locator("#id_reply_text").fill("经查，所申请信息已于2026年3月公开，现予提供。")
    assert "行政复议" in form.locator("#id_remedy_text").input_value()  # prefilled 救济渠道
    form.get_by_role("button", name="登记答复").click()
    page.get_by_text("答复已登记").wait_for()  # the message after the redirect
    assert "已答复" in page.locator("#request-heading").inner_text()

    public, _ = new_page("phone")
    public.goto(site + "/yishenqing/chaxun/")
    public.locator("#id_code").fill(req.code)
    public.get_by_role("button", name="查询").click()
    assert public.locator("#track-outcome").inner_text() == "予以公开"
    assert "现予提供" in public.content()
    assert watcher.errors == []
