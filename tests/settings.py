"""The portal's settings plus a content app that exists only in tests
(tests/searchapp), to prove search needs no edit for a new app."""

from portal.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "tests.searchapp"]  # noqa: F405

# The demo district, which the tests read as a visitor would.
SITE_NAME = WAGTAIL_SITE_NAME = "南川区政务公开专区"
