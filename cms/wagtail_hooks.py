from wagtail import hooks

from .page_cache import PAGES_SCOPE, page_cache_allow


@hooks.register("before_serve_page")
def allow_page_cache(page, request, serve_args, serve_kwargs):
    """A page's anonymous answer depends only on its URL and language, so it may be stored;
    the cache still refuses answers that set a cookie or carry a CSRF token. A page type may
    name the scope its copies are purged with (``page_cache_scope``)."""
    page_cache_allow(request, getattr(page, "page_cache_scope", PAGES_SCOPE))
