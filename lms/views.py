import logging

from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.views.decorators.http import require_GET

from . import openbadges

logger = logging.getLogger(__name__)


@require_GET
def jwks(request):
    """The public key that verifies every credential the platform issues.

    Without a signing key (the deploy check ``credentials.E001`` reports it) the key set is
    empty and the answer says the service is unavailable, uncached, so that a verifier tries
    again rather than keeping an empty set for an hour.
    """
    try:
        key_set = openbadges.jwks()
    except openbadges.SigningKeyUnavailable as error:
        logger.error("JWKS asked for, but %s", error)
        response = JsonResponse({"keys": []}, status=503)
        add_never_cache_headers(response)
        return response
    response = JsonResponse(key_set)
    patch_cache_control(response, public=True, max_age=3600)
    return response
