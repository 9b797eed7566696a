"""A district's first install, the way the README says: an empty database,
`migrate`, `setup_site` (twice: it is idempotent), then an import of real
policies without naming the section. Run as real commands on a fresh SQLite
file, so nothing the test suite loaded can help."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from policies.demo import REAL_FILE

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.sqlite


def manage(tmp_path, *args):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "ELASTICSEARCH_URL", "DJANGO_SETTINGS_MODULE")}
    env.update(DATABASE_URL=f"sqlite:///{tmp_path / 'fresh.sqlite3'}", DEBUG="1", MEDIA_ROOT=str(tmp_path / "media"),
               SITE_NAME="某区政务公开专区")
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)


COUNTS = (
    "from wagtail.models import Site, Workflow; from django.contrib.auth.models import Group; "
    "from policies.models import PolicyPage; "
    "site = Site.objects.get(is_default_site=True); "
    "print(site.root_page.title, '|', ','.join(p.slug for p in site.root_page.get_children()), '|', "
    "','.join(sorted(w.name for w in Workflow.objects.filter(name__in=['门户办审核', '权责清单审核']))), '|', Group.objects.filter(name='门户办审核员').count(), '|', "
    "PolicyPage.objects.live().count())"
)


def test_an_empty_database_becomes_a_working_site(tmp_path):
    assert manage(tmp_path, "migrate", "--noinput", "-v0").returncode == 0
    first = manage(tmp_path, "setup_site")
    assert first.returncode == 0, first.stderr
    assert "网站基本结构已就绪" in first.stdout
    again = manage(tmp_path, "setup_site")
    assert again.returncode == 0, again.stderr
    shown = manage(tmp_path, "shell", "-v0", "-c", COUNTS).stdout.strip()
    assert shown == "某区政务公开专区 | zhengce,jiedu,zhengji | 权责清单审核,门户办审核 | 1 | 0", shown

    imported = manage(tmp_path, "import_policies", str(REAL_FILE))
    assert imported.returncode == 0, imported.stderr
    assert "共 60 条：新建 60 条" in imported.stdout
    assert manage(tmp_path, "shell", "-v0", "-c", COUNTS).stdout.strip().endswith("| 60")
