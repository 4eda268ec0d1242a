"""The Redis cache, for which an outage means an empty cache, not a broken page.

Django's own Redis backend raises when Redis cannot be reached, and Wagtail reads its site
root paths from the cache on every page, so a stopped Redis would answer every page with an
error. Nothing the platform keeps in the cache is the only copy of anything, so here a read
finds nothing and a write is dropped, with a warning in the log, until Redis is back.
"""

import functools
import logging

from django.core.cache.backends import redis as django_redis
from redis.exceptions import ConnectionError, TimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (ConnectionError, TimeoutError)


def _or_when_unreachable(fallback):
    """Call the client method; if Redis is unreachable, answer ``fallback(*args)`` instead."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except UNREACHABLE as error:
                logger.warning("cache unreachable, read as empty: %s", error)
                return fallback(*args, **kwargs)

        return wrapper

    return decorate


def _false(*args, **kwargs):
    return False


def _none(*args, **kwargs):
    return None


def _no_entries(*args, **kwargs):
    return {}


def _the_default(key, default=None):
    return default


def _missing_key(key, delta=1):
    raise ValueError(f"Key '{key}' not found.")


_Base = django_redis.RedisCacheClient


class _Client(_Base):
    add = _or_when_unreachable(_false)(_Base.add)
    get = _or_when_unreachable(_the_default)(_Base.get)
    set = _or_when_unreachable(_none)(_Base.set)
    touch = _or_when_unreachable(_false)(_Base.touch)
    delete = _or_when_unreachable(_false)(_Base.delete)
    get_many = _or_when_unreachable(_no_entries)(_Base.get_many)
    has_key = _or_when_unreachable(_false)(_Base.has_key)
    incr = _or_when_unreachable(_missing_key)(_Base.incr)
    set_many = _or_when_unreachable(_none)(_Base.set_many)
    delete_many = _or_when_unreachable(_none)(_Base.delete_many)
    clear = _or_when_unreachable(_false)(_Base.clear)


class TolerantRedisCache(django_redis.RedisCache):
    """``django.core.cache.backends.redis.RedisCache`` that reads an outage as a miss."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _Client
