"""意见征集 end to end: a citizen comments on 第五条 of the demo's open draft
on a phone, the department's editor publishes it from the moderation queue,
and after closing the feedback page shows the counts and the final policy
links back. Changes are committed for the live server and put back."""

import datetime as dt
import re

import pytest

from .conftest import _committed
from .support import BROWSER, horizontal_overflow

pytestmark = BROWSER

SLUG = "yingshang-huanjing"
TEXT = "建议把“一日办结”改为“半日办结”，并公开办理进度。"
PASSWORD = "journey-pw-2026"


@pytest.fixture
def consultation():
    """The demo's open consultation, an editor of its department, and
    everything the journey adds removed afterwards."""
    from django.contrib.auth.models import User

    from consultations.models import Comment, ConsultationPage, FeedbackGroup
    from portal.permissions import ensure_editor_group

    found = {}

    def setup():
        page = ConsultationPage.objects.get(slug=SLUG)
        found.update(page=page, dates=(page.opens, page.closes), comments=set(page.comments.values_list("pk", flat=True)))
        editor = User.objects.create_user("fgw-journey", password=PASSWORD)
        editor.groups.add(ensure_editor_group(page.department))

    def teardown():
        page = found["page"]
        Comment.objects.filter(consultation=page).exclude(pk__in=found["comments"]).delete()
        FeedbackGroup.objects.filter(page=page).delete()
        ConsultationPage.objects.filter(pk=page.pk).update(opens=found["dates"][0], closes=found["dates"][1],
                                                           feedback_date=None, final_policy=None)
        User.objects.filter(username="fgw-journey").delete()

    _committed(setup)
    yield found
    _committed(teardown)


def close_with_feedback(found):
    """What the department does after the window: 采纳情况 and the final policy
    (written straight to the live row: the journey is about what the public sees)."""
    from consultations.models import ConsultationPage, FeedbackGroup
    from policies.models import PolicyPage
    from portal.daterules import today

    day = today()
    policy = PolicyPage.objects.get(slug="gaoxin")
    page = found["page"]
    ConsultationPage.objects.filter(pk=page.pk).update(opens=day - dt.timedelta(days=40), closes=day - dt.timedelta(days=1),
                                                       feedback_date=day, final_policy=policy)
    FeedbackGroup.objects.create(page=page, summary="办结时限", count=2, decision="partly", reason="改为一日内办结并公开进度。")
    FeedbackGroup.objects.create(page=page, summary="取消现场核查", count=1, decision="rejected", reason="食品等领域仍须核查。")
    found["policy_url"] = policy.url


def test_comment_on_article_five_moderate_and_see_the_feedback(site, new_page, consultation):
    phone, watcher = new_page("phone")
    phone.goto(f"{site}/zhengji/{SLUG}/")
    assert horizontal_overflow(phone) == 0
    phone.locator("#tiao-5").get_by_role("link", name="对第五条提意见").click()
    assert phone.locator("#id_article").input_value() == "5"
    phone.locator("#id_text").fill(TEXT)
    phone.locator("#id_contact").fill("13800000000")
    phone.get_by_role("button", name="提交意见").click()
    phone.get_by_role("heading", name="意见已收到").wait_for()
    receipt = phone.locator(".receipt-number").inner_text()
    assert re.fullmatch(r"YJ\d{8}-[2-9A-HJ-NP-Z]{6}", receipt)
    phone.goto(f"{site}/zhengji/{SLUG}/")
    assert TEXT not in phone.content()  # not public before moderation

    admin, _ = new_page("desktop")
    admin.goto(f"{site}/admin/login/")
    admin.locator("#id_username").fill("fgw-journey")
    admin.locator("#id_password").fill(PASSWORD)
    admin.locator("#id_password").press("Enter")
    admin.wait_for_url(re.compile(r"/admin/$"))
    admin.goto(f"{site}/admin/snippets/consultations/comment/?status=pending")
    admin.get_by_role("link", name=re.compile(receipt)).click()
    admin.get_by_label("已公开").check()
    admin.locator("#id_reply").fill("感谢建议，已在修改稿中研究。")
    admin.get_by_role("button", name=re.compile("保存")).first.click()
    admin.wait_for_url(re.compile(r"/admin/snippets/consultations/comment/($|\?)"))

    phone.reload()  # still on the draft's page
    article = phone.locator("#tiao-5")
    article.locator("summary").click()
    assert TEXT in article.inner_text() and "感谢建议，已在修改稿中研究。" in article.inner_text()
    assert "13800000000" not in phone.content()

    _committed(lambda: close_with_feedback(consultation))
    phone.goto(f"{site}/zhengji/{SLUG}/")
    assert phone.locator(".consultation-status").inner_text().startswith("已反馈")
    assert phone.get_by_role("button", name="提交意见").count() == 0
    phone.get_by_role("link", name="查看意见采纳情况反馈").click()
    counts = {key: phone.locator(f'[data-count="{key}"]').inner_text() for key in ("total", "adopted", "partly", "rejected")}
    assert counts == {"total": "3", "adopted": "0", "partly": "2", "rejected": "1"}
    assert horizontal_overflow(phone) == 0
    phone.locator("a.final-policy").click()
    phone.wait_for_url(f"{site}{consultation['policy_url']}")
    back = phone.get_by_role("link", name="意见采纳情况反馈")
    assert back.get_attribute("href") == f"/zhengji/{SLUG}/fankui/"
    assert watcher.errors == []
