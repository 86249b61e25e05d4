"""CI and `make audit`: the locked packages (uv.lock) against the known vulnerabilities.

pip-audit reads the lock as uv exports it (every package at its locked version, the tests'
included), not whatever happens to be installed.

Exits 1 when an installed version has a known vulnerability (raise its pin in
pyproject.toml to a fixed version). When no vulnerability database answers (PyPI's JSON API
and OSV need network access), it says so plainly and exits 0: nothing was checked, which is
not a pass. Run `make audit` where the network reaches them.
"""

import json
import subprocess
import sys
import tempfile
from pathlib import Path

PIP_AUDIT = Path(sys.executable).with_name("pip-audit")
UV = Path(__file__).resolve().parent.parent / ".tools" / "bin" / "uv"
SERVICES = ["pypi", "osv"]  # PyPI's advisories first, then the OSV database
TIMEOUT_SECONDS = 300


def locked_requirements():
    """uv.lock as a requirements file: every locked package pinned to its version."""
    export = [str(UV), "export", "--frozen", "--no-hashes", "--no-emit-project"]
    export += ["--format", "requirements-txt", "--all-groups"]
    text = subprocess.run(export, capture_output=True, text=True, check=True).stdout
    file = tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False)  # noqa: SIM115
    file.write(text)
    file.close()
    return file.name


def audit(service, requirements):
    """(dependencies as pip-audit reports them, or None if the service did not answer, why)."""
    command = [str(PIP_AUDIT), "--vulnerability-service", service, "--format", "json"]
    command += ["--requirement", requirements, "--no-deps", "--disable-pip"]
    command += ["--progress-spinner", "off", "--desc", "off"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        return None, f"no answer in {TIMEOUT_SECONDS} s"
    try:
        dependencies = json.loads(result.stdout)["dependencies"]
    except (ValueError, KeyError):
        lines = (result.stderr or result.stdout).strip().splitlines()
        return None, lines[-1] if lines else f"pip-audit exited {result.returncode}"
    if not any("skip_reason" not in dependency for dependency in dependencies):
        example = dependencies[0]["skip_reason"] if dependencies else "nothing to audit"
        return None, f"all {len(dependencies)} packages skipped, e.g. {example!r}"
    return dependencies, ""


def main():
    requirements = locked_requirements()
    for service in SERVICES:
        dependencies, why = audit(service, requirements)
        if dependencies is None:
            print(f"pip-audit: the {service} vulnerability database did not answer ({why})")
            continue
        vulnerable = [dependency for dependency in dependencies if dependency.get("vulns")]
        for dependency in vulnerable:
            for vulnerability in dependency["vulns"]:
                fixed = ", ".join(vulnerability.get("fix_versions") or []) or "no fixed version"
                print(
                    f"VULNERABLE {dependency['name']} {dependency['version']}: "
                    f"{vulnerability['id']} (fixed in {fixed})"
                )
        audited = [dependency for dependency in dependencies if "skip_reason" not in dependency]
        print(
            f"pip-audit ({service}): {len(audited)} packages audited, "
            f"{len(dependencies) - len(audited)} skipped, {len(vulnerable)} vulnerable"
        )
        return 1 if vulnerable else 0
    print(
        "pip-audit: NOT AUDITED - no vulnerability database is reachable from this machine. "
        "Run `make audit` where PyPI's JSON API or OSV answers "
        "(README, 'Security headers')."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
