"""发文机关 in the admin, in Chromium: the 门户办 finds offices by typing,
the district's own first, and picks them with the keyboard (issue 19)."""

import pytest

from .conftest import _committed
from .support import BROWSER

pytestmark = BROWSER

PASSWORD = "pw-office-123456"


@pytest.fixture
def office_login(site):
    from django.contrib.auth import get_user_model

    _committed(lambda: get_user_model().objects.create_superuser("office_browser", "ob@example.com", PASSWORD))
    yield "office_browser"
    _committed(lambda: get_user_model().objects.filter(username="office_browser").delete())


def test_the_portal_office_types_to_find_an_issuing_office(site, new_page, office_login):
    from policies.models import PolicyIndexPage
    from portal.models import Department

    library = PolicyIndexPage.objects.get()
    market = Department.objects.get(slug="scjgj")
    page, watcher = new_page()
    page.goto(f"{site}/admin/login/")
    page.fill("input[name=username]", office_login)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{site}/admin/")
    page.goto(f"{site}/admin/pages/add/policies/policypage/{library.pk}/")
    page.get_by_role("tab", name="文件信息").click()

    box = page.get_by_role("combobox", name="发文机关")
    box.click()
    options = page.get_by_role("listbox").get_by_role("option")
    assert options.count() == Department.objects.count()
    first_district = Department.objects.filter(level="district").order_by("sort_order", "id").first()
    assert options.first.inner_text() == first_district.name

    box.fill("市场监")
    assert options.all_inner_texts() == [market.name]
    box.press("Enter")  # chooses; does not submit the form
    chosen = page.get_by_role("list", name="已选发文机关").get_by_role("listitem")
    assert [t.replace("×", "").strip() for t in chosen.all_inner_texts()] == [market.name]
    selected = page.eval_on_selector("select[name=issuing_offices]", "s => [...s.selectedOptions].map(o => o.value)")
    assert selected == [str(market.pk)]
    assert "/add/" in page.url  # still on the form

    page.get_by_role("button", name=f"移除 {market.name}").click()
    assert page.eval_on_selector("select[name=issuing_offices]", "s => s.selectedOptions.length") == 0
    assert watcher.errors == []
