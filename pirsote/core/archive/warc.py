"""The public site as a web-archive file: WARC 1.1 (warcio) with a CDXJ index.

For the National Library of Finland's web archive. The records are those of the static
export (`crawl()`, one consistent snapshot, the archive's own view of the site: the search
page is the A–Z index, the subscription page a note), at the site's public address, each a
request and its response with the HTTP status and headers the site sent. Uploads, which the
web server sends from storage in production, get the headers it would send: their type and
length.

The CDXJ index (one line per response: SURT key, 14-digit time, JSON with url, mime,
status, digest, length, offset and filename) is sorted, as replay tools expect.
"""

import datetime
import hashlib
import io
import json
from http import HTTPStatus
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from ..absolute_urls import base_url
from .crawl import DEFAULT_MAX_URLS, NOT_FOUND, crawl

SOFTWARE = "pirsote export_warc (warcio)"


def surt(url):
    """The Sort-friendly URI Reordering Transform of `url`, as CDXJ indexes key it:
    "https://www.Example.fi:8443/a/?b=2&a=1" -> "fi,example:8443)/a/?a=1&b=2"."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    key = ",".join(reversed(host.split(".")))
    default_port = {"http": 80, "https": 443}.get(parts.scheme)
    if parts.port and parts.port != default_port:
        key += f":{parts.port}"
    key += ")" + (parts.path or "/").lower()
    if parts.query:
        key += "?" + urlencode(sorted(parse_qsl(parts.query, keep_blank_values=True))).lower()
    return key


def _http_headers(fetched):
    if fetched.response is None:  # an upload, from storage
        headers = [("Content-Type", fetched.content_type)]
    else:
        headers = [(name, value) for name, value in fetched.response.items()]
        cookies = fetched.response.cookies.values()
        headers += [("Set-Cookie", morsel.OutputString()) for morsel in cookies]
    headers = [(name, value) for name, value in headers if name.lower() != "content-length"]
    headers.append(("Content-Length", str(len(fetched.content))))
    reason = HTTPStatus(fetched.status).phrase
    return StatusAndHeaders(f"{fetched.status} {reason}", headers, protocol="HTTP/1.1")


def write_warc(path, *, archive_url=None, max_urls=DEFAULT_MAX_URLS):
    """Write the site into `path` (.warc.gz) and its index next to it (.cdxj); returns
    (records written, Crawler) so the caller can report what was skipped."""
    path = Path(path)
    root = (archive_url or base_url()).rstrip("/")
    host = urlsplit(root).netloc
    crawler = crawl(max_urls=max_urls)
    responses = 0
    with open(path, "wb") as output:
        writer = WARCWriter(output, gzip=True, warc_version="1.1")
        info = writer.create_warcinfo_record(
            path.name,
            {"software": SOFTWARE, "format": "WARC File Format 1.1", "isPartOf": root},
        )
        writer.write_record(info)
        for fetched in crawler:
            if fetched.kind == NOT_FOUND:
                continue  # the static archive's, not an address of the site
            url = root + fetched.url
            parts = urlsplit(fetched.url)
            target = parts.path + (f"?{parts.query}" if parts.query else "")
            request = writer.create_warc_record(
                url,
                "request",
                http_headers=StatusAndHeaders(
                    f"GET {target} HTTP/1.1", [("Host", host)], is_http_request=True
                ),
            )
            response = writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(fetched.content),
                http_headers=_http_headers(fetched),
            )
            request.rec_headers.add_header(
                "WARC-Concurrent-To", response.rec_headers.get_header("WARC-Record-ID")
            )
            writer.write_record(request)
            writer.write_record(response)
            responses += 1
    write_cdxj(path)
    return responses, crawler


def cdxj_path(warc_path):
    name = Path(warc_path).name.removesuffix(".gz").removesuffix(".warc")
    return Path(warc_path).with_name(name + ".cdxj")


def write_cdxj(warc_path):
    """The CDXJ index of the responses in `warc_path`, sorted by key and time."""
    lines = []
    with open(warc_path, "rb") as stream:
        records = ArchiveIterator(stream)
        for record in records:
            if record.rec_type != "response":
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            date = record.rec_headers.get_header("WARC-Date")
            stamp = datetime.datetime.fromisoformat(date.replace("Z", "+00:00"))
            http = record.http_headers
            fields = {
                "url": url,
                "mime": (http.get_header("Content-Type") or "").split(";")[0].strip(),
                "status": http.get_statuscode(),
                "digest": record.rec_headers.get_header("WARC-Payload-Digest"),
            }
            if location := http.get_header("Location"):
                fields["redirect"] = location
            fields |= {
                "length": str(records.get_record_length()),
                "offset": str(records.get_record_offset()),
                "filename": Path(warc_path).name,
            }
            lines.append(f"{surt(url)} {stamp:%Y%m%d%H%M%S} {json.dumps(fields)}")
    cdxj_path(warc_path).write_text("".join(line + "\n" for line in sorted(lines)))
    return len(lines)


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
