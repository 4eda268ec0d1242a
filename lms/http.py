"""Small request helpers shared by the apps' views."""

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def local_next(request: HttpRequest) -> str | None:
    """The ``next`` path a form posted, when it is a path on this site."""
    return local_path(request, request.POST.get("next", ""))


def local_path(request: HttpRequest, target: str) -> str | None:
    """``target`` when it is a path on this site, else None.

    Never another host, and never a bare view name, which ``redirect`` would try to reverse.
    """
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None
