"""Login lockout for the admin login forms (django-axes)."""

from axes.backends import AxesStandaloneBackend


class LoginLockoutBackend(AxesStandaloneBackend):
    """django-axes' check, first in AUTHENTICATION_BACKENDS: a locked-out
    user name or client is refused before any password is compared.

    Every login form passes the request. A call without one (the test
    client's login(), the shell) has no client to count, so it goes on to
    the next backend instead of raising as django-axes does."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
