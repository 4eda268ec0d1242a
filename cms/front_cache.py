"""The front cache: Varnish in front of the web servers (deploy/varnish/lms.vcl).

It answers anonymous visitors without reaching Python at all, and keeps only the answers the
page cache would keep (``cms.page_cache``): those carry the ``X-Cache-Scope`` header, with the
scope they are purged with, and may be kept for ``FRONT_CACHE_SECONDS``. The same purges that
start a new page-cache generation reach every front cache as a ``BAN`` of that scope, once the
change is committed; Wagtail's own frontend-cache module also purges a published page's URL.

With no ``FRONT_CACHE_URLS`` there is no front cache: no answer says a shared cache may keep
it, and nothing is sent.
"""

import logging
import urllib.error
import urllib.request

from django.conf import settings
from django.utils.cache import patch_cache_control

logger = logging.getLogger(__name__)

SCOPE_HEADER = "X-Cache-Scope"
# A purge that cannot be delivered in this time is logged; the copies then live out their time.
BAN_TIMEOUT_SECONDS = 2


def front_cache_enabled() -> bool:
    return bool(settings.FRONT_CACHE_URLS)


def front_cache_allow(response, scope: str) -> None:
    """Tell the front cache it may keep this answer, and with which scope it is purged."""
    response[SCOPE_HEADER] = scope
    patch_cache_control(response, public=True, max_age=0, s_maxage=settings.FRONT_CACHE_SECONDS)


def front_cache_ban(scopes: tuple[str, ...]) -> None:
    """Drop the kept pages of these scopes, or every page when none is given, from every front
    cache. A front cache that cannot be reached is logged and skipped: the change is already
    committed, and its copies expire by themselves."""
    for location in settings.FRONT_CACHE_URLS:
        for scope in scopes or (None,):
            request = urllib.request.Request(location, method="BAN")
            if scope is not None:
                request.add_header(SCOPE_HEADER, scope)
            try:
                with urllib.request.urlopen(request, timeout=BAN_TIMEOUT_SECONDS):
                    pass
            except (urllib.error.URLError, OSError):
                logger.warning("front cache %s refused or missed a ban", location, exc_info=True)
