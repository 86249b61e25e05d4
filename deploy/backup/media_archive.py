"""The site's uploads as one tar archive, through Django's default storage, and back.

    python deploy/backup/media_archive.py dump ARCHIVE.tar.gz INDEX.sha256
    python deploy/backup/media_archive.py load ARCHIVE.tar.gz [INDEX.sha256]

Run with the site's environment (DJANGO_SETTINGS_MODULE, DATABASE_URL, MEDIA_ROOT or the
AWS_* variables). Going through `default_storage` rather than `tar -C $MEDIA_ROOT` gives one
code path for both places uploads may live: MEDIA_ROOT on disk, or an S3-compatible bucket
(pirsote.core.storage). Loading writes through the same storage, so a restore into a bucket
gets each object's ACL from its name (embargoed images and documents private), as uploads do.

`dump` prints a JSON summary (files, bytes, the storage, row counts of the site) as the last
line of its output;
INDEX is in `sha256sum` format, one line per file, so that an unpacked folder can be checked
with `sha256sum -c`. `load` refuses to overwrite a file that exists with other content.
"""

import argparse
import contextlib
import hashlib
import json
import os
import posixpath
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHUNK = 1024 * 1024


def setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pirsote.settings.production")
    import django

    django.setup()


def walk(storage, folder=""):
    """Every file name in `storage` under `folder`, sorted, as storage names."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        if folder:
            raise
        return  # an empty MEDIA_ROOT that was never created: no uploads yet
    for name in sorted(files):
        yield posixpath.join(folder, name) if folder else name
    for name in sorted(folders):
        yield from walk(storage, posixpath.join(folder, name) if folder else name)


class HashingReader:
    """A file wrapper that hashes what tarfile reads through it."""

    def __init__(self, file):
        self.file = file
        self.sha256 = hashlib.sha256()
        self.read_bytes = 0

    def read(self, size=-1):
        data = self.file.read(size)
        self.sha256.update(data)
        self.read_bytes += len(data)
        return data


def site_counts():
    """Rows of what the backup must hold, for the manifest (read from the live database)."""
    from django.contrib.auth import get_user_model

    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page

    image_model = get_image_model()
    return {
        "pages": Page.objects.count(),
        "live_pages": Page.objects.live().count(),
        "images": image_model.objects.count(),
        "renditions": image_model.get_rendition_model().objects.count(),
        "documents": get_document_model().objects.count(),
        "users": get_user_model().objects.count(),
    }


def describe(storage):
    location = getattr(storage, "bucket_name", None) or getattr(storage, "location", "")
    return f"{type(storage).__module__}.{type(storage).__name__}", str(location)


def dump(archive, index):
    from django.core.files.storage import storages

    storage = storages["default"]
    files = total = 0
    # Images are compressed already: a light gzip costs little and gains as much as a heavy one.
    with (
        tarfile.open(archive, "w:gz", compresslevel=1) as tar,
        open(index, "w", encoding="utf-8") as sums,
    ):
        for name in walk(storage):
            with storage.open(name, "rb") as stored:
                info = tarfile.TarInfo(name)
                info.size = stored.size
                info.mode = 0o644
                with contextlib.suppress(NotImplementedError, OSError):
                    info.mtime = int(storage.get_modified_time(name).timestamp())
                reader = HashingReader(stored)
                # tarfile fails ("unexpected end of data") if the file is shorter than its size.
                tar.addfile(info, reader)
            sums.write(f"{reader.sha256.hexdigest()}  {name}\n")
            files += 1
            total += info.size
    storage_class, location = describe(storage)
    return {
        "files": files,
        "bytes": total,
        "storage": storage_class,
        "location": location,
        "counts": site_counts(),
    }


def safe_name(name):
    normal = posixpath.normpath(name)
    if name.startswith("/") or normal.startswith("..") or normal != name:
        raise SystemExit(f"refusing an unsafe name in the archive: {name!r}")
    return name


def load(archive, index=None):
    from django.core.files.base import ContentFile
    from django.core.files.storage import storages

    storage = storages["default"]

    expected = {}
    if index:
        for line in Path(index).read_text(encoding="utf-8").splitlines():
            digest, _sep, name = line.partition("  ")
            expected[name] = digest
    files = skipped = 0
    seen = set()
    with tarfile.open(archive, "r:gz") as tar:
        for member in tar:
            if not member.isfile():
                continue
            name = safe_name(member.name)
            data = tar.extractfile(member).read()
            digest = hashlib.sha256(data).hexdigest()
            if index and expected.get(name) != digest:
                raise SystemExit(f"{name}: its content does not match the backup's index")
            seen.add(name)
            if storage.exists(name):
                with storage.open(name, "rb") as present:
                    if hashlib.sha256(present.read()).hexdigest() == digest:
                        skipped += 1
                        continue
                raise SystemExit(f"{name} exists with other content; not overwriting it")
            saved = storage.save(name, ContentFile(data))
            if saved != name:
                raise SystemExit(f"{name} was stored as {saved}")
            # Keep the file's date, so that Last-Modified stays what it was.
            with contextlib.suppress(NotImplementedError):
                os.utime(storage.path(name), (member.mtime, member.mtime))
            files += 1
    missing = sorted(set(expected) - seen)
    if missing:
        raise SystemExit(f"{len(missing)} files of the index are not in the archive: {missing[:5]}")
    storage_class, location = describe(storage)
    return {
        "files": files,
        "already_there": skipped,
        "storage": storage_class,
        "location": location,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    dump_parser = commands.add_parser("dump", help="write the uploads to ARCHIVE")
    dump_parser.add_argument("archive")
    dump_parser.add_argument("index")
    load_parser = commands.add_parser("load", help="write the files of ARCHIVE to the storage")
    load_parser.add_argument("archive")
    load_parser.add_argument("index", nargs="?")
    args = parser.parse_args()
    setup_django()
    if args.command == "dump":
        summary = dump(args.archive, args.index)
    else:
        summary = load(args.archive, args.index)
    json.dump(summary, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
