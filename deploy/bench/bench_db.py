"""Print the benchmark database's URL after emptying it: `make bench` starts from nothing.

BENCH_DATABASE_URL if set; else PostgreSQL's pirsote_bench on 127.0.0.1 when the server
answers; else a SQLite file under BENCH_DIR. Only that database is dropped and recreated.
"""

import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

DEFAULT_POSTGRES = "postgres://root@127.0.0.1:5432/pirsote_bench"


def reset_postgres(url):
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not name.endswith("bench"):
        sys.exit(f"Refusing to drop {name!r}: a benchmark database's name ends with 'bench'.")
    maintenance = parts._replace(path="/postgres").geturl()
    with psycopg.connect(maintenance, autocommit=True, connect_timeout=3) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def main():
    bench_dir = Path(os.environ.get("BENCH_DIR", "/tmp/pirsote-bench"))
    url = os.environ.get("BENCH_DATABASE_URL")
    if url is None:
        try:
            reset_postgres(DEFAULT_POSTGRES)
            print(DEFAULT_POSTGRES)
            return
        except Exception as error:  # any failure means: no PostgreSQL here
            print(f"PostgreSQL not reachable ({error}); using SQLite.", file=sys.stderr)
        url = f"sqlite:///{bench_dir / 'bench.sqlite3'}"
    if url.startswith("sqlite"):
        Path(urlsplit(url).path).unlink(missing_ok=True)
    else:
        reset_postgres(url)
    print(url)


if __name__ == "__main__":
    main()
