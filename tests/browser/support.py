"""Helpers for the real-browser tests: the key pages, axe, screenshots, timings.

To check another page (axe with no serious/critical violations, no sideways
scrolling at 360 px, screenshots at phone and desktop width, cold-cache
timing), add ONE line to KEY_PAGES.
"""

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass(frozen=True)
class KeyPage:
    name: str  # screenshot file name stem
    path: str  # site-relative URL, query string allowed
    status: int = 200
    # Rebuild the Elasticsearch index from the demo before opening the page.
    needs_search_index: bool = False


KEY_PAGES = [
    KeyPage("home", "/"),
    KeyPage("accessibility-statement", "/wuzhangai/"),
    KeyPage("not-found", "/no-such-page/", 404),
    KeyPage("matcher", "/jisuanqi/?industry=C&scale=small&region=dong-cheng-jie-dao&qual=zhuan-jing-te-xin-zhong-xiao-qi-ye&founded=2018&headcount=80&revenue=3000"),
    KeyPage("matcher-errors", "/jisuanqi/?industry=Z&headcount=-1&qual=nobel", 400),
    KeyPage("matcher-person", "/jisuanqi/geren/?age=68&residence=hukou&employment=retired&group=disabled&disability=2"),
    KeyPage("search", "/search/?q=专精特新", needs_search_index=True),
    KeyPage("policy", "/zhengce/zjtx/"),
    KeyPage("interpretation", "/jiedu/zjtx-text-1/"),
    KeyPage("enterprise-policies", "/huiqi/"),
    KeyPage("policy-calendar", "/huiqi/rili/"),
    KeyPage("power-lists", "/quanze/"),
    KeyPage("power-item", "/quanze/shixiang/CF00001000/"),
    KeyPage("department", "/quanze/bumen/scjgj/"),
]

# Every listing and detail page, checked at phone and desktop width in normal
# and 适老化 mode by test_layout.py (no sideways scrolling, no table column
# narrower than four characters, 44 px tap targets). A new page: ONE line here.
LAYOUT_PAGES = [
    KeyPage("home", "/"),
    KeyPage("search", "/search/?q=补贴", needs_search_index=True),
    KeyPage("library", "/zhengce/"),
    KeyPage("policy", "/zhengce/zjtx/"),
    KeyPage("interpretations", "/jiedu/"),
    KeyPage("interpretation", "/jiedu/zjtx-text-1/"),
    KeyPage("enterprise-policies", "/huiqi/"),
    KeyPage("citizen-policies", "/huimin/?event=elderly"),
    KeyPage("policy-calendar", "/huiqi/rili/"),
    KeyPage("citizen-policy", "/zhengce/gaoling-jintie/"),
    KeyPage("power-lists", "/quanze/"),
    KeyPage("power-item", "/quanze/shixiang/CF00001000/"),
    KeyPage("department", "/quanze/bumen/scjgj/"),
    KeyPage("power-list-changes", "/quanze/bianhua/"),
    KeyPage("matcher", "/jisuanqi/?industry=C&scale=small&region=dong-cheng-jie-dao&qual=zhuan-jing-te-xin-zhong-xiao-qi-ye&founded=2018&headcount=80&revenue=3000"),
    KeyPage("matcher-person", "/jisuanqi/geren/?age=82&residence=hukou&employment=retired"),
    KeyPage("inforequest-form", "/yishenqing/"),
    KeyPage("inforequest-track", "/yishenqing/chaxun/"),
    KeyPage("govinfo-catalogue", "/mulu/"),
    KeyPage("annual-report", f"/nianbao/{dt.date.today().year - 1}/"),  # the demo publishes last year's
]

# Every test module in tests/browser starts with `pytestmark = BROWSER`: the
# PostgreSQL pass (not `sqlite`), reading the demo committed once per run.
BROWSER = [pytest.mark.browser, pytest.mark.django_db]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}

HERE = Path(__file__).resolve().parent
AXE_JS = HERE / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = HERE.parent / "screenshots"  # git-ignored; named in the README

# Collected during the session, printed at the end and written next to the screenshots.
TIMINGS = []
AXE_WARNINGS = []

FAILING_IMPACTS = {"serious", "critical"}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def rebuild_search_index():
    """Put the demo into a fresh versioned Elasticsearch index behind the
    alias, so nothing other tests indexed remains."""
    import os

    from django.core.management import call_command

    with open(os.devnull, "w") as devnull:
        call_command("search_rebuild", "--engine", "elasticsearch", stdout=devnull)


def axe_source():
    if not AXE_JS.exists():
        pytest.fail(
            f"axe-core 不存在：{AXE_JS}。请运行 `scripts/chromium`（会执行 `npm ci`，"
            "按 tests/browser/package-lock.json 安装 axe-core）。"
        )
    return AXE_JS.read_text(encoding="utf-8")


def run_axe(page, label):
    """Run axe-core in the page. Returns the serious/critical violations; the
    rest are kept as warnings for the report. Injected with evaluate (not an
    inline <script>), so the page's CSP stays in force during the test."""
    page.evaluate(axe_source())
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS,
    )
    failing = []
    for violation in result["violations"]:
        entry = {
            "page": label,
            "rule": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "nodes": [node["target"] for node in violation["nodes"]][:5],
        }
        (failing if violation["impact"] in FAILING_IMPACTS else AXE_WARNINGS).append(entry)
    return failing


def screenshot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def navigation_timing(page):
    """Milliseconds from navigation start: first contentful paint, DOM ready, load."""
    return page.evaluate(
        """() => {
            const nav = performance.getEntriesByType('navigation')[0];
            const fcp = performance.getEntriesByName('first-contentful-paint')[0];
            return {
                fcp_ms: fcp ? Math.round(fcp.startTime) : null,
                dom_ready_ms: Math.round(nav.domContentLoadedEventEnd),
                load_ms: Math.round(nav.loadEventEnd),
                transfer_bytes: performance.getEntriesByType('resource')
                    .reduce((sum, r) => sum + r.transferSize, nav.transferSize),
            };
        }"""
    )


def horizontal_overflow(page):
    """How many CSS pixels the page is wider than the viewport (0 = fits)."""
    return page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")


def write_reports():
    if not (TIMINGS or AXE_WARNINGS):
        return
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / "timings.json").write_text(json.dumps(TIMINGS, ensure_ascii=False, indent=2), encoding="utf-8")
    (SCREENSHOTS / "axe-warnings.json").write_text(
        json.dumps(AXE_WARNINGS, ensure_ascii=False, indent=2), encoding="utf-8"
    )
