"""CI: the installed Python packages against the known vulnerabilities, with pip-audit.

Exits 1 when an installed version has a known vulnerability (raise its pin in
pyproject.toml to a fixed version). When no vulnerability database answers (PyPI's JSON API
and OSV need network access), it says so plainly and exits 0: nothing was checked, which is
not a pass. Run it where the network reaches them: `.venv/bin/python .ci/audit_packages.py`.
"""

import json
import subprocess
import sys
from pathlib import Path

PIP_AUDIT = Path(sys.executable).with_name("pip-audit")
SERVICES = ["pypi", "osv"]  # PyPI's advisories first, then the OSV database
TIMEOUT_SECONDS = 300


def audit(service):
    """(dependencies as pip-audit reports them, or None if the service did not answer, why)."""
    command = [str(PIP_AUDIT), "--vulnerability-service", service, "--format", "json"]
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
    for service in SERVICES:
        dependencies, why = audit(service)
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
        "Run `.venv/bin/python .ci/audit_packages.py` where PyPI's JSON API or OSV answers "
        "(README, 'Security headers')."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
