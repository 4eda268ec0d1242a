"""A whole-page cache for anonymous visitors of the public site.

Most visits to the catalogue and the course pages come from people who are not logged in, and
for them a page is the same for everyone who reads it in the same language. Such a page is kept
in the default cache (Redis in production, so every web worker shares it) and served from there
without touching the database.

Why not Django's cache middleware: it keys on the ``Vary`` headers (``Cookie`` among them, so
every visitor with any cookie gets their own copy), it cannot be purged, and it decides after
the session is read. Here a request counts as anonymous when it carries neither a session
cookie nor a messages cookie, which is known before any middleware touches the database, and a
purge is one write: every entry records the generation it was made in, and ``page_cache_purge``
starts a new generation.

What is stored is decided by the response, not guessed from the URL: only a 200 for a page that
opted in (every Wagtail page does, through ``cms.wagtail_hooks``), that set no cookie and whose
rendering used no CSRF token (a token belongs to one visitor).
"""

import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils.translation import get_language

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
ALLOWED_ATTRIBUTE = "page_cache_allowed"
# Headers the server or an outer middleware adds again on every response.
_NOT_STORED = {"set-cookie", "content-length", "date"}


def page_cache_allow(request) -> None:
    """Let the anonymous answer to this request be stored (the view vouches that it depends on
    nothing but the URL and the language)."""
    setattr(request, ALLOWED_ATTRIBUTE, True)


def page_cache_purge() -> None:
    """Drop every stored page, now and again once the current transaction commits.

    Called when something an anonymous page shows changes: a page is published or moved, an
    edition's dates or seats change, a menu is edited. The purge at commit is the one that
    matters: a reader who stored the old state while the change was still uncommitted loses it
    then. The purge now serves whoever reads inside the same transaction.
    """
    _start_new_generation()
    transaction.on_commit(_start_new_generation)


def page_cache_purge_on_change(*models) -> None:
    """Purge whenever a row of one of these models is saved or deleted."""
    for model in models:
        post_save.connect(purge_on_signal, sender=model, dispatch_uid=f"pagecache-save-{model}")
        post_delete.connect(purge_on_signal, sender=model, dispatch_uid=f"pagecache-del-{model}")


def purge_on_signal(sender, **kwargs) -> None:
    """Receiver for row changes and for Wagtail's publish, unpublish and move signals."""
    page_cache_purge()


def _start_new_generation() -> None:
    try:
        cache.set(GENERATION_KEY, str(time.time_ns()), timeout=None)
    except Exception:  # a cache that is down holds nothing to purge
        logger.warning("page cache purge failed", exc_info=True)


def _is_anonymous_read(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def _key(request) -> str:
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"pagecache:page:{get_language()}:{request.get_host()}:{path}"


class AnonymousPageCacheMiddleware:
    """Serve stored pages to anonymous readers; store what may be stored. Sits right after
    ``LocaleMiddleware`` (the language is part of the key) and before everything that reads the
    session or the database."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.timeout = settings.PAGE_CACHE_SECONDS

    def __call__(self, request):
        if not self.timeout or not _is_anonymous_read(request):
            return self.get_response(request)
        key = _key(request)
        try:
            found = cache.get_many([GENERATION_KEY, key])
        except Exception:  # the cache being down must not take the site with it
            logger.warning("page cache unavailable", exc_info=True)
            return self.get_response(request)
        generation = found.get(GENERATION_KEY)
        entry = found.get(key)
        if entry and generation and entry["generation"] == generation:
            return self._rebuild(entry)

        response = self.get_response(request)
        if request.method == "GET" and self._may_store(request, response):
            self._store(key, generation, response)
            response["X-Page-Cache"] = "miss"
        return response

    def _store(self, key: str, generation: str | None, response) -> None:
        try:
            if generation is None:
                cache.add(GENERATION_KEY, str(time.time_ns()), timeout=None)
                generation = cache.get(GENERATION_KEY)
            entry = {
                "generation": generation,
                "status": response.status_code,
                "content": response.content,
                "headers": [
                    (name, value)
                    for name, value in response.items()
                    if name.lower() not in _NOT_STORED
                ],
            }
            cache.set(key, entry, timeout=self.timeout)
        except Exception:
            logger.warning("page cache store failed", exc_info=True)

    @staticmethod
    def _may_store(request, response) -> bool:
        user = getattr(request, "user", None)
        return (
            getattr(request, ALLOWED_ATTRIBUTE, False)
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and not (user is not None and user.is_authenticated)
            and "private" not in response.get("Cache-Control", "")
            and "no-store" not in response.get("Cache-Control", "")
        )

    @staticmethod
    def _rebuild(entry) -> HttpResponse:
        response = HttpResponse(entry["content"], status=entry["status"])
        for name, value in entry["headers"]:
            response[name] = value
        response["X-Page-Cache"] = "hit"
        return response
