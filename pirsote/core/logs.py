"""Log lines as one JSON object each (LOG_FORMAT=json), and the request id that ties them.

The request id comes from the proxy in front (nginx's `$request_id` in `X-Request-ID`) when it
is a sane token, else it is made here; the response carries it back in `X-Request-ID`, and
every line logged while the request is served names it. gunicorn's access log uses the same
formatter and the response's header (deploy/gunicorn.conf.py), so an access line, the
application's lines and nginx's log meet on one id.

The module imports nothing from Django: gunicorn's master process loads the formatter before
any settings exist.
"""

import contextvars
import datetime
import json
import logging
import re
import threading
import time
import uuid
from collections.abc import Mapping

HEADER = "X-Request-ID"
_META_KEY = "HTTP_X_REQUEST_ID"
_SANE = re.compile(r"[A-Za-z0-9._-]{1,64}")

request_id_var = contextvars.ContextVar("request_id", default=None)


def sane_request_id(value):
    """`value` if it is a short token of safe characters, else a new random id."""
    if value and _SANE.fullmatch(value):
        return value
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """Give the request its id (request.request_id), for its log lines and its response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request.request_id = sane_request_id(request.META.get(_META_KEY, ""))
        token = request_id_var.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response[HEADER] = request_id
        return response


def request_id_of(record):
    """The id of the request a record was logged in, or None outside requests.

    Django logs a response's 4xx/5xx line after the middleware has returned, with the request
    on the record: its id is taken from there.
    """
    request_id = getattr(record, "request_id", None) or request_id_var.get()
    if request_id is None:
        request_id = getattr(getattr(record, "request", None), "request_id", None)
    return request_id if isinstance(request_id, str) else None


class RequestIdFilter(logging.Filter):
    """Put `request_id` on every record ("-" outside requests), for any format to use."""

    def filter(self, record):
        record.request_id = request_id_of(record) or "-"
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (ISO 8601, UTC), level, logger, message, request id,
    exception; gunicorn's access lines also get the request's method, path, status, size and
    duration as fields of their own."""

    def format(self, record):
        created = datetime.datetime.fromtimestamp(record.created, datetime.UTC)
        entry = {
            "time": created.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = request_id_of(record)
        if record.name == "gunicorn.access" and isinstance(record.args, Mapping):
            entry.update(_access_fields(record.args))
            request_id = entry.pop("request_id", None) or request_id
        if request_id and request_id != "-":
            entry["request_id"] = request_id
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        elif record.exc_text:
            entry["exception"] = record.exc_text
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        line = json.dumps(entry, ensure_ascii=False, default=str)
        # Line separators that some line-oriented tools split on: escaped, as JSON allows.
        return line.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _access_fields(atoms):
    """gunicorn's access-log atoms (quotes escaped by gunicorn) as named fields."""

    def atom(name):
        value = dict.get(atoms, name)
        if value in (None, "-", ""):
            return None
        return value.replace('\\"', '"') if isinstance(value, str) else value

    duration = atom("D")
    fields = {
        "remote_addr": atom("h"),
        "method": atom("m"),
        "path": atom("U"),
        "query": atom("q"),
        "status": int(atom("s")) if str(atom("s") or "").isdigit() else atom("s"),
        "bytes": atom("B"),
        "duration_ms": round(duration / 1000, 3) if isinstance(duration, int) else None,
        "referer": atom("f"),
        "user_agent": atom("a"),
        # The application's answer names the id it used (made up if nginx sent none).
        "request_id": atom("{x-request-id}o") or atom("{x-request-id}i"),
    }
    return {name: value for name, value in fields.items() if value is not None}


class OncePerInterval(logging.Filter):
    """Let one record of each kind (logger and message) through per `seconds`.

    For errors that repeat on every cache call while a service is down (django-redis logs
    each ignored exception with its traceback): the first is logged at once, the next one
    after `seconds` with the number left out meanwhile.
    """

    def __init__(self, seconds=60, name=""):
        super().__init__(name)
        self.seconds = seconds
        self._lock = threading.Lock()
        self._seen = {}  # (logger, message) -> [time let through, records left out since]

    def filter(self, record):
        key = (record.name, str(record.msg))
        now = time.monotonic()
        with self._lock:
            seen = self._seen.get(key)
            if seen is not None and now - seen[0] < self.seconds:
                seen[1] += 1
                return False
            left_out = seen[1] if seen else 0
            self._seen[key] = [now, 0]
        if left_out:
            record.msg = f"{record.msg} ({left_out} more like this left out of the log)"
        return True

    def reset(self):
        with self._lock:
            self._seen.clear()
