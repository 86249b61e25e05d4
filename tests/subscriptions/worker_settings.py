"""Settings for a worker started by the tests: the test settings, mail to a test SMTP server.

The test settings keep mails in memory; a worker in its own process must send them over
SMTP for the test to see them. The database comes from DATABASE_URL, the test database.
"""

import os

from pirsote.settings.test import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = int(os.environ["TEST_SMTP_PORT"])
EMAIL_HOST_USER = ""
EMAIL_HOST_PASSWORD = ""
EMAIL_USE_TLS = False
EMAIL_TIMEOUT = 10
