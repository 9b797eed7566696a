from django.apps import AppConfig


class PowerlistsConfig(AppConfig):
    name = "powerlists"
    verbose_name = "权责清单"

    def ready(self):
        from laws.signals import laws_imported
        from wagtail.signals import published

        from . import basis_flags
        from .models import PowerItem

        # 依据核验 runs after every law import and every publication of an item.
        laws_imported.connect(basis_flags.on_laws_imported, dispatch_uid="powerlists-basis-check")
        published.connect(basis_flags.on_published, sender=PowerItem, dispatch_uid="powerlists-basis-publish")
