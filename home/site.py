"""The home page, made the root of the default site."""

from django.conf import settings
from wagtail.models import Page, Site

from .models import HomePage

INTRO = (
    "{site}集中公开各部门的权力清单、责任清单和惠企惠民政策，"
    "分门别类、动态更新，让企业和群众找得到、看得懂、用得着。"
)


def setup(log):
    home = HomePage.objects.first()
    if home is None:
        # A fresh or flushed database may lack even the migrations' root page.
        root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
        # Replace Wagtail's placeholder "Welcome" page if it is still there.
        for page in root.get_children():
            if page.specific_class is Page and page.slug == "home":
                page.delete()
        home = root.add_child(instance=HomePage(title=settings.SITE_NAME, slug="home",
                                                intro=INTRO.format(site=settings.SITE_NAME)))
        home.save_revision().publish()
    Site.objects.update_or_create(
        is_default_site=True,
        defaults=dict(hostname="localhost", port=80, root_page=home, site_name=settings.SITE_NAME),
    )
    log("首页：已就绪")
