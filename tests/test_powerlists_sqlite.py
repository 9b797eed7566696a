"""The zero-setup default (SQLite): the power lists load and render."""

import pytest


@pytest.mark.sqlite
def test_power_lists_on_the_embedded_default(demo, client):
    html = client.get("/quanze/").content.decode()
    assert "南川区区级部门权责清单" in html and "对生产经营不符合食品安全标准的食品的行政处罚" in html
    assert "二、职责边界" in client.get("/quanze/bumen/scjgj/").content.decode()
    assert client.get("/api/powerlists/items/XK00001000/").json()["name"] == "食品生产许可"
