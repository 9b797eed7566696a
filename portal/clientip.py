"""The client's address, for login lockouts (and anything else that must
tell clients apart)."""

import ipaddress

from django.conf import settings


def client_ip(request):
    """REMOTE_ADDR; behind a reverse proxy (BEHIND_PROXY), the first
    X-Forwarded-For address from the right that is not a trusted proxy.

    Each proxy appends the address it received the request from, so only the
    right-most entries are written by proxies; anything further left may be
    forged by the client and is never used while an untrusted hop precedes it."""
    address = request.META.get("REMOTE_ADDR", "")
    if not settings.BEHIND_PROXY:
        return address
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for hop in reversed([item.strip() for item in forwarded.split(",") if item.strip()]):
        try:
            parsed = ipaddress.ip_address(hop)
        except ValueError:
            break  # not written by a proxy: keep the last trusted hop
        address = str(parsed)
        if not any(parsed in network for network in settings.TRUSTED_PROXIES):
            break
    return address
