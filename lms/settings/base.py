"""Settings shared by every environment.

Everything that differs between machines comes from the environment through the one
``env`` object below; the dev, test and production modules only choose defaults.
"""

from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
WAGTAILADMIN_BASE_URL = SITE_URL

INSTALLED_APPS = [
    "cms",
    "lms.accounts",
    "lms.credentials",
    "courses",
    "elearning",
    "publications",
    "conference",
    "mentoring",
    "register",
    "lms.dashboard",
    "lms.privacy",
    "wagtail.api.v2",
    "wagtail.contrib.forms",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
    "django_ratelimit",
    "csp",
    # The Django admin, with a site whose login page sends people to the site's login.
    "lms.accounts.apps.PlatformAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sites",
]
SITE_ID = 1

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # The e-learning content origin serves package files and nothing of the site.
    "elearning.middleware.ContentOriginMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # After the language is known, before anything reads the session or the database.
    "cms.page_cache.AnonymousPageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A session not signed in through every step of the site's login signs nobody in.
    "lms.accounts.middleware.LoginStepsMiddleware",
    "lms.accounts.middleware.RequireMfaMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A person's successful POST drops their kept to-do count.
    "lms.dashboard.middleware.InboxCountMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, so that a lockout answers before any view runs.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lms.urls"
WSGI_APPLICATION = "lms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                # The header's to-do count, counted only where a page shows it.
                "lms.dashboard.context_processors.inbox",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# SQLite is the zero set-up default; WAL lets readers work beside one writer and IMMEDIATE
# transactions take the write lock at BEGIN, so two enrolments cannot both read "one seat left".
SQLITE_PATH = BASE_DIR / "db.sqlite3"
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{SQLITE_PATH}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and background work ----------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's Redis cache, except that Redis being down reads as an empty cache, so
            # pages keep answering (lms/cache.py).
            "BACKEND": "lms.cache.TolerantRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "lms",
            "TIMEOUT": 300,
            # A Redis that hangs instead of refusing must not hang the pages with it.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Anonymous pages are kept whole this long at most; a publish or an edition change purges
# them at once (cms/page_cache.py). 0 switches the page cache off.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)

# The front cache (Varnish with deploy/varnish/lms.vcl, cms/front_cache.py): the addresses the
# purges are sent to, one per Varnish. Empty (make run, the tests): no front cache, and no
# answer says that a shared cache may keep it. Its copies live at most FRONT_CACHE_SECONDS.
FRONT_CACHE_URLS = env.list("FRONT_CACHE_URLS", default=[])
FRONT_CACHE_SECONDS = env.int("FRONT_CACHE_SECONDS", default=600)
# Wagtail's frontend cache module purges a page's own URL from each of them when it is
# published or unpublished.
WAGTAILFRONTENDCACHE = {
    f"varnish-{number}": {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": location,
    }
    for number, location in enumerate(FRONT_CACHE_URLS, start=1)
}

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
# Without a broker every task runs in the calling process, so a first look needs no Redis.
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_TIMEZONE = "Europe/Amsterdam"

# --- Authentication -----------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard:home"
LOGOUT_REDIRECT_URL = "/"
# One way in, with the same steps for everyone: allauth's login (lms/accounts/entrances.py).
# Wagtail's login pages send people there, and its own password reset (no rate limit, no
# outbox), password change and address change (no verification) are off: allauth's pages
# under /accounts/ do each of them.
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False

ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_ADAPTER = "lms.accounts.adapter.AccountAdapter"
ACCOUNT_SIGNUP_FORM_CLASS = "lms.accounts.forms.SignupForm"
ACCOUNT_FORMS = {"signup": "lms.accounts.signup.AllOrNothingSignupForm"}
# allauth's e-mails go through the outbox, which gives every e-mail the platform sends the
# one prefix, EMAIL_SUBJECT_PREFIX; allauth adds none of its own.
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
# No page tells whether an address has an account: the password reset answers the same for
# known and unknown addresses, and a sign-up with a taken address gets the same "check your
# e-mail" page as a new one (mandatory verification makes the two indistinguishable) while the
# owner of the address is told by e-mail. Nothing is sent to an address without an account,
# and the outbox keeps no trace of it. The login form answers the same for known and unknown
# accounts, and throttling (axes) limits guessing.
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Opbouwwerk leerplatform"
# Board members, the register office and staff must use a second factor where this is on.
LMS_MFA_REQUIRED = env.bool("LMS_MFA_REQUIRED", default=False)

# The proxies of our own in front of the site (HAProxy, Varnish), each adding the address it
# saw to X-Forwarded-For. 0: the client is REMOTE_ADDR and the header, which anyone can write,
# is ignored. N: the client is the N-th address from the right in the header. The login
# throttle (axes) and allauth's rate limits both read the client's address this way.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT

# Login throttling: five wrong passwords get the usual answer; the sixth wrong one in a row for
# one account from one address is answered with a lockout, and so is everything after it.
AXES_FAILURE_LIMIT = 6
AXES_COOLOFF_TIME = 1  # hours
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "lms.accounts.throttling.attempted_login"
AXES_CLIENT_IP_CALLABLE = "lms.accounts.throttling.client_address"
AXES_LOCKOUT_TEMPLATE = "account/lockout.html"
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
# One throttle, not two: allauth's own failed-login limit would answer differently.
ACCOUNT_RATE_LIMITS = {"login_failed": False}

# --- E-mail -----------------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
# Sent e-mails keep their subject and text this many days; then only the key (which keeps a
# reminder from going out twice), the address and the dates remain.
OUTBOX_KEEP_DAYS = env.int("OUTBOX_KEEP_DAYS", default=90)
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Opbouwwerk <noreply@opbouwwerk.example>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Before the subject of every e-mail: the outbox's and Django's error mails to ADMINS alike.
EMAIL_SUBJECT_PREFIX = "[Opbouwwerk] "

# --- Language and formats -------------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["lms.formats"]

# --- Static and media -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
# Evidence files and dossiers never sit under MEDIA_URL: views check who may read them.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "var" / "private")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT), "base_url": None},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

# --- Wagtail ----------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Opbouwwerk leerplatform"
WAGTAIL_I18N_ENABLED = False
WAGTAIL_CONTENT_LANGUAGES = [("nl", "Nederlands")]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        "SEARCH_CONFIG": "dutch",
    }
}
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_IMAGE_FORM_BASE = "cms.image_forms.ImageForm"

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}

# --- Security ---------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
# The language preference is read by the server only, and sent along when following a link
# from elsewhere (Lax), not with another site's form posts.
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# SAMEORIGIN, not DENY: the Wagtail admin shows its live preview of a page in an iframe.
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = [
    "security.W019",
    # django-ratelimit lists only django-redis among the Redis caches, not Django's own
    # RedisCache, which TolerantRedisCache extends and which increments atomically.
    "django_ratelimit.W001",
]
if not REDIS_URL:
    # Without Redis (make run, local tests) there is one process, whose local-memory cache
    # counts every request; with Redis the limits are shared by every worker.
    SILENCED_SYSTEM_CHECKS.append("django_ratelimit.E003")
# Rate limits (django-ratelimit) count in the default cache. With Redis unreachable they let
# requests through, as the rest of the site keeps answering from an empty cache.
RATELIMIT_FAIL_OPEN = True
CONTENT_SECURITY_POLICY = {
    # Wagtail's admin still carries inline scripts, so the strict policy covers the site and
    # the admin gets its own below.
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/django-admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "frame-src": ["'self'", "https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}

# --- Platform ---------------------------------------------------------------------------------
# E-learning packages: what an upload may be at most (the zip, its number of files and what it
# holds unpacked, so that a zip bomb is refused before anything is written).
ELEARNING_MAX_PACKAGE_BYTES = env.int("ELEARNING_MAX_PACKAGE_BYTES", default=500 * 1024**2)
ELEARNING_MAX_FILES = env.int("ELEARNING_MAX_FILES", default=5000)
ELEARNING_MAX_UNPACKED_BYTES = env.int("ELEARNING_MAX_UNPACKED_BYTES", default=2 * 1024**3)
# A package's files are served from an origin of their own, another site than SITE_URL, so that
# its scripts can neither read the site's cookies nor send them (README, "E-learning
# packages"). Locally that is the other loopback name: 127.0.0.1 <-> localhost; production
# names a domain of its own (the deploy check elearning.E001 refuses one on SITE_URL's site).
ELEARNING_CONTENT_URL = env.str(
    "ELEARNING_CONTENT_URL",
    default=(
        SITE_URL.replace("://127.0.0.1", "://localhost", 1)
        if "://127.0.0.1" in SITE_URL
        else SITE_URL.replace("://localhost", "://127.0.0.1", 1)
    ),
)
_content = urlsplit(ELEARNING_CONTENT_URL)
if _content.hostname not in ALLOWED_HOSTS:
    ALLOWED_HOSTS = [*ALLOWED_HOSTS, _content.hostname]
# The lesson page frames the package's launcher.
CONTENT_SECURITY_POLICY["DIRECTIVES"]["frame-src"].append(f"{_content.scheme}://{_content.netloc}")

# Open Badges credentials are signed with this RSA key (PEM); dev and tests make one on start.
OPENBADGES_PRIVATE_KEY = env.str("OPENBADGES_PRIVATE_KEY", default="", multiline=True)
OPENBADGES_KEY_ID = env.str("OPENBADGES_KEY_ID", default="lms-2026")

# The Kring Kwaliteitsmanagement's benchmark (register/selectors/kring.py) names no other
# organisation, and keeps small numbers from pointing at people: a figure over fewer people
# than this is shown for no organisation, and no median or quartile over fewer organisations.
KRING_MIN_PEOPLE = 5
KRING_MIN_ORGANISATIONS = 5
