"""适老化 mode (larger text, high contrast): a preference kept in a cookie.

The switch is a plain link to /shilaohua/?on=1&next=<path>, so it works
without JavaScript; the page it returns to renders with the `shilaohua` class
(see context_processors.site)."""

from django.utils.http import url_has_allowed_host_and_scheme

COOKIE_NAME = "shilaohua"
COOKIE_MAX_AGE = 365 * 24 * 3600


def is_elderly_mode(request):
    return request is not None and request.COOKIES.get(COOKIE_NAME) == "1"


def safe_next(request, candidate):
    """`candidate` if it is a path on this site, else the home page: the
    switch must never become an open redirect."""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return "/"
