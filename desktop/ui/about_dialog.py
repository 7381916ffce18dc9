"""Help → About: the app's name and version, and the versions of what it runs on."""

from __future__ import annotations

import platform

import psutil
import PySide6
from PySide6.QtCore import QCoreApplication, qVersion
from PySide6.QtWidgets import QMessageBox, QWidget

import desktop
from desktop.runtime.record import interpreter_description


def about_text() -> str:
    """The About box's text (rich text), also useful in bug reports."""
    tr = QCoreApplication.translate
    intro = tr("AboutDialog", "Learn Python concurrency by running it: real processes, real measurements.")
    rows = [
        ("Python", f"{interpreter_description()} ({platform.system()} {platform.machine()})"),
        ("Qt", qVersion()),
        ("PySide6", PySide6.__version__),
        ("psutil", psutil.__version__),
    ]
    table = "".join(f"<tr><td>{name}&nbsp;&nbsp;</td><td>{version}</td></tr>" for name, version in rows)
    version = tr("AboutDialog", "Version {version}").format(version=desktop.__version__)
    return f"<h3>{desktop.APP_NAME}</h3><p>{version}</p><p>{intro}</p><table>{table}</table>"


def show_about(parent: QWidget | None = None) -> None:
    title = QCoreApplication.translate("AboutDialog", "About {app}").format(app=desktop.APP_NAME)
    QMessageBox.about(parent, title, about_text())
