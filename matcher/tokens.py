"""Signed links for subscriptions (django.core.signing; no token table).

A confirmation link expires after CONFIRM_DAYS; an unsubscribe link never
does (it must work from any old digest)."""

from django.core import signing

CONFIRM_DAYS = 3
CONFIRM_SALT = "matcher.subscription.confirm"
UNSUBSCRIBE_SALT = "matcher.subscription.unsubscribe"


class TokenError(Exception):
    def __init__(self, reason):
        self.reason = reason  # "invalid" | "expired"
        super().__init__(reason)


def _make(subscription, salt):
    return signing.dumps({"id": subscription.pk, "email": subscription.email}, salt=salt, compress=True)


def _read(token, salt, max_age=None):
    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired:
        raise TokenError("expired")
    except signing.BadSignature:
        raise TokenError("invalid")
    if not isinstance(data, dict) or "id" not in data or "email" not in data:
        raise TokenError("invalid")
    return data


def confirm_token(subscription):
    return _make(subscription, CONFIRM_SALT)


def unsubscribe_token(subscription):
    return _make(subscription, UNSUBSCRIBE_SALT)


def read_confirm(token):
    return _read(token, CONFIRM_SALT, max_age=CONFIRM_DAYS * 86400)


def read_unsubscribe(token):
    return _read(token, UNSUBSCRIBE_SALT)
