"""Benchmarks (`make bench`, `make bench-load`): production settings on a throwaway database.

Production's settings as they are (DEBUG off, cached templates, manifest static files, its
database options), except what a loopback benchmark cannot have: HTTPS redirects and secure
cookies, a real secret key and host name. The database is BENCH_DATABASE_URL (never
DATABASE_URL, so the developer's demo database is never touched); uploads and collected
static files go under BENCH_DIR. Synthetic releases (`generate_releases`) are allowed.
"""

import os
from pathlib import Path

BENCH_DIR = Path(os.environ.get("BENCH_DIR", "/tmp/pirsote-bench"))
os.environ["DATABASE_URL"] = os.environ.get(
    "BENCH_DATABASE_URL", f"sqlite:///{BENCH_DIR / 'bench.sqlite3'}"
)
os.environ.setdefault("SECRET_KEY", "bench-only-not-secret-" + "x" * 40)
os.environ.setdefault("MEDIA_ROOT", str(BENCH_DIR / "media"))
os.environ.setdefault("STATIC_ROOT", str(BENCH_DIR / "static"))
os.environ.setdefault("SITE_BASE_URL", "http://127.0.0.1")
# A cache of its own per process: never a shared Redis another site uses (STACK.md).
os.environ.pop("REDIS_URL", None)

from .production import *  # noqa: E402, F403
from .production import LOGGING  # noqa: E402

ALLOWED_HOSTS = ["*"]
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
# gunicorn serves the uploads too: there is no web server in front of it here.
SERVE_MEDIA = True
ROBOTS_ALLOW_INDEXING = False
ALLOW_SYNTHETIC_CONTENT = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
LOGGING = {**LOGGING, "root": {**LOGGING["root"], "level": "WARNING"}}
