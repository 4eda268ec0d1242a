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
starts a new generation. The same answers may be kept by the front cache in front of the
servers, and the same purges reach it (``cms.front_cache``).

Each entry also belongs to one scope with a generation of its own: a course page to its course,
every other page to ``pages``. A change to one course's editions or enrolments purges that
course's page and the pages that list courses, and leaves the other courses' pages stored;
publishing, moving or a menu change purges everything.

What is stored is decided by the response, not guessed from the URL: only a 200 for a page that
opted in (every Wagtail page does, through ``cms.wagtail_hooks``), that set no cookie and whose
rendering used no CSRF token (a token belongs to one visitor).
"""

import hashlib
import logging
import time
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils.translation import get_language

from .front_cache import front_cache_allow, front_cache_ban, front_cache_enabled

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
SCOPE_KEY = "pagecache:scope:{}"
# The scope of every page that does not name its own: home, catalogue, providers, content.
PAGES_SCOPE = "pages"
ALLOWED_ATTRIBUTE = "page_cache_scope"
# Headers the server or an outer middleware adds again on every response.
_NOT_STORED = {"set-cookie", "content-length", "date"}


def page_cache_allow(request, scope: str = PAGES_SCOPE) -> None:
    """Let the anonymous answer to this request be stored, in ``scope`` (the view vouches that
    it depends on nothing but the URL and the language)."""
    setattr(request, ALLOWED_ATTRIBUTE, scope)


def page_cache_purge(*scopes: str) -> None:
    """Drop stored pages, now and again once the current transaction commits: those of the
    given scopes, or every page when no scope is given.

    Called when something an anonymous page shows changes: a page is published or moved, an
    edition's dates or seats change, a menu is edited. The purge at commit is the one that
    matters: a reader who stored the old state while the change was still uncommitted loses it
    then. The purge now serves whoever reads inside the same transaction.
    """
    keys = [SCOPE_KEY.format(scope) for scope in scopes] or [GENERATION_KEY]
    _start_new_generations(keys)
    transaction.on_commit(lambda: _start_new_generations(keys))
    if front_cache_enabled():
        transaction.on_commit(lambda: front_cache_ban(scopes))


def page_cache_purge_on_change(*models, scopes: Callable[[Model], Iterable[str]] | None = None):
    """Purge whenever a row of one of these models is saved or deleted: the scopes that
    ``scopes`` names for the row, or every page."""

    def receiver(sender, instance, **kwargs) -> None:
        page_cache_purge(*(scopes(instance) if scopes else ()))

    for model in models:
        label = model._meta.label_lower
        post_save.connect(receiver, sender=model, weak=False, dispatch_uid=f"pagecache-s-{label}")
        post_delete.connect(receiver, sender=model, weak=False, dispatch_uid=f"pagecache-d-{label}")


def purge_on_signal(sender, **kwargs) -> None:
    """Receiver for Wagtail's publish, unpublish and move signals: every page."""
    page_cache_purge()


def _start_new_generations(keys: list[str]) -> None:
    try:
        cache.set_many(dict.fromkeys(keys, str(time.time_ns())), timeout=None)
    except Exception:  # a cache that is down holds nothing to purge
        logger.warning("page cache purge failed", exc_info=True)


def _generations(scope_key: str) -> tuple[str, str]:
    """The current global and scope generations, started where there is none yet."""
    found = cache.get_many([GENERATION_KEY, scope_key])
    missing = [k for k in (GENERATION_KEY, scope_key) if k not in found]
    if missing:
        for k in missing:
            cache.add(k, str(time.time_ns()), timeout=None)
        found = cache.get_many([GENERATION_KEY, scope_key])
    return found[GENERATION_KEY], found[scope_key]


def page_cache_generation(scope: str = PAGES_SCOPE, *, of_every_page: bool = True) -> str | None:
    """The current generation of every page and that of ``scope``, as one string (only the
    scope's with ``of_every_page=False``), or None when the cache cannot say (it is down: then
    nothing should be kept by it either).

    Part of the key of anything kept apart from whole pages (a fragment of a page, the site
    shell) that must go stale together with the pages of ``scope``: a purge starts a new
    generation, so the old key is never asked for again and its entry expires on its own.
    """
    try:
        every, own = _generations(SCOPE_KEY.format(scope))
    except Exception:  # a cache that is down answers nothing, or with nothing
        logger.warning("page cache generations unavailable", exc_info=True)
        return None
    return f"{every}:{own}" if of_every_page else own


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
        front = front_cache_enabled()
        if not (self.timeout or front) or not _is_anonymous_read(request):
            return self.get_response(request)
        if self.timeout:
            key = _key(request)
            try:
                found = cache.get_many([GENERATION_KEY, key])
            except Exception:  # the cache being down must not take the site with it
                logger.warning("page cache unavailable", exc_info=True)
                return self.get_response(request)
            entry = found.get(key)
            if (
                entry
                and entry["generation"] == found.get(GENERATION_KEY)
                and self._scope_current(entry)
            ):
                return self._rebuild(entry)

        response = self.get_response(request)
        if request.method == "GET" and self._may_store(request, response):
            scope = getattr(request, ALLOWED_ATTRIBUTE)
            # Before storing, so that a copy served from here tells the front cache the same.
            if front:
                front_cache_allow(response, scope)
            if self.timeout:
                self._store(key, scope, response)
                response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def _scope_current(entry) -> bool:
        try:
            scope_key = SCOPE_KEY.format(entry.get("scope"))
            return cache.get(scope_key) == entry.get("scope_generation", "")
        except Exception:
            logger.warning("page cache unavailable", exc_info=True)
            return False

    def _store(self, key: str, scope: str, response) -> None:
        try:
            generation, scope_generation = _generations(SCOPE_KEY.format(scope))
            entry = {
                "generation": generation,
                "scope": scope,
                "scope_generation": scope_generation,
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
            bool(getattr(request, ALLOWED_ATTRIBUTE, None))
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
