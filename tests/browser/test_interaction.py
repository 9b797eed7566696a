"""Keyboard use, the 适老化 switch with and without JavaScript, phones, long
content, and static files as a browser receives them."""

import re

from .support import BROWSER, horizontal_overflow, run_axe, screenshot

pytestmark = BROWSER

ROOT_FONT = "() => getComputedStyle(document.documentElement).fontSize"


def focused(page):
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const style = getComputedStyle(el);
            const box = el.getBoundingClientRect();
            return {tag: el.tagName, id: el.id, text: el.textContent.trim().slice(0, 20),
                    outline: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth),
                    visible: box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < innerHeight};
        }"""
    )


def test_keyboard_tab_reaches_skip_link_then_main(site, new_page):
    page, watcher = new_page("desktop")
    page.goto(site + "/")
    page.keyboard.press("Tab")
    first = focused(page)
    assert first["tag"] == "A" and first["text"] == "跳到正文"
    assert first["visible"], "跳到正文链接获得焦点时必须可见"
    assert first["outline"] != "none" and first["outlineWidth"] >= 2

    page.keyboard.press("Enter")
    page.wait_for_url("**/#main", timeout=5000)  # the fragment navigation is reported asynchronously
    assert focused(page)["id"] == "main"
    # The next Tab stop is inside the main content, not back in the header.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.getElementById('main').contains(document.activeElement)")
    assert watcher.errors == []


def test_every_tab_stop_in_the_header_shows_a_focus_ring(site, new_page):
    page, _ = new_page("desktop")
    page.goto(site + "/")
    seen = []
    for _ in range(8):
        page.keyboard.press("Tab")
        state = focused(page)
        seen.append(state["text"] or state["id"])
        assert state["visible"], seen
        assert state["outline"] != "none" and state["outlineWidth"] >= 2, f"无可见焦点：{state}"
    # Skip link, the 适老化 switch, the statement, the site name, the search box and button.
    assert seen[:3] == ["跳到正文", "适老化模式（大字号、高对比度）", "无障碍声明"]
    assert "header-q" in seen


def _switch_round_trip(site, new_page, javascript):
    page, watcher = new_page("desktop", javascript=javascript)
    page.goto(site + "/wuzhangai/")
    assert page.evaluate(ROOT_FONT) == "16px"
    assert "shilaohua" not in (page.locator("body").get_attribute("class") or "")

    page.locator(".topbar").get_by_role("link", name=re.compile("^适老化模式")).click()
    page.wait_for_load_state()
    # Back on the same page, now larger and high-contrast, and it says how to leave.
    assert page.url == site + "/wuzhangai/"
    assert page.evaluate(ROOT_FONT) == "20px"
    assert "shilaohua" in page.locator("body").get_attribute("class")
    assert page.evaluate("() => getComputedStyle(document.body).color") == "rgb(0, 0, 0)"
    assert page.locator(".topbar").get_by_role("link", name="退出适老化模式").is_visible()
    assert horizontal_overflow(page) == 0

    # It persists: another page, opened fresh, is in 适老化 mode too.
    page.goto(site + "/")
    assert page.evaluate(ROOT_FONT) == "20px"
    cookie = {c["name"]: c for c in page.context.cookies()}["shilaohua"]
    assert cookie["value"] == "1" and cookie["expires"] > 0

    page.locator(".topbar").get_by_role("link", name="退出适老化模式").click()
    page.wait_for_load_state()
    assert page.url == site + "/"
    assert page.evaluate(ROOT_FONT) == "16px"
    assert "shilaohua" not in {c["name"] for c in page.context.cookies()}
    assert watcher.errors == []
    return page


def test_elderly_mode_switch_without_javascript(site, new_page):
    _switch_round_trip(site, new_page, javascript=False)


def test_elderly_mode_switch_with_javascript(site, new_page):
    _switch_round_trip(site, new_page, javascript=True)


def test_elderly_mode_passes_axe_and_fits_a_phone(site, new_page):
    page, watcher = new_page("phone")
    page.context.add_cookies([{"name": "shilaohua", "value": "1", "url": site}])
    page.goto(site + "/")
    assert page.evaluate(ROOT_FONT) == "20px"
    assert horizontal_overflow(page) == 0
    screenshot(page, "home-shilaohua-phone")
    assert run_axe(page, "home 适老化 (phone)") == []
    assert watcher.errors == []


def test_phone_viewport_is_usable(site, new_page):
    page, _ = new_page("phone")
    page.goto(site + "/")
    assert page.evaluate("() => innerWidth") == 360
    assert horizontal_overflow(page) == 0
    # Body text is at least 16 px; search box, button and nav links are 44 px tall touch targets.
    assert page.evaluate("() => parseFloat(getComputedStyle(document.body).fontSize)") >= 16
    for selector in ("#home-q", ".search-form--hero .button", ".site-nav a"):
        box = page.locator(selector).first.bounding_box()
        assert box["height"] >= 44, selector
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360, selector
    # One search box: the home page's own; the header's shows on other pages.
    assert not page.locator("#header-q").is_visible()
    page.goto(site + "/zhengce/")
    for selector in ("#header-q", ".header-search button"):
        assert page.locator(selector).bounding_box()["height"] >= 44, selector
    page.goto(site + "/")
    # All navigation is visible without a JavaScript menu.
    for link in page.locator(".site-nav a").all():
        assert link.is_visible()


def test_very_long_titles_and_unbroken_strings_do_not_break_the_layout(site, new_page, edit_home):
    edit_home(
        title="关于进一步优化营商环境支持中小微企业和个体工商户高质量发展若干政策措施的实施细则" * 4,
        intro="附件下载地址：https://gk.nanchuan.example.gov.cn/" + "zhengce/wenjian/2024/" * 20 + " 文号：" + "南川府发〔2024〕12号" * 15,
        notice="X" * 200,
    )

    for viewport in ("phone", "desktop"):
        page, _ = new_page(viewport)
        page.goto(site + "/?q=" + "超长查询词" * 60)
        assert horizontal_overflow(page) == 0, viewport
        width = page.evaluate("() => innerWidth")
        for selector in ("h1", ".lead", ".banner", "#home-q"):
            box = page.locator(selector).first.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= width + 0.5, (viewport, selector)
        screenshot(page, f"home-long-content-{viewport}")


def test_static_files_are_compressed_and_cached_for_a_year(site, new_page):
    page, _ = new_page("desktop")
    styles = []
    page.on("response", lambda r: r.url.endswith(".css") and styles.append(r))
    page.goto(site + "/")
    assert len(styles) == 1
    css = styles[0]
    # Content-hashed name, so it can be cached "forever" and still change on deploy.
    assert re.search(r"/static/css/portal\.[0-9a-f]{12}\.css$", css.url)
    headers = css.all_headers()
    max_age = int(re.search(r"max-age=(\d+)", headers["cache-control"]).group(1))
    assert max_age >= 365 * 24 * 3600 and "immutable" in headers["cache-control"]
    assert headers.get("content-encoding") in {"gzip", "br"}
