"""Back up the site: its PostgreSQL database and its uploads, into BACKUP_DIR/<UTC time>/.

    BACKUP_DIR=/var/backups/pirsote .venv/bin/python deploy/backup/backup.py

Run with the site's environment (the same variables as the web server: DATABASE_URL, MEDIA_ROOT
or AWS_*, DJANGO_SETTINGS_MODULE...). The folder holds

    database.dump   pg_dump --format=custom of DATABASE_URL
    media.tar.gz    every file of the default storage (MEDIA_ROOT or the bucket), by storage name
    media.sha256    sha256sum of each of those files
    manifest.json   when, which commit, which database and storage, row and file counts, and the
                    sha256 of the three files above
    SHA256SUMS      the same sums for `sha256sum -c SHA256SUMS`

The database is dumped first, then the media: a file uploaded in between is in the archive
without a row pointing at it, which is harmless; the other way round a row could point at a
file the archive lacks. Everything is written under a hidden temporary name and renamed when
complete, so a folder with a manifest is a whole backup; on any failure the partial folder
is removed and the exit status is not 0. docs/backup.md is the operator's guide.
"""

import argparse
import datetime
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
DATABASE_FILE = "database.dump"
MEDIA_FILE = "media.tar.gz"
MEDIA_INDEX = "media.sha256"
MANIFEST = "manifest.json"
SUMS = "SHA256SUMS"
BACKUP_FILES = (DATABASE_FILE, MEDIA_FILE, MEDIA_INDEX)


class BackupError(Exception):
    """A failure with a message for the operator."""


def database_settings(url):
    """Django's settings dictionary for a postgres:// DATABASE_URL."""
    import dj_database_url

    if not url:
        raise BackupError("DATABASE_URL is not set: backups need the site's PostgreSQL database.")
    try:
        config = dj_database_url.parse(url)
    except ValueError as error:
        raise BackupError(f"DATABASE_URL cannot be read: {error}") from None
    if config.get("ENGINE") != "django.db.backends.postgresql":
        raise BackupError("DATABASE_URL is not a PostgreSQL database; backups need PostgreSQL.")
    return config


def pg_environment(config, name=None):
    """Environment variables for pg_dump/pg_restore/psql: the password never on a command line."""
    environment = dict(os.environ)
    values = {
        "PGHOST": config.get("HOST"),
        "PGPORT": config.get("PORT"),
        "PGUSER": config.get("USER"),
        "PGPASSWORD": config.get("PASSWORD"),
        "PGDATABASE": name or config.get("NAME"),
    }
    options = config.get("OPTIONS", {})
    for option, variable in (
        ("sslmode", "PGSSLMODE"),
        ("sslrootcert", "PGSSLROOTCERT"),
        ("connect_timeout", "PGCONNECT_TIMEOUT"),
    ):
        if options.get(option):
            values[variable] = options[option]
    environment.update({key: str(value) for key, value in values.items() if value})
    return environment


def sha256_file(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for chunk in iter(lambda: file.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def run(command, env=None, what=None):
    """Run `command`; its output on failure becomes the error."""
    result = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        output = (result.stderr or result.stdout).strip()[-3000:]
        raise BackupError(f"{what or command[0]} failed (exit {result.returncode}):\n{output}")
    return result.stdout


def last_json_line(output):
    for line in reversed(output.strip().splitlines()):
        if line.startswith("{"):
            return json.loads(line)
    raise BackupError(f"no summary in the output:\n{output[-2000:]}")


def git_commit():
    if os.environ.get("GIT_COMMIT"):
        return os.environ["GIT_COMMIT"]
    try:
        result = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True
        )
    except OSError:
        return "unknown"
    return result.stdout.strip() if result.returncode == 0 else "unknown"


def fsync_path(path):
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def make_backup(backup_dir):
    """Write a complete backup into a new folder of `backup_dir` and return that folder."""
    config = database_settings(os.environ.get("DATABASE_URL", ""))
    backup_dir = Path(backup_dir)
    backup_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    started = datetime.datetime.now(datetime.UTC)
    final = backup_dir / started.strftime("%Y%m%dT%H%M%SZ")
    if final.exists():
        raise BackupError(f"{final} exists already; wait a second and run again.")
    # Backups hold personal data (subscribers' addresses, staff accounts): owner-only.
    partial = Path(tempfile.mkdtemp(prefix=f".{final.name}.partial-", dir=backup_dir))
    try:
        run(
            ["pg_dump", "--format=custom", "--no-password", "--file", partial / DATABASE_FILE],
            env=pg_environment(config),
            what="pg_dump",
        )
        dump_version = run(["pg_dump", "--version"]).strip()
        media = last_json_line(
            run(
                [
                    sys.executable,
                    HERE / "media_archive.py",
                    "dump",
                    partial / MEDIA_FILE,
                    partial / MEDIA_INDEX,
                ],
                what="the media archive",
            )
        )
        counts = media.pop("counts")
        if counts["images"] + counts["documents"] and not media["files"]:
            raise BackupError(
                f"The database has {counts['images']} images and {counts['documents']} documents "
                f"but the media storage ({media['location']}) has no files: is MEDIA_ROOT right?"
            )
        files = {
            name: {"bytes": (partial / name).stat().st_size, "sha256": sha256_file(partial / name)}
            for name in BACKUP_FILES
        }
        manifest = {
            "format": 1,
            "started_at": started.isoformat(timespec="seconds"),
            "finished_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "git_commit": git_commit(),
            "database": {
                "name": config["NAME"],
                "host": config.get("HOST") or "local socket",
                "port": config.get("PORT") or 5432,
                "pg_dump": dump_version,
            },
            "media": media,
            "counts": counts,
            "files": files,
        }
        (partial / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        (partial / SUMS).write_text(
            "".join(f"{entry['sha256']}  {name}\n" for name, entry in files.items()),
            encoding="utf-8",
        )
        for path in partial.iterdir():
            fsync_path(path)
        partial.rename(final)
        fsync_path(backup_dir)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return final


def verify_backup(folder):
    """The manifest of a whole, unaltered backup folder; BackupError otherwise."""
    folder = Path(folder)
    manifest_path = folder / MANIFEST
    if not manifest_path.is_file():
        raise BackupError(f"{folder} is not a backup: it has no {MANIFEST}.")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    for name, entry in manifest["files"].items():
        path = folder / name
        if not path.is_file():
            raise BackupError(f"{path} is missing.")
        if sha256_file(path) != entry["sha256"]:
            raise BackupError(f"{path} does not match its sha256 in the manifest.")
    return manifest


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--backup-dir",
        default=os.environ.get("BACKUP_DIR"),
        help="where the timestamped folders go (default: $BACKUP_DIR)",
    )
    args = parser.parse_args()
    if not args.backup_dir:
        parser.error("set BACKUP_DIR (or --backup-dir): where the backups go")
    os.umask(0o077)
    try:
        folder = make_backup(args.backup_dir)
    except BackupError as error:
        print(f"backup FAILED: {error}", file=sys.stderr)
        sys.exit(1)
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    sizes = ", ".join(f"{name} {entry['bytes']:,} B" for name, entry in manifest["files"].items())
    print(
        f"backup written: {folder}\n  {manifest['counts']['pages']} pages, "
        f"{manifest['media']['files']} media files; {sizes}"
    )


if __name__ == "__main__":
    main()
