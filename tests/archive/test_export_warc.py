"""`manage.py export_warc`: the public site as WARC 1.1 with a CDXJ index, the same
addresses as the static export, checked by `warcio check`."""

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test.utils import override_settings

import pytest
from warcio.archiveiterator import ArchiveIterator

from tests.archive.test_export_static import build_site

pytestmark = pytest.mark.django_db

WARCIO = str(Path(sys.executable).with_name("warcio"))
BASE = "https://sote.example.fi"
HIDDEN = ("Luonnostiedote", "Ajastettu tiedote", "Sisäinen sivu", "embargokuva")


@pytest.fixture(scope="module")
def archive(django_db_setup, django_db_blocker, tmp_path_factory):
    """The test site built once, exported both ways from the same data."""
    work = tmp_path_factory.mktemp("warc")
    media = override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("media")))
    media.enable()
    try:
        with django_db_blocker.unblock(), transaction.atomic():
            cache.clear()
            build_site()
            call_command(
                "export_static", str(work / "site"), "--base-url", BASE, stdout=io.StringIO()
            )
            output = io.StringIO()
            call_command(
                "export_warc", str(work / "site.warc.gz"), "--base-url", BASE, stdout=output
            )
            transaction.set_rollback(True)
    finally:
        media.disable()
        cache.clear()
    with open(work / "site" / "_archive" / "redirects.csv", encoding="utf-8") as stream:
        exported = {row["old_url"]: row for row in csv.DictReader(stream)}
    records = []
    with open(work / "site.warc.gz", "rb") as stream:
        for record in ArchiveIterator(stream):
            http = record.http_headers
            records.append(
                {
                    "type": record.rec_type,
                    "url": record.rec_headers.get_header("WARC-Target-URI"),
                    "status": http.get_statuscode()
                    if http and record.rec_type == "response"
                    else None,
                    "headers": dict(http.headers) if http else {},
                    "body": record.content_stream().read(),
                }
            )
    return {
        "warc": work / "site.warc.gz",
        "cdxj": work / "site.cdxj",
        "output": output.getvalue(),
        "exported": exported,
        "records": records,
    }


def responses(archive):
    return [record for record in archive["records"] if record["type"] == "response"]


def test_the_file_passes_warcio_check(archive):
    result = subprocess.run(
        [WARCIO, "check", "-v", str(archive["warc"])], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert archive["records"][0]["type"] == "warcinfo"


def test_its_records_cover_exactly_the_addresses_of_the_static_export(archive):
    urls = [record["url"] for record in responses(archive)]
    assert len(urls) == len(set(urls))
    assert {url.removeprefix(BASE) for url in urls} == set(archive["exported"])
    assert len(urls) > 40
    requests = [r["url"] for r in archive["records"] if r["type"] == "request"]
    assert requests == urls  # each response with the request that asked for it


def test_each_address_answers_200_or_its_real_redirect(archive):
    for record in responses(archive):
        path = record["url"].removeprefix(BASE)
        assert record["status"] in ("200", "301", "302"), path
        assert int(archive["exported"][path]["status"]) == int(record["status"])
        if record["status"] != "200":
            assert record["headers"]["Location"]


def test_responses_carry_the_http_headers_the_site_sent(archive):
    by_url = {record["url"]: record for record in responses(archive)}
    home = by_url[f"{BASE}/en/"]
    assert home["headers"]["Content-Type"] == "text/html; charset=utf-8"
    assert home["headers"]["Content-Language"] == "en"
    assert "Content-Security-Policy" in home["headers"]
    assert int(home["headers"]["Content-Length"]) == len(home["body"])
    assert b'<html lang="en"' in home["body"]
    feeds = [r for r in by_url.values() if "rss" in r["headers"].get("Content-Type", "")]
    assert feeds
    images = [
        r for r in by_url.values() if r["headers"].get("Content-Type", "").startswith("image/")
    ]
    assert images and all(len(r["body"]) == int(r["headers"]["Content-Length"]) for r in images)


def test_drafts_scheduled_private_and_embargoed_content_are_absent(archive):
    for record in archive["records"]:
        for hidden in HIDDEN:
            assert hidden.encode() not in record["body"], (hidden, record["url"])
            assert hidden.lower() not in (record["url"] or "").lower()


def test_the_cdxj_index_points_at_every_response(archive):
    lines = archive["cdxj"].read_text().splitlines()
    assert lines == sorted(lines)
    assert len(lines) == len(responses(archive))
    with open(archive["warc"], "rb") as stream:
        for line in lines[:: max(1, len(lines) // 10)]:
            key, stamp, fields = line.split(" ", 2)
            fields = json.loads(fields)
            assert len(stamp) == 14 and stamp.isdigit()
            assert key.startswith("fi,example,sote)/")
            stream.seek(int(fields["offset"]))
            record = next(iter(ArchiveIterator(stream)))
            assert record.rec_headers.get_header("WARC-Target-URI") == fields["url"]
            assert str(record.http_headers.get_statuscode()) == fields["status"]


def test_the_command_refuses_what_it_cannot_write(tmp_path):
    existing = tmp_path / "old.warc.gz"
    existing.write_bytes(b"")
    for arguments in (
        [str(tmp_path / "site.warc")],
        [str(existing)],
        [str(tmp_path / "missing" / "site.warc.gz")],
        [str(tmp_path / "site.warc.gz"), "--base-url", "javascript:alert(1)"],
    ):
        with pytest.raises(CommandError):
            call_command("export_warc", *arguments)
    assert existing.read_bytes() == b""
