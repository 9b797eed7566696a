"""Every listing and detail page (support.LAYOUT_PAGES) at 360 px and
1280 px, in normal and 适老化 mode: nothing scrolls sideways, no table column
is narrower than four characters, tap targets are at least 44 px tall on a
phone, and the 适老化 header leaves most of a phone's first screen to content."""

import pytest

from .support import BROWSER, LAYOUT_PAGES, PHONE, horizontal_overflow, screenshot

pytestmark = BROWSER

MIN_TARGET = 44  # CSS px
MIN_CELL_CHARACTERS = 4

# What a finger taps: links and buttons in the header, navigation, facets and lists.
TAP_TARGETS = ", ".join(
    [
        ".site-header a", ".site-header button", ".site-header input",
        "nav a", "nav button", ".facet label", ".facet a", ".date-range label", ".filters-panel > summary",
        "main button", "main li > a:first-child", ".hit h3 a", ".result__title > a", ".site-footer li > a",
    ]
)

VISIBLE = """el => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden'
        && !el.closest('.visually-hidden, .rich-text');
}"""

NARROW_CELLS = f"""() => {{
    const visible = {VISIBLE};
    return [...document.querySelectorAll('main td, main th')].filter(visible).filter(cell => {{
        const style = getComputedStyle(cell);
        const content = cell.getBoundingClientRect().width - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        return cell.textContent.trim() && content < {MIN_CELL_CHARACTERS} * parseFloat(style.fontSize) - 0.5;
    }}).map(cell => cell.textContent.trim().slice(0, 20));
}}"""

SMALL_TARGETS = f"""(selector) => {{
    const visible = {VISIBLE};
    return [...document.querySelectorAll(selector)].filter(visible)
        .filter(el => el.getBoundingClientRect().height < {MIN_TARGET} - 0.5)
        .map(el => `${{(el.textContent.trim() || el.name || el.id).slice(0, 16)}} (${{Math.round(el.getBoundingClientRect().height)}} px)`);
}}"""

# On a phone every row of a card table names its values: at most one cell
# (the row's title) without a column label.
UNLABELLED_CARD_CELLS = """() => [...document.querySelectorAll('.table-cards > tbody > tr')]
    .filter(row => row.querySelectorAll(':scope > td:not([colspan])').length)
    .filter(row => row.querySelectorAll(':scope > :not([data-label])').length > 1)
    .map(row => row.textContent.trim().slice(0, 30))"""


def open_page(request, new_page, key_page, viewport, elderly):
    site = request.getfixturevalue("searchable_site" if key_page.needs_search_index else "site")
    page, watcher = new_page(viewport)
    if elderly:
        page.context.add_cookies([{"name": "shilaohua", "value": "1", "url": site}])
    response = page.goto(site + key_page.path, wait_until="load")
    assert response.status == key_page.status
    return page, watcher


@pytest.mark.parametrize("key_page", LAYOUT_PAGES, ids=lambda p: p.name)
@pytest.mark.parametrize("viewport", ["phone", "desktop"])
@pytest.mark.parametrize("elderly", [False, True], ids=["normal", "shilaohua"])
def test_page_reads_well(request, new_page, key_page, viewport, elderly):
    page, watcher = open_page(request, new_page, key_page, viewport, elderly)
    screenshot(page, f"layout-{key_page.name}-{'shilaohua' if elderly else 'normal'}-{viewport}")

    assert horizontal_overflow(page) == 0, "页面出现横向滚动"
    assert page.evaluate(NARROW_CELLS) == [], f"表格列窄于 {MIN_CELL_CHARACTERS} 个汉字"
    if viewport == "phone":
        assert page.evaluate(SMALL_TARGETS, TAP_TARGETS) == [], f"点击区域低于 {MIN_TARGET} px"
        assert page.evaluate(UNLABELLED_CARD_CELLS) == [], "卡片中的单元格缺少 data-label"
        # One search box: a page with its own search form drops the header's.
        search_forms = [f for f in page.locator('form[role="search"]').all() if f.is_visible()]
        assert len(search_forms) == 1
        if elderly:
            header = page.locator("header.site-header").bounding_box()
            assert header["height"] <= PHONE["height"] / 3, f"适老化页头占 {header['height']:.0f} px，超过首屏的三分之一"
    assert watcher.errors == []


def test_elderly_phone_nav_opens_from_one_button(site, new_page):
    page, _ = new_page("phone")
    page.context.add_cookies([{"name": "shilaohua", "value": "1", "url": site}])
    page.goto(site + "/quanze/")
    links = page.locator(".site-nav li a")
    assert not links.first.is_visible()
    toggle = page.get_by_role("button", name="栏目导航")
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert [link.is_visible() for link in links.all()] == [True] * links.count()
    assert page.evaluate(SMALL_TARGETS, ".site-nav a, .site-nav button") == []
    assert page.locator(".site-nav a[aria-current]").inner_text() == "权责清单"
    # Folded again, it still shows in full on a wider screen.
    toggle.click()
    assert not links.first.is_visible()
    page.set_viewport_size({"width": 1280, "height": 900})
    assert not toggle.is_visible() and links.first.is_visible()


def test_search_results_use_the_page_width_and_facets_show_every_value(searchable_site, new_page):
    page, _ = new_page("desktop")
    page.goto(searchable_site + "/search/?q=补贴")
    main = page.locator("main").bounding_box()
    results = page.locator(".search-results").bounding_box()
    filters = page.locator(".search-filters").bounding_box()
    assert results["width"] >= main["width"] - filters["width"] - 80, (results, main)

    # No facet list scrolls or cuts its values.
    clipped = page.evaluate(
        "() => [...document.querySelectorAll('.search-filters ul')].filter(ul => ul.scrollHeight > ul.clientHeight + 1).length"
    )
    assert clipped == 0
    # Offices outside the district are listed under their level, after the district's own.
    department = page.locator("#facet-department")
    headings = department.locator(".facet-heading").all_inner_texts()
    assert headings[0] == "区级部门" and "中央和国家机关" in headings
    national = department.locator("ul", has=page.get_by_text("国务院办公厅"))
    assert national.get_attribute("aria-labelledby") == department.locator(".facet-heading", has_text="中央和国家机关").get_attribute("id")
    district = department.locator("ul").first.inner_text()
    assert "国务院办公厅" not in district and "重庆市人力资源和社会保障局" not in district
    # Sub-topics are nested under their topic, with their own name.
    topic = page.locator("#facet-topic")
    parent = topic.locator("li", has=page.locator("input[value='gong-ye-jiao-tong']")).first
    assert parent.locator(".facet-children label").first.inner_text().split("(")[0].strip() in {"工业", "中小企业", "信息产业"}
    # Every value has a label (none is just a count).
    assert all(label.split("(")[0].strip() for label in page.locator(".search-filters li label").all_inner_texts())
