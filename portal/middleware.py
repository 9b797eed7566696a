from django.conf import settings
from django.utils.cache import patch_vary_headers


class ContentSecurityPolicyMiddleware:
    """Adds a Content-Security-Policy header: strict on the public site,
    relaxed only as far as the Wagtail admin needs."""

    admin_prefixes = ("/admin/", "/django-admin/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            admin = request.path.startswith(self.admin_prefixes)
            response["Content-Security-Policy"] = settings.CSP_ADMIN if admin else settings.CSP_PUBLIC
        return response


class VaryOnCookieMiddleware:
    """Public pages render differently in 适老化 mode, which is a cookie: a
    shared cache (CDN, proxy) must keep the two versions apart."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.get("Content-Type", "").startswith("text/html"):
            patch_vary_headers(response, ("Cookie",))
        return response
