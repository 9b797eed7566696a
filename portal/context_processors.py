from django.conf import settings

from .elderly import is_elderly_mode


def site(request):
    return {
        "SITE_NAME": settings.SITE_NAME,
        # 适老化 mode: base.html turns it into a class on <html> and <body>.
        "ELDERLY_MODE": is_elderly_mode(request),
    }
