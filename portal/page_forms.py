"""The admin form every page type starts from: readable URLs.

A slug in Chinese (copied from the title by the admin's script, or typed)
becomes pinyin words, made unique among the page's siblings; an empty slug is
made from the title. A slug the editor types in ASCII is kept as typed, and
Wagtail says so if a sibling already has it. When a published page's slug
changes, Wagtail's redirects app sends the old address to the new one.
"""

from wagtail.admin.forms import WagtailAdminPageForm

from .text import word_slug

SLUG_HELP = "网址中的页面名称，留空或为中文时按标题生成拼音，如 xiaowei-qiye-danbao-daikuan；也可自行填写（小写字母、数字、连字符）。"


class PageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False

    def clean_slug(self):
        slug = (self.cleaned_data.get("slug") or "").strip()
        if slug.isascii() and slug:
            return slug
        base = word_slug(slug or self.cleaned_data.get("title") or "")
        siblings = self.parent_page.get_children().exclude(pk=self.instance.pk) if self.parent_page else None
        candidate, n = base, 2
        while siblings is not None and siblings.filter(slug=candidate).exists():
            candidate, n = f"{base}-{n}", n + 1
        return candidate
