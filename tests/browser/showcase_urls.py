"""Test-only URLconf: /showcase/ renders every reusable component of
portal.css with hostile content (very long titles, unbroken strings, a
missing image, empty sections), so axe and the layout checks cover the
classes that page templates of other apps will use."""

from pathlib import Path

from django.shortcuts import render
from django.template import engines
from django.urls import path

from portal.urls import urlpatterns as portal_urlpatterns

TEMPLATE = Path(__file__).with_name("templates") / "showcase.html"
LONG_TITLE = "关于印发南川区支持中小微企业和个体工商户纾困发展、稳定就业和扩大有效投资若干政策措施实施细则的通知" * 2
UNBROKEN = "https://gk.nanchuan.example.gov.cn/" + "zhengce/fujian/2024/" * 12 + "附件1.pdf"


def showcase(request):
    template = engines["django"].from_string(TEMPLATE.read_text(encoding="utf-8"))
    from django.http import HttpResponse

    return HttpResponse(template.render({"long_title": LONG_TITLE, "unbroken": UNBROKEN, "empty": []}, request))


urlpatterns = [path("showcase/", showcase)] + portal_urlpatterns
