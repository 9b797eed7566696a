"""After the content apps' set-up and demo content: index what was created
without a publish signal (index pages, imports create live pages directly).
Both indexes are brought up to date (Elasticsearch through the outbox).
The portal office (and nobody else) manages the best bets (推荐结果)."""

from django.contrib.auth.models import Group, Permission

from portal.permissions import PORTAL_OFFICE_GROUP

from .indexing import sync

BEST_BET_PERMISSIONS = ("add_searchpromotion", "change_searchpromotion", "delete_searchpromotion")


def setup(log):
    office, _ = Group.objects.get_or_create(name=PORTAL_OFFICE_GROUP)
    office.permissions.add(*Permission.objects.filter(content_type__app_label="wagtailsearchpromotions", codename__in=BEST_BET_PERMISSIONS))
    changed = sync()
    log(f"站内搜索：门户办管理推荐结果；补充索引 {changed} 个对象")
