"""A visitor's journey: home → search → two facets → a policy → its
interpretation, with and without JavaScript and on a phone; and the search
page by keyboard alone. The search is answered by Elasticsearch holding the demo."""

import re

from . import support
from .support import BROWSER
from .test_interaction import focused

pytestmark = BROWSER

TERM = "专精特新"
POLICY = "南川区支持专精特新中小企业高质量发展若干措施"


def total(page):
    return int(page.locator("#results-heading strong").inner_text())


def facet_box(page, facet, label):
    # The checkbox's accessible name carries its count: "政策文件 (11)".
    return page.locator(f"#facet-{facet}").get_by_role("checkbox", name=re.compile(rf"^{label} \(\d+\)$"))


def show_filters(page):
    """On a phone the filters are folded behind “筛选”: open them, as a visitor would."""
    if page.locator("#filters:not([open])").count():
        page.locator("#filters > summary").click()


def pick(page, facet, label, javascript):
    show_filters(page)
    box = facet_box(page, facet, label)
    if javascript:  # the box applies itself
        with page.expect_navigation():
            box.click()
    else:  # tick, then the form's own button
        box.check()
        with page.expect_navigation():
            page.get_by_role("button", name="应用筛选").click()


def assert_selected(page, facet, label):
    show_filters(page)
    assert facet_box(page, facet, label).is_checked()
    assert page.get_by_role("list", name="已选条件").get_by_role("link", name=re.compile(label)).count() == 1


def journey(site, page, javascript):
    page.goto(site + "/")
    page.locator("#home-q").fill(TERM)
    with page.expect_navigation():
        page.locator("#home-q").press("Enter")
    assert re.search(r"/search/\?q=", page.url)
    assert page.locator("#search-q").input_value() == TERM
    assert page.locator(".search-page .notice").count() == 0, "不应退回内置检索"
    everything = total(page)
    assert everything > 0
    assert page.locator("#results-heading").inner_text().startswith(f"“{TERM}”的搜索结果")

    pick(page, "type", "政策文件", javascript)
    policies = total(page)
    assert 0 < policies < everything
    assert_selected(page, "type", "政策文件")
    assert page.locator("ol.hits > li").count() == min(policies, 10)
    assert page.locator("ol.hits > li:not(.hit-policy)").count() == 0

    pick(page, "level", "区级", javascript)
    district = total(page)
    assert 0 < district < policies
    assert_selected(page, "type", "政策文件")
    assert_selected(page, "level", "区级")
    assert "level=district" in page.url and "type=policy" in page.url

    with page.expect_navigation():
        page.locator("ol.hits").get_by_role("link", name=POLICY).click()
    assert page.url.endswith("/zhengce/zjtx/")
    assert page.locator("h1").inner_text() == POLICY
    assert page.title().startswith(POLICY)

    # 相关解读 near the top, inside the policy's article (as gov.cn shows it).
    interpretations = page.locator("article.policy-body aside[aria-labelledby=interp-heading]")
    assert interpretations.get_by_role("heading", name="相关解读").is_visible()
    link = interpretations.get_by_role("link").first
    title = link.inner_text()
    assert POLICY in title
    with page.expect_navigation():
        link.click()
    assert "/jiedu/" in page.url
    assert page.locator("h1").inner_text() == title
    assert page.title().startswith(title)


def test_search_two_facets_policy_and_interpretation(searchable_site, new_page):
    page, watcher = new_page("desktop")
    journey(searchable_site, page, javascript=True)
    assert watcher.errors == []


def test_the_same_journey_on_a_phone(searchable_site, new_page):
    page, watcher = new_page("phone")
    journey(searchable_site, page, javascript=True)
    assert watcher.errors == []


def test_the_same_journey_without_javascript(searchable_site, new_page):
    page, watcher = new_page("desktop", javascript=False)
    journey(searchable_site, page, javascript=False)
    assert watcher.errors == []


def tab_to(page, predicate, limit=80):
    """Press Tab until the focused element matches; return its focus state."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(predicate):
            return focused(page)
    raise AssertionError(f"Tab 键 {limit} 次仍未到达：{predicate}")


def assert_focus_visible(state):
    assert state["visible"], state
    assert state["outline"] != "none" and state["outlineWidth"] >= 2, f"无可见焦点：{state}"


def test_search_page_by_keyboard_only(searchable_site, new_page):
    page, watcher = new_page("desktop")
    page.goto(searchable_site + "/search/")

    box = tab_to(page, "() => document.activeElement.id === 'search-q'")
    assert_focus_visible(box)
    page.keyboard.type(TERM)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("#search-q").input_value() == TERM
    everything = total(page)
    assert everything > 0

    checkbox = tab_to(
        page,
        "() => document.activeElement.matches('#facet-type input[type=checkbox][value=policy]')",
    )
    assert_focus_visible(checkbox)
    with page.expect_navigation():
        page.keyboard.press("Space")
    assert_selected(page, "type", "政策文件")
    assert 0 < total(page) < everything
    assert page.locator("ol.hits > li:not(.hit-policy)").count() == 0
    # Typing starts an autocomplete fetch; Enter's navigation cancels it.
    assert [e for e in watcher.errors if "/api/search/suggest/" not in e] == []


def test_filters_fold_away_on_a_phone_and_open_on_tap(searchable_site, new_page):
    page, watcher = new_page("phone")
    page.goto(searchable_site + f"/search/?q={TERM}")
    # The results start on the first screen; the facets wait behind one tap.
    assert page.locator("#results-heading").bounding_box()["y"] < support.PHONE["height"]
    assert not page.locator("#facet-type").is_visible()
    toggle = page.locator("#filters > summary")
    assert toggle.bounding_box()["height"] >= 44
    toggle.click()
    assert facet_box(page, "type", "政策文件").is_visible()
    assert watcher.errors == []


def test_filters_stay_open_on_a_phone_without_javascript(searchable_site, new_page):
    page, _ = new_page("phone", javascript=False)
    page.goto(searchable_site + f"/search/?q={TERM}")
    assert facet_box(page, "type", "政策文件").is_visible()
