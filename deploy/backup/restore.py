"""Restore a backup of deploy/backup/backup.py into the configured database and media storage.

    .venv/bin/python deploy/backup/restore.py /var/backups/pirsote/20270101T020000Z

Run with the site's environment, pointing at where the site is to live again: DATABASE_URL an
existing, empty database (createdb it first), MEDIA_ROOT an empty or missing folder (or the
AWS_* variables a bucket). The backup is checked against its manifest first; the database is
restored in one transaction (all or nothing) without the original owners and privileges, so
the restoring role owns everything. Media files already present with the same content are
kept, with other content refused. The restore drill (restore_drill.py) runs this same code.
"""

import argparse
import os
import sys
from pathlib import Path

from backup import (
    DATABASE_FILE,
    HERE,
    MEDIA_FILE,
    MEDIA_INDEX,
    BackupError,
    database_settings,
    last_json_line,
    pg_environment,
    run,
    verify_backup,
)


def database_is_empty(config):
    """Whether the database has no tables of its own (nothing to overwrite)."""
    import psycopg

    with psycopg.connect(**connection_arguments(config), autocommit=True) as connection:
        row = connection.execute(
            "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', "
            "'information_schema')"
        ).fetchone()
    return row[0] == 0


def connection_arguments(config, name=None):
    arguments = {
        "dbname": name or config["NAME"],
        "host": config.get("HOST") or None,
        "port": config.get("PORT") or None,
        "user": config.get("USER") or None,
        "password": config.get("PASSWORD") or None,
    }
    arguments.update(
        {key: value for key, value in config.get("OPTIONS", {}).items() if key != "options"}
    )
    return {key: value for key, value in arguments.items() if value is not None}


def restore_database(folder, database_url):
    config = database_settings(database_url)
    if not database_is_empty(config):
        raise BackupError(
            f"The database {config['NAME']} has tables already: restore into a new, empty "
            "database (createdb), then point DATABASE_URL at it."
        )
    run(
        [
            "pg_restore",
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            "--no-password",
            "--dbname",
            config["NAME"],
            Path(folder) / DATABASE_FILE,
        ],
        env=pg_environment(config),
        what="pg_restore",
    )


def restore_media(folder, env=None):
    """Write the backup's media through the default storage of the site that `env` configures."""
    return last_json_line(
        run(
            [
                sys.executable,
                HERE / "media_archive.py",
                "load",
                Path(folder) / MEDIA_FILE,
                Path(folder) / MEDIA_INDEX,
            ],
            env=env,
            what="restoring the media",
        )
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("backup", help="a backup folder (BACKUP_DIR/<time>)")
    part = parser.add_mutually_exclusive_group()
    part.add_argument("--database-only", action="store_true")
    part.add_argument("--media-only", action="store_true")
    args = parser.parse_args()
    try:
        manifest = verify_backup(args.backup)
        if not args.media_only:
            restore_database(args.backup, os.environ.get("DATABASE_URL", ""))
            print(f"database restored into {database_settings(os.environ['DATABASE_URL'])['NAME']}")
        if not args.database_only:
            media = restore_media(args.backup)
            print(
                f"{media['files']} media files restored into {media['location']} "
                f"({media['already_there']} were there already)"
            )
    except BackupError as error:
        print(f"restore FAILED: {error}", file=sys.stderr)
        sys.exit(1)
    print(
        f"restored the backup of {manifest['started_at']} (commit {manifest['git_commit']}). "
        "Next: manage.py migrate --noinput if the code is newer, then start the site."
    )


if __name__ == "__main__":
    main()
