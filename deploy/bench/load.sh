#!/usr/bin/env bash
# `make bench-load`: requests per second and p99 latency under wrk, on the bench database that
# `make bench` built, with production settings (pirsote.settings.bench):
#
#   a static file served by gunicorn (deploy/gunicorn.conf.py, whitenoise);
#   the home page and a release page straight from gunicorn (uncached);
#   the same pages through Varnish (deploy/varnish/default.vcl when it exists, else a
#   minimal VCL written here), once its cache holds them.
#
# Everything listens on 127.0.0.1 only, on free ports; every process started here is stopped
# on exit, error or Ctrl-C. wrk runs are bounded: LOAD_THREADS, LOAD_CONNECTIONS, LOAD_SECONDS;
# gunicorn runs LOAD_WORKERS workers of LOAD_GUNICORN_THREADS threads.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD

PY=${PY:-.venv/bin/python}
export BENCH_DIR=${BENCH_DIR:-/tmp/pirsote-bench}
export DJANGO_SETTINGS_MODULE=pirsote.settings.bench
export BENCH_DATABASE_URL=${BENCH_DATABASE_URL:-postgres://root@127.0.0.1:5432/pirsote_bench}
WORKERS=${LOAD_WORKERS:-4}
THREADS=${LOAD_THREADS:-2}
CONNECTIONS=${LOAD_CONNECTIONS:-16}
SECONDS_PER_RUN=${LOAD_SECONDS:-10}
VCL=${LOAD_VCL:-$ROOT/deploy/varnish/default.vcl}

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)"; exit 1; }
WORK=$(mktemp -d "${TMPDIR:-/tmp}/pirsote-load.XXXXXX")
chmod 755 "$WORK"  # Varnish compiles the VCL as its own unprivileged user
pids=()
cleanup() {
    local pid
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${pids[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
    $PY -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
wait_for() {  # url, tries of 0.5 s: until it answers 200
    local tries=${2:-60} code
    until code=$(curl -sS -o /dev/null -w '%{http_code}' "$1" 2>/dev/null) && [ "$code" = 200 ]; do
        tries=$((tries - 1))
        [ "$tries" -gt 0 ] || { echo "No 200 from $1 (last: $code)"; return 1; }
        sleep 0.5
    done
}

# The addresses to load: picked from the data, as `make bench` picks them.
if ! targets=$($PY manage.py shell -v 0 -c '
from django.contrib.staticfiles.storage import staticfiles_storage
from django.utils import translation
from wagtail.models import Site
from news.models import ReleasePage
from pirsote.core.visibility import visible_pages
site = Site.objects.get(is_default_site=True)
release = visible_pages(site, ReleasePage).order_by("-first_published_at", "-pk").first()
with translation.override("fi"):
    print(staticfiles_storage.url("css/site.css"), site.root_page.url, release.url, ReleasePage.objects.count())
' 2>"$WORK/targets.err"); then
    cat "$WORK/targets.err"
    echo "No bench database at $BENCH_DATABASE_URL: run 'make bench' first."
    exit 1
fi
read -r STATIC HOME_URL RELEASE_URL RELEASES <<<"$targets"

APP_PORT=$(free_port)
GUNICORN_THREADS=${LOAD_GUNICORN_THREADS:-4}
echo "== gunicorn: $WORKERS gthread workers x $GUNICORN_THREADS threads on 127.0.0.1:$APP_PORT ($RELEASES releases, $(nproc) cores)"
# The production configuration (deploy/gunicorn.conf.py); no worker recycling during a run.
GUNICORN_BIND="127.0.0.1:$APP_PORT" WEB_CONCURRENCY="$WORKERS" GUNICORN_THREADS="$GUNICORN_THREADS" \
    GUNICORN_TIMEOUT=60 GUNICORN_MAX_REQUESTS=0 GUNICORN_LOG_LEVEL=warning \
    .venv/bin/gunicorn -c deploy/gunicorn.conf.py pirsote.wsgi:application \
    --env DJANGO_SETTINGS_MODULE=pirsote.settings.bench >"$WORK/gunicorn.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$APP_PORT$HOME_URL"

# Varnish: the project's VCL with a backend.vcl of ours first on vcl_path, pointing at this
# gunicorn; a minimal VCL of our own where the project has none.
cat >"$WORK/backend.vcl" <<VCL
backend default {
    .host = "127.0.0.1";
    .port = "$APP_PORT";
    .first_byte_timeout = 60s;
}
VCL
if [ ! -f "$VCL" ]; then
    echo "   ($VCL not found: a minimal VCL that caches what the application allows)"
    VCL=$WORK/minimal.vcl
    printf 'vcl 4.1;\ninclude "backend.vcl";\n' >"$VCL"
fi
touch "$WORK/purgers.vcl"
CACHE_PORT=$(free_port)
varnishd -F -n "$WORK/varnish" -a "127.0.0.1:$CACHE_PORT" -T 127.0.0.1:0 -f "$VCL" \
    -p vcl_path="$WORK:$(dirname "$VCL")" -s malloc,256m >"$WORK/varnish.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$CACHE_PORT$HOME_URL" || { cat "$WORK/varnish.log"; exit 1; }

results=()
load() {  # name, url
    local output rps p99 errors
    output=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --timeout 30s --latency "$2")
    rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$output")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$output")
    errors=$(grep -Eo 'Non-2xx or 3xx responses: [0-9]+|Socket errors: .*' <<<"$output" | paste -sd ';' || true)
    results+=("$(printf '%-34s %10s %10s  %s' "$1" "$rps" "$p99" "${errors:-}")")
    echo "   $1: $rps req/s, p99 $p99 ${errors:-}"
}
cache_status() {
    curl -sS -o /dev/null -D - "http://127.0.0.1:$CACHE_PORT$1" | grep -iE '^(age|x-cache|cache-control):' | tr -d '\r' | paste -sd ' ' || true
}

echo "== wrk -t$THREADS -c$CONNECTIONS -d${SECONDS_PER_RUN}s --latency"
load "static file (gunicorn)" "http://127.0.0.1:$APP_PORT$STATIC"
load "home (gunicorn, uncached)" "http://127.0.0.1:$APP_PORT$HOME_URL"
load "release (gunicorn, uncached)" "http://127.0.0.1:$APP_PORT$RELEASE_URL"
curl -fsS -o /dev/null "http://127.0.0.1:$CACHE_PORT$RELEASE_URL"  # fill the cache
echo "   Varnish, home: $(cache_status "$HOME_URL")"
echo "   Varnish, release: $(cache_status "$RELEASE_URL")"
load "home (Varnish)" "http://127.0.0.1:$CACHE_PORT$HOME_URL"
load "release (Varnish)" "http://127.0.0.1:$CACHE_PORT$RELEASE_URL"

echo
echo "bench-load: $RELEASES releases, $WORKERS gunicorn workers x $GUNICORN_THREADS threads, $(nproc) cores, $(date -I)"
printf '%-34s %10s %10s\n' "target" "req/s" "p99"
printf '%s\n' "${results[@]}"
echo "home: $HOME_URL  release: $RELEASE_URL  static: $STATIC"
