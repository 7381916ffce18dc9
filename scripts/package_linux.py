"""Pack the Linux onedir build into a tar.gz with a .desktop entry and an icon.

    python scripts/package_linux.py            -> dist/ConcurrencyLab-<version>-linux-<arch>.tar.gz

Run after ``python scripts/dev.py build``. The archive unpacks to one folder:

    ConcurrencyLab-<version>/
        ConcurrencyLab                the app (double-click, or `./ConcurrencyLab self-test`)
        concurrency-lab-cli           symlink to it, for the command line
        _internal/                    Python, Qt and the app's libraries
        concurrency-lab.png           icon
        concurrency-lab.desktop       menu entry template
        install-desktop-entry.sh      puts the menu entry into ~/.local/share/applications

tarfile stores symlinks as symlinks (PyInstaller bundles contain some), which a
zip or an artifact upload of the bare folder would turn into copies or lose.
Prints the archive's size and fails if it exceeds the budget.
"""

from __future__ import annotations

import argparse
import io
import platform
import sys
import tarfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP_DIR = ROOT / "dist" / "ConcurrencyLab"
ICON = ROOT / "resources" / "icons" / "concurrency-lab.png"
BUDGET_MB = 70

DESKTOP_ENTRY = """[Desktop Entry]
Type=Application
Name=Concurrency Lab
Name[zh_CN]=并发实验室
Comment=Learn Python concurrency by running it
Comment[zh_CN]=通过运行代码学习 Python 并发
Exec={exec} %U
Icon={icon}
Terminal=false
Categories=Education;Development;
StartupWMClass=ConcurrencyLab
"""

INSTALL_SCRIPT = """#!/bin/sh
# Adds Concurrency Lab to the desktop's application menu (current user only).
# Run it from the unpacked folder; run it again after moving the folder.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
apps="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
mkdir -p "$apps"
sed -e "s|^Exec=.*|Exec=\\"$here/ConcurrencyLab\\" %U|" -e "s|^Icon=.*|Icon=$here/concurrency-lab.png|" \\
    "$here/concurrency-lab.desktop" > "$apps/concurrency-lab.desktop"
echo "installed $apps/concurrency-lab.desktop"
"""


def version() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def _add_text(archive: tarfile.TarFile, name: str, text: str, mode: int) -> None:
    data = text.encode("utf-8")
    info = tarfile.TarInfo(name)
    info.size, info.mode = len(data), mode
    archive.addfile(info, io.BytesIO(data))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--app-dir", type=Path, default=APP_DIR)
    parser.add_argument("--output", type=Path, default=None)
    args = parser.parse_args(argv)
    if not (args.app_dir / "ConcurrencyLab").is_file():
        print(f"no build in {args.app_dir}: run `python scripts/dev.py build` first", file=sys.stderr)
        return 1
    top = f"ConcurrencyLab-{version()}"
    output = args.output or ROOT / "dist" / f"{top}-linux-{platform.machine()}.tar.gz"
    with tarfile.open(output, "w:gz", compresslevel=9) as archive:
        archive.add(args.app_dir, arcname=top)  # recursive; symlinks stay symlinks
        archive.add(ICON, arcname=f"{top}/concurrency-lab.png")
        _add_text(
            archive,
            f"{top}/concurrency-lab.desktop",
            DESKTOP_ENTRY.format(exec="ConcurrencyLab", icon="concurrency-lab"),
            0o644,
        )
        _add_text(archive, f"{top}/install-desktop-entry.sh", INSTALL_SCRIPT, 0o755)
    size_mb = output.stat().st_size / 1e6
    print(f"archive: {output.relative_to(ROOT)} {size_mb:.1f} MB (budget {BUDGET_MB} MB)")
    return 0 if size_mb <= BUDGET_MB else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
