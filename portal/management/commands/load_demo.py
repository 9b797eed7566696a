"""Load the demo district. Idempotent: run it as often as you like.

Each installed app may have a `demo` module with `load(log)`; they run in
INSTALLED_APPS order (reference data first), each in its own transaction,
in which each changed object is indexed once (search.indexing.batch).
"""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand

from search.indexing import batch


class Command(BaseCommand):
    help = "载入演示数据（可重复运行）"

    def handle(self, *args, **options):
        for config in apps.get_app_configs():
            module_name = f"{config.name}.demo"
            if not config.name.startswith(("django.", "wagtail", "modelcluster", "taggit")) and find_spec(module_name):
                with batch():
                    import_module(module_name).load(self.stdout.write)
        self.stdout.write(self.style.SUCCESS("演示数据已就绪。"))
