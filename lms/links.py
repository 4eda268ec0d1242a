"""Absolute addresses of the site's own pages, for e-mails, feeds and credentials."""

from django.conf import settings


def absolute_url(path: str) -> str:
    """``path`` on the address the site is served at (``SITE_URL``)."""
    return settings.SITE_URL.rstrip("/") + path
