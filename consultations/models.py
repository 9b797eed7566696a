"""意见征集 (public consultation on draft policies), its comments and
采纳情况反馈, and the 重大行政决策事项目录.

A consultation is a page under /zhengji/ owned by one department. Its status
(征集中 / 已结束 / 已反馈) is computed from its dates on every request
(status.py). The final policy is linked from here (`final_policy`), so the
policy page finds its consultations through the reverse relation
`consultations` without policies/ knowing this app.
"""

import secrets

from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from portal.daterules import today
from portal.models import Department, DocumentAttachment
from portal.page_forms import PageForm

from . import articles, moderation, page_views, status
from .forms import TEXT_MAX, CommentForm, ConsultationPageForm

RECEIPT_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I


class ConsultationIndexPage(Page):
    intro = models.TextField("导语", blank=True)
    base_form_class = PageForm

    content_panels = Page.content_panels + [FieldPanel("intro")]
    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = ["consultations.ConsultationPage"]

    class Meta:
        verbose_name = "意见征集栏目"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        day = today()
        groups = {key: [] for key in (status.OPEN, status.UPCOMING, status.CLOSED, status.ANSWERED)}
        for page in live_consultations().order_by("-opens", "-pk"):
            groups[page.status_on(day)].append(page)
        context["groups"] = [(key, status.LABELS[key], pages) for key, pages in groups.items()]
        return context


def live_consultations():
    return ConsultationPage.objects.live().public().select_related("department")


class ConsultationPage(RoutablePageMixin, Page):
    department = models.ForeignKey(Department, verbose_name="征集部门", on_delete=models.PROTECT, related_name="consultations")
    summary = models.TextField("内容简介", blank=True, help_text="一两句话说明草案要解决的问题，显示在列表和订阅中。")
    draft = models.TextField(
        "草案正文",
        help_text="粘贴草案全文。以“第一章”开头的行是章标题，以“第一条”（或“第1条”）开头的行开始一条，"
                  "群众可以对每一条单独提意见。",
    )
    explanation = RichTextField("起草说明", blank=True, features=["h3", "bold", "ol", "ul", "link", "document-link"])
    opens = models.DateField("征集开始日期", default=today)
    closes = models.DateField("征集截止日期", help_text="当天仍可提交意见。规范性文件和重大行政决策一般不少于30日。")
    short_window_reason = models.TextField(
        "征集期少于30日的理由", blank=True, help_text="征集期不足30日时必填，并向社会公开。")
    email = models.EmailField("电子邮箱", blank=True, help_text="可选：接收意见的电子邮箱。")
    postal_address = models.CharField("信函地址", max_length=200, blank=True,
                                      help_text="可选：邮寄地址和邮编，信封请注明“意见征集”。")
    final_policy = models.ForeignKey(
        "policies.PolicyPage", verbose_name="正式印发的文件", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="consultations", help_text="文件正式印发后选择，政策文件页面将显示“本文件已公开征求意见”。",
    )
    feedback_date = models.DateField(
        "采纳情况公布日期", null=True, blank=True,
        help_text="填写后自该日起公开采纳情况反馈，状态显示为“已反馈”；须在征集截止之后。")
    feedback_summary = models.TextField("采纳情况总体说明", blank=True)

    base_form_class = ConsultationPageForm
    parent_page_types = ["consultations.ConsultationIndexPage"]
    subpage_types = []

    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("draft")]

    content_panels = Page.content_panels + [
        FieldPanel("department"),
        FieldPanel("summary"),
        FieldPanel("draft"),
        FieldPanel("explanation"),
        InlinePanel("attachments", label="附件", heading="附件"),
    ]
    window_panels = [
        FieldRowPanel([FieldPanel("opens"), FieldPanel("closes")], heading="征集期"),
        FieldPanel("short_window_reason"),
        MultiFieldPanel([FieldPanel("email"), FieldPanel("postal_address")], heading="其他意见渠道（网上留言始终开放）"),
    ]
    feedback_panels = [
        FieldPanel("feedback_date"),
        FieldPanel("feedback_summary"),
        InlinePanel("feedback_groups", label="一类意见", heading="意见采纳情况（相似意见归为一类）"),
        FieldPanel("final_policy"),
    ]
    edit_handler = TabbedInterface([
        ObjectList(content_panels, heading="草案"),
        ObjectList(window_panels, heading="征集期和渠道"),
        ObjectList(feedback_panels, heading="采纳情况反馈"),
        ObjectList(Page.promote_panels, heading="推广"),
        ObjectList(Page.settings_panels, heading="发布设置"),
    ])

    class Meta:
        verbose_name = "意见征集"
        verbose_name_plural = "意见征集"

    def clean(self):
        super().clean()
        errors = {}
        if self.opens and self.closes:
            if self.closes < self.opens:
                errors["closes"] = "截止日期不能早于开始日期。"
            elif status.window_days(self.opens, self.closes) < status.MIN_DAYS and not self.short_window_reason.strip():
                errors["short_window_reason"] = (
                    f"征集期只有 {status.window_days(self.opens, self.closes)} 天，少于{status.MIN_DAYS}日：请说明理由（将向社会公开）。")
            if self.feedback_date and self.feedback_date <= self.closes:
                errors["feedback_date"] = "采纳情况须在征集截止之后公布：公布日期应晚于截止日期。"
        if errors:
            raise ValidationError(errors)

    # -- status -----------------------------------------------------------
    def status_on(self, day):
        return status.status(today=day, opens=self.opens, closes=self.closes, answered=self.feedback_date)

    def countdown(self):
        return status.describe(today=today(), opens=self.opens, closes=self.closes, answered=self.feedback_date)

    def accepts_comments(self, day=None):
        return self.status_on(day or today()) == status.OPEN

    def has_feedback(self, day=None):
        return self.status_on(day or today()) == status.ANSWERED

    @property
    def window_days(self):
        return status.window_days(self.opens, self.closes)

    @property
    def short_window(self):
        return self.window_days < status.MIN_DAYS

    def parsed_draft(self):
        if not hasattr(self, "_draft"):
            self._draft = articles.parse(self.draft)
        return self._draft

    # -- feedback -----------------------------------------------------------
    def feedback_counts(self):
        """{"total", "adopted", "partly", "rejected"}: comments counted in the groups."""
        counts = {key: 0 for key, _ in DECISIONS}
        for group in self.feedback_groups.all():
            counts[group.decision] += group.count
        counts["total"] = sum(counts.values())
        return counts

    def published_comments(self):
        return self.comments.filter(status=Comment.PUBLISHED).order_by("created", "pk")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        draft = self.parsed_draft()
        comments = list(self.published_comments())
        by_article = {}
        for comment in comments:
            by_article.setdefault(comment.article or 0, []).append(comment)
        chosen = request.GET.get("tiao", "")
        initial = {"article": chosen} if chosen.isdigit() and draft.article(int(chosen)) else {}
        context.update(
            draft=draft,
            chapters=[(chapter, [(a, by_article.get(a.number, [])) for a in items]) for chapter, items in draft.chapters()],
            countdown=self.countdown(),
            comments_by_article=by_article,
            general_comments=by_article.get(0, []),
            comment_count=len(comments),
            form=kwargs.get("form") or CommentForm(draft=draft, initial=initial),
        )
        return context

    @path("yijian/", name="comment")
    def comment_view(self, request):
        return page_views.submit_comment(self, request)

    @path("huizhi/", name="receipt")
    def receipt_view(self, request):
        return page_views.receipt(self, request)

    @path("fankui/", name="feedback")
    def feedback_view(self, request):
        return page_views.feedback(self, request)


class ConsultationAttachment(DocumentAttachment):
    page = ParentalKey(ConsultationPage, related_name="attachments", on_delete=models.CASCADE)


DECISIONS = [("adopted", "采纳"), ("partly", "部分采纳"), ("rejected", "未采纳")]


class FeedbackGroup(Orderable):
    """One group of similar comments and what became of them."""

    page = ParentalKey(ConsultationPage, related_name="feedback_groups", on_delete=models.CASCADE)
    summary = models.TextField("意见摘要", help_text="归纳这一类意见的主要内容。")
    count = models.PositiveIntegerField("意见条数", default=1)
    decision = models.CharField("采纳情况", max_length=10, choices=DECISIONS)
    reason = models.TextField("理由或修改情况", help_text="采纳的写明如何修改；未采纳或部分采纳的写明理由。")

    panels = [FieldPanel("summary"), FieldRowPanel([FieldPanel("count"), FieldPanel("decision")]), FieldPanel("reason")]

    class Meta(Orderable.Meta):
        verbose_name = "一类意见"


def new_receipt():
    day = today()
    return f"YJ{day:%Y%m%d}-" + "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(6))


class Comment(models.Model):
    """A comment from the public. Name and contact are for the department
    only: never shown, never in search. Nothing is public before moderation."""

    PENDING, PUBLISHED, REJECTED = moderation.PENDING, moderation.PUBLISHED, moderation.REJECTED

    consultation = models.ForeignKey(ConsultationPage, verbose_name="意见征集", on_delete=models.CASCADE, related_name="comments")
    article = models.PositiveSmallIntegerField("条款序号", null=True, blank=True, help_text="空表示对草案整体的意见。")
    article_label = models.CharField("针对条款", max_length=30, blank=True)
    text = models.TextField("意见内容", max_length=TEXT_MAX)
    name = models.CharField("姓名或单位（不公开）", max_length=60, blank=True)
    contact = models.CharField("联系方式（不公开）", max_length=100, blank=True)
    receipt = models.CharField("回执号", max_length=20, unique=True, default=new_receipt, editable=False)
    status = models.CharField("审核状态", max_length=10, choices=moderation.STATUSES, default=PENDING, db_index=True)
    reply = models.TextField("部门答复", blank=True, help_text="可选：随意见一并公开。")
    created = models.DateTimeField("提交时间", auto_now_add=True)
    moderated = models.DateTimeField("审核时间", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "征集意见"
        verbose_name_plural = "征集意见"
        ordering = ["-created", "-pk"]

    def __str__(self):
        return f"{self.receipt}：{self.text[:30]}"

    def save(self, *args, **kwargs):
        if self.status != self.PENDING and self.moderated is None:
            from django.utils import timezone

            self.moderated = timezone.now()
        super().save(*args, **kwargs)

    @property
    def target_label(self):
        return self.article_label or "草案整体"

    def consultation_title(self):
        return self.consultation.title

    consultation_title.short_description = "意见征集"

    def department_name(self):
        return self.consultation.department.name

    department_name.short_description = "征集部门"


def this_year():
    return today().year


STAGES = [
    ("research", "调研论证"),
    ("consulting", "公开征求意见"),
    ("review", "合法性审查"),
    ("deciding", "集体讨论决定"),
    ("issued", "已公布"),
    ("adjusted", "调整出目录"),
]


class DecisionItem(models.Model):
    """One entry of the year's 重大行政决策事项目录."""

    year = models.PositiveSmallIntegerField("年度", default=this_year)
    title = models.CharField("决策事项名称", max_length=200)
    department = models.ForeignKey(Department, verbose_name="承办单位", on_delete=models.PROTECT, related_name="decision_items")
    description = models.TextField("决策事项简介", blank=True)
    planned = models.CharField("计划完成时间", max_length=40, help_text="如 2026年第三季度、2026年10月。")
    stage = models.CharField("进展", max_length=12, choices=STAGES, default="research")
    consultation = models.ForeignKey(ConsultationPage, verbose_name="意见征集", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="decision_items")
    final_policy = models.ForeignKey("policies.PolicyPage", verbose_name="正式文件", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    interpretation = models.ForeignKey("policies.PolicyInterpretationPage", verbose_name="政策解读", null=True,
                                       blank=True, on_delete=models.SET_NULL, related_name="+")
    sort_order = models.PositiveIntegerField("排序", default=0)

    panels = [
        FieldRowPanel([FieldPanel("year"), FieldPanel("sort_order")]),
        FieldPanel("title"), FieldPanel("department"), FieldPanel("description"),
        FieldRowPanel([FieldPanel("planned"), FieldPanel("stage")]),
        FieldPanel("consultation"), FieldPanel("final_policy"), FieldPanel("interpretation"),
    ]

    class Meta:
        verbose_name = "重大行政决策事项"
        verbose_name_plural = "重大行政决策事项"
        ordering = ["-year", "sort_order", "pk"]

    def __str__(self):
        return f"{self.year}年 {self.title}"

    def live_link(self, name):
        page = getattr(self, name)
        return page if page is not None and page.live else None

    def links(self):
        """[(label, url)] of what exists and is public: consultation, feedback, final document, interpretation."""
        out = []
        consultation = self.live_link("consultation")
        if consultation:
            out.append(("意见征集", consultation.url))
            if consultation.has_feedback():
                out.append(("采纳情况", f"{consultation.url}fankui/"))
        for name, label in (("final_policy", "正式文件"), ("interpretation", "政策解读")):
            page = self.live_link(name)
            if page:
                out.append((label, page.url))
        return out

    def stage_label(self, day=None):
        """The stage as the public reads it: links that exist say more than the stored stage."""
        if self.live_link("final_policy"):
            return "已公布"
        consultation = self.live_link("consultation")
        if consultation and consultation.accepts_comments(day):
            return "公开征求意见中"
        return dict(STAGES)[self.stage]
