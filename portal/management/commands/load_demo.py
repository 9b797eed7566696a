"""Load the demo district on top of the site skeleton (`setup_site`).
Idempotent: run it as often as you like. See portal/setup.py."""

from django.core.management.base import BaseCommand

from portal import setup


class Command(BaseCommand):
    help = "载入演示数据（可重复运行）"

    def handle(self, *args, **options):
        setup.run(setup.DEMO, self.stdout.write)
        self.stdout.write(self.style.SUCCESS("演示数据已就绪。"))
