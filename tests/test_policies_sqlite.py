"""The zero-setup default (`make run`): the policy pages work on SQLite."""

import pytest

pytestmark = [pytest.mark.sqlite]


def test_policy_pages_render_on_sqlite_with_the_demo(demo, client):
    from policies.models import PolicyPage, SupportMeasure

    assert PolicyPage.objects.count() >= 120 and SupportMeasure.objects.count() >= 40
    for url in ("/", "/zhengce/", "/zhengce/zjtx/", "/zhengce/zjtx/print/", "/jiedu/", "/huiqi/", "/zhengce/feed/"):
        assert client.get(url).status_code == 200, url
