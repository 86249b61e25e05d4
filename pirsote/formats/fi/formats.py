"""Finnish formats: 1.7.2021, 10.04, 5 921 081 (non-breaking spaces)."""

from django.conf.locale.fi.formats import *  # noqa: F403

DATE_FORMAT = "j.n.Y"
TIME_FORMAT = "G.i"
DATETIME_FORMAT = "j.n.Y G.i"
SHORT_DATE_FORMAT = "j.n.Y"
SHORT_DATETIME_FORMAT = "j.n.Y G.i"
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"
NUMBER_GROUPING = 3
