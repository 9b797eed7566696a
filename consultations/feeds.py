"""Atom feed of new consultations (newest opening first)."""

import datetime as dt

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from .models import live_consultations

FEED_SIZE = 30


class ConsultationFeed(Feed):
    feed_type = Atom1Feed
    link = "/zhengji/"

    def title(self):
        return f"{settings.SITE_NAME} · 意见征集"

    def subtitle(self):
        return "全区各部门公开征求意见的政策草案"

    def items(self):
        return list(live_consultations().order_by("-opens", "-pk")[:FEED_SIZE])

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        parts = [f"征集部门：{item.department.name}", f"征集期：{item.opens:%Y-%m-%d} 至 {item.closes:%Y-%m-%d}",
                 item.countdown().text]
        if item.summary:
            parts.append(item.summary)
        return "；".join(parts)

    def item_link(self, item):
        return item.url

    def item_guid(self, item):
        return f"consultation-{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return timezone.make_aware(dt.datetime.combine(item.opens, dt.time(9)))

    def item_updateddate(self, item):
        return item.last_published_at or self.item_pubdate(item)

    def item_author_name(self, item):
        return item.department.name
