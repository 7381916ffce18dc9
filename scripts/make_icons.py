"""Render resources/icons/concurrency-lab.svg (the one source image) into every icon format the builds need.

    python scripts/make_icons.py        (from the project's .venv; needs PySide6 only)

Writes, next to the SVG:
  concurrency-lab.png    512 px, for Linux (.desktop entry, AppImage/tar) and the window icon
  concurrency-lab.ico    Windows executables and installer (16, 24, 32, 48, 64, 128, 256 px)
  concurrency-lab.icns   the macOS .app bundle (16 ... 1024 px)

Qt only rasterises the SVG; the .ico and .icns containers are written here
(both accept PNG-compressed images), so the output is the same on every OS
and no platform tool (iconutil, ImageMagick) is needed. The generated files are
committed, so builds do not need to run this script.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SOURCE = ICONS / "concurrency-lab.svg"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# icns element types holding PNG data, by pixel size (Apple's "icp4".."ic10").
ICNS_TYPES = {16: b"icp4", 32: b"icp5", 64: b"icp6", 128: b"ic07", 256: b"ic08", 512: b"ic09", 1024: b"ic10"}


def render_png(size: int) -> bytes:
    """The source SVG as a ``size`` x ``size`` PNG with alpha."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {SOURCE}")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data)


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICO file whose images are PNG-compressed (supported since Windows Vista)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    directory, images = b"", b""
    offset = len(header) + 16 * len(pngs)
    for size, png in sorted(pngs.items()):
        dimension = 0 if size >= 256 else size  # 0 means 256 in an ICO directory
        directory += struct.pack("<BBBBHHII", dimension, dimension, 0, 0, 1, 32, len(png), offset + len(images))
        images += png
    return header + directory + images


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICNS file: 'icns', total length, then (type, length, PNG) elements; big-endian."""
    body = b"".join(ICNS_TYPES[size] + struct.pack(">I", 8 + len(png)) + png for size, png in sorted(pngs.items()))
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    sizes = sorted(set(ICO_SIZES) | set(ICNS_TYPES) | {512})
    pngs = {size: render_png(size) for size in sizes}
    outputs = {
        ICONS / "concurrency-lab.png": pngs[512],
        ICONS / "concurrency-lab.ico": ico_bytes({size: pngs[size] for size in ICO_SIZES}),
        ICONS / "concurrency-lab.icns": icns_bytes({size: pngs[size] for size in ICNS_TYPES}),
    }
    for path, data in outputs.items():
        path.write_bytes(data)
        print(f"wrote {path.relative_to(ICONS.parent.parent)} ({len(data) // 1024} KB)")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
