from django.http import HttpResponseNotFound

from .content import CONTENT_PATHS, content_host, site_host


class ContentOriginMiddleware:
    """Keep the content origin and the site apart: on the content host only the launcher, the
    package files and static files are served, and the site never serves package files, so
    that a package's scripts never run on the site's origin (``elearning.content``).

    Where ``ELEARNING_CONTENT_URL`` names the site's own host (a configuration the deploy check
    refuses, ``elearning.E001``), the site stays whole and packages are simply not served."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        host = content_host()
        path = request.path_info
        for_content = path.startswith(CONTENT_PATHS)
        if host == site_host():
            return HttpResponseNotFound() if for_content else self.get_response(request)
        on_content_host = request.get_host() == host
        if on_content_host and not (for_content or path.startswith("/static/")):
            return HttpResponseNotFound()
        if for_content and not on_content_host:
            return HttpResponseNotFound()
        return self.get_response(request)
