"""Small helpers of the API tests: addresses per language and parsed answers."""

from decimal import Decimal

LANGUAGES = ("fi", "en")
# Every list endpoint, by its address under /api/.
LISTS = (
    "pages/",
    "images/",
    "documents/",
    "projects/",
    "service-models/",
    "goals/",
    "grants/",
)


def api_path(language, rest=""):
    """`/api/<rest>` in Finnish, `/en/api/<rest>` in English."""
    prefix = "" if language == "fi" else f"/{language}"
    return f"{prefix}/api/{rest}"


def get_json(client, url, status=200, **extra):
    """GET `url`, check the status code and that the answer is JSON; return it parsed."""
    response = client.get(url, **extra)
    assert response.status_code == status, (
        f"GET {url} gave {response.status_code}, not {status}: {response.content[:300]!r}"
    )
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    return response.json()


def items_of(client, url):
    """Every item of a list endpoint (one answer of at most 100 items)."""
    separator = "&" if "?" in url else "?"
    data = get_json(client, f"{url}{separator}limit=100")
    assert data["count"] == len(data["items"]), "the test lists more than 100 items"
    return data["items"]


def ids_of(client, url, key="id"):
    return {item[key] for item in items_of(client, url)}


def euros(text):
    """An amount of the API ("5921081.00") as a Decimal, checking its form."""
    whole, _, cents = text.partition(".")
    assert whole.isdigit() and len(cents) == 2 and cents.isdigit(), text
    return Decimal(text)
