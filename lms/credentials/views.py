import logging

from django.http import Http404, HttpResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.views.decorators.http import require_GET

from lms import openbadges

from .models import StatusList
from .selectors import status_list_credential

logger = logging.getLogger(__name__)
# How long a verifier may keep a list before asking again.
MAX_AGE_SECONDS = 300


@require_GET
def status_list(request, pk: int):
    """Public: a status list credential, signed as a VC-JWT like the credentials it serves."""
    found = StatusList.objects.filter(pk=pk).first()
    if found is None:
        raise Http404
    try:
        token = openbadges.credential_sign(status_list_credential(found))
    except openbadges.SigningKeyUnavailable as error:
        logger.error("Status list %s asked for, but %s", pk, error)
        response = HttpResponse("", status=503)
        add_never_cache_headers(response)
        return response
    response = HttpResponse(token, content_type="application/jwt")
    patch_cache_control(response, public=True, max_age=MAX_AGE_SECONDS)
    return response
