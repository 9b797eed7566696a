"""Fixtures for the real-browser tests: Playwright for Python driving
Debian's Chromium against pytest-django's live server with the demo content.

A missing Chromium or axe-core FAILS these tests (never skips): run
`scripts/chromium`, which `scripts/test` calls."""

import os
from pathlib import Path

import pytest

from . import support


@pytest.fixture(scope="session")
def live_server(request, django_db_setup):
    """pytest-django's live server, but static files come from WhiteNoise
    (the collected, hashed, compressed files with their real cache headers),
    as in production, instead of Django's finder-based static handler, which
    cannot serve the manifest's hashed names. It depends on django_db_setup
    so that it stops (closing its connections) before the test database is dropped."""
    from django.test.testcases import LiveServerThread
    from pytest_django.live_server_helper import LiveServer

    server = LiveServer("localhost", start=False)
    server.thread = LiveServerThread("localhost", static_handler=lambda app: app, connections_override={})
    server.thread.daemon = True
    server.start()
    yield server
    server.stop()
    _close_connections()


def _close_connections():
    """Close this context's database connections: the tests ran in the context
    Playwright's sync API left them in, whose connections Django's own
    teardown (in another context) cannot see, and an open one would keep the
    test database from being dropped."""
    from django.db import connections

    connections.close_all()


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
    # own ORM calls (loading the demo) are still plain synchronous code.
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


@pytest.fixture(scope="session")
def migrated_state(django_db_setup, django_db_blocker):
    """What the migrations left in the test database (Wagtail's root page, the
    default site, content types, permissions), serialized once."""
    from django.db import connections

    with django_db_blocker.unblock():
        state = connections["default"].creation.serialize_db_to_string()
    _RESTORE.update(state=state, blocker=django_db_blocker)
    return state


_RESTORE = {}


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a browser test's flush, put the migrations' rows back, so the
    tests that follow (other apps' transactional tests) find the database as
    the migrations left it, as they would after a non-browser test."""
    yield
    # nextitem None: the session is over and the test database already gone.
    if nextitem is not None and item.get_closest_marker("browser") and _RESTORE:
        from django.db import connections

        with _RESTORE["blocker"].unblock():
            connections["default"].creation.deserialize_db_from_string(_RESTORE["state"])


@pytest.fixture
def site(migrated_state, live_server):
    """Base URL of the live server with the demo district loaded.

    The flush after each live-server test empties every table, including the
    migrations' rows, which later tests need. Django's serialized_rollback
    puts them back, but Playwright's sync API runs the tests in another
    context, whose connection lacks the serialized copy; so it is given here,
    before the test (to restore) and after it (so the flush skips post_migrate
    and the restore cannot clash with re-created content types)."""
    from django.core.management import call_command
    from django.db import connections
    from wagtail.models import Page

    connections["default"]._test_serialized_contents = migrated_state
    if Page.get_first_root_node() is None:
        connections["default"].creation.deserialize_db_from_string(migrated_state)
    call_command("load_demo", stdout=open(os.devnull, "w"))
    yield live_server.url
    connections["default"]._test_serialized_contents = migrated_state


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
