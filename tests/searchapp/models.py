from django.db import models


class Bulletin(models.Model):
    """公告栏: a content type that only the tests have."""

    title = models.CharField(max_length=100)
    body = models.TextField(blank=True)
    kind = models.CharField(max_length=20, default="notice")
