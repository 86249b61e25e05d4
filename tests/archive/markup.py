"""Reading exported and live pages: the addresses they name, and their visible text."""

import re
from html.parser import HTMLParser


class Links(HTMLParser):
    """Every address an HTML page names (href, src, srcset, poster), and its forms and scripts."""

    def __init__(self):
        super().__init__()
        self.urls, self.forms, self.scripts = [], 0, 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.forms += tag == "form"
        self.scripts += tag == "script" and attrs.get("type") != "application/ld+json"
        for name in ("href", "src", "poster"):
            if attrs.get(name):
                self.urls.append(attrs[name])
        for candidate in (attrs.get("srcset") or "").split(","):
            if candidate.strip():
                self.urls.append(candidate.split()[0])


class Text(HTMLParser):
    """A page's visible text, without forms, scripts, and the archive's stand-in for the
    header's search form."""

    SKIPPED = {"form", "script", "style", "head"}

    def __init__(self):
        super().__init__()
        self.depth, self.parts, self.stack = 0, [], []

    def handle_starttag(self, tag, attrs):
        skip = tag in self.SKIPPED or "site-search--archive" in (dict(attrs).get("class") or "")
        if tag in ("br", "img", "input", "meta", "link", "source", "track", "hr", "wbr"):
            return
        self.stack.append(skip)
        self.depth += skip

    def handle_endtag(self, tag):
        if tag in ("br", "img", "input", "meta", "link", "source", "track", "hr", "wbr"):
            return
        if self.stack:
            self.depth -= self.stack.pop()

    def handle_data(self, data):
        if not self.depth:
            self.parts.append(data)


def page_text(markup):
    parser = Text()
    parser.feed(markup)
    return re.sub(r"\s+", " ", " ".join(parser.parts)).strip()
