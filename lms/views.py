from django.http import JsonResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from . import openbadges


@require_GET
@cache_control(public=True, max_age=3600)
def jwks(request):
    """The public key that verifies every credential the platform issues."""
    return JsonResponse(openbadges.jwks())
