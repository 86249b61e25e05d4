"""Screenshots of every page type at 360 px and 1 280 px, in Finnish and English, for review.

Builds the demo site in a throwaway SQLite database and media folder, serves it with
runserver on a free loopback port (DEBUG off, so the 404 page is the site's own), takes
full-page screenshots with Playwright in Debian's Chromium and stops the server.

    .venv/bin/python deploy/screenshots/shoot.py [--out /tmp/pirsote-screenshots] [--sunset]

With --sunset the site is shot in sunset mode (the project has ended: pirsote/core/sunset.py).
"""

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WIDTHS = (360, 1280)
LANGUAGES = ("fi", "en")

# Prints {page type: {language: address}}, run inside `manage.py shell`.
ADDRESSES = """
import json
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page
from pirsote.core.models import HomePage, ReformPage, SectionIndexPage, SiteSettings
from funding.models import FundingPage
from news.models import NewsIndexPage, ReleasePage
from projects.models import (
    GoalIndexPage, ProjectIndexPage, ProjectPage, ServiceModelIndexPage, ServiceModelPage,
)

pages = {
    "home": HomePage.objects.first(),
    "section-index": SectionIndexPage.objects.order_by("path").first(),
    "reform-page": ReformPage.objects.order_by("path").first(),
    "newsroom": NewsIndexPage.objects.first(),
    "release": ReleasePage.objects.order_by("first_published_at").first(),
    "project-index": ProjectIndexPage.objects.first(),
    "project": ProjectPage.objects.order_by("path").first(),
    "service-model-index": ServiceModelIndexPage.objects.first(),
    "service-model": ServiceModelPage.objects.order_by("path").first(),
    "goals": GoalIndexPage.objects.first(),
    "funding": FundingPage.objects.first(),
    "accessibility-statement": SiteSettings.objects.first().accessibility_statement,
}
queries = {"fi": ("sote-keskus", "qwxzyv"), "en": ("health centre", "qwxzyv")}
addresses = {}
for language in ("fi", "en"):
    with translation.override(language):
        for name, page in pages.items():
            if page is not None:
                addresses.setdefault(name, {})[language] = page.get_url()
        newsroom = pages["newsroom"].get_url()
        addresses.setdefault("media-bank", {})[language] = newsroom + "media/"
        search = reverse("search:search")
        found, missing = queries[language]
        addresses.setdefault("search-results", {})[language] = f"{search}?q={found}"
        addresses.setdefault("search-no-results", {})[language] = f"{search}?q={missing}"
        addresses.setdefault("subscribe", {})[language] = reverse("subscriptions:subscribe")
        addresses.setdefault("not-found", {})[language] = (
            "/ei-ole-olemassa/" if language == "fi" else "/en/does-not-exist/"
        )
print("ADDRESSES=" + json.dumps(addresses))
"""


# Where the work of the demo's projects went on.
SUNSET_ARGUMENTS = (
    "--date=2022-12-31",
    "--successor=https://www.pirha.fi/",
    "--name=Pirkanmaan hyvinvointialue",
    "--name-en=Pirkanmaa wellbeing services county",
    "--second-successor=https://www.innokyla.fi/",
    "--second-name=Innokylä",
)

EAGER_IMAGES = """() => Promise.all([...document.images].map((image) => {
    image.loading = "eager";
    return image.complete ? null : new Promise((done) => {
        image.addEventListener("load", done);
        image.addEventListener("error", done);
    });
}))"""


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def manage(env, *args, capture=False):
    command = [sys.executable, "manage.py", *args]
    result = subprocess.run(
        command, cwd=ROOT, env=env, check=True, text=True, capture_output=capture
    )
    return result.stdout


def wait_for(url, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"The server did not answer at {url} within {seconds} s.")


def shoot(base_url, addresses, out, chromium):
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    taken = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium, args=["--headless", "--no-sandbox"]
        )
        for width in WIDTHS:
            context = browser.new_context(viewport={"width": width, "height": 800})
            page = context.new_page()
            for name, by_language in addresses.items():
                for language in LANGUAGES:
                    if language not in by_language:
                        continue
                    page.goto(base_url + by_language[language], wait_until="networkidle")
                    # A full-page shot does not scroll: load the lazy pictures below the fold.
                    page.evaluate(EAGER_IMAGES)
                    page.wait_for_load_state("networkidle")
                    path = out / f"{name}-{language}-{width}.png"
                    page.screenshot(path=str(path), full_page=True)
                    taken.append(path)
            context.close()
        browser.close()
    return taken


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("/tmp/pirsote-screenshots"))
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    parser.add_argument("--sunset", action="store_true", help="Switch sunset mode on first.")
    options = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="pirsote-shots-") as work:
        port = free_port()
        base_url = f"http://127.0.0.1:{port}"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "pirsote.settings.dev",
            "DATABASE_URL": f"sqlite:///{work}/db.sqlite3",
            "MEDIA_ROOT": f"{work}/media",
            "SITE_BASE_URL": base_url,
            "DEBUG": "0",
            "REDIS_URL": "",
        }
        print("Building the demo site in", work, flush=True)
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "load_initial_data")
        manage(env, "update_index", "--backend", "site")
        if options.sunset:
            manage(env, "sunset", *SUNSET_ARGUMENTS)
        output = manage(env, "shell", "-c", ADDRESSES, capture=True)
        addresses = json.loads(output.split("ADDRESSES=", 1)[1])
        server = subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "runserver",
                "--noreload",
                "--insecure",
                f"127.0.0.1:{port}",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_for(base_url + "/")
            taken = shoot(base_url, addresses, options.out, options.chromium)
        finally:
            server.terminate()
            server.wait(timeout=10)
    print(f"{len(taken)} screenshots in {options.out}")


if __name__ == "__main__":
    main()
