"""The reusable classes of portal.css with hostile content, in a real browser."""

import pytest

from .support import BROWSER, horizontal_overflow, run_axe, screenshot

pytestmark = BROWSER + [pytest.mark.urls("tests.browser.showcase_urls")]


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
@pytest.mark.parametrize("elderly", [False, True], ids=["normal", "shilaohua"])
def test_components_with_long_content_missing_images_and_empty_sections(site, new_page, viewport, elderly):
    page, watcher = new_page(viewport)
    if elderly:
        page.context.add_cookies([{"name": "shilaohua", "value": "1", "url": site}])
    response = page.goto(site + "/showcase/")
    assert response.status == 200
    assert horizontal_overflow(page) == 0
    width = page.evaluate("() => innerWidth")
    for selector in ("h1", ".meta-table", ".banner--info", ".result-list", ".card-grid", ".breadcrumbs", ".pagination"):
        box = page.locator(selector).first.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width + 0.5, selector
    # The missing image keeps its box and shows its alt text; nothing else moves.
    assert page.locator("img[alt='政策图解（图片暂缺）']").bounding_box()["width"] <= width
    # Status is carried by text, not colour alone.
    assert page.locator(".status-badge").all_inner_texts()[:5] == ["已废止", "有效", "申报中", "即将截止", "未开始"]
    screenshot(page, f"components-{'shilaohua' if elderly else 'normal'}-{viewport}")
    assert run_axe(page, f"components ({'适老化' if elderly else '普通'}, {viewport})") == []
    # The missing image is the only failed request.
    assert [e for e in watcher.errors if "does-not-exist.png" not in e] == []
