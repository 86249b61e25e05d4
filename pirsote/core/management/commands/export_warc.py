"""Write the public site as a web-archive file: `manage.py export_warc FILE.warc.gz`
(docs/archive.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from pirsote.core.archive.crawl import DEFAULT_MAX_URLS
from pirsote.core.archive.warc import cdxj_path, sha256, write_warc


class Command(BaseCommand):
    help = (
        "Write every public address of the site with its HTTP response into FILE.warc.gz "
        "(WARC 1.1) and a CDXJ index next to it, for the National Library of Finland's web "
        "archive. Reads one consistent snapshot; safe on a live site."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The WARC file to write, ending in .warc.gz.")
        parser.add_argument(
            "--base-url", help="The address the records are under (default SITE_BASE_URL)."
        )
        parser.add_argument(
            "--max-urls",
            type=int,
            default=DEFAULT_MAX_URLS,
            help=f"Stop after this many addresses (default {DEFAULT_MAX_URLS}).",
        )
        parser.add_argument("--force", action="store_true", help="Overwrite an existing file.")

    def handle(self, *args, file, base_url, max_urls, force, **options):
        path = Path(file)
        if not path.name.endswith(".warc.gz"):
            raise CommandError(f"{path}: give a file name ending in .warc.gz.")
        if path.exists() and not force:
            raise CommandError(f"{path} exists: give a new file, or --force to overwrite it.")
        if not path.parent.is_dir():
            raise CommandError(f"{path.parent} is not a directory.")
        if max_urls < 1:
            raise CommandError("--max-urls must be at least 1.")
        if base_url and not base_url.startswith(("https://", "http://")):
            raise CommandError("--base-url: give an address that starts with https:// or http://.")
        written, crawler = write_warc(path, archive_url=base_url, max_urls=max_urls)
        self.stdout.write(
            f"{written} addresses in {path} (sha256 {sha256(path)}), index in {cdxj_path(path)}."
        )
        if crawler.skipped:
            self.stdout.write(f"{len(crawler.skipped)} addresses skipped:")
            for skipped in crawler.skipped[:50]:
                self.stdout.write(f"  {skipped.url}: {skipped.reason}")
        if crawler.capped:
            self.stderr.write(f"Stopped at --max-urls {max_urls}: the archive is incomplete.")
