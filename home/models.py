from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from portal.page_forms import PageForm


class HomePage(Page):
    """The portal's front page. Listings on it come from the content apps'
    template tags, so they are current on every request."""

    intro = models.TextField("导语", blank=True, help_text="显示在首页顶部的一段简介。")
    notice = models.CharField("公告", max_length=200, blank=True, help_text="可选：首页醒目位置的一句话公告。")

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("notice")]

    base_form_class = PageForm
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = "首页"
