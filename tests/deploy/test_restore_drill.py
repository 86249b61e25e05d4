"""Backups that restore: deploy/backup/backup.py and the restore drill on the demo content.

The backup is made once for the module; the drill restores it into a fresh database and media
folder, serves both copies with gunicorn and compares what they answer. A drill that damages
its restored copy must fail and name what differs, or the passing drill would prove nothing.
"""

import json
import re
import subprocess

import pytest

from tests.deploy.conftest import PYTHON, ROOT

BACKUP = ROOT / "deploy" / "backup" / "backup.py"
DRILL = ROOT / "deploy" / "backup" / "restore_drill.py"

pytestmark = pytest.mark.postgres


def run(script, *args, env, timeout=240):
    return subprocess.run(
        [PYTHON, str(script), *map(str, args)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def drill_databases(demo_site):
    """The restored copies of the demo site's database that still exist."""
    import psycopg

    server = demo_site.database_url.rsplit("/", 1)[0]
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        rows = connection.execute("SELECT datname FROM pg_database").fetchall()
    return {row[0] for row in rows if row[0].startswith(f"{demo_site.database_name}_drill_")}


@pytest.fixture(scope="module")
def backup(demo_site, tmp_path_factory):
    """One backup of the demo site: (its folder, the environment of the site)."""
    backup_dir = tmp_path_factory.mktemp("backups")
    # One worker per copy of the site is enough for the drill, and boots faster on CI's cores.
    env = demo_site.env(DRILL_WORKERS=1)
    result = run(BACKUP, "--backup-dir", backup_dir, env=env)
    assert result.returncode == 0, result.stderr
    (folder,) = backup_dir.iterdir()
    return folder, env, demo_site


def run_drill(backup, tmp_path, *options):
    folder, env, _demo_site = backup
    report = tmp_path / "report.json"
    # The drill's own temporary folders go here, so that their removal can be checked.
    work = tmp_path / "work"
    work.mkdir()
    result = run(DRILL, folder, "--json", report, *options, env={**env, "TMPDIR": str(work)})
    assert report.exists(), f"the drill wrote no report:\n{result.stdout}\n{result.stderr}"
    return result, json.loads(report.read_text()), work


def test_backup_folder_holds_the_database_the_media_and_a_manifest(backup):
    folder, _env, _demo_site = backup
    manifest = json.loads((folder / "manifest.json").read_text())
    assert {path.name for path in folder.iterdir()} == {
        "database.dump",
        "media.tar.gz",
        "media.sha256",
        "manifest.json",
        "SHA256SUMS",
    }
    assert manifest["counts"]["live_pages"] > 10
    assert manifest["counts"]["images"] > 10
    assert manifest["media"]["files"] > manifest["counts"]["images"]  # originals and renditions
    assert len(manifest["git_commit"]) == 40
    check = subprocess.run(["sha256sum", "--check", "SHA256SUMS"], cwd=folder, capture_output=True)
    assert check.returncode == 0, check.stdout


def test_restored_site_serves_the_same_pages_and_files(backup, tmp_path):
    result, report, work = run_drill(backup, tmp_path)

    assert result.returncode == 0, f"{result.stdout[-5000:]}\n{result.stderr[-3000:]}"
    assert report["differences"] == []
    paths = report["paths"]
    # Every page of the sitemap in both languages, the newsroom's feeds, the API's lists in
    # both languages, and the images the pages show.
    assert "/" in paths and "/en/" in paths and "/uutishuone/" in paths
    assert report["kinds"]["page"] >= 40
    assert sum(path.startswith("/en/") for path in paths) >= 20
    assert report["kinds"]["feed"] >= 2
    assert {"/api/pages/", "/en/api/pages/"} <= set(paths)
    assert report["kinds"]["media"] >= 50
    assert any(path.startswith("/media/images/") for path in paths)
    # The fresh database and media folder are gone.
    assert not drill_databases(backup[2])
    assert list(work.iterdir()) == []


def test_drill_fails_and_names_the_difference_when_the_restore_is_damaged(backup, tmp_path):
    result, report, _work = run_drill(backup, tmp_path, "--tamper-for-test")

    assert result.returncode == 1
    differences = "\n".join(report["differences"])
    # A page title changed in the restored database shows in the page's diff...
    assert re.search(r"^\+\s*<title>[^<]*\[tampered\]", differences, re.MULTILINE)
    # ...and an image file missing from the restored folder is a 404 where the original has it.
    assert "status 200 on the original, 404 restored" in differences
    assert "DIFFERENCE" in result.stdout
    assert not drill_databases(backup[2])


def test_failed_backup_leaves_no_folder_and_exits_non_zero(demo_site, tmp_path):
    missing = demo_site.database_url.rsplit("/", 1)[0] + "/pirsote_no_such_database"
    result = run(BACKUP, "--backup-dir", tmp_path, env=demo_site.env(DATABASE_URL=missing))

    assert result.returncode == 1
    assert "backup FAILED" in result.stderr and "pg_dump" in result.stderr
    assert list(tmp_path.iterdir()) == []
