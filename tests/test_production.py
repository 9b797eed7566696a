"""Going live: settings refuse what is unsafe, `ensure_admin` never resets a
password, and the README's production command serves the portal."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.core.management.base import CommandError

LONG_KEY = "k" * 25 + "0123456789abcdefghijklmnopqrstuvwxyz"
SETTINGS_VARS = {"DEBUG", "SECRET_KEY", "DATABASE_URL", "CACHE_URL", "LOGIN_FAILURE_LIMIT", "LOGIN_COOLOFF_MINUTES",
                 "TRUSTED_PROXIES"}


def _settings(expression, **env):
    """`expression` evaluated on the settings of a fresh interpreter started with `env`."""
    base = {k: v for k, v in os.environ.items() if k not in SETTINGS_VARS} | env
    code = (
        "import os; os.environ.setdefault('DJANGO_SETTINGS_MODULE','portal.settings');"
        f"from django.conf import settings as s; print({expression})"
    )
    return subprocess.run([sys.executable, "-c", code], env=base, capture_output=True, text=True, cwd=settings.BASE_DIR)


@pytest.mark.sqlite
def test_a_short_secret_key_is_a_startup_error_in_production():
    result = _settings("s.SECRET_KEY", SECRET_KEY="x" * 49)
    assert result.returncode != 0
    assert "SECRET_KEY is too short (49 characters; at least 50 are required when DEBUG is off)" in result.stderr
    assert "secrets.token_urlsafe(50)" in result.stderr  # says how to make one
    assert _settings("len(s.SECRET_KEY)", SECRET_KEY="x" * 50).stdout.strip() == "50"
    assert _settings("s.SECRET_KEY", SECRET_KEY="dev", DEBUG="1").stdout.strip() == "dev"


@pytest.mark.sqlite
def test_cache_url_chooses_memory_or_redis():
    caches = "s.CACHES['default']['BACKEND'], s.CACHES['default'].get('LOCATION')"
    assert _settings(caches, SECRET_KEY=LONG_KEY).stdout.split() == [
        "django.core.cache.backends.locmem.LocMemCache", "None"]
    assert _settings(caches, SECRET_KEY=LONG_KEY, CACHE_URL="redis://cache.internal:6379/2").stdout.split() == [
        "django.core.cache.backends.redis.RedisCache", "redis://cache.internal:6379/2"]
    wrong = _settings(caches, SECRET_KEY=LONG_KEY, CACHE_URL="memcached://cache.internal:11211")
    assert wrong.returncode != 0
    assert "CACHE_URL must start with redis://, rediss://, unix:// or locmem://, not memcached://" in wrong.stderr


@pytest.mark.sqlite
def test_login_lockout_limits_come_from_the_environment():
    limits = "s.AXES_FAILURE_LIMIT, s.AXES_COOLOFF_TIME.total_seconds()"
    assert _settings(limits, SECRET_KEY=LONG_KEY).stdout.split() == ["5", "900.0"]
    assert _settings(limits, SECRET_KEY=LONG_KEY, LOGIN_FAILURE_LIMIT="10", LOGIN_COOLOFF_MINUTES="60").stdout.split() == [
        "10", "3600.0"]
    wrong = _settings("s.TRUSTED_PROXIES", SECRET_KEY=LONG_KEY, TRUSTED_PROXIES="10.0.0.0/8,proxy.internal")
    assert wrong.returncode != 0 and "TRUSTED_PROXIES: 'proxy.internal' does not appear to be" in wrong.stderr


def _ensure_admin(*args):
    out = StringIO()
    call_command("ensure_admin", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_ensure_admin_never_resets_an_existing_password(settings):
    settings.DEBUG = True  # even in the demo
    User = get_user_model()
    User.objects.filter(username="chief").delete()
    User.objects.create_user("chief", password="Changed-by-the-office-77")
    output = _ensure_admin("--username", "chief", "--password", "nanchuan-demo-2026")
    assert "chief（账号已存在，未作修改，密码保持不变）" in output and "nanchuan-demo-2026" not in output
    user = User.objects.get(username="chief")
    assert user.check_password("Changed-by-the-office-77")
    assert not user.is_superuser  # nothing else changed either


@pytest.mark.django_db
def test_ensure_admin_refuses_the_demo_password_in_production(settings):
    settings.DEBUG = False
    User = get_user_model()
    with pytest.raises(CommandError, match="生产环境（DEBUG 关闭）不能使用演示密码"):
        _ensure_admin("--username", "chief", "--password", "nanchuan-demo-2026")
    with pytest.raises(CommandError, match="密码不符合要求：.*"):
        _ensure_admin("--username", "chief", "--password", "12345678")
    assert not User.objects.filter(username="chief").exists()

    output = _ensure_admin("--username", "chief", "--password", "Gk-portal-strong-2026")
    assert "用户名：chief  密码：（您指定的密码）" in output and "Gk-portal-strong-2026" not in output
    chief = User.objects.get(username="chief")
    assert chief.is_superuser and chief.check_password("Gk-portal-strong-2026")


@pytest.mark.django_db
def test_ensure_admin_creates_the_demo_login_in_debug(settings):
    settings.DEBUG = True
    output = _ensure_admin("--username", "demo-admin")
    assert "用户名：demo-admin  密码：nanchuan-demo-2026" in output
    assert get_user_model().objects.get(username="demo-admin").check_password("nanchuan-demo-2026")


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


def test_the_readme_production_command_serves_the_portal(django_db_setup):
    """`gunicorn portal.wsgi -b … -w …` with DEBUG off on the test database
    (after collectstatic, as `make test` runs it)."""
    db = settings.DATABASES["default"]
    assert db["ENGINE"].endswith("postgresql")
    port = _free_port()
    env = os.environ | {
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
    }
    gunicorn = Path(sys.executable).parent / "gunicorn"
    server = subprocess.Popen([gunicorn, "portal.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2"], env=env,
                              cwd=settings.BASE_DIR, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                status, body = _get(f"{base}/healthz")
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.5)
        assert (status, body) == (200, '{"status": "ok", "database": "postgresql"}')
        status, body = _get(f"{base}/admin/login/")
        assert status == 200 and "登录" in body
        status, css = _get(base + staticfiles_storage.url("css/portal.css"))  # WhiteNoise, hashed name
        assert status == 200 and ".site-header" in css
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert "Booting worker" in output and "Traceback" not in output, output
