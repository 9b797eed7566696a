"""Atom feeds of policies: all, per department, per topic."""

import datetime as dt

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from portal.models import Department, Topic

from .models import live_policies

FEED_SIZE = 30


class PolicyFeed(Feed):
    feed_type = Atom1Feed
    link = "/zhengce/"

    def title(self, obj=None):
        return f"{settings.SITE_NAME} · 政策文件"

    def subtitle(self, obj=None):
        return "全区各部门最新发布的政策文件"

    def policies(self, obj):
        return live_policies()

    def items(self, obj=None):
        return list(self.policies(obj).distinct()[:FEED_SIZE])

    def item_title(self, item):
        return f"{item.title}（{item.document_number}）" if item.document_number else item.title

    def item_description(self, item):
        offices = "、".join(d.name for d in item.offices())
        parts = [f"发文机关：{offices}", f"发布日期：{item.published_date:%Y-%m-%d}", f"有效性：{item.validity_label}"]
        if item.summary:
            parts.append(item.summary)
        return "；".join(parts)

    def item_link(self, item):
        return item.url

    def item_guid(self, item):
        return f"policy-{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return timezone.make_aware(dt.datetime.combine(item.published_date, dt.time(9)))

    def item_updateddate(self, item):
        return item.last_published_at or self.item_pubdate(item)

    def item_author_name(self, item):
        return "、".join(d.name for d in item.offices())

    def item_categories(self, item):
        return [str(item.topic)]


class DepartmentPolicyFeed(PolicyFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Department, slug=slug)

    def title(self, obj=None):
        return f"{settings.SITE_NAME} · {obj.name}政策文件"

    def subtitle(self, obj=None):
        return f"{obj.name}发布（含联合发布）的政策文件"

    def link(self, obj):
        return f"/zhengce/?department={obj.slug}"

    def policies(self, obj):
        return live_policies().filter(issuing_offices=obj)


class TopicPolicyFeed(PolicyFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Topic, slug=slug)

    def title(self, obj=None):
        return f"{settings.SITE_NAME} · 主题“{obj.name}”政策文件"

    def subtitle(self, obj=None):
        return f"主题分类“{obj}”下的政策文件"

    def link(self, obj):
        return f"/zhengce/?topic={obj.slug}"

    def policies(self, obj):
        return live_policies().filter(Q(topic=obj) | Q(topic__parent=obj))
