"""The main window's one default layout, and keeping any layout on the screen it is shown on.

Workshops run on 1366x768 laptops and 1024x768 projectors as well as on big
monitors. :func:`default_size` is the window's size on a fresh start (or after
a reset): the design size where it fits, else the whole available screen
(the window is then maximised). :func:`fit_rect` brings a remembered
geometry back onto the current screen: a window last used on a big monitor
must not open half off a projector. In a short window (:data:`COMPACT_HEIGHT`;
the default size is one) the docks that would sit under the page go to the
right, tabbed with the (closable) ones there, so the page keeps the height.
Presenter mode's large text in a window at most :data:`CROWDED_HEIGHT` tall
(a 1024x768 projector) makes the lesson page compact (:func:`is_crowded`; see
:meth:`desktop.ui.lesson_page.LessonPage.set_compact`).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

DEFAULT_WINDOW_SIZE = (1280, 860)  # the window's size on a fresh install, where the screen has room
DEFAULT_LIST_WIDTH = 340  # the lesson list's width on such a screen; less on a narrower one
MINIMUM_LIST_WIDTH = 190  # the lesson list never gets narrower than this by default
TITLE_BAR_ALLOWANCE = 40  # pixels a window manager's title bar and frame may take above and around the window
FRAME_ALLOWANCE = 8  # pixels a window manager's frame may take on each side
COMPACT_HEIGHT = 900  # screens shorter than this get the compact layout (docks on the right, tabbed)
CROWDED_HEIGHT = 800  # presenter mode in a window this tall or shorter: the page's views go compact


def default_size(available: QRect) -> tuple[QSize, bool]:
    """The window's default size on a screen whose available area is ``available``, and whether to maximise."""
    width, height = DEFAULT_WINDOW_SIZE
    if available.width() >= width and available.height() >= height + TITLE_BAR_ALLOWANCE:
        return QSize(width, height), False
    return QSize(min(width, available.width()), min(height, available.height() - TITLE_BAR_ALLOWANCE)), True


def list_width(window_width: int) -> int:
    """The lesson list's default width in a window ``window_width`` pixels wide."""
    return max(MINIMUM_LIST_WIDTH, min(DEFAULT_LIST_WIDTH, window_width // 5))


def fit_rect(rect: QRect, available: QRect) -> QRect:
    """``rect`` shrunk to ``available`` if bigger, and moved to lie inside it."""
    width, height = min(rect.width(), available.width()), min(rect.height(), available.height())
    left = min(max(rect.left(), available.left()), available.right() + 1 - width)
    top = min(max(rect.top(), available.top()), available.bottom() + 1 - height)
    return QRect(left, top, width, height)


def is_compact(room: QRect) -> bool:
    """True when ``room`` (the window's, or a screen's) is too short for a dock under the page."""
    return room.height() < COMPACT_HEIGHT


def is_crowded(presenter: bool, window_height: int) -> bool:
    """True when presenter mode's large text must share a window of ``window_height`` px (a projector's)."""
    return presenter and window_height <= CROWDED_HEIGHT


def arrange_docks(window: QMainWindow, compact: bool) -> None:
    """On a short screen, move the docks under the page to the right, tabbed; the first one there stays on top."""
    if not compact:
        return
    docks = [dock for dock in window.findChildren(QDockWidget) if dock.parent() is window]
    closable = QDockWidget.DockWidgetFeature.DockWidgetClosable
    right = [
        dock
        for dock in docks
        if window.dockWidgetArea(dock) == Qt.DockWidgetArea.RightDockWidgetArea and dock.features() & closable
    ]
    bottom = [dock for dock in docks if window.dockWidgetArea(dock) == Qt.DockWidgetArea.BottomDockWidgetArea]
    for dock in bottom:
        if right:
            window.tabifyDockWidget(right[0], dock)
        else:
            window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
            right.append(dock)
    if right:
        right[0].raise_()


def fit_window(window: QWidget, width: int, height: int) -> None:
    """Size a top-level ``window`` (a dialog) ``width`` x ``height``, or less to fit its screen, and keep it on it."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        window.resize(width, height)
        return
    available = screen.availableGeometry()
    size = QSize(
        min(width, available.width() - 2 * FRAME_ALLOWANCE), min(height, available.height() - TITLE_BAR_ALLOWANCE)
    )
    window.resize(size)
    frame = QRect(window.pos(), size)
    if not available.contains(frame):
        frame.moveCenter(available.center())
        window.move(fit_rect(frame, available).topLeft())
