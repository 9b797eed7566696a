"""A URLconf for tests/test_design.py: the portal's, plus a view that fails."""

from django.urls import path

from portal.urls import handler404, handler500, urlpatterns as portal_urlpatterns  # noqa: F401


def broken(request):
    raise RuntimeError("deliberate failure for the 500 page test")


urlpatterns = [path("test-broken/", broken)] + portal_urlpatterns
