"""Fixtures for the real-browser tests: Playwright for Python driving
Debian's Chromium against a live server showing the demo district.

The demo is loaded and committed once per run (tests/conftest.py), so the
live server's own connection sees it. Browser tests only read it: each runs
in an ordinary rolled-back transaction (nothing is flushed or reloaded
between them), and a test that must change content commits the change on a
connection of its own and puts it back (see `edit_home`).

A missing Chromium or axe-core FAILS these tests (never skips): run
`scripts/chromium`, which `scripts/test` calls."""

import os
from pathlib import Path

import pytest

from . import support


def _close_connections():
    """Close this context's database connections: the tests ran in the context
    Playwright's sync API left them in, whose connections Django's own
    teardown (in another context) cannot see, and an open one would keep the
    test database from being dropped."""
    from django.db import connections

    connections.close_all()


@pytest.fixture(scope="session")
def site(portal_server):
    """Base URL of the live server with the demo district."""
    return portal_server.url


@pytest.fixture(scope="module")
def searchable_site(site, django_db_blocker):
    """The site with the demo in the Elasticsearch index, rebuilt for each
    module that searches: test files run in any order on a worker, and one of
    them may have indexed a change its database rollback then undid."""
    with django_db_blocker.unblock():
        support.rebuild_search_index()
    return site


def _committed(work):
    """Run `work` on a connection of its own, in autocommit, so the live
    server sees its writes: the test's own connection is in a transaction
    that is rolled back afterwards."""
    import threading

    from django.db import connections

    errors = []

    def run():
        try:
            work()
        except Exception as exc:  # re-raised in the test
            errors.append(exc)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if errors:
        raise errors[0]


@pytest.fixture
def edit_home():
    """edit_home(**fields) publishes the home page with those fields; the
    version published before is put back afterwards."""
    from home.models import HomePage

    original = []
    _committed(lambda: original.append(HomePage.objects.get().save_revision()))

    def publish(fields):
        home = HomePage.objects.get()
        for name, value in fields.items():
            setattr(home, name, value)
        home.save_revision().publish()

    yield lambda **fields: _committed(lambda: publish(fields))
    _committed(lambda: original[0].publish())


@pytest.fixture(scope="session")
def chromium():
    if not Path(support.CHROMIUM).exists():
        pytest.fail(
            f"找不到 Chromium（{support.CHROMIUM}）：浏览器测试需要 Debian 的 chromium 软件包。"
            "请以 root 运行 `scripts/chromium`（`scripts/test` 会自动运行），"
            "或 `apt-get install -y chromium`。不要使用 `playwright install`。"
        )
    support.axe_source()  # fail early, with the fix, when axe-core is missing
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; the tests'
    # own ORM calls (editing content, rebuilding the index) are plain synchronous code.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=support.CHROMIUM, args=support.CHROMIUM_ARGS)
        yield browser
        browser.close()
        _close_connections()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


class PageWatcher:
    """Collects what a visitor would not see but a developer must: console
    errors (CSP violations among them) and failed requests."""

    def __init__(self, page):
        self.page = page
        self.errors = []
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        page.on("requestfailed", lambda req: self.errors.append(f"request failed: {req.url}"))

    def _console(self, msg):
        # The browser logs the main document's own error status (a 404 page
        # answers 404 on purpose); anything else logged as an error counts.
        if msg.type != "error":
            return
        if msg.text.startswith("Failed to load resource") and msg.location.get("url") == self.page.url:
            return
        self.errors.append(f"{msg.text} ({msg.location.get('url')})")


@pytest.fixture
def new_page(chromium):
    """new_page(viewport="desktop", javascript=True, cookies=None) -> (page, watcher).
    Every call is a fresh browser context: empty cache and cookie jar."""
    contexts = []

    def make(viewport="desktop", javascript=True):
        context = chromium.new_context(
            viewport=support.VIEWPORTS[viewport], java_script_enabled=javascript, locale="zh-CN"
        )
        contexts.append(context)
        page = context.new_page()
        return page, PageWatcher(page)

    yield make
    for context in contexts:
        context.close()


def pytest_terminal_summary(terminalreporter):
    if support.TIMINGS:
        terminalreporter.section("cold-cache render times (Chromium, live server)")
        for t in support.TIMINGS:
            terminalreporter.write_line(
                f"{t['page']:<28} {t['viewport']:<8} load {t['load_ms']:>5} ms   first paint {t['fcp_ms'] if t['fcp_ms'] is not None else 'n/a'} ms   "
                f"DOM ready {t['dom_ready_ms']} ms   {t['transfer_bytes'] / 1024:.0f} KiB"
            )
    if support.AXE_WARNINGS:
        terminalreporter.section("axe: moderate/minor findings (not failing)")
        for w in support.AXE_WARNINGS:
            terminalreporter.write_line(f"{w['page']}: {w['rule']} ({w['impact']}) {w['help']} {w['nodes']}")
    support.write_reports()
