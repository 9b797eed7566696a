"""Admin: the moderation queue of comments (征集意见) and the 重大行政决策
事项目录, each department seeing only its own."""

import django_filters
from django import forms
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from portal.admin_scope import ScopedSnippetViewSet, limit_admin_objects
from portal.permissions import departments_for_user

from .models import Comment, ConsultationPage, DecisionItem


def _own_comments(user):
    return Comment.objects.filter(consultation__department__in=departments_for_user(user))


def _own_decisions(user):
    return DecisionItem.objects.filter(department__in=departments_for_user(user))


limit_admin_objects(Comment, _own_comments)
limit_admin_objects(DecisionItem, _own_decisions)


def _own_consultations(request):
    return ConsultationPage.objects.filter(department__in=departments_for_user(request.user)).order_by("-closes")


class CommentFilterSet(WagtailFilterSet):
    # The filter offers the department's own consultations only: the list of
    # every one would name other departments' drafts.
    consultation = django_filters.ModelChoiceFilter(label="意见征集", queryset=_own_consultations)

    class Meta:
        model = Comment
        fields = ["status", "consultation"]


class CommentViewSet(ScopedSnippetViewSet):
    """Moderation: the department reads the comment (name and contact are
    for it alone), decides 已公开 / 不予公开, and may add a reply."""

    model = Comment
    icon = "comment"
    menu_label = "征集意见审核"
    add_to_admin_menu = False
    list_display = ["receipt", "consultation_title", "article_label", "text", "status", "created"]
    filterset_class = CommentFilterSet
    search_fields = ["receipt", "text"]
    search_backend_name = None  # plain ORM search: comments are not indexed
    panels = [
        MultiFieldPanel([
            FieldPanel("article_label", read_only=True),
            FieldPanel("text", read_only=True),
            FieldPanel("name", read_only=True),
            FieldPanel("contact", read_only=True),
        ], heading="意见（只读）"),
        FieldPanel("status", widget=forms.RadioSelect),
        FieldPanel("reply"),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("consultation", "consultation__department")


class DecisionItemViewSet(ScopedSnippetViewSet):
    model = DecisionItem
    icon = "list-ul"
    menu_label = "重大行政决策事项"
    list_display = ["title", "year", "department", "planned", "stage"]
    list_filter = ["year", "stage"]
    search_fields = ["title"]
    search_backend_name = None


class ConsultationGroup(SnippetViewSetGroup):
    items = (CommentViewSet, DecisionItemViewSet)
    menu_icon = "comment"
    menu_label = "公众参与"
    menu_order = 305


register_snippet(ConsultationGroup)
