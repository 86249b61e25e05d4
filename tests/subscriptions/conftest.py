"""Fixtures for the e-mail subscriptions: a newsroom and two projects, and a real SMTP server."""

import datetime
from types import SimpleNamespace

import pytest

from tests.factories import (
    NewsIndexPageFactory,
    ProjectIndexPageFactory,
    ProjectPageFactory,
    SiteSettingsFactory,
)

from .helpers import SMTPServer


@pytest.fixture
def news_site(home_page):
    """Home → Uutishuone (/uutishuone/, /en/newsroom/), and Hankkeet → PirSOTE and KOMAS."""
    newsroom = NewsIndexPageFactory(parent=home_page)
    projects = ProjectIndexPageFactory(parent=home_page)
    pirsote = ProjectPageFactory(
        parent=projects,
        acronym="PirSOTE",
        title_fi="Pirkanmaan tulevaisuuden sote-keskus",
        title_en="Pirkanmaa Health and Social Services Centre of the Future",
    )
    komas = ProjectPageFactory(
        parent=projects,
        acronym="KOMAS",
        title_fi="Kohti maakunnallista sotea",
        title_en="Towards Regional Health and Social Services",
        actual_start=datetime.date(2020, 1, 1),
    )
    SiteSettingsFactory()
    return SimpleNamespace(home=home_page, newsroom=newsroom, pirsote=pirsote, komas=komas)


@pytest.fixture
def smtp_server():
    """An SMTP server on 127.0.0.1 that keeps what it receives; Django sends to it."""
    server = SMTPServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def smtp_settings(settings, smtp_server):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = smtp_server.port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    return settings
