"""The zero-setup default: SQLite, demo content, home page."""

import pytest
from django.db import connection

pytestmark = [pytest.mark.sqlite]


def test_default_database_is_sqlite(db):
    assert connection.vendor == "sqlite"


def test_demo_loads_and_home_page_renders_on_sqlite(demo, client):
    response = client.get("/")
    assert response.status_code == 200
    assert "南川区政务公开专区" in response.content.decode()
