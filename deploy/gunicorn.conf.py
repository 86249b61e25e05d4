"""gunicorn settings for the portal: `gunicorn -c deploy/gunicorn.conf.py pirsote.wsgi`.

Threaded workers (gthread), so that a slow or idle client holds one thread rather than a
whole worker: with sync workers two idle connections stalled a two-worker site. Threads are
headroom, not a defence: a client that trickles its request in still holds a thread until it
finishes, so production runs behind a buffering proxy (nginx) that hands gunicorn only whole
requests and takes whole responses (docs/availability.md).

Everything that differs between machines comes from the environment:

    GUNICORN_BIND         address(es) to listen on, comma-separated   127.0.0.1:8000
    WEB_CONCURRENCY       worker processes                            2 x cores + 1, at most 8
    GUNICORN_THREADS      threads per worker                          4
    GUNICORN_TIMEOUT      seconds a worker may go silent before it is restarted    30
    GUNICORN_MAX_REQUESTS requests before a worker is replaced (0: never)          2000
    FORWARDED_ALLOW_IPS   proxies whose X-Forwarded-* headers are trusted           127.0.0.1,::1
    GUNICORN_LOG_LEVEL    gunicorn's own log level                                  info
    GUNICORN_ACCESS_LOG   "-" for stdout, a path, or empty for none                 (none)
    LOG_FORMAT            "json": one JSON object per line, as the application's    text
"""

import multiprocessing
import os


def _int(name, default):
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


wsgi_app = "pirsote.wsgi:application"

bind = [
    address.strip()
    for address in os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")
    if address.strip()
]
worker_class = "gthread"
workers = _int("WEB_CONCURRENCY", min(2 * multiprocessing.cpu_count() + 1, 8))
threads = _int("GUNICORN_THREADS", 4)

# A request must be answered within `timeout` (the proxy gives up at about the same time);
# a stopping worker gets `graceful_timeout` to finish what it serves.
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = 30
# Connections kept open between requests: short, the proxy in front reuses its own.
keepalive = 5

# Workers replaced now and then, not all at once, so that slow leaks never add up.
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = max(max_requests // 10, 1) if max_requests else 0

# Requests larger than any the site needs are refused before Django sees them (uploads go in
# the body, which nginx limits with client_max_body_size).
limit_request_line = 4094
limit_request_fields = 60
limit_request_field_size = 8190

# X-Forwarded-Proto and -For are believed only from the proxy in front.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Heartbeat files in memory: a slow disk (or a container's overlay) must not look like a hung
# worker.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# gunicorn 27 opens a control socket at ~/.gunicorn/gunicorn.ctl; several instances on one
# machine (two app servers, tests) clash on it, and nothing here uses it.
control_socket_disable = True

loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
errorlog = "-"
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None

if os.environ.get("LOG_FORMAT", "").strip().lower() == "json":
    from gunicorn.glogging import Logger

    class JsonLogger(Logger):
        """gunicorn's error and access lines through the application's JSON formatter; an
        access line carries the method, path, status, duration and the request id."""

        def setup(self, cfg):
            super().setup(cfg)
            from pirsote.core.logs import JsonFormatter  # imports nothing from Django

            for log in (self.error_log, self.access_log):
                for handler in log.handlers:
                    handler.setFormatter(JsonFormatter())

    logger_class = JsonLogger
    # The message of an access line; its fields come from the formatter.
    access_log_format = "%(m)s %(U)s %(s)s"
