from django.conf import settings


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
