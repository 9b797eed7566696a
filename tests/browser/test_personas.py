"""Three people on a phone, as issue 13 tells them: a retired man looking
for 高龄津贴, a graduate looking for 就业 help, and a two-person catering
个体户 asking the calculator. Each types and taps as they would; the checks
are what they read on the screen."""

import re

from .support import BROWSER, horizontal_overflow

pytestmark = BROWSER


def submit(page, name):
    with page.expect_navigation():
        page.get_by_role("button", name=name).click()


def match_titled(section, title):
    return section.locator("li.result").filter(has=section.page.get_by_role("link", name=title, exact=True))


def test_a_retired_man_finds_his_old_age_allowance(searchable_site, new_page):
    page, watcher = new_page("phone")
    page.goto(searchable_site + "/")
    # From the home page's 惠民政策 entry, by life event.
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile("惠民政策")).first.click()
    assert page.url.endswith("/huimin/")
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile(r"^养老")).first.click()
    assert "event=elderly" in page.url
    row = page.locator("table.measure-table tbody tr").filter(has_text="高龄津贴").first
    assert row.is_visible() and "常年受理" in row.inner_text()
    assert horizontal_overflow(page) == 0

    # He asks the calculator, in his own words in the form.
    page.goto(searchable_site + "/jisuanqi/geren/")
    page.get_by_label("年龄（周岁）").fill("82")
    page.get_by_label("户籍和居住情况").select_option(label="本区户籍")
    page.get_by_label("就业状态").select_option(label="退休")
    submit(page, "查看可享受的政策")
    results = page.locator("section.matcher-results")
    allowance = match_titled(results, "高龄津贴")
    assert "符合：年龄80周岁以上" in allowance.inner_text() and "免申即享" in allowance.inner_text()
    # Nothing meant for working-age people is promised to him.
    assert match_titled(results, "职业技能培训补贴").count() == 0
    assert "您填写的：" in page.locator(".matcher-profile > summary").inner_text()

    # And as a question typed into search.
    page.goto(searchable_site + "/search/?q=" + "我家老人80岁了有什么补贴")
    assert page.locator("ol.hits").get_by_role("link", name=re.compile("高龄津贴")).count() >= 1
    assert watcher.errors == []


def test_a_graduate_finds_employment_help(searchable_site, new_page):
    page, watcher = new_page("phone")
    page.goto(searchable_site + "/search/?q=" + "大学生 就业")
    hits = page.locator("ol.hits")
    assert hits.get_by_role("link", name=re.compile("就业见习补贴|高校毕业生求职创业补贴")).count() >= 1

    page.goto(searchable_site + "/jisuanqi/geren/")
    page.get_by_label("年龄（周岁）").fill("23")
    page.get_by_label("户籍和居住情况").select_option(label="本区户籍")
    page.get_by_label("就业状态").select_option(label="未就业（未登记失业）")
    page.get_by_label("高校毕业年份（高校毕业生填写）").fill(str(_this_year(page)))
    submit(page, "查看可享受的政策")
    results = page.locator("section.matcher-results")
    assert match_titled(results, "就业见习补贴").count() == 1
    # A step she can take herself is offered as 差一点, never her age.
    near = page.locator("section.matcher-near")
    assert "办理失业登记" in near.inner_text()
    assert "年龄" not in " ".join(near.locator(".match-missing, .match-unmet").all_inner_texts())
    assert horizontal_overflow(page) == 0
    assert watcher.errors == []


def test_a_catering_sole_trader_is_not_over_promised(searchable_site, new_page):
    page, watcher = new_page("phone")
    page.goto(searchable_site + "/search/?q=" + "开饭店要办什么证")
    # The permit they need (its 核发, or the item as a whole) is among the first
    # three: the alias 开饭店 sits on the item, and its sub-items share it.
    top = page.locator("ol.hits > li h3").all_inner_texts()[:3]
    assert {"食品经营许可证核发", "食品经营许可"} & set(top), top

    page.goto(searchable_site + "/jisuanqi/")
    page.get_by_label("企业规模").select_option(label="个体工商户")
    page.get_by_label("行业门类（GB/T 4754）").select_option(value="H")
    page.get_by_label("从业人数（人）").fill("2")
    submit(page, "查看可享受的政策")
    results = page.locator("section.matcher-results")
    # The results come first on the phone, the form folded into one line.
    heading = page.locator("#results-heading").bounding_box()
    assert heading["y"] + heading["height"] <= page.viewport_size["height"]
    for award in ("限额以上商贸企业入统奖励", "主导制定标准奖励"):
        assert match_titled(results, award).count() == 0, award
    # What it does match, it matches honestly: conditions in words are 另需核实.
    for item in results.locator("li.result").all():
        text = item.inner_text()
        assert "符合：" in text
    assert "另需核实" in results.inner_text()
    assert horizontal_overflow(page) == 0
    assert watcher.errors == []


def _this_year(page):
    return int(page.evaluate("() => new Date().getFullYear()"))
