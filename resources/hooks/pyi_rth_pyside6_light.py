"""PyInstaller runtime hook: PySide6's environment without importing Qt.

PyInstaller's stock ``pyi_rth_pyside6`` imports ``PySide6.QtCore`` to register an
embedded ``qt.conf``. Runtime hooks run in every process of a frozen app, so
every spawned worker would load QtCore (+55 ms and +13 MB each, and Qt in
workers is what the app forbids). build.spec drops the stock hook and runs this
one instead: it sets the same environment variables and defers the ``qt.conf``
step until something (only the GUI process) imports ``PySide6.QtCore`` itself.
"""

# Runtime hooks share the __main__ namespace: imports stay inside the function.


def _install_light_pyside6_hook():
    import os
    import sys

    from _pyi_rth_utils import is_macos_app_bundle, prepend_path_to_environment_variable
    from _pyi_rth_utils import qt as qt_rth_utils

    # Same guard as the stock hook: one Qt binding per frozen app.
    qt_rth_utils.ensure_single_qt_bindings_package("PySide6")

    if sys.platform.startswith("win"):
        qt_root = os.path.join(sys._MEIPASS, "PySide6")
    else:
        qt_root = os.path.join(sys._MEIPASS, "PySide6", "Qt")

    os.environ["QT_PLUGIN_PATH"] = os.path.join(qt_root, "plugins")

    if is_macos_app_bundle:
        # codesign forces PyInstaller to split qml/ between Contents/Frameworks and
        # Contents/Resources; Qt must see both halves (same as the stock hook).
        qt_root_resources = os.path.normpath(
            os.path.join(sys._MEIPASS, "..", "Resources", os.path.relpath(qt_root, sys._MEIPASS))
        )
        os.environ["QML2_IMPORT_PATH"] = os.pathsep.join(
            [os.path.join(qt_root_resources, "qml"), os.path.join(qt_root, "qml")]
        )
    else:
        os.environ["QML2_IMPORT_PATH"] = os.path.join(qt_root, "qml")

    # QtNetwork looks for OpenSSL libraries collected next to the executable.
    if sys.platform.startswith("win"):
        prepend_path_to_environment_variable(sys._MEIPASS, "PATH")
    if sys.platform == "darwin" and not is_macos_app_bundle:
        prepend_path_to_environment_variable(sys._MEIPASS, "DYLD_LIBRARY_PATH")

    class _QtConfAfterQtCore:
        """Registers the relocating qt.conf right after the first import of PySide6.QtCore.

        A plain meta-path finder (no importlib.abc: that pulls in typing in every worker).
        """

        def find_spec(self, fullname, path=None, target=None):
            if fullname != "PySide6.QtCore":
                return None
            sys.meta_path.remove(self)  # one-shot
            spec = None
            for finder in sys.meta_path:
                find = getattr(finder, "find_spec", None)
                spec = find(fullname, path, target) if find else None
                if spec is not None:
                    break
            if spec is None or spec.loader is None:
                return spec
            loader_exec = spec.loader.exec_module

            def exec_module(module):
                loader_exec(module)
                qt_rth_utils.create_embedded_qt_conf("PySide6", qt_root)

            spec.loader.exec_module = exec_module
            return spec

    sys.meta_path.insert(0, _QtConfAfterQtCore())


_install_light_pyside6_hook()
del _install_light_pyside6_hook
