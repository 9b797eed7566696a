"""Small builders for policies/ tests (real pages in the real database)."""

import datetime as dt

from home.models import HomePage
from portal.models import Department, Topic
from wagtail.models import Page, Site

from policies.models import InterpretationIndexPage, PolicyIndexPage, PolicyPage, SupportMeasure
from search import indexing


def site_with_library():
    """Home page, /zhengce/ and /jiedu/, without the full demo."""
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        for page in root.get_children():
            if page.slug == "home":
                page.delete()
        home = root.add_child(instance=HomePage(title="南川区政务公开专区", slug="home"))
        Site.objects.update_or_create(is_default_site=True, defaults=dict(hostname="localhost", port=80, root_page=home))
    library = PolicyIndexPage.objects.first() or home.add_child(instance=PolicyIndexPage(title="政策文件库", slug="zhengce"))
    jiedu = InterpretationIndexPage.objects.first() or home.add_child(instance=InterpretationIndexPage(title="政策解读", slug="jiedu"))
    # The demo is loaded once per run; these tests build their own library,
    # so empty it (inside the test's transaction, rolled back afterwards).
    with indexing.batch():  # each deleted page leaves the index once
        for index in (jiedu, library):  # interpretations protect their policies
            Page.objects.filter(path__startswith=index.path, depth__gt=index.depth).delete()
            index.refresh_from_db()
    return library, jiedu


def department(slug, name, code, order=10):
    dept, _ = Department.objects.get_or_create(
        slug=slug, defaults=dict(name=name, short_name=name[3:] if name.startswith("南川区") else name, org_code=code, sort_order=order)
    )
    return dept


def topic(name="中小企业", root="工业、交通"):
    parent, _ = Topic.objects.get_or_create(name=root, parent=None, defaults=dict(slug="gongye-jiaotong-t"))
    child, _ = Topic.objects.get_or_create(name=name, parent=parent, defaults=dict(slug=f"{parent.slug}-{len(name)}-c"))
    return child


def make_policy(library, slug, offices, *, title=None, number="", written=dt.date(2024, 3, 1), measures=(), live=True, **fields):
    page = PolicyPage(
        title=title or f"政策{slug}", slug=slug, document_number=number, written_date=written,
        published_date=fields.pop("published_date", written), topic=fields.pop("topic", None) or topic(),
        genre=fields.pop("genre", "notice"), live=live, **fields,
    )
    page.issuing_offices.set(offices)
    for order, m in enumerate(measures):  # in the order given (rows without sort_order come back in any order)
        page.measures.add(SupportMeasure(**{"sort_order": order, "support_type": "grant", "content": "扶持内容", **m}))
    library.add_child(instance=page)
    return page
