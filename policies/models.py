"""Policy documents, their interpretations and support measures (DESIGN.md §2).

Validity (有效/失效/废止/已修订) and application status (申报中/即将截止/未开始/
已截止) are computed from dates whenever they are read (validity.py,
windows.py); nothing here is updated by a nightly job.
"""

from dataclasses import dataclass, field
from typing import Annotated
from urllib.parse import urlencode

import pydantic
from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import OuterRef, Prefetch, Q, Subquery, prefetch_related_objects
from django.db.models.functions import Coalesce
from django.shortcuts import render
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from portal import docnumbers
from portal.daterules import today
from portal.models import Department, DocumentAttachment, Qualification, Region, Topic
from portal.page_forms import SLUG_HELP, PageForm
from portal.params import Integer, OneOf, ParamErrorPageMixin, Params, rows
from portal.taxonomies import (
    AUDIENCES,
    DISABILITY_GRADES,
    DISCLOSURE_CATEGORIES,
    EMPLOYMENT_STATUSES,
    ENTERPRISE_SCALES,
    GENRES,
    INDUSTRIES,
    LIFE_EVENTS,
    PERSON_GROUPS,
    POLICY_LEVELS,
    RESIDENCE_RULES,
    label,
)
from search.ordering import deadline_key

from . import attachments, phones, validity, windows
from .forms import InterpretationPageForm, PolicyPageForm

# Editor bodies are Wagtail rich text: the editor (Draftail) keeps only these
# features and stores links as <a linktype="page|document" id="…">, so they are
# not run through cleaning.clean_body, which is for imported HTML.
RICH_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link", "hr"]

SUPPORT_TYPES = [
    ("grant", "资金扶持"),
    ("interest", "融资贴息"),
    ("tax", "税费减免"),
    ("talent", "人才支持"),
    ("land_energy", "用地用能"),
    ("employment", "稳岗就业"),
    ("market", "市场开拓"),
    ("innovation", "科技创新"),
    ("service", "服务便利"),
    ("other", "其他"),
]

DELIVERY_MODES = [
    ("automatic", "免申即享"),
    ("fast", "快申快享"),
    ("application", "依申请"),
]

INTERPRETATION_KINDS = [
    ("text", "文字解读"),
    ("graphic", "图解"),
    ("video", "视频解读"),
    ("qa", "问答"),
]

CHANGE_KINDS = [("revise", "修订"), ("repeal", "废止")]


class ChoiceListField(models.JSONField):
    """A list of keys from a fixed taxonomy, e.g. ["small", "micro"].

    Stored as a JSON list so SQLite and PostgreSQL both hold it; edited as
    checkboxes. An empty list means "no restriction"."""

    def __init__(self, *args, list_choices=(), **kwargs):
        self.list_choices = list(list_choices)
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path_, args, kwargs = super().deconstruct()
        kwargs["list_choices"] = self.list_choices
        return name, path_, args, kwargs

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=self.list_choices,
            required=not self.blank,
            widget=forms.CheckboxSelectMultiple,
            label=self.verbose_name,
            help_text=self.help_text,
        )

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        known = {key for key, _ in self.list_choices}
        unknown = [v for v in value or [] if v not in known]
        if unknown:
            raise ValidationError(f"{self.verbose_name}包含未知的取值：{'、'.join(map(str, unknown))}。")



# --------------------------------------------------------------------------
# Index pages


# Filters arrive as GET parameters, declared once (portal.params): an unknown
# parameter or value is a 400 page naming it. Validity is computed in Python
# on the day: a district has hundreds of policies, not millions, and search
# does the heavy filtering for full-text queries.

def live_policies():
    return (
        PolicyPage.objects.live().public()
        .select_related("topic", "topic__parent")
        .prefetch_related("issuing_offices", successor_links())
        .order_by("-published_date", "-pk")
    )


def successor_links(through=""):
    """Prefetch of the repeal/revision links that are validity's inputs: one
    query for a page of rows instead of one per row (`through`: the path to
    the policy, e.g. "page__" from a measure)."""
    return Prefetch(f"{through}superseded_by_links", queryset=PolicyChange.objects.select_related("page"))


# validity.RULE's fields as columns of with_supersession() rows.
VALIDITY_COLUMNS = {"repealed": "repealed_on", "revised": "revised_on", "expiry": "expiry_date",
                    "effective": "effective_date"}


def with_supersession(qs):
    """Annotate the first day a live repealing / revising document takes
    effect, so the database can filter on validity (PolicyPage.supersession_dates
    is the same in Python)."""
    def first(kind):
        links = (PolicyChange.objects.filter(old_policy=OuterRef("pk"), kind=kind, page__live=True)
                 .annotate(on=Coalesce("page__effective_date", "page__published_date")).order_by("on"))
        return Subquery(links.values("on")[:1])

    return qs.annotate(repealed_on=first("repeal"), revised_on=first("revise"))


@dataclass
class PolicyFilters:
    department: Department | None = None
    topic: Topic | None = None
    level: str = ""
    genre: str = ""
    validity: str = ""
    items: list = field(default_factory=list)
    query_string: str = ""

    @property
    def active(self):
        return bool(self.department or self.topic or self.level or self.genre or self.validity)


VALIDITY_LABELS = validity.LABELS  # the field below takes the module's name


class PolicyListParams(Params):
    """/zhengce/."""

    department: Annotated[str, OneOf(rows(Department))] | None = pydantic.Field(None, title="发文机关")
    topic: Annotated[str, OneOf(rows(Topic))] | None = pydantic.Field(None, title="主题分类")
    level: Annotated[str, OneOf(POLICY_LEVELS)] | None = pydantic.Field(None, title="政策级别")
    genre: Annotated[str, OneOf(GENRES)] | None = pydantic.Field(None, title="公文种类")
    validity: Annotated[str, OneOf(VALIDITY_LABELS)] | None = pydantic.Field(None, title="有效性")
    page: Integer(1, 100_000) = pydantic.Field(1, title="页码")


def filter_policies(params, parent=None):
    """The policies a PolicyListParams selects (under `parent`, if given)."""
    qs = live_policies().filter(**params.lookups(level="level", genre="genre"))
    if parent is not None:
        qs = qs.child_of(parent)
    result = PolicyFilters(level=params.level or "", genre=params.genre or "")
    if params.department:
        result.department = Department.objects.get(slug=params.department)
        qs = qs.filter(issuing_offices=result.department)
    if params.topic:
        result.topic = Topic.objects.get(slug=params.topic)
        qs = qs.filter(Q(topic=result.topic) | Q(topic__parent=result.topic))
    if params.validity:
        qs = with_supersession(qs).filter(validity.RULE.q(today(), params.validity, VALIDITY_COLUMNS))
        result.validity = params.validity
    # A queryset: the page's paginator fetches one page of rows, not the archive.
    result.items = qs.distinct()
    result.query_string = urlencode(params.query_pairs(exclude=("page",)))
    return result



class PolicyIndexPage(ParamErrorPageMixin, Page):
    """政策文件库 (/zhengce/): every policy, filterable, with self-updating lists."""

    intro = models.TextField("导语", blank=True)
    content_panels = Page.content_panels + [FieldPanel("intro")]
    base_form_class = PageForm
    subpage_types = ["policies.PolicyPage"]
    parent_page_types = ["home.HomePage"]
    max_count = 1
    per_page = 20

    class Meta:
        verbose_name = "政策文件库"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        params = PolicyListParams.parse(request.GET)
        result = filter_policies(params, parent=self)
        paginator = Paginator(result.items, self.per_page)
        context.update(
            filters=result,
            page_obj=paginator.get_page(params.page),
            query_string=result.query_string,
            departments=Department.objects.filter(policies__live=True).distinct().order_by("sort_order", "id"),
            topics=sorted(
                Topic.objects.select_related("parent"),
                key=lambda t: (t.root.sort_order, t.root.pk, t.parent_id is not None, t.sort_order, t.pk),
            ),
            levels=POLICY_LEVELS,
            genres=GENRES,
            validities=validity.CHOICES,
        )
        return context


class InterpretationListParams(Params):
    """/jiedu/."""

    kind: Annotated[str, OneOf(INTERPRETATION_KINDS)] | None = pydantic.Field(None, title="解读形式")
    page: Integer(1, 100_000) = pydantic.Field(1, title="页码")


class InterpretationIndexPage(ParamErrorPageMixin, Page):
    """政策解读 (/jiedu/)."""

    intro = models.TextField("导语", blank=True)
    content_panels = Page.content_panels + [FieldPanel("intro")]
    base_form_class = PageForm
    subpage_types = ["policies.PolicyInterpretationPage"]
    parent_page_types = ["home.HomePage"]
    max_count = 1

    class Meta:
        verbose_name = "政策解读栏目"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        params = InterpretationListParams.parse(request.GET)
        items = (
            PolicyInterpretationPage.objects.live().public().child_of(self)
            .select_related("policy").order_by("-published_date", "-pk")
        )
        if params.kind:
            items = items.filter(kind=params.kind)
        context.update(
            kinds=INTERPRETATION_KINDS,
            kind=params.kind or "",
            query_string=urlencode(params.query_pairs(exclude=("page",))),
            page_obj=Paginator(items, 20).get_page(params.page),
        )
        return context


# --------------------------------------------------------------------------
# The policy


class PolicyPage(RoutablePageMixin, Page):
    index_number = models.CharField(
        "索引号", max_length=40, unique=True, blank=True,
        help_text="留空则按“发文机关组织机构代码/年份-序号”自动生成，如 009256079/2024-00003。",
    )
    document_number = models.CharField(
        "发文字号", max_length=60, blank=True,
        help_text="如 区府发〔2024〕12号；写作 [2024] 或 2024年 会自动规范为〔2024〕。同一发文机关内不得重复。",
    )
    issuing_offices = ParentalManyToManyField(
        Department, verbose_name="发文机关", related_name="policies",
        help_text="联合发文时选择全部发文机关；索引号使用排序最前的机关代码。",
    )
    written_date = models.DateField("成文日期")
    published_date = models.DateField("发布日期", default=today)
    effective_date = models.DateField("施行日期", null=True, blank=True, help_text="留空表示自发布之日起施行。")
    expiry_date = models.DateField(
        "失效日期", null=True, blank=True, help_text="有效期的最后一天；留空表示长期有效。次日起显示为“失效”。"
    )
    topic = models.ForeignKey(
        Topic, verbose_name="主题分类", on_delete=models.PROTECT, related_name="policies",
        help_text="选择二级主题（如“财政、金融、审计 / 税务”）；无二级主题时选择一级主题。",
    )
    genre = models.CharField("公文种类", max_length=20, choices=GENRES)
    level = models.CharField("政策级别", max_length=20, choices=POLICY_LEVELS, default="district")
    search_aliases = models.TextField("别名/常用问法", blank=True,
                               help_text="群众和企业怎么称呼这份文件，每行一个，如：稳岗政策、社保补贴。")
    disclosure = models.CharField("公开类别", max_length=20, choices=DISCLOSURE_CATEGORIES, default="decision")
    summary = models.TextField("摘要", blank=True, help_text="一两句话说明政策要点，显示在列表和订阅中。")
    body = RichTextField("正文", features=RICH_FEATURES, blank=True)
    source_url = models.URLField("来源网址", blank=True, max_length=300)

    base_form_class = PolicyPageForm
    parent_page_types = ["policies.PolicyIndexPage"]
    subpage_types = []

    search_fields = Page.search_fields + [
        index.SearchField("document_number"),
        index.SearchField("index_number"),
        index.SearchField("summary"),
        index.AutocompleteField("document_number"),
    ]

    # The slug sits under the title it is made from, so its error shows on the tab the editor works in.
    content_panels = Page.content_panels + [
        FieldPanel("slug", help_text=SLUG_HELP),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("attachments", label="附件", heading="附件"),
    ]
    promote_panels = [
        MultiFieldPanel([FieldPanel("seo_title"), FieldPanel("search_description")], heading="搜索引擎"),
        FieldPanel("show_in_menus"),
    ]
    metadata_panels = [
        MultiFieldPanel(
            [
                FieldPanel("document_number"),
                FieldPanel("index_number"),
                FieldPanel("issuing_offices", widget=forms.CheckboxSelectMultiple),
            ],
            heading="文号与发文机关",
        ),
        FieldRowPanel([FieldPanel("written_date"), FieldPanel("published_date")], heading="成文与发布"),
        FieldRowPanel([FieldPanel("effective_date"), FieldPanel("expiry_date")], heading="有效期"),
        MultiFieldPanel(
            [FieldPanel("topic"), FieldPanel("genre"), FieldPanel("level"), FieldPanel("disclosure"), FieldPanel("source_url"),
             FieldPanel("search_aliases")],
            heading="分类",
        ),
        InlinePanel("changes", label="修订或废止的文件", heading="本文件修订或废止的文件"),
    ]
    measure_panels = [InlinePanel("measures", label="惠企惠民事项", heading="惠企惠民事项")]
    faq_panels = [InlinePanel("faqs", label="常见问题", heading="常见问题")]

    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="正文"),
            ObjectList(metadata_panels, heading="文件信息"),
            ObjectList(measure_panels, heading="惠企事项"),
            ObjectList(faq_panels, heading="常见问题"),
            ObjectList(promote_panels, heading="推广"),
            ObjectList(Page.settings_panels, heading="发布设置"),
        ]
    )

    class Meta:
        verbose_name = "政策文件"
        verbose_name_plural = "政策文件"

    # -- content rules ------------------------------------------------------
    def clean(self):
        super().clean()
        if self.document_number:
            try:
                self.document_number = docnumbers.normalise(self.document_number)
            except docnumbers.NumberError as exc:
                raise ValidationError({"document_number": str(exc)})
        if self.index_number:
            try:
                docnumbers.parse_index_number(self.index_number)
            except docnumbers.NumberError as exc:
                raise ValidationError({"index_number": str(exc)})
        from .rules import policy_date_errors

        errors = policy_date_errors(
            written=self.written_date, published=self.published_date,
            effective=self.effective_date, expiry=self.expiry_date,
        )
        if errors:
            raise ValidationError(errors)

    @classmethod
    def duplicate_number(cls, document_number, office_ids, exclude_pk=None):
        """Another policy of one of these offices with the same 发文字号."""
        if not document_number or not office_ids:
            return None
        others = cls.objects.filter(document_number=document_number, issuing_offices__in=office_ids)
        if exclude_pk:
            others = others.exclude(pk=exclude_pk)
        return others.distinct().first()

    def save(self, *args, **kwargs):
        if self.document_number:
            try:
                self.document_number = docnumbers.normalise(self.document_number)
            except docnumbers.NumberError:
                pass  # clean() reports it; save() never loses the editor's text
        if not self.index_number:
            self.index_number = self.generate_index_number()
        super().save(*args, **kwargs)

    def generate_index_number(self):
        lead = self.lead_office()
        if lead is None:
            return ""
        year = (self.written_date or today()).year
        prefix = f"{lead.org_code}/{year}-"
        existing = PolicyPage.objects.filter(index_number__startswith=prefix).values_list("index_number", flat=True)
        return docnumbers.next_index_number(lead.org_code, year, existing)

    # -- derived facts ------------------------------------------------------
    def offices(self):
        return sorted(self.issuing_offices.all(), key=lambda d: (d.sort_order, d.pk or 0))

    def lead_office(self):
        offices = self.offices()
        return offices[0] if offices else None

    @property
    def starts_on(self):
        return self.effective_date or self.published_date

    def live_successor_links(self):
        """Links from live documents that revise or repeal this one."""
        links = self.superseded_by_links.all()
        if "superseded_by_links" not in getattr(self, "_prefetched_objects_cache", {}):
            links = links.select_related("page")
        return sorted((link for link in links if link.page.live), key=lambda link: link.pk)

    def supersession_dates(self):
        repealed = revised = None
        for link in self.live_successor_links():
            when = link.page.starts_on
            if link.kind == "repeal":
                repealed = min(filter(None, [repealed, when]))
            else:
                revised = min(filter(None, [revised, when]))
        return repealed, revised

    def validity_key(self, on=None):
        repealed, revised = self.supersession_dates()
        return validity.validity(
            today=on or today(), effective=self.effective_date, expiry=self.expiry_date,
            repealed=repealed, revised=revised,
        )

    @property
    def validity_label(self):
        return validity.label(self.validity_key())

    def successor_on(self, on=None):
        """The live document in force that replaced this one, if any."""
        on = on or today()
        links = [link for link in self.live_successor_links() if link.page.starts_on <= on]
        links.sort(key=lambda link: (link.kind != "repeal", link.page.starts_on))
        return links[0] if links else None

    def topic_slugs(self):
        topic = self.topic
        return [topic.slug] + ([topic.parent.slug] if topic.parent_id else [])

    def live_interpretations(self):
        return self.interpretations.live().public().order_by("-published_date")

    def related_policies(self, limit=5):
        return (
            PolicyPage.objects.live().public().filter(topic=self.topic).exclude(pk=self.pk)
            .order_by("-published_date")[:limit]
        )

    @property
    def level_label(self):
        return label(POLICY_LEVELS, self.level)

    @property
    def genre_label(self):
        return label(GENRES, self.genre)

    @property
    def disclosure_label(self):
        return label(DISCLOSURE_CATEGORIES, self.disclosure)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        prefetch_related_objects([self], successor_links(), "issuing_offices",
                                 Prefetch("topic", queryset=Topic.objects.select_related("parent")))
        key = self.validity_key()
        context.update(
            validity_key=key,
            validity_label=validity.label(key),
            successor=self.successor_on(),
            measures=list(self.measures.prefetch_related("regions", "qualifications")),
        )
        return context

    @path("print/", name="print")
    def print_view(self, request):
        context = self.get_context(request)
        context["print_view"] = True
        return render(request, "policies/policy_page_print.html", context)


class PolicyChange(Orderable):
    """This (newer) policy revises or repeals an older one."""

    page = ParentalKey(PolicyPage, related_name="changes", on_delete=models.CASCADE)
    old_policy = models.ForeignKey(
        PolicyPage, verbose_name="被修订或废止的文件", related_name="superseded_by_links", on_delete=models.CASCADE
    )
    kind = models.CharField("关系", max_length=10, choices=CHANGE_KINDS, default="repeal")

    panels = [FieldPanel("old_policy"), FieldPanel("kind")]

    class Meta(Orderable.Meta):
        verbose_name = "修订或废止关系"

    @property
    def kind_label(self):
        return label(CHANGE_KINDS, self.kind)


class PolicyAttachment(DocumentAttachment):
    page = ParentalKey(PolicyPage, related_name="attachments", on_delete=models.CASCADE)

    @property
    def file_info(self):
        return attachments.file_info(self.document)


class PolicyFAQ(Orderable):
    page = ParentalKey(PolicyPage, related_name="faqs", on_delete=models.CASCADE)
    question = models.CharField("问题", max_length=300)
    answer = models.TextField("解答")

    panels = [FieldPanel("question"), FieldPanel("answer")]


class SupportMeasure(Orderable, ClusterableModel):
    """惠企事项: the claimable part of a policy.

    The beneficiary conditions are machine-checkable so a business profile
    can be matched with a query (the policy matcher relies on these fields):
      scales / industries: lists of keys from portal.taxonomies
          ENTERPRISE_SCALES / INDUSTRIES; empty = any;
      regions: Region rows; empty = the whole district;
      qualifications: Qualification rows; ALL of them are required;
      min_/max_years: whole years since registration, inclusive;
      min_/max_headcount: employees, inclusive;
      min_/max_revenue: last year's operating revenue in 万元, inclusive;
      a None bound means "no bound".
    """

    page = ParentalKey(PolicyPage, related_name="measures", on_delete=models.CASCADE)
    title = models.CharField("事项名称", max_length=200)
    audience = models.CharField("服务对象", max_length=12, choices=AUDIENCES, default="enterprise",
                                help_text="惠企事项选“企业”，惠民事项选“个人/家庭”。")
    life_events = ChoiceListField("人生事件", list_choices=LIFE_EVENTS, help_text="惠民事项所属的人生事件，用于“惠民政策”分类。")
    search_aliases = models.TextField("别名/常用问法", blank=True,
                               help_text="群众和企业怎么称呼这个事项，每行一个，如：开饭店、开奶茶店。")
    support_type = models.CharField("扶持类型", max_length=20, choices=SUPPORT_TYPES)
    content = models.TextField("扶持内容", help_text="扶持标准和方式，写给企业看的一段话。")
    amount_text = models.CharField("扶持金额（文字）", max_length=200, blank=True, help_text="如 按研发投入的10%给予补助")
    amount_cap = models.DecimalField("扶持金额上限（万元）", max_digits=12, decimal_places=2, null=True, blank=True)

    scales = ChoiceListField("企业规模", list_choices=ENTERPRISE_SCALES, help_text="不选表示不限规模。")
    industries = ChoiceListField("行业门类", list_choices=INDUSTRIES, help_text="GB/T 4754-2017 门类；不选表示不限行业。")
    regions = ParentalManyToManyField(Region, verbose_name="适用镇街", blank=True, help_text="不选表示全区适用。")
    qualifications = ParentalManyToManyField(
        Qualification, verbose_name="资质要求", blank=True, help_text="须同时具备所选全部资质。"
    )
    min_years = models.PositiveSmallIntegerField("成立年限下限（年）", null=True, blank=True)
    max_years = models.PositiveSmallIntegerField("成立年限上限（年）", null=True, blank=True)
    min_headcount = models.PositiveIntegerField("从业人数下限", null=True, blank=True)
    max_headcount = models.PositiveIntegerField("从业人数上限", null=True, blank=True)
    min_revenue = models.DecimalField("营业收入下限（万元）", max_digits=14, decimal_places=2, null=True, blank=True)
    max_revenue = models.DecimalField("营业收入上限（万元）", max_digits=14, decimal_places=2, null=True, blank=True)
    # Conditions on a person (个人/家庭), for 惠民 measures; empty = no condition.
    min_age = models.PositiveSmallIntegerField("年龄下限（周岁）", null=True, blank=True)
    max_age = models.PositiveSmallIntegerField("年龄上限（周岁）", null=True, blank=True)
    residence = models.CharField("户籍/居住要求", max_length=10, choices=RESIDENCE_RULES, blank=True, default="")
    employment = ChoiceListField("就业状态", list_choices=EMPLOYMENT_STATUSES, help_text="不选表示不限；选多项表示其中之一即可。")
    graduate_within_years = models.PositiveSmallIntegerField(
        "高校毕业年限（年内）", null=True, blank=True, help_text="如 2 表示毕业年度或毕业2年内的高校毕业生。")
    person_groups = ChoiceListField("人群", list_choices=PERSON_GROUPS, help_text="不选表示不限；选多项表示属于其中之一即可。")
    disability_grades = ChoiceListField("残疾等级", list_choices=DISABILITY_GRADES, help_text="仅限残疾人事项；不选表示不限等级。")
    min_children = models.PositiveSmallIntegerField("子女数下限", null=True, blank=True)
    max_income_per_head = models.DecimalField(
        "家庭月人均收入上限（元）", max_digits=10, decimal_places=2, null=True, blank=True)
    other_conditions = models.TextField("其他条件", blank=True, help_text="无法用上面字段表达的条件；计算器会提示“另需核实”。")

    delivery_mode = models.CharField("兑现方式", max_length=20, choices=DELIVERY_MODES, default="application")
    window_opens = models.DateField("申报开始日期", null=True, blank=True)
    window_closes = models.DateField("申报截止日期", null=True, blank=True, help_text="留空表示常年受理。")
    materials = models.TextField("申报材料", blank=True)
    how_to_apply = models.TextField("办理方式", blank=True, help_text="办理地点、线上入口和流程。")
    apply_url = models.URLField("在线申报入口", blank=True, help_text="如渝快办的办理页面地址。")
    contact = models.CharField("咨询电话及联系人", max_length=200, blank=True)

    # A draft (also an autosaved one) saves the policy's measures as rows: only whole ones, so the
    # fields a measure means nothing without stay required when saving a draft.
    panels = [
        FieldPanel("title", required_on_save=True),
        FieldRowPanel([FieldPanel("audience"), FieldPanel("support_type", required_on_save=True), FieldPanel("delivery_mode")]),
        FieldPanel("life_events"),
        FieldPanel("search_aliases"),
        FieldPanel("content", required_on_save=True),
        FieldRowPanel([FieldPanel("amount_text"), FieldPanel("amount_cap")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("min_age"), FieldPanel("max_age")]),
                FieldPanel("residence"),
                FieldPanel("employment"),
                FieldPanel("graduate_within_years"),
                FieldPanel("person_groups"),
                FieldPanel("disability_grades"),
                FieldRowPanel([FieldPanel("min_children"), FieldPanel("max_income_per_head")]),
            ],
            heading="申报条件（个人/家庭）",
        ),
        MultiFieldPanel(
            [
                FieldPanel("scales"),
                FieldPanel("industries"),
                FieldPanel("regions", widget=forms.CheckboxSelectMultiple),
                FieldPanel("qualifications", widget=forms.CheckboxSelectMultiple),
                FieldRowPanel([FieldPanel("min_years"), FieldPanel("max_years")]),
                FieldRowPanel([FieldPanel("min_headcount"), FieldPanel("max_headcount")]),
                FieldRowPanel([FieldPanel("min_revenue"), FieldPanel("max_revenue")]),
                FieldPanel("other_conditions"),
            ],
            heading="申报条件（企业）",
        ),
        FieldRowPanel([FieldPanel("window_opens"), FieldPanel("window_closes")], heading="申报时间"),
        FieldPanel("materials"),
        FieldPanel("how_to_apply"),
        FieldPanel("apply_url"),
        FieldPanel("contact"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "惠企惠民事项"
        verbose_name_plural = "惠企惠民事项"

    def __str__(self):
        return self.title

    @property
    def anchor(self):
        return f"measure-{self.pk}"

    @property
    def permalink(self):
        """Stable public URL; redirects to the anchor on its policy."""
        return f"/huiqi/{self.pk}/"

    def status_key(self, on=None):
        return windows.window_status(today=on or today(), opens=self.window_opens, closes=self.window_closes)

    @property
    def status_label(self):
        return windows.label(self.status_key())

    @property
    def window(self):
        """Badge and deadline today: 申报中 · 截止 2026-12-04, 常年受理, 未开始 · 12-15 起."""
        return windows.describe(today=today(), opens=self.window_opens, closes=self.window_closes)

    def deadline_key(self, on=None):
        """Its place in the 截止日期 order (the same rule as search's sort=deadline)."""
        return deadline_key(today=on or today(), closes=self.window_closes, windowed=True)

    @property
    def amount(self):
        """The amount in words, once: the editor's text, else the cap."""
        if self.amount_text:
            return self.amount_text
        return f"最高 {_num(self.amount_cap)} 万元" if self.amount_cap is not None else ""

    @property
    def phone(self):
        """The telephone number in the contact text, for a tel: link (or None)."""
        return phones.find_phone(self.contact)

    @property
    def support_type_label(self):
        return label(SUPPORT_TYPES, self.support_type)

    @property
    def delivery_mode_label(self):
        return label(DELIVERY_MODES, self.delivery_mode)

    def scale_labels(self):
        return [label(ENTERPRISE_SCALES, s) for s in self.scales]

    def industry_labels(self):
        return [f"{i} {label(INDUSTRIES, i)}" for i in self.industries]

    def condition_lines(self):
        """The conditions in words, for the public page."""
        lines = []
        if self.scales:
            lines.append("企业规模：" + "、".join(self.scale_labels()))
        if self.industries:
            lines.append("行业：" + "、".join(self.industry_labels()))
        regions = list(self.regions.all())
        lines.append("适用区域：" + ("、".join(r.name for r in regions) if regions else "全区"))
        quals = list(self.qualifications.all())
        if quals:
            lines.append("资质要求：" + "、".join(q.name for q in quals))
        for low, high, what, unit in (
            (self.min_years, self.max_years, "成立年限", "年"),
            (self.min_headcount, self.max_headcount, "从业人数", "人"),
            (self.min_revenue, self.max_revenue, "上年度营业收入", "万元"),
        ):
            if low is not None and high is not None:
                lines.append(f"{what}：{_num(low)}–{_num(high)}{unit}")
            elif low is not None:
                lines.append(f"{what}：不少于{_num(low)}{unit}")
            elif high is not None:
                lines.append(f"{what}：不超过{_num(high)}{unit}")
        if self.other_conditions:
            lines.append(self.other_conditions)
        return lines


def _num(value):
    text = f"{value}"
    return text[:-3] if text.endswith(".00") else text


# --------------------------------------------------------------------------
# Interpretations


class PolicyInterpretationPage(Page):
    """政策解读, linked to its policy (三同步: published with it)."""

    policy = models.ForeignKey(
        PolicyPage, verbose_name="解读的政策文件", on_delete=models.PROTECT, related_name="interpretations"
    )
    kind = models.CharField("解读形式", max_length=10, choices=INTERPRETATION_KINDS, default="text")
    interpreter = models.ForeignKey(
        Department, verbose_name="解读机关", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_date = models.DateField("发布日期", default=today)
    summary = models.TextField("摘要", blank=True)
    body = RichTextField("解读正文", features=RICH_FEATURES, blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name="图解图片", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    image_alt = models.TextField("图解文字说明", blank=True, help_text="图解的全部文字内容，供读屏软件和搜索使用。")
    video_url = models.URLField("视频地址", blank=True)
    search_aliases = models.TextField("别名/常用问法", blank=True, help_text="群众怎么称呼这篇解读，每行一个。")

    base_form_class = InterpretationPageForm
    parent_page_types = ["policies.InterpretationIndexPage"]
    subpage_types = []
    search_fields = Page.search_fields + [index.SearchField("summary")]

    # As on policies: the slug under the title it is made from (its errors show on this tab).
    content_panels = Page.content_panels + [
        FieldPanel("slug", help_text=SLUG_HELP),
        FieldPanel("policy"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("interpreter"), FieldPanel("published_date")]),
        FieldPanel("summary"),
        FieldPanel("search_aliases"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt"), FieldPanel("video_url")], heading="图解与视频"),
        InlinePanel("questions", label="问答", heading="问答"),
    ]
    promote_panels = PolicyPage.promote_panels

    class Meta:
        verbose_name = "政策解读"
        verbose_name_plural = "政策解读"

    @property
    def kind_label(self):
        return label(INTERPRETATION_KINDS, self.kind)

    def clean(self):
        super().clean()
        if self.kind == "video" and not self.video_url:
            raise ValidationError({"video_url": "视频解读必须填写视频地址。"})
        if self.kind == "graphic" and not self.image_alt:
            # The text version is what screen readers and search use.
            raise ValidationError({"image_alt": "图解必须填写图解文字说明（图片中的全部文字）。"})


class InterpretationQA(Orderable):
    page = ParentalKey(PolicyInterpretationPage, related_name="questions", on_delete=models.CASCADE)
    question = models.CharField("问题", max_length=300)
    answer = models.TextField("解答")

    panels = [FieldPanel("question"), FieldPanel("answer")]
