"""Write the whole public site as static files: `manage.py export_static DIR` (docs/archive.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from pirsote.core.archive.crawl import DEFAULT_MAX_URLS
from pirsote.core.archive.export import MAP_DIRECTORY, export_static


class Command(BaseCommand):
    help = (
        "Write the public site into DIR as files any static web server serves at the same "
        "addresses, with a redirect map (nginx and CSV) in DIR/_archive/. Reads one "
        "consistent snapshot; safe on a live site."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="A new or empty directory.")
        parser.add_argument(
            "--base-url",
            help="The archive's public address (default: SITE_BASE_URL, the same address).",
        )
        parser.add_argument(
            "--max-urls",
            type=int,
            default=DEFAULT_MAX_URLS,
            help=f"Stop after this many addresses (default {DEFAULT_MAX_URLS}).",
        )

    def handle(self, *args, directory, base_url, max_urls, **options):
        root = Path(directory)
        if root.exists() and (not root.is_dir() or any(root.iterdir())):
            raise CommandError(f"{root} is not an empty directory: give a new or empty one.")
        if max_urls < 1:
            raise CommandError("--max-urls must be at least 1.")
        try:
            summary = export_static(root, archive_url=base_url, max_urls=max_urls)
        except ValueError as error:
            raise CommandError(f"--base-url: {error}") from error
        for kind, count in sorted(summary.written.items()):
            self.stdout.write(f"{kind}: {count}")
        self.stdout.write(f"Written: {sum(summary.written.values())} files.")
        self.stdout.write(f"Redirects: {summary.redirects}.")
        self.stdout.write(f"Redirect map: {summary.map_entries} entries in {MAP_DIRECTORY}/.")
        reasons = ", ".join(f"{r}: {n}" for r, n in sorted(summary.skipped_by_reason.items()))
        self.stdout.write(
            f"Skipped: {len(summary.skipped)}"
            + (f" ({reasons})" if reasons else "")
            + f"; listed in {MAP_DIRECTORY}/skipped.csv."
        )
        if summary.capped:
            self.stderr.write(
                self.style.WARNING(f"Stopped at {max_urls} addresses: the export is incomplete.")
            )
        else:
            self.stdout.write(self.style.SUCCESS(f"The archive is in {root}."))
