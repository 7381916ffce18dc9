"""Developer commands that work on a fresh machine with only Python 3.11+.

    python scripts/dev.py run [ARGS...]      open the app (or: run list, run run ticket-lock ...)
    python scripts/dev.py test [PYTEST...]   ruff, import-linter, then pytest
    python scripts/dev.py build              PyInstaller onedir build from build.spec
    python scripts/dev.py frozen-test        tests against the built executable
    python scripts/dev.py bench              performance figures -> bench-results.json
    python scripts/dev.py windows            the Windows build, installer and checks under Wine (Linux, root)

    python scripts/build_translations.py     refresh the .ts from desktop/ui (pyside6-lupdate), compile the .qm

Each command first makes sure a project-local virtual environment (.venv)
exists and holds what pyproject.toml asks for; it reinstalls only when
pyproject.toml changed. Pure Python and the standard library: no bash, no make.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tomllib
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
STAMP = VENV / ".concurrency-lab-installed"


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def requirements() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [*project["dependencies"], *project["optional-dependencies"]["dev"]]


def ensure_venv() -> Path:
    """Create .venv and install the requirements when missing or out of date."""
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    python = venv_python()
    if python.exists() and STAMP.exists() and STAMP.read_text().strip() == wanted:
        return python
    if not python.exists():
        print(f"creating {VENV} ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    print("installing requirements (first run only) ...", flush=True)
    pip = [str(python), "-m", "pip", "--disable-pip-version-check", "install", "--quiet"]
    subprocess.run([*pip, "--upgrade", "pip"], check=True)
    subprocess.run([*pip, *requirements()], check=True)
    STAMP.write_text(wanted)
    return python


def run(python: Path, *args: str, env: dict | None = None) -> int:
    return subprocess.run([str(python), *args], cwd=ROOT, env=env).returncode


def test_env() -> dict:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


def command_test(python: Path, args: list[str]) -> int:
    steps = [
        ["-m", "ruff", "check", "."],
        ["-m", "ruff", "format", "--check", "."],
        ["-c", "import sys; from importlinter.cli import lint_imports_command as c; sys.exit(c())"],
    ]
    for step in steps:
        print("$", "python", *step, flush=True)
        if run(python, *step) != 0:
            return 1
    return run(python, "-m", "pytest", *args, env=test_env())


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("run", "test", "build", "frozen-test", "bench", "setup", "windows"):
        print(__doc__)
        return 2
    command, args = argv[0], argv[1:]
    python = ensure_venv()
    if command == "setup":
        return 0
    # Qt translations (.qm) are built from the .ts sources, never committed.
    if (
        command in ("run", "test", "build", "windows")
        and run(python, "scripts/build_translations.py", "--no-update") != 0
    ):
        return 1
    if command == "run":
        return run(python, "-m", "desktop", *args)
    if command == "test":
        return command_test(python, args)
    if command == "build":
        return run(python, "-m", "PyInstaller", "--noconfirm", "--clean", "build.spec", *args)
    if command == "frozen-test":
        return run(python, "-m", "pytest", "tests/frozen", "-m", "frozen", *args, env=test_env())
    if command == "windows":
        return run(python, "scripts/windows", *args)
    return run(python, "scripts/bench.py", *args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
