from django.apps import AppConfig


class MatcherConfig(AppConfig):
    name = "matcher"
    verbose_name = "政策计算器与订阅"
