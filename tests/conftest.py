"""Shared fixtures. Services are never skipped: a test that needs
PostgreSQL, Elasticsearch or Redis fails, naming the service and how to start it."""

import os

import pytest
from django.conf import settings

REQUIRED = {s.strip() for s in os.environ.get("PORTAL_TEST_SERVICES", "").split(",") if s.strip()}

HOW_TO_START = {
    "postgres": "运行 `scripts/postgres start` 并设置 DATABASE_URL（`make test` 会自动完成）",
    "elasticsearch": "运行 `scripts/elasticsearch start` 并设置 ELASTICSEARCH_URL（`make test` 会自动完成）",
    "redis": "运行 `scripts/redis start` 并设置 CACHE_URL=redis://127.0.0.1:6379/0（`make test` 会自动完成）",
}
REDIS_CACHE = "django.core.cache.backends.redis.RedisCache"


def _service_error(name, detail):
    return f"测试需要 {name}，但它不可用：{detail}。请{HOW_TO_START[name]}。"


def pytest_sessionstart(session):
    # Refuse to start rather than fail every test one by one.
    if "postgres" in REQUIRED and not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        pytest.exit(_service_error("postgres", "DATABASE_URL 未指向 PostgreSQL"), returncode=3)
    if "elasticsearch" in REQUIRED:
        problem = _elasticsearch_problem()
        if problem:
            pytest.exit(_service_error("elasticsearch", problem), returncode=3)
    # A configured Redis is needed by every test (the cache is cleared before each).
    if "redis" in REQUIRED or _uses_redis():
        problem = _redis_problem()
        if problem:
            pytest.exit(_service_error("redis", problem), returncode=3)


def _uses_redis():
    return settings.CACHES["default"]["BACKEND"] == REDIS_CACHE


def _redis_problem():
    if not _uses_redis():
        return "CACHE_URL 未指向 Redis"
    from django.core.cache import cache

    try:
        cache.set("conftest:ping", "pong", 10)
        answer = cache.get("conftest:ping")
    except Exception as exc:  # any client error means "not usable"
        return f"CACHE_URL 无法连接（{exc.__class__.__name__}）"
    return None if answer == "pong" else "Redis 未返回写入的值"


@pytest.fixture
def redis_cache():
    """The cache is the real Redis; fails (never skips) without one."""
    problem = _redis_problem()
    if problem:
        pytest.fail(_service_error("redis", problem))


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with an empty cache: Redis keeps rate-limit counters
    and cached data across tests and across runs."""
    from django.core.cache import cache

    cache.clear()


def _elasticsearch_problem():
    if not settings.ELASTICSEARCH_HOSTS:
        return "ELASTICSEARCH_URL 未设置"
    from elasticsearch import Elasticsearch

    try:
        Elasticsearch(settings.ELASTICSEARCH_HOSTS, request_timeout=5).cluster.health(wait_for_status="yellow", timeout="10s")
    except Exception as exc:  # any transport error means "not usable"
        return f"{settings.ELASTICSEARCH_HOSTS} 无法连接（{exc.__class__.__name__}）"
    return None


@pytest.fixture(scope="session")
def es_client():
    """A client for the real Elasticsearch node; fails (never skips) without one."""
    problem = _elasticsearch_problem()
    if problem:
        pytest.fail(_service_error("elasticsearch", problem))
    from elasticsearch import Elasticsearch

    return Elasticsearch(settings.ELASTICSEARCH_HOSTS, request_timeout=30)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the demo district once per run, right after the test database is
    created: every test then starts from it inside its own rolled-back
    transaction, instead of paying ~20 s to load it again. The run's
    Elasticsearch indexes are dropped first: one left by an earlier run may
    have an older (strict) mapping, and the demo is indexed into it."""
    if settings.ELASTICSEARCH_HOSTS and not _elasticsearch_problem():
        from elasticsearch import Elasticsearch

        from search.engines import elasticsearch as es_engine

        Elasticsearch(settings.ELASTICSEARCH_HOSTS, request_timeout=30).indices.delete(
            index=es_engine.index_pattern(), ignore_unavailable=True, allow_no_indices=True)
    with django_db_blocker.unblock():
        _load_demo()


def _load_demo():
    from django.core.management import call_command

    call_command("load_demo", stdout=open(os.devnull, "w"))


@pytest.fixture
def demo(db):
    """The demo district. Loaded once per run; a transactional test's flush
    empties the database, so it is loaded again when it is missing."""
    from home.models import HomePage

    if not HomePage.objects.exists():
        _load_demo()


@pytest.fixture
def editors(demo, django_user_model):
    """An editor of 市场监管局 (scjgj) and a member of the portal office."""
    from django.contrib.auth.models import Group

    from portal.models import Department
    from portal.permissions import PORTAL_OFFICE_GROUP

    scjgj = Department.objects.get(slug="scjgj")
    editor = django_user_model.objects.create_user("scjg-editor", password="pw-123456")
    editor.groups.add(scjgj.editor_group)
    office = django_user_model.objects.create_user("office", password="pw-123456")
    office.groups.add(Group.objects.get(name=PORTAL_OFFICE_GROUP))
    return editor, office


@pytest.fixture(scope="session")
def portal_server(django_db_setup):
    """A live server showing the demo district (loaded and committed once per
    run, see django_db_setup), whose static files come from WhiteNoise (the
    collected, hashed, compressed files with their real cache headers), as
    in production. Not named `live_server`: pytest-django would then wrap
    every test in a transactional database and flush it afterwards."""
    from django.db import connections
    from django.test.testcases import LiveServerThread
    from pytest_django.live_server_helper import LiveServer

    server = LiveServer("localhost", start=False)
    server.thread = LiveServerThread("localhost", static_handler=lambda app: app, connections_override={})
    server.thread.daemon = True
    server.start()
    yield server
    server.stop()
    connections.close_all()
