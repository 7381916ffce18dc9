"""Tab follows the reading order: search, lessons, parameters, prediction, Run/Stop, the views, the history.

Qt's default focus chain is the order widgets were created in, which put
Run before the parameters and left the prediction and the history for last.
:func:`chain` lists the window's widgets in reading order instead, and the
window's Tab and Shift+Tab walk that list (:func:`step`); the window lists
them again when shown and after every lesson change (the parameter editors
and the prediction's choices are rebuilt then). Docks the window does not know
take part as they were added: the ones added ``before_run`` (the prediction)
come before Run, every other dock (the history) after the views. Plots take no
keyboard focus: Tab goes past them.
"""

from __future__ import annotations

import pyqtgraph as pg
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QDockWidget, QMainWindow, QToolBar, QWidget


def focusable(root: QWidget) -> list[QWidget]:
    """``root``'s widgets that Tab can reach (``root`` itself first if it can), in the order they were made."""
    found: list[QWidget] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if widget is not root and widget.isWindow():
            continue
        if _inside_a_control(widget, root) or widget.focusProxy() is not None:
            continue  # a plot, a part of a spin box (its line edit), or a widget that hands its focus on
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            found.append(widget)
    return found


def _inside_a_control(widget: QWidget, root: QWidget) -> bool:
    """True for a plot and for the parts of a spin box: Tab stops at the whole control (or not at all)."""
    if isinstance(widget, pg.GraphicsView):
        return True
    parent = widget.parentWidget()
    while parent is not None and parent is not root.parentWidget():
        if isinstance(parent, (pg.GraphicsView, QAbstractSpinBox)):
            return True
        parent = parent.parentWidget()
    return False


def toolbar_buttons_take_focus(toolbar: QToolBar) -> None:
    """A toolbar's buttons are skipped by Tab unless asked: ask, so that the keyboard reaches them."""
    for button in toolbar.findChildren(QAbstractButton):
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)


def chain(window: QMainWindow) -> list[QWidget]:
    """``window``'s widgets in reading order (the window's Tab walks them with :func:`step`)."""
    page, picker = window.page, window.picker
    docks = [dock for dock in window.findChildren(QDockWidget) if dock.parent() is window and dock.widget()]
    right = [dock for dock in window.docks_before_run if dock in docks]
    others = [dock for dock in docks if dock is not window.params_dock and dock not in right]
    buttons = [page.run_button, page.stop_button, page.reset_button]
    order = [*focusable(picker), *focusable(page.param_form)]
    for dock in right:
        order += focusable(dock.widget())
    order += buttons
    views = [widget for widget in focusable(page) if widget not in order]
    order += sorted(views, key=lambda widget: _place(widget, window))  # top to bottom, left to right
    for dock in others:
        order += focusable(dock.widget())
    for plot in window.findChildren(pg.GraphicsView):
        plot.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # a click may focus a plot (to zoom); Tab goes past
    return order


def step(order: list[QWidget], current: QWidget | None, forward: bool) -> QWidget | None:
    """The widget Tab (``forward``) or Shift+Tab moves to from ``current`` along ``order``; None if not ours.

    Hidden and disabled widgets (a dock tabbed behind another, Stop while idle) are passed over.
    """
    if current is None or not current.isVisible():
        return None  # the focused widget is being hidden: Qt finds the next one itself
    order = [w for w in order if shiboken6.isValid(w)]  # editors of the last lesson may be gone already
    reachable = [w for w in order if w.isVisible() and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus]
    if not reachable:
        return None
    index = next((i for i, widget in enumerate(order) if widget is current or widget.isAncestorOf(current)), None)
    if index is None:
        return None
    count = len(order)
    for offset in range(1, count + 1):
        candidate = order[(index + offset if forward else index - offset) % count]
        if candidate in reachable:
            return candidate
    return None


def _place(widget: QWidget, window: QWidget) -> tuple[int, int]:
    point = widget.mapTo(window, widget.rect().topLeft())
    return point.y(), point.x()
