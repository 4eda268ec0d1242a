"""The content origin: where a package's files are served, apart from the site.

A package is third-party HTML and JavaScript. It is served from ``ELEARNING_CONTENT_URL``, an
origin of its own that is another *site* than ``SITE_URL`` (locally the other loopback name).
The site's cookies are host-only and SameSite=Lax, so a package's scripts can neither read them
nor have the browser send them. The content origin serves nothing but the launcher, the
package files behind a signed address, and the static files the launcher needs.
"""

from urllib.parse import urlsplit

from csp.utils import build_policy
from django.conf import settings
from django.core import signing

TOKEN_SALT = "elearning.content"
# A learner keeps a lesson open for a working day at most; a new page view signs a new address.
TOKEN_MAX_AGE = 12 * 3600
CONTENT_PATHS = ("/e-learning/speler/", "/e-learning/inhoud/")


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def content_origin() -> str:
    return origin_of(settings.ELEARNING_CONTENT_URL)


def site_origin() -> str:
    return origin_of(settings.SITE_URL)


def content_host() -> str:
    return urlsplit(settings.ELEARNING_CONTENT_URL).netloc


def site_host() -> str:
    return urlsplit(settings.SITE_URL).netloc


def token_for(*, package_id: int, user_id: int) -> str:
    return signing.dumps({"p": package_id, "u": user_id}, salt=TOKEN_SALT, compress=True)


def token_read(token: str) -> tuple[int, int] | None:
    """(package id, user id) of a valid, unexpired token; None otherwise."""
    try:
        value = signing.loads(token, salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        return None
    try:
        return int(value["p"]), int(value["u"])
    except (KeyError, TypeError, ValueError):
        return None


def launcher_url(token: str) -> str:
    return f"{content_origin()}/e-learning/speler/{token}/"


def file_url(token: str, path: str = "") -> str:
    return f"{content_origin()}/e-learning/inhoud/{token}/{path}"


def content_policy() -> str:
    """The content security policy of everything served on the content origin.

    Packages made with authoring tools use inline scripts and eval, so the origin allows them:
    what protects the learner is where the origin is, and what it may reach. It may connect,
    post forms and frame only to itself; it may be framed only by the site; and the sandbox
    keeps it from navigating the lesson page or opening windows (it may ask "resume where you
    left off?" in a dialog, as SCORM packages do: ``allow-modals``). ``allow-same-origin`` is
    there because a SCO finds the SCORM API in the launcher through ``window.parent``, which
    needs both in one origin; that origin is not the site's, so it gives nothing of the site.
    """
    own = ["'self'"]
    return build_policy(
        config={
            "default-src": own,
            "script-src": [*own, "'unsafe-inline'", "'unsafe-eval'"],
            "style-src": [*own, "'unsafe-inline'"],
            "img-src": [*own, "data:", "blob:"],
            "media-src": [*own, "data:", "blob:"],
            "font-src": [*own, "data:"],
            "connect-src": own,
            "frame-src": own,
            "form-action": own,
            "base-uri": own,
            "object-src": ["'none'"],
            "frame-ancestors": [*own, site_origin()],
            "sandbox": ["allow-scripts", "allow-same-origin", "allow-forms", "allow-modals"],
        }
    )


def guard(response):
    """Give a response of the content origin its policy: no other origin frames it but the
    site, and the browser sniffs no type of its own."""
    response["Content-Security-Policy"] = content_policy()
    response["X-Content-Type-Options"] = "nosniff"
    response["Referrer-Policy"] = "no-referrer"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response
