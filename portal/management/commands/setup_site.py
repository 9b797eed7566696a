"""Create the site's skeleton on an empty database (after `migrate`):
home page, sections, groups, permissions and workflows. Idempotent."""

from django.core.management.base import BaseCommand

from portal import setup


class Command(BaseCommand):
    help = "创建网站基本结构：首页、栏目、用户组、权限和审核流程（可重复运行）"

    def handle(self, *args, **options):
        setup.run(setup.SITE, self.stdout.write)
        self.stdout.write(self.style.SUCCESS("网站基本结构已就绪。"))
