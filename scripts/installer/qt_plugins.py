"""Qt plugins the Linux bundle leaves out, and the libraries only they needed (used by build.spec).

Why: PySide6's hooks collect every Qt plugin of the wheel. Many serve
embedded or special set-ups a desktop app never meets, and some drag in large
library stacks (GTK's cairo/pango/gdk-pixbuf, QtNetwork with Kerberos, the
Wayland client). Dropping them takes about 20 MB off the Linux onedir.

Windows and macOS bundles keep PyInstaller's defaults: their plugin sets are
small and have not been measured for pruning.
"""

from __future__ import annotations

from pathlib import Path

# - generic/, egldeviceintegrations/, eglfs, minimalegl, linuxfb, vnc, vkkhrdisplay:
#   embedded/framebuffer back-ends and a VNC server; input-device drivers (the
#   TUIO one drags in QtNetwork and Kerberos).
# - GTK3 platform theme: drags in GTK's cairo/pango/gdk-pixbuf stack; without
#   it Qt draws its own Fusion style.
# - The native Wayland client (plugin + libQt6WaylandClient + decorations,
#   ~4.5 MB): on a Wayland session Qt falls back to xcb, i.e. XWayland, which
#   every Wayland desktop provides.
# - Image formats: the app's icons are PNG (built into QtGui) and SVG; ico/icns
#   stay for window icons.
# Kept: xcb, offscreen, minimal, input contexts, GL integrations, svg/ico/icns/gif.
UNUSED_QT_PLUGINS = (
    "plugins/generic/",
    "plugins/egldeviceintegrations/",
    "plugins/platforms/libqeglfs.so",
    "plugins/platforms/libqminimalegl.so",
    "plugins/platforms/libqlinuxfb.so",
    "plugins/platforms/libqvnc.so",
    "plugins/platforms/libqvkkhrdisplay.so",
    "plugins/platforms/libqwayland",  # libqwayland.so and libqwayland-*.so
    "plugins/wayland-",  # wayland-decoration-client/, -graphics-integration-client/, -shell-integration/
    "plugins/platformthemes/libqgtk3.so",
    "plugins/imageformats/libqjpeg.so",
    "plugins/imageformats/libqtiff.so",
    "plugins/imageformats/libqwebp.so",
    "plugins/imageformats/libqtga.so",
    "plugins/imageformats/libqwbmp.so",
)


def is_unused(dest: str) -> bool:
    """True for a bundle path (TOC destination) that UNUSED_QT_PLUGINS names."""
    dest = dest.replace("\\", "/")
    return any(part in dest if not part.endswith(".so") else dest.endswith(part) for part in UNUSED_QT_PLUGINS)


def _needed_closure(roots, binaries_by_name):
    """Names of the bundled libraries reachable (DT_NEEDED) from ``roots`` (source paths)."""
    from PyInstaller.depend.bindepend import get_imports

    seen, todo = set(), list(roots)
    while todo:
        for name, _path in get_imports(todo.pop()):
            base = Path(name).name
            if base in binaries_by_name and base not in seen:
                seen.add(base)
                todo.append(binaries_by_name[base])
    return seen


def drop_unused(binaries):
    """``binaries`` (a TOC) without UNUSED_QT_PLUGINS and the libraries that only they needed.

    PyInstaller collected those libraries while analysing the plugins; a
    library still needed by anything kept stays.
    """
    dropped_plugins = [entry for entry in binaries if is_unused(entry[0])]
    kept = [entry for entry in binaries if not is_unused(entry[0])]
    if not dropped_plugins:
        return binaries

    # Only plain shared libraries can go. Extensions, plugins and libpython are
    # loaded by path (dlopen), so they are the roots of what is needed.
    def is_root(dest, kind):
        return kind != "BINARY" or "plugins/" in dest.replace("\\", "/") or Path(dest).name.startswith("libpython")

    by_name = {Path(dest).name: src for dest, src, kind in kept if not is_root(dest, kind)}
    roots = [src for dest, src, kind in kept if is_root(dest, kind)]
    still_needed = _needed_closure(roots, by_name)
    only_for_dropped = _needed_closure([src for _d, src, _k in dropped_plugins], by_name) - still_needed
    print(f"build.spec: dropping {len(dropped_plugins)} Qt plugins and the libraries only they need:")
    print(f"build.spec:   {sorted(only_for_dropped)}")
    return [entry for entry in kept if Path(entry[0]).name not in only_for_dropped]


def remove_dangling_links(folder: Path) -> None:
    """PyInstaller links top-level aliases to every Qt library it collected, also to those
    drop_unused() removed afterwards: remove the links that now point nowhere."""
    for link in folder.rglob("*"):
        if link.is_symlink() and not link.exists():
            link.unlink()
