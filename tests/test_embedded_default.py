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


def test_a_vote_for_an_object_beyond_the_integer_range_is_a_400_on_sqlite(demo, client):
    # SQLite raised OverflowError (a 500) for an id above 2**63 before the form bounded it.
    response = client.post("/fankui/", {"kind": "policy", "object_id": "99999999999999999999", "helpful": "1"})
    assert response.status_code == 400 and "评价对象编号有误。" in response.content.decode()
