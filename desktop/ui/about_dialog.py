"""Help → About: the app's name and version, the versions of what it runs on, and licence notices."""

from __future__ import annotations

import platform

import psutil
import PySide6
from PySide6.QtCore import QCoreApplication, qVersion
from PySide6.QtWidgets import QMessageBox, QWidget

import desktop
from desktop import resources
from desktop.model.run_record import interpreter_description

QT_LICENCE_URL = "https://www.gnu.org/licenses/lgpl-3.0.html"
QT_SOURCE_URL = "https://download.qt.io/official_releases/"


def about_text() -> str:
    """The About box's text (rich text), also useful in bug reports."""
    intro = QCoreApplication.translate(
        "AboutDialog", "Learn Python concurrency by running it: real processes, real measurements."
    )
    rows = [
        (desktop.APP_NAME, desktop.__version__),
        ("Python", f"{interpreter_description()} ({platform.system()} {platform.machine()})"),
        ("Qt", qVersion()),
        ("PySide6", PySide6.__version__),
        ("psutil", psutil.__version__),
    ]
    table = "".join(f"<tr><td>{name}&nbsp;&nbsp;</td><td>{version}</td></tr>" for name, version in rows)
    version = QCoreApplication.translate("AboutDialog", "Version {version}").format(version=desktop.__version__)
    licences = QCoreApplication.translate(
        "AboutDialog",
        "Concurrency Lab is free software under the MIT licence. It uses Qt and PySide6 under the "
        'GNU Lesser General Public License v3 (<a href="{lgpl}">LGPL-3.0</a>; Qt sources: '
        '<a href="{source}">download.qt.io</a>), pyqtgraph (MIT), NumPy and psutil (BSD-3-Clause) '
        "and Python (PSF licence).",
    ).format(lgpl=QT_LICENCE_URL, source=QT_SOURCE_URL)
    shipped = QCoreApplication.translate(
        "AboutDialog", "The licence texts are installed with the app in: {folder}"
    ).format(folder=resources.path("licenses"))
    return (
        f"<h3>{desktop.APP_NAME}</h3><p>{version}</p><p>{intro}</p><table>{table}</table>"
        f"<p><small>{licences}</small></p><p><small>{shipped}</small></p>"
    )


def show_about(parent: QWidget | None = None) -> None:
    title = QCoreApplication.translate("AboutDialog", "About {app}").format(app=desktop.APP_NAME)
    QMessageBox.about(parent, title, about_text())
