"""pytest: SQLite by default, PostgreSQL and Redis when DATABASE_URL and REDIS_URL say so."""

from .base import *  # noqa: F403
from .base import BASE_DIR, env

SECRET_KEY = env.str("SECRET_KEY", default="test-only-not-secret-5d2e8b")
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
(BASE_DIR / "var" / "static").mkdir(parents=True, exist_ok=True)  # noqa: F405
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
MEDIA_ROOT = BASE_DIR / "var" / "test-media"  # noqa: F405
PRIVATE_MEDIA_ROOT = BASE_DIR / "var" / "test-private"  # noqa: F405
STORAGES["private"]["OPTIONS"]["location"] = str(PRIVATE_MEDIA_ROOT)  # noqa: F405
WAGTAILSEARCH_BACKENDS["default"]["AUTO_UPDATE"] = True  # noqa: F405

# Tests run tasks in-process unless a test starts a real worker (tests/conftest.py does that for
# the tests about tasks, against the Redis in REDIS_URL).
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=True)
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
OPENBADGES_DEV_KEY_FILE = BASE_DIR / "var" / "openbadges-test-key.pem"  # noqa: F405
