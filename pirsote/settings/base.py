"""Settings shared by every environment; safe defaults for production.

Everything that differs between machines comes from environment variables,
documented in the README.
"""

import os
from pathlib import Path

from django.utils.translation import gettext_lazy as _

import dj_database_url

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # wagtail_modeltranslation must come first, modeltranslation before django.contrib.admin.
    # pirsote.core precedes wagtail_modeltranslation.migrate so that its `migrate` wraps that one.
    "wagtail_modeltranslation",
    "wagtail_modeltranslation.makemigrations",
    "pirsote.core",
    "wagtail_modeltranslation.migrate",
    "modeltranslation",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.settings",
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
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    # Feature apps: news and funding build on projects, projects on pirsote.core.
    "projects",
    "funding",
    "news",
    "news.subscriptions",
    # The demo content's builder and command: it imports every app, and nothing imports it.
    "pirsote.demo",
]

MIDDLEWARE = [
    # First, so that it sees the cookies and Vary headers the others add (docs in the module).
    "pirsote.core.http_cache.CacheControlMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The request's Wagtail site and home page from the cache (pirsote.core.sites).
    "pirsote.core.sites.CachedSiteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "pirsote.urls"
WSGI_APPLICATION = "pirsote.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# SQLite unless DATABASE_URL points elsewhere (PostgreSQL in production).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's JIT compiles queries it estimates to be costly: the page tree's
    # visibility checks reached that with thousands of releases and spent 0.4 to 0.5 s per
    # query compiling what runs in milliseconds.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# "renditions": Wagtail looks image renditions up here before the database, in every process
# alike with Redis (its own key prefix; note that django-redis's clear() flushes the whole
# Redis database, both caches). Keys hold the image's file hash and focal point: a replaced
# file or a new crop never meets an old entry.
RENDITIONS_CACHE_TIMEOUT = 24 * 60 * 60
if os.environ.get("REDIS_URL"):
    cache_key_prefix = os.environ.get("CACHE_KEY_PREFIX", "pirsote")
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": cache_key_prefix,
        },
        "renditions": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": f"{cache_key_prefix}-renditions",
            "TIMEOUT": RENDITIONS_CACHE_TIMEOUT,
        },
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "renditions": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "renditions",
            "TIMEOUT": RENDITIONS_CACHE_TIMEOUT,
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Finnish at the site root, English under /en/.
LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", _("Finnish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Helsinki"
FORMAT_MODULE_PATH = ["pirsote.formats"]

MODELTRANSLATION_DEFAULT_LANGUAGE = "fi"
MODELTRANSLATION_LANGUAGES = ("fi", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("fi",)
# Empty strings count as untranslated, so English falls back to Finnish.
MODELTRANSLATION_ENABLE_FALLBACKS = True

WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("fi", "Suomi"), ("en", "English")]

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Django serves public uploads only when this is on (development, tests, a host without a web
# server); embargoed ones it always serves, to editors only. See docs/media-embargo.md.
SERVE_MEDIA = env_bool("SERVE_MEDIA", False)
# robots.txt lets crawlers in only where this is on: production, unless told otherwise.
ROBOTS_ALLOW_INDEXING = env_bool("ROBOTS_ALLOW_INDEXING", False)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

WAGTAIL_SITE_NAME = "Pirkanmaan sote-uudistus"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "core.CustomImage"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILDOCS_MAX_UPLOAD_SIZE = 50 * 1024 * 1024
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "mp4", "odt", "pdf", "pptx", "txt", "vtt", "webm", "xlsx"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# The machines have no internet access, and a strict CSP would block these anyway.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# "default" serves the admin's searches (Finnish stemming on PostgreSQL); "site" keeps the
# public site search's own index, per language and with Voikko's Finnish (see
# pirsote/core/search/backend.py). Wagtail keeps both up to date on every save.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "finnish"},
    "site": {"BACKEND": "pirsote.core.search.backend"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Identifiers in the open data: 360Giving prefixes the publisher's own ids with "360G-".
OPEN_DATA_IDENTIFIER_PREFIX = os.environ.get("OPEN_DATA_IDENTIFIER_PREFIX", "360G-pirsote")

# The cache in front (Varnish with deploy/varnish/default.vcl; README, "Caching").
# How long it may keep an anonymous page, in seconds; every change purges what it made stale.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "3600"))
# Where to send the purges: one URL per Varnish, comma-separated; unset, nothing is purged.
WAGTAILFRONTENDCACHE = {
    f"varnish{number}": {"BACKEND": "pirsote.core.frontend_cache.VarnishBackend", "LOCATION": url}
    for number, url in enumerate(env_list("FRONTEND_CACHE_URLS") or env_list("VARNISH_URL"), 1)
}

# Public read API (pirsote/core/api.py, docs/api.md)
# Rich text in page bodies as display HTML, links resolved to public addresses, rather than
# Wagtail's database HTML with internal ids.
WAGTAILAPI_RICH_TEXT_FORMAT = "html"

# Only the session and CSRF cookies exist: the session for staff in the admin, the CSRF cookie
# also for visitors who open a form (the e-mail subscription). Both are strictly necessary.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "sote-uudistus@example.fi")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.security.DisallowedHost": {"level": "ERROR"}},
}
LOGGING["loggers"]["django_tasks"] = {"level": "WARNING"}

# E-mail subscriptions
# How long a confirmation link works, in seconds.
SUBSCRIPTIONS_CONFIRM_MAX_AGE = 7 * 24 * 60 * 60
# (count, seconds): form submissions per client, and confirmation mails per address.
SUBSCRIPTIONS_RATE_LIMIT_PER_CLIENT = (5, 10 * 60)
SUBSCRIPTIONS_RATE_LIMIT_PER_ADDRESS = (3, 60 * 60)
# Where the client's IP address is in request.META; behind a proxy e.g. HTTP_X_REAL_IP.
SUBSCRIPTIONS_CLIENT_IP_HEADER = os.environ.get("SUBSCRIPTIONS_CLIENT_IP_HEADER", "REMOTE_ADDR")
# Failed release mails are retried after 1, 2, 4... minutes, at most 6 hours apart; a mail
# the server refuses outright (5xx) is given up after this many tries.
SUBSCRIPTIONS_RETRY_BASE_DELAY = 60
SUBSCRIPTIONS_RETRY_MAX_DELAY = 6 * 60 * 60
SUBSCRIPTIONS_MAX_ATTEMPTS = 10
# Seconds between the runs of `send_release_mails --loop`.
SUBSCRIPTIONS_WORKER_INTERVAL = 60
# Confirmation mails are sent in the web request: never wait for ever on the mail server.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "15"))
