"""The 好差评 panel of the department dashboard (portal/dashboard.py): the
votes of the last 12 months with the satisfaction rate, and the latest
comments to read."""

from django.urls import reverse
from django.utils.text import Truncator

from portal.dashboard import DepartmentPanel, Row, Section

from . import satisfaction

LATEST = 5


def received(departments, on):
    rate = satisfaction.for_departments(departments, on)
    note = (f"近12个月收到 {rate.total} 条评价，满意率 {rate.rate:g}%（{rate.helpful} 条认为有帮助）。" if rate.total
            else "近12个月没有收到评价。")
    latest = (satisfaction.in_window(departments, on).exclude(comment="").distinct()
              .prefetch_related("departments").order_by("-created", "-pk")[:LATEST])
    names = {d.pk for d in departments}
    rows = [Row(f"{f.title}：{f.vote_label}", reverse("wagtailsnippets_feedback_feedback:inspect", args=[f.pk]),
                f"{f.created:%Y-%m-%d} · {Truncator(f.comment).chars(60)}",
                "、".join(d.name for d in f.departments.all() if d.pk in names)) for f in latest]
    return Section("近12个月的评价", rows, note=note, empty="没有附意见的评价。",
                   more_url=reverse("wagtailsnippets_feedback_feedback:list"))


class FeedbackPanel(DepartmentPanel):
    name = "department_feedback"
    heading = "好差评"
    order = 44

    def sections(self, departments, on):
        return [received(departments, on)]
