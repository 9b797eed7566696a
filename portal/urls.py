from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from . import views

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("healthz", views.healthz, name="healthz"),
    path("wuzhangai/", views.accessibility_statement, name="accessibility"),
    path("shilaohua/", views.elderly_mode_switch, name="elderly_mode"),
    path("", include("search.urls")),
    path("", include("policies.urls")),
    path("", include("powerlists.urls")),
    path("", include("matcher.urls")),
    path("", include("feedback.urls")),
    path("", include("inforequests.urls")),
    path("", include("govinfo.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail serves every page not matched above; keep it last.
urlpatterns += [path("", include(wagtail_urls))]

handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
