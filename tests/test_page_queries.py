"""Public pages run a fixed number of database queries, whatever the size of
the archive (issue 15): each page is read on the demo, the archive then grows
(more departments, topics, policies with measures, interpretations and
repeal links, power items), and the page must run exactly as many queries."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from policies import validity
from policies.models import (
    VALIDITY_COLUMNS, PolicyChange, PolicyIndexPage, PolicyInterpretationPage, PolicyPage, live_policies,
    with_supersession,
)
from portal.daterules import today
from portal.models import Department, Topic
from powerlists.models import PowerItem

from .policy_helpers import make_policy

# Pages whose URL does not depend on the data; the detail pages are added below.
PAGES = [
    "/", "/zhengce/", "/zhengce/?validity=valid", "/zhengce/?validity=repealed", "/jiedu/",
    "/huiqi/", "/huimin/", "/huiqi/rili/", "/quanze/", "/quanze/bianhua/",
    "/jisuanqi/?industry=C&scale=small", "/jisuanqi/geren/?age=30",
]
# Wagtail serves a page in about 8 queries of its own (site, the route's pages
# and their specific rows, view restrictions); a listing adds its rows and
# their prefetches. The bound holds on the demo and on the grown archive.
MOST = 22


def queries(client, url):
    client.get(url)  # warm per-process caches (site root paths, facets)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def grow(n=30):
    """n more policies from n more departments and topics, each with two
    measures (one open, one closed), an interpretation and a repeal of the
    previous one, and n more power items."""
    library = PolicyIndexPage.objects.get()
    jiedu = PolicyPage.objects.live().first().interpretations.first().get_parent()
    day, previous = today(), None
    root = Topic.objects.create(name="扩充主题", slug="grow-root", sort_order=999)
    for i in range(n):
        dept = Department.objects.create(name=f"扩充部门{i}", slug=f"grow-{i}", org_code=f"{990000000 + i}", sort_order=900 + i)
        topic = Topic.objects.create(name=f"扩充子主题{i}", slug=f"grow-topic-{i}", parent=root)
        policy = make_policy(library, f"grow-{i}", [dept], title=f"扩充政策{i}", topic=topic, written=day - dt.timedelta(days=i),
                             measures=[
                                 dict(title=f"扩充事项{i}", window_opens=day - dt.timedelta(days=5), window_closes=day + dt.timedelta(days=i + 1),
                                      audience="both"),
                                 dict(title=f"已截止事项{i}", window_opens=day - dt.timedelta(days=60), window_closes=day - dt.timedelta(days=1)),
                             ])
        if previous is not None:
            PolicyChange.objects.create(page=policy, old_policy=previous, kind="repeal")
        jiedu.add_child(instance=PolicyInterpretationPage(title=f"扩充解读{i}", slug=f"grow-jd-{i}", policy=policy))
        PowerItem.objects.create(code=f"XK0980{i:02d}00", name=f"扩充权力事项{i}", power_type="licensing", department=dept, live=True)
        previous = policy


@pytest.mark.django_db
def test_queries_per_page_do_not_grow_with_the_archive(client, demo):
    policy = PolicyPage.objects.live().filter(measures__isnull=False).first()
    interpretation = PolicyInterpretationPage.objects.live().first()
    item = PowerItem.objects.current().first()
    pages = PAGES + [policy.url, interpretation.url, f"/quanze/shixiang/{item.code}/",
                     f"/zhengce/?department={policy.issuing_offices.first().slug}", f"/zhengce/?topic={policy.topic.slug}"]
    before = {url: queries(client, url) for url in pages}
    n_policies = PolicyPage.objects.live().count()

    grow()

    assert PolicyPage.objects.live().count() == n_policies + 30
    after = {url: queries(client, url) for url in pages}
    assert after == before
    assert max(after.values()) <= MOST, after


@pytest.mark.django_db
def test_the_validity_filter_in_sql_agrees_with_the_rule_on_every_day(demo):
    """/zhengce/?validity= filters in the database (policies.with_supersession
    and DateRule.q); the pages show validity.RULE evaluated in Python. Both
    must say the same of every policy, on days before, during and after the
    demo's repeals, revisions and expiries."""
    policies = list(live_policies())
    seen = set()
    for day in (dt.date(2020, 1, 1), today() - dt.timedelta(days=400), today(), today() + dt.timedelta(days=800)):
        for key, _label in validity.CHOICES:
            in_python = {p.pk for p in policies if p.validity_key(on=day) == key}
            in_sql = set(with_supersession(live_policies()).filter(validity.RULE.q(day, key, VALIDITY_COLUMNS))
                         .values_list("pk", flat=True))
            assert in_sql == in_python, (day, key)
            if in_python:
                seen.add(key)
    assert seen == {key for key, _label in validity.CHOICES}  # the demo has every status on some day
