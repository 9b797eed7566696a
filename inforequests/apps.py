from django.apps import AppConfig


class InforequestsConfig(AppConfig):
    name = "inforequests"
    verbose_name = "依申请公开"
