from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "站内搜索"

    def ready(self):
        from portal import setup

        from . import indexing, promotions, signals

        signals.connect()
        promotions.connect()
        setup.register_bulk_wrapper(indexing.batch)
