from django.conf import settings
from django.db import connection
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from . import elderly


@never_cache
def healthz(request):
    """Liveness for load balancers: the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok", "database": connection.vendor})


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # A standalone template with no tags that touch the database: the
    # database may be what failed.
    return render(request, "500.html", status=500)


def accessibility_statement(request):
    return render(request, "portal/accessibility.html")


@never_cache
@require_http_methods(["GET", "POST"])
def elderly_mode_switch(request):
    """Turn 适老化 mode on (on=1) or off (on=0) and go back to `next`.

    A GET is accepted so that the switch can be a plain link that works
    without JavaScript; the cookie only changes how pages look."""
    data = request.POST if request.method == "POST" else request.GET
    on = data.get("on", "1") == "1"
    response = HttpResponseRedirect(elderly.safe_next(request, data.get("next")))
    if on:
        response.set_cookie(
            elderly.COOKIE_NAME,
            "1",
            max_age=elderly.COOKIE_MAX_AGE,
            samesite="Lax",
            # Not sensitive; Secure only where the request itself is HTTPS.
            secure=request.is_secure(),
            httponly=True,
        )
    else:
        response.delete_cookie(elderly.COOKIE_NAME, samesite="Lax")
    return response


def login_locked_out(request, original_response=None, credentials=None):
    """django-axes' answer to a refused login (AXES_LOCKOUT_CALLABLE)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    response = render(request, "portal/login_locked_out.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(minutes * 60)
    return response
