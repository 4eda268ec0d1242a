from wagtail import hooks

from .page_cache import page_cache_allow


@hooks.register("before_serve_page")
def allow_page_cache(page, request, serve_args, serve_kwargs):
    """A page's anonymous answer depends only on its URL and language, so it may be stored;
    the cache still refuses answers that set a cookie or carry a CSRF token."""
    page_cache_allow(request)
