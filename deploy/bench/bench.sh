#!/usr/bin/env bash
# `make bench`: every kind of page in both languages at 10 and at 10 000 releases, on a
# database of its own (deploy/bench/bench_db.py), with production settings
# (pirsote.settings.bench). Prints SQL queries, SQL time and CPU time per request, and how
# they grow. See docs/performance.md for how to read the figures.
#
#   BENCH_RELEASES="10 10000"  the newsroom sizes to measure (ascending)
#   BENCH_REPEAT=5             measured requests per page, after a warm-up
#   BENCH_DATABASE_URL         a database to empty and use (default: pirsote_bench or SQLite)
#   BENCH_DIR                  uploads, static files, SQLite file and results (/tmp/pirsote-bench)
set -euo pipefail
cd "$(dirname "$0")/../.."

PY=${PY:-.venv/bin/python}
export BENCH_DIR=${BENCH_DIR:-/tmp/pirsote-bench}
export DJANGO_SETTINGS_MODULE=pirsote.settings.bench
RELEASES=${BENCH_RELEASES:-10 10000}
REPEAT=${BENCH_REPEAT:-5}
mkdir -p "$BENCH_DIR"
rm -rf "$BENCH_DIR/media" "$BENCH_DIR/results"
mkdir -p "$BENCH_DIR/results"

BENCH_DATABASE_URL=$($PY deploy/bench/bench_db.py)
export BENCH_DATABASE_URL
echo "== bench database: $BENCH_DATABASE_URL (fresh), files under $BENCH_DIR"

step() { echo "== $*"; local start=$SECONDS; "$@"; echo "   ($((SECONDS - start)) s)"; }

step $PY manage.py migrate --noinput -v 0
step $PY manage.py collectstatic --noinput -v 0
step $PY manage.py load_initial_data
step $PY manage.py update_index --backend site -v 0
step $PY manage.py setup_roles
runs=()
for total in $RELEASES; do
    step $PY manage.py generate_releases --total "$total" --seed "$total"
    step $PY manage.py bench_pages --repeat "$REPEAT" --label "$total releases" \
        --save "$BENCH_DIR/results/$total.json"
    runs+=("$BENCH_DIR/results/$total.json")
done
if [ "${#runs[@]}" -ge 2 ]; then
    $PY manage.py bench_pages --compare "${runs[0]}" "${runs[-1]}"
fi
