"""Atom feed of the measures a profile matches (/jisuanqi/feed/?<profile>)."""

import datetime as dt

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from . import service


class ProfileFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, params):
        return params

    def title(self, params):
        return f"{settings.SITE_NAME} · 政策计算器：{params.summary()}"

    def subtitle(self, params):
        return "符合该企业条件、仍可申报的惠企事项"

    def link(self, params):
        return f"/jisuanqi/?{params.query_string()}"

    def feed_url(self, params):
        return f"/jisuanqi/feed/?{params.query_string()}"

    def items(self, params):
        items = service.match(params.profile()).matches
        # Newest policy first: that is what a feed reader's "new" means.
        return sorted(items, key=lambda i: (i.measure.page.published_date, i.measure.pk), reverse=True)

    def item_title(self, item):
        prefix = "【免申即享】" if item.automatic else ""
        return f"{prefix}{item.measure.title}（{item.measure.status_label}）"

    def item_description(self, item):
        m = item.measure
        window = f"{m.window_opens:%Y-%m-%d}" if m.window_opens else "即日起"
        window += f" 至 {m.window_closes:%Y-%m-%d}" if m.window_closes else " 至 常年受理"
        parts = [f"政策依据：{m.page.title}", f"申报时间：{window}", "；".join(item.reasons), m.content]
        return "\n".join(p for p in parts if p)

    def item_link(self, item):
        return item.measure.permalink

    def item_guid(self, item):
        return f"measure-{item.measure.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return timezone.make_aware(dt.datetime.combine(item.measure.page.published_date, dt.time(9)))

    def item_updateddate(self, item):
        return item.measure.page.last_published_at or self.item_pubdate(item)

    def item_author_name(self, item):
        return "、".join(d.name for d in item.measure.page.offices())

    def item_categories(self, item):
        return [item.measure.support_type_label, item.measure.delivery_mode_label]
