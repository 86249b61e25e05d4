"""Settings shared by every environment; safe defaults for production.

Everything that differs between machines comes from environment variables,
documented in the README.
"""

import datetime
import os
from pathlib import Path

from django.utils.translation import gettext_lazy as _

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE

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
    # Lockout after repeated failed sign-ins (pirsote/core/staff_auth/lockout.py).
    "axes",
    # The second sign-in step, TOTP (pirsote/core/staff_auth/two_factor.py).
    "django_otp",
    "django_otp.plugins.otp_totp",
    # Feature apps: news and funding build on projects, projects on pirsote.core.
    "projects",
    "funding",
    "news",
    "news.subscriptions",
    # Staff sign-in: audit log, session limits, queued password resets (README, "Staff sign-in").
    "pirsote.core.staff_auth",
    # The demo content's builder and command: it imports every app, and nothing imports it.
    "pirsote.demo",
]

MIDDLEWARE = [
    # Outermost: the request id that every log line of the request names (pirsote/core/logs.py).
    "pirsote.core.logs.RequestIdMiddleware",
    # /healthz for load balancers, before host validation, redirects and cookies.
    "pirsote.core.health.HealthCheckMiddleware",
    # Outside every layer that may touch the database: database unreachable -> 503 with
    # Retry-After, never 500 (docs/availability.md).
    "pirsote.core.availability.DatabaseUnavailableMiddleware",
    # First, so that it sees the cookies and Vary headers the others add (docs in the module).
    "pirsote.core.http_cache.CacheControlMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy per part of the site, Permissions-Policy, CORP (docs in the module).
    "pirsote.core.security_headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The request's Wagtail site and home page from the cache (pirsote.core.sites).
    "pirsote.core.sites.CachedSiteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Idle and absolute limits of admin sessions (pirsote/core/staff_auth/sessions.py).
    "pirsote.core.staff_auth.sessions.SessionTimeoutMiddleware",
    # The second sign-in step: the admin is closed, and the site anonymous, until it is passed.
    "django_otp.middleware.OTPMiddleware",
    "pirsote.core.staff_auth.two_factor.SecondFactorMiddleware",
    # Sunset mode: the admin is read-only for everyone but administrators (core/sunset.py).
    "pirsote.core.sunset.SunsetEditLockMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns a lockout into the "sign-in locked" page.
    "axes.middleware.AxesMiddleware",
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
# Seconds to wait for Redis to accept a connection, and for an answer: a dead or unreachable
# Redis must not hold every request up.
REDIS_CONNECT_TIMEOUT = float(os.environ.get("REDIS_CONNECT_TIMEOUT", "0.5"))
REDIS_TIMEOUT = float(os.environ.get("REDIS_TIMEOUT", "1"))


def redis_caches(url, key_prefix):
    """Both caches in Redis at `url`. While Redis is down they act as no cache: pages are
    built every time, and the error goes to the "pirsote.cache" log, not to visitors."""
    options = {
        "IGNORE_EXCEPTIONS": True,
        "SOCKET_CONNECT_TIMEOUT": REDIS_CONNECT_TIMEOUT,
        "SOCKET_TIMEOUT": REDIS_TIMEOUT,
    }
    return {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": key_prefix,
            "OPTIONS": options,
        },
        "renditions": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": f"{key_prefix}-renditions",
            "TIMEOUT": RENDITIONS_CACHE_TIMEOUT,
            "OPTIONS": options,
        },
    }


DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
DJANGO_REDIS_LOGGER = "pirsote.cache"
if os.environ.get("REDIS_URL"):
    CACHES = redis_caches(os.environ["REDIS_URL"], os.environ.get("CACHE_KEY_PREFIX", "pirsote"))
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

# Staff sign-in (pirsote/core/staff_auth/, README "Staff sign-in").
# Passwords: at least 12 characters, not in Django's or the Finnish list of common passwords,
# nor a common word, name, season or month with numbers around it ("Summer2025").
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "pirsote.core.staff_auth.passwords.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "pirsote.core.staff_auth.passwords.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# django-axes first: it refuses locked-out sign-ins before any password is checked (its
# backend can also load users: tools that take the first backend for force_login work).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# AXES_FAILURE_LIMIT failed sign-ins for one account, or from one client address, within
# the cool-off lock that account or that address until AXES_COOLOFF_TIME after the last.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username"], ["ip_address"]]
AXES_LOCKOUT_CALLABLE = "pirsote.core.staff_auth.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "pirsote.core.staff_auth.network.client_ip"
# Sign-ins are in Wagtail's audit log (Reports → Site history); axes keeps only the counts.
AXES_DISABLE_ACCESS_LOG = True
# Axes' own log lines would name every unknown username, often a mistyped password.
AXES_VERBOSE = False
# The client's address: REMOTE_ADDR, unless the request came from one of our own proxies
# (TRUSTED_PROXY_IPS), TRUSTED_PROXY_COUNT of which append to X-Forwarded-For
# (pirsote/core/staff_auth/network.py). A client's own X-Forwarded-For is never believed.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
TRUSTED_PROXY_IPS = env_list("TRUSTED_PROXY_IPS", "127.0.0.1,::1")
# Sessions end after this long without a request, and this long after signing in (seconds).
STAFF_SESSION_IDLE_TIMEOUT = int(os.environ.get("STAFF_SESSION_IDLE_TIMEOUT", str(30 * 60)))
STAFF_SESSION_MAX_AGE = int(os.environ.get("STAFF_SESSION_MAX_AGE", str(12 * 60 * 60)))
SESSION_COOKIE_AGE = STAFF_SESSION_MAX_AGE
# The name authenticator apps show for the site's key.
OTP_TOTP_ISSUER = "Pirkanmaan sote-uudistus"
# Password resets: the form queues, the mail worker sends (send_release_mails).
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "pirsote.core.staff_auth.reset.QueuedPasswordResetForm"
# (count, seconds): reset requests per client address, and per e-mail address.
STAFF_PASSWORD_RESET_RATE_LIMIT_PER_CLIENT = (5, 15 * 60)
STAFF_PASSWORD_RESET_RATE_LIMIT_PER_ADDRESS = (3, 60 * 60)
# A queued reset the worker could not send within this many seconds is dropped.
STAFF_PASSWORD_RESET_QUEUE_MAX_AGE = 60 * 60

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

# The page editor opens with both languages' fields shown: editors write them side by side.
WAGTAILMODELTRANSLATION_LOCALE_PICKER_DEFAULT = ("fi", "en")
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
# Uploads (images, renditions, documents) on the local disk in MEDIA_ROOT, or, when
# AWS_STORAGE_BUCKET_NAME is set, in an S3-compatible bucket that every app server shares
# (pirsote.core.storage; docs/media-embargo.md, "Object storage").
MEDIA_BUCKET = os.environ.get("AWS_STORAGE_BUCKET_NAME", "").strip()
# Where browsers load public uploads from besides the site itself (the CSP's img-src).
MEDIA_ORIGINS = []
media_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
if MEDIA_BUCKET:
    media_endpoint = os.environ.get("AWS_S3_ENDPOINT_URL", "").strip().rstrip("/")
    media_domain = os.environ.get("AWS_S3_CUSTOM_DOMAIN", "").strip().strip("/")
    media_protocol = os.environ.get("AWS_S3_URL_PROTOCOL", "https:").strip()
    media_storage = {
        "BACKEND": "pirsote.core.storage.MediaStorage",
        "OPTIONS": {
            "bucket_name": MEDIA_BUCKET,
            "endpoint_url": media_endpoint or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "access_key": os.environ.get("AWS_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("AWS_SECRET_ACCESS_KEY") or None,
            "custom_domain": media_domain or None,
            "url_protocol": media_protocol,
            "location": os.environ.get("AWS_LOCATION", "").strip().strip("/"),
        },
    }
    if media_domain:
        MEDIA_ORIGINS = [f"{media_protocol}//{media_domain.split('/')[0]}"]
    elif media_endpoint:  # path-style addresses: the endpoint's origin
        scheme, _sep, rest = media_endpoint.partition("://")
        MEDIA_ORIGINS = [f"{scheme}://{rest.split('/')[0]}"]
    else:
        MEDIA_ORIGINS = [f"https://{MEDIA_BUCKET}.s3.amazonaws.com"]
STORAGES = {
    "default": media_storage,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

WAGTAIL_SITE_NAME = "Pirkanmaan sote-uudistus"
# The site's public address: every absolute URL (mails, feeds, open data, the API's links)
# starts with it (pirsote.core.absolute_urls). Production must set it (check --deploy).
SITE_BASE_URL = os.environ.get("SITE_BASE_URL", "http://127.0.0.1:8000").strip().rstrip("/")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", SITE_BASE_URL)
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

# Only the session and CSRF cookies exist (and Django's "messages" for the admin's notices):
# the session for staff in the admin, the CSRF cookie also for visitors who open a form (the
# e-mail subscription). All are strictly necessary, and the privacy statement names each one
# (tests/core/test_cookies_declared.py).
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# A browser-session cookie, not Django's one year: a form needs its token only while it is
# open, and a visitor's browser should not keep anything of ours for a year.
CSRF_COOKIE_AGE = None
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Security headers (pirsote/core/security_headers.py, README "Security headers"), enforced in
# every environment. The public site: everything from the site itself, nothing inline, no
# frames or plugins. frame-ancestors becomes 'self' where a view allows SAMEORIGIN framing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, *MEDIA_ORIGINS],
        "frame-src": [NONE],  # videos are <video> elements of our own files, not iframes
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# The Wagtail admin and its previews: what Wagtail 8 still needs, measured by
# tests/browser/test_admin_csp.py. 'unsafe-inline' scripts: widgets initialise themselves
# with inline <script>s (the image chooser, wagtail-modeltranslation's configuration,
# InlinePanel, date pickers), also inside the forms that StreamField and InlinePanel insert;
# 'unsafe-inline' styles: its scripts insert <style> elements. Not 'unsafe-eval': nothing
# needs it. data: and blob: images: icons and previews of images being uploaded.
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:", *MEDIA_ORIGINS],
        "frame-src": [SELF],  # the preview panel
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Added to the public policy for signed-in editors, whose pages carry Wagtail's user bar.
CONTENT_SECURITY_POLICY_USERBAR = {"DIRECTIVES": {}}
# The open API answers JSON: nothing to load, nothing to frame.
CONTENT_SECURITY_POLICY_API = {
    "DIRECTIVES": {"default-src": [NONE], "frame-ancestors": [NONE], "base-uri": [NONE]}
}
# WhiteNoise would let any site read the static files (Access-Control-Allow-Origin: *, and so
# Cross-Origin-Resource-Policy: cross-origin): nothing of ours needs that.
WHITENOISE_ALLOW_ALL_ORIGINS = False
# Browser features no page of the site uses: denied to it and to anything it might embed.
# Videos keep full screen and picture-in-picture for the site itself.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "bluetooth",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
} | {"fullscreen": ["self"], "picture-in-picture": ["self"]}
# /.well-known/security.txt (RFC 9116): where to report a vulnerability, comma-separated
# mailto: or https: addresses.
SECURITY_CONTACT = env_list("SECURITY_CONTACT", "mailto:tietoturva@example.fi")

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "sote-uudistus@example.fi")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# LOG_FORMAT=json: one JSON object per line, with the request's id (pirsote/core/logs.py);
# otherwise plain text.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text").strip().lower()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "pirsote.core.logs.JsonFormatter"}},
    "filters": {
        "request_id": {"()": "pirsote.core.logs.RequestIdFilter"},
        # A dead Redis fails every cache call: its error once a minute, not on each call.
        "once_a_minute": {"()": "pirsote.core.logs.OncePerInterval", "seconds": 60},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            **({"formatter": "json"} if LOG_FORMAT == "json" else {}),
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.security.DisallowedHost": {"level": "ERROR"},
        "pirsote.cache": {"filters": ["once_a_minute"]},
    },
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
