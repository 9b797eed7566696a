"""Atom feed for any search (/search/feed/?<search params>), and the
newest-first search that feeds and e-mail alerts both follow."""

import datetime as dt
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from . import service
from .query import describe

FEED_SIZE = 50
# Newest first by 发布日期, whatever order the page was shown in: that is
# what "new" means to a feed reader or an alert.
NEWEST_SIZE = 100


def query_string(query):
    return urlencode(query.followed().as_params())


def newest(query, today=None, size=NEWEST_SIZE):
    """The newest hits of a query (sorted by date, first `size`)."""
    q = query.followed().with_(sort="date", page_size=size)
    return service.search(q, today=today, with_suggestion=False, relax=False).hits


class SearchFeed(Feed):
    feed_type = Atom1Feed
    item_guid_is_permalink = False

    def get_object(self, request, query):
        return query

    def title(self, query):
        return f"{settings.SITE_NAME} · 检索：{describe(query)}"

    def subtitle(self, query):
        return "按发布日期排列的最新检索结果"

    def link(self, query):
        params = query_string(query)
        return "/search/" + (f"?{params}" if params else "")

    def feed_url(self, query):
        params = query_string(query)
        return "/search/feed/" + (f"?{params}" if params else "")

    def items(self, query):
        return newest(query, size=FEED_SIZE)

    def item_title(self, hit):
        return hit.title

    def item_description(self, hit):
        parts = [hit.type_label, *(b.text for b in hit.badges), hit.document_number, hit.department, str(hit.snippet)]
        return "｜".join(p for p in parts if p)

    def item_link(self, hit):
        return hit.url

    def item_guid(self, hit):
        return hit.id

    def item_pubdate(self, hit):
        if hit.published:
            return timezone.make_aware(dt.datetime.combine(hit.published, dt.time(9)))
        return None

    def item_author_name(self, hit):
        return hit.department or None

    def item_categories(self, hit):
        return [hit.type_label]
