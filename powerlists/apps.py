from django.apps import AppConfig


class PowerlistsConfig(AppConfig):
    name = "powerlists"
    verbose_name = "权责清单"
