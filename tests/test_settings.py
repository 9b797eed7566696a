"""Production settings are safe by default (run in a fresh interpreter)."""

import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.sqlite


def _load_settings(**env):
    base = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL", "HSTS"}}
    base.update(env)
    code = (
        "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE','portal.settings');"
        "from django.conf import settings as s; "
        "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, s.DATABASES['default']['ENGINE'])"
    )
    return subprocess.run([sys.executable, "-c", code], env=base, capture_output=True, text=True)


def test_missing_secret_key_is_a_startup_error():
    result = _load_settings()
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_defaults_are_safe():
    result = _load_settings(SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True", "0", "django.db.backends.sqlite3"]


def test_hsts_is_behind_a_flag():
    result = _load_settings(SECRET_KEY="x" * 50, HSTS="1")
    assert result.stdout.split()[2] == "31536000"


def test_debug_runs_without_a_secret():
    result = _load_settings(DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[:2] == ["True", "False"]
