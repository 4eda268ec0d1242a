"""Absolute addresses of the site's own pages, for e-mails, feeds, credentials and the API.

``SITE_URL`` is the one source of the address the site is served at: nothing builds an
absolute address from the request's host or from Wagtail's Site record (``make run`` and
``seed_demo`` make the latter follow ``SITE_URL``, see ``cms.demo.site_address_apply``).
"""

from urllib.parse import urlsplit

from django.conf import settings


def absolute_url(path: str) -> str:
    """``path`` on the address the site is served at (``SITE_URL``)."""
    return settings.SITE_URL.rstrip("/") + path


def on_site(url: str) -> str:
    """``url`` (absolute, from a library that built it from the request) moved onto
    ``SITE_URL``: its path, query and fragment are kept."""
    bits = urlsplit(url)
    path = bits.path or "/"
    if bits.query:
        path += "?" + bits.query
    if bits.fragment:
        path += "#" + bits.fragment
    return absolute_url(path)


def page_url(page, request=None) -> str | None:
    """The absolute address of a Wagtail page, or None where it is not routable."""
    parts = page.get_url_parts(request=request)
    if parts is None:
        return None
    return absolute_url(parts[2])


def site_host() -> str:
    """The host name of ``SITE_URL`` (no port), as in calendar UIDs."""
    return urlsplit(settings.SITE_URL).hostname or "localhost"
