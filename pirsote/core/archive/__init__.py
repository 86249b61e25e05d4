"""The static archive of the public site (`manage.py export_static`, docs/archive.md).

crawl.py renders every public address in-process, as an anonymous visitor, from one
consistent snapshot of the database; paths.py says which file each address becomes;
export.py writes the files, rewrites the links and writes the redirect map. A later WARC
export can reuse crawl.crawl(): it yields every public URL of the export with its response.
"""


def is_static_export(request):
    """True while the exporter renders `request`: templates and views replace what needs a
    server (search, forms) with what a static copy can offer. Visitors cannot set it: it is
    an attribute the exporter's request handler puts on the request, not a header."""
    return bool(getattr(request, "static_export", False))
