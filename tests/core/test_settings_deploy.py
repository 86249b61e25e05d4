"""The production settings pass Django's deployment checklist without a warning."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
# The project's virtualenv when there is one, else whatever runs the tests.
VENV_PYTHON = BASE_DIR / ".venv" / "bin" / "python"
PYTHON = str(VENV_PYTHON) if VENV_PYTHON.exists() else sys.executable


def run_deploy_check(**environment):
    """`manage.py check --deploy --fail-level WARNING` in a fresh process: (exit code, output)."""
    env = {
        key: value
        for key, value in os.environ.items()
        # Nothing from the test run or a developer's shell may loosen the checked settings.
        if not key.startswith(("DJANGO_", "SECURE_", "DEBUG", "ALLOWED_HOSTS", "SECRET_KEY"))
    }
    env.update(environment)
    result = subprocess.run(
        [PYTHON, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return result.returncode, result.stdout + result.stderr


def production_environment(**overrides):
    return {
        "DJANGO_SETTINGS_MODULE": "pirsote.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "example.fi",
        "SITE_BASE_URL": "https://example.fi",
        # Not connected to by the check: only its being shared is checked.
        "REDIS_URL": "redis://127.0.0.1:6379/15",
        **overrides,
    }


def test_production_settings_pass_deploy_check_without_warnings():
    returncode, output = run_deploy_check(**production_environment())

    assert returncode == 0, output
    assert "System check identified no issues" in output, output


def test_deploy_check_catches_a_weak_secret_key():
    # Proves the check above really inspects the settings it is given.
    returncode, output = run_deploy_check(**production_environment(SECRET_KEY="short"))

    assert returncode != 0
    assert "security.W009" in output, output


def test_deploy_check_refuses_a_cache_of_each_process_of_its_own():
    environment = production_environment()
    del environment["REDIS_URL"]
    returncode, output = run_deploy_check(**environment)

    assert returncode != 0
    assert "pirsote.E001" in output and "REDIS_URL" in output, output


def test_production_settings_refuse_to_start_without_secret_key():
    environment = production_environment()
    del environment["SECRET_KEY"]
    returncode, output = run_deploy_check(**environment)

    assert returncode != 0
    assert "SECRET_KEY" in output
