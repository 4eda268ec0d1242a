"""Who a login attempt is for and where it comes from, as the login throttle (axes) counts it.

The throttle locks the combination of an account and an address (AXES_LOCKOUT_PARAMETERS), as
OWASP advises: wrong passwords from one address lock that address out of that account, and
never lock the owner out from anywhere else.
"""

from allauth.account.adapter import get_adapter
from django.core.exceptions import PermissionDenied


def attempted_login(request, credentials) -> str:
    """The account an attempt names: allauth passes the address as ``email``; the form field
    is ``login``."""
    credentials = credentials or {}
    data = getattr(request, "POST", {}) or {}
    value = credentials.get("username") or credentials.get("email") or data.get("login") or ""
    return str(value).strip().lower()


def client_address(request) -> str | None:
    """The client's address, as allauth's rate limits see it too: REMOTE_ADDR, or behind
    TRUSTED_PROXY_COUNT proxies of our own the address the outermost of them put in
    X-Forwarded-For. Whatever a client writes in that header itself is never believed.

    None for a request without any address, such as the one behind a login made in code: axes
    records such a login with no address, as it would by itself."""
    try:
        return get_adapter(request).get_client_ip(request)
    except PermissionDenied:
        return None
