"""政策计算器 on a phone: the results start within the first screen (the
profile folds into one line), and the folded form opens without JavaScript."""

import pytest

from .support import BROWSER, PHONE, horizontal_overflow

pytestmark = BROWSER

FIRM = "/jisuanqi/?industry=C&scale=small&region=dong-cheng-jie-dao&qual=zhuan-jing-te-xin-zhong-xiao-qi-ye&founded=2018&headcount=80&revenue=3000"
RETIREE = "/jisuanqi/geren/?age=68&residence=hukou&employment=retired"


@pytest.mark.parametrize("elderly", [False, True], ids=["normal", "shilaohua"])
@pytest.mark.parametrize("path", [FIRM, RETIREE], ids=["enterprise", "person"])
def test_results_start_on_the_first_phone_screen(site, new_page, path, elderly):
    page, watcher = new_page("phone", javascript=False)
    if elderly:
        page.context.add_cookies([{"name": "shilaohua", "value": "1", "url": site}])
    page.goto(site + path)
    heading = page.locator("#results-heading").bounding_box()
    bottom = heading["y"] + heading["height"]
    if elderly:
        # 适老化: the site header may take up to a third of the screen (issue 13); the page's own
        # part (title, tabs, folded profile) must leave the results on the rest of it.
        header = page.locator("header").first.bounding_box()
        assert bottom - (header["y"] + header["height"]) <= PHONE["height"] * 2 / 3, (header, heading)
    else:
        assert bottom <= PHONE["height"], heading
    assert horizontal_overflow(page) == 0
    # The summary line is a tap target that opens the form, no JavaScript needed.
    summary = page.locator(".matcher-profile > summary")
    assert summary.bounding_box()["height"] >= 44
    assert not page.locator("#profile-form").is_visible()
    summary.click()
    assert page.locator("#profile-form").is_visible()
    assert watcher.errors == []
