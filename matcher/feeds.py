"""Atom feed of the measures a profile matches (/jisuanqi/feed/?<profile>,
and /jisuanqi/geren/feed/?<person profile> for 惠民 measures)."""

import datetime as dt

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from . import service


class ProfileFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, params, mode):
        return params, mode

    def title(self, obj):
        params, mode = obj
        what = "个人政策计算器" if mode.key == "person" else "政策计算器"
        return f"{settings.SITE_NAME} · {what}：{params.summary()}"

    def subtitle(self, obj):
        return "符合本人条件、仍可申报的惠民事项" if obj[1].key == "person" else "符合该企业条件、仍可申报的惠企事项"

    def link(self, obj):
        params, mode = obj
        return f"{mode.page}?{params.query_string()}"

    def feed_url(self, obj):
        params, mode = obj
        return f"{mode.feed}?{params.query_string()}"

    def items(self, obj):
        params, mode = obj
        items = service.match(params.profile(), mode=mode.key).matches
        # Newest policy first: that is what a feed reader's "new" means.
        return sorted(items, key=lambda i: (i.measure.page.published_date, i.measure.pk), reverse=True)

    def item_title(self, item):
        prefix = "【免申即享】" if item.automatic else ""
        return f"{prefix}{item.measure.title}（{item.measure.status_label}）"

    def item_description(self, item):
        m = item.measure
        window = f"{m.window_opens:%Y-%m-%d}" if m.window_opens else "即日起"
        window += f" 至 {m.window_closes:%Y-%m-%d}" if m.window_closes else " 至 常年受理"
        parts = [f"政策依据：{m.page.title}", f"申报时间：{window}", "；".join(item.reasons + item.to_check), m.content]
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
