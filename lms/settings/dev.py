"""`make run`: SQLite, console e-mail, eager tasks unless REDIS_URL is set."""

from .base import *  # noqa: F403
from .base import BASE_DIR, env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env.str("SECRET_KEY", default="dev-only-not-secret-7f3a1c9e2b")
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
(BASE_DIR / "var" / "static").mkdir(parents=True, exist_ok=True)  # noqa: F405
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
OPENBADGES_DEV_KEY_FILE = BASE_DIR / "var" / "openbadges-dev-key.pem"
