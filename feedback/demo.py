"""Demo votes so department pages show a satisfaction rate. Idempotent:
runs only while there is no feedback at all (real votes are never touched)."""

import datetime as dt

from portal.daterules import today as district_today

from .models import Feedback
from .targets import TARGETS

COMMENTS = [
    "申报条件写得很清楚，一看就知道自己符不符合。",
    "希望补充申报材料的样表下载。",
    "",
    "办理流程讲得明白，电话也打得通。",
    "有效期写得不够醒目，找了半天。",
    "",
]


def load(log):
    if Feedback.objects.exists():
        log("信息评价：已有评价，跳过")
        return
    today = district_today()
    created = 0
    for kind in ("policy", "interpretation", "power_item"):
        target = TARGETS[kind]
        try:
            objects = list(target.model._default_manager.order_by("pk")[:12])
        except LookupError:  # content app not installed
            continue
        for n, obj in enumerate(objects):
            if not target.is_public(obj):
                continue
            for vote in range(1 + n % 3):
                helpful = (n + vote) % 4 != 0  # about three in four find it helpful
                fb = Feedback.objects.create(
                    kind=kind, object_id=obj.pk, title=str(getattr(obj, "title", None) or obj)[:300],
                    url=obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else obj.url,
                    helpful=helpful, comment=COMMENTS[(n + vote) % len(COMMENTS)] if not helpful or vote == 0 else "",
                    created=today - dt.timedelta(days=(n * 23 + vote * 7) % 330),
                )
                fb.departments.set([d for d in target.departments(obj) if d is not None])
                created += 1
    log(f"信息评价：{created} 条演示评价")
