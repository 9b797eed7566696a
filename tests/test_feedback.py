"""好差评: the form on every policy, interpretation and power-item page,
throttled votes without personal data, the admin list per department and
the 12-month satisfaction rate."""

import datetime as dt
import re

import pytest
import time_machine
from django.contrib.auth.models import Group, Permission, User
from django.core.cache import cache
from django.test import Client

from feedback.models import Feedback
from feedback.satisfaction import for_department
from policies.models import PolicyInterpretationPage
from portal.permissions import ensure_editor_group
from powerlists.models import PowerItem

from .policy_helpers import department, make_policy, site_with_library

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world():
    library, jiedu = site_with_library()
    Feedback.objects.all().delete()  # the demo's votes (rolled back after the test)
    jxw = department("jxw", "南川区经济和信息化委员会", "009256036", 20)
    czj = department("czj", "南川区财政局", "009256052", 40)
    policy = make_policy(library, "zjtx", [jxw], title="南川区支持专精特新企业若干措施", number="南川经信发〔2025〕18号")
    other = make_policy(library, "yusuan", [czj], title="南川区预算绩效管理办法", number="南川财发〔2025〕12号")
    interp = jiedu.add_child(instance=PolicyInterpretationPage(title="一图读懂专精特新措施", slug="tujie", policy=policy,
                                                               interpreter=jxw, summary="要点"))
    item = PowerItem.objects.create(code="XK09990000", name="工业产品生产许可", power_type="permit", department=jxw, live=True)
    return dict(jxw=jxw, czj=czj, policy=policy, other=other, interp=interp, item=item)


def _vote(client, kind, obj, helpful="1", comment="", **extra):
    return client.post("/fankui/", {"kind": kind, "object_id": obj.pk, "helpful": helpful, "comment": comment}, **extra)


def test_form_on_policy_interpretation_and_power_item_pages(world, client):
    pages = [("policy", world["policy"].url), ("interpretation", world["interp"].url),
             ("power_item", f"/quanze/shixiang/{world['item'].code}/")]
    for kind, url in pages:
        html = client.get(url).content.decode()
        assert "这条信息对您有帮助吗？" in html, url
        assert f'name="kind" value="{kind}"' in html
        assert 'action="/fankui/"' in html and 'name="csrfmiddlewaretoken"' in html
        assert re.search(r'<label for="feedback-comment-[^"]+">意见建议', html)


def test_vote_is_stored_without_personal_data(world, client):
    response = _vote(client, "policy", world["policy"], "0", "申报条件写得不够清楚", REMOTE_ADDR="203.0.113.9",
                     HTTP_USER_AGENT="Mozilla/5.0 Test")
    assert response.status_code == 200
    assert "感谢您的评价" in response.content.decode()
    fb = Feedback.objects.get()
    assert (fb.kind, fb.object_id, fb.helpful, fb.comment) == ("policy", world["policy"].pk, False, "申报条件写得不够清楚")
    assert fb.created == dt.date.today()
    assert list(fb.departments.all()) == [world["jxw"]]
    stored = " ".join(str(v) for v in Feedback.objects.values().get().values())
    assert "203.0.113.9" not in stored and "Mozilla" not in stored
    assert {f.name for f in Feedback._meta.get_fields()} == {
        "id", "kind", "object_id", "title", "url", "helpful", "comment", "created", "departments"}


def test_power_item_vote_belongs_to_its_department(world, client):
    assert _vote(client, "power_item", world["item"]).status_code == 200
    fb = Feedback.objects.get()
    assert fb.title == "XK09990000 工业产品生产许可" and list(fb.departments.all()) == [world["jxw"]]


def test_votes_are_throttled_per_client(world):
    a, b = Client(REMOTE_ADDR="198.51.100.1"), Client(REMOTE_ADDR="198.51.100.2")
    assert _vote(a, "policy", world["policy"]).status_code == 200
    again = _vote(a, "policy", world["policy"], "0")
    assert again.status_code == 429 and "您今天已经评价过这条信息" in again.content.decode()
    assert _vote(b, "policy", world["policy"]).status_code == 200  # another client is not affected
    assert _vote(a, "interpretation", world["interp"]).status_code == 200  # nor another item
    assert Feedback.objects.count() == 3


def test_behind_a_proxy_the_clients_are_told_apart(world, settings):
    settings.BEHIND_PROXY = True
    a = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.1")
    b = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.2")  # the same proxy
    assert _vote(a, "policy", world["policy"]).status_code == 200
    assert _vote(a, "policy", world["policy"]).status_code == 429
    assert _vote(b, "policy", world["policy"]).status_code == 200


def test_hourly_limit_per_client(world, monkeypatch):
    from feedback import views

    monkeypatch.setattr(views, "HOURLY_LIMIT", (2, 3600))
    c = Client(REMOTE_ADDR="198.51.100.7")
    assert _vote(c, "policy", world["policy"]).status_code == 200
    assert _vote(c, "policy", world["other"]).status_code == 200
    third = _vote(c, "interpretation", world["interp"])
    assert third.status_code == 429 and "请一小时后再试" in third.content.decode()
    assert Feedback.objects.count() == 2


def test_bad_votes_explain_themselves(world, client):
    missing = client.post("/fankui/", {"kind": "policy", "object_id": world["policy"].pk})
    assert missing.status_code == 400 and "请选择“有帮助”或“没有帮助”。" in missing.content.decode()
    long = _vote(client, "policy", world["policy"], comment="长" * 501)
    assert long.status_code == 400 and "意见建议不能超过500字。" in long.content.decode()
    gone = client.post("/fankui/", {"kind": "policy", "object_id": 999999, "helpful": "1"})
    assert gone.status_code == 404 and "不存在或尚未公开" in gone.content.decode()
    # Beyond the database's integer range, and digits of other scripts (int() reads ٣ as 3).
    for object_id in ("99999999999999999999", "2147483648", f"{world['policy'].pk}".translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))):
        bad = client.post("/fankui/", {"kind": "policy", "object_id": object_id, "helpful": "1"})
        assert bad.status_code == 400 and "评价对象编号有误。" in bad.content.decode(), object_id
    world["item"].live = False
    world["item"].save()
    assert _vote(client, "power_item", world["item"]).status_code == 404
    assert Feedback.objects.count() == 0


def test_csrf_is_required(world):
    strict = Client(enforce_csrf_checks=True)
    assert _vote(strict, "policy", world["policy"]).status_code == 403
    assert Feedback.objects.count() == 0


def test_satisfaction_rate_over_the_last_twelve_months(world, client):
    jxw = world["jxw"]
    today = dt.date(2025, 6, 16)

    def add(helpful, created, dept=jxw):
        fb = Feedback.objects.create(kind="policy", object_id=1, title="x", helpful=helpful, created=created)
        fb.departments.set([dept])

    add(True, today)
    add(True, dt.date(2024, 6, 17))  # first day of the window
    add(False, dt.date(2025, 1, 5))
    add(False, dt.date(2024, 6, 16))  # 12 months and a day ago: outside
    add(False, today, dept=world["czj"])  # another department
    s = for_department(jxw, today)
    assert (s.helpful, s.total, s.rate) == (2, 3, 66.7)
    assert for_department(department("xx", "南川区某局", "009256999", 99), today).rate is None

    with time_machine.travel(dt.datetime(2025, 6, 16, 10), tick=False):
        html = client.get(f"/quanze/bumen/{jxw.slug}/").content.decode()
    assert "近12个月信息满意率：<strong>66.7%</strong>（2/3 条评价认为有帮助）" in html


def test_editors_see_only_their_departments_feedback_in_the_admin(world, client):
    for obj, kind in ((world["policy"], "policy"), (world["other"], "policy")):
        Client(REMOTE_ADDR=f"192.0.2.{obj.pk % 200}").post(
            "/fankui/", {"kind": kind, "object_id": obj.pk, "helpful": "0", "comment": f"关于{obj.title}的意见"})
    assert Feedback.objects.count() == 2
    group = ensure_editor_group(world["jxw"])
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    editor = User.objects.create_user("jxw-editor", password="pw")
    editor.groups.add(group)
    client.force_login(editor)
    response = client.get("/admin/snippets/feedback/feedback/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "南川区支持专精特新企业若干措施" in html
    assert "南川区预算绩效管理办法" not in html
    assert client.get("/admin/snippets/feedback/feedback/add/").status_code in (302, 403)

    nobody = User.objects.create_user("nobody", password="pw")
    nobody.groups.add(Group.objects.create(name="其他用户"))
    nobody.groups.first().permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(nobody)
    assert client.get("/admin/snippets/feedback/feedback/").status_code in (302, 403)
