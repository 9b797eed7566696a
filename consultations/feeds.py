"""Atom feed of new consultations (newest opening first), shaped like the
policy feed it extends."""

import datetime as dt

from django.conf import settings
from django.utils import timezone

from policies.feeds import FEED_SIZE, PolicyFeed

from .models import live_consultations


class ConsultationFeed(PolicyFeed):
    link = "/zhengji/"

    def title(self, obj=None):
        return f"{settings.SITE_NAME} · 意见征集"

    def subtitle(self, obj=None):
        return "全区各部门公开征求意见的政策草案"

    def items(self, obj=None):
        return list(live_consultations().order_by("-opens", "-pk")[:FEED_SIZE])

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        parts = [f"征集部门：{item.department.name}", f"征集期：{item.opens:%Y-%m-%d} 至 {item.closes:%Y-%m-%d}",
                 item.countdown().text]
        if item.summary:
            parts.append(item.summary)
        return "；".join(parts)

    def item_guid(self, item):
        return f"consultation-{item.pk}"

    def item_pubdate(self, item):
        return timezone.make_aware(dt.datetime.combine(item.opens, dt.time(9)))

    def item_author_name(self, item):
        return item.department.name

    def item_categories(self, item):
        return ["意见征集"]
