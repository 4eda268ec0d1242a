"""GET /health/: the state of the database, the cache and the broker, for load balancers."""

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def _database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any failure means "down"; the message says which
        return f"error: {exc.__class__.__name__}"
    return "ok"


def _cache() -> str:
    try:
        cache.set("health-probe", "1", 5)
        return "ok" if cache.get("health-probe") == "1" else "error: no round trip"
    except Exception as exc:
        return f"error: {exc.__class__.__name__}"


def _broker() -> str:
    if not settings.REDIS_URL:
        return "eager"
    from lms.celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as exc:
        return f"error: {exc.__class__.__name__}"
    return "ok"


@never_cache
@require_GET
def health(request):
    state = {"database": _database(), "cache": _cache(), "broker": _broker()}
    healthy = state["database"] == "ok"
    state["status"] = (
        "ok"
        if healthy and all(v in ("ok", "eager") for v in state.values())
        else ("degraded" if healthy else "down")
    )
    return JsonResponse(state, status=200 if healthy else 503)
