"""Every key page in a real browser: axe, layout at 360 px, screenshots, timing."""

import pytest

from .support import BROWSER, KEY_PAGES, TIMINGS, horizontal_overflow, navigation_timing, run_axe, screenshot

pytestmark = BROWSER


@pytest.mark.parametrize("key_page", KEY_PAGES, ids=lambda p: p.name)
@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_key_page(request, site, new_page, key_page, viewport):
    if key_page.needs_search_index:
        site = request.getfixturevalue("searchable_site")
    page, watcher = new_page(viewport)  # fresh context: a cold cache
    response = page.goto(site + key_page.path, wait_until="load")
    assert response.status == key_page.status

    timing = navigation_timing(page)
    TIMINGS.append({"page": key_page.name, "viewport": viewport, **timing})

    # The shared frame is there on every page, in this order.
    for landmark in ("header.site-header", "nav.site-nav", "main#main", "footer.site-footer"):
        assert page.locator(landmark).count() == 1, landmark
    assert page.locator("h1").count() == 1
    assert page.title()

    assert horizontal_overflow(page) == 0, "页面在此宽度下出现横向滚动"
    screenshot(page, f"{key_page.name}-{viewport}")

    violations = run_axe(page, f"{key_page.name} ({viewport})")
    assert violations == [], violations
    assert watcher.errors == []
