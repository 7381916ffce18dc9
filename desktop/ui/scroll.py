"""A frameless vertical scroll area: how a panel that may be taller than its room on a 768-px screen is held."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget


def scroll_area(widget: QWidget, parent: QWidget | None = None) -> QScrollArea:
    """``widget`` in a frameless scroll area that scrolls up and down only (its text wraps at the width shown).

    The area takes no keyboard focus itself: Tab goes to what it holds. Keep the returned area (or give it a
    ``parent``): Python must not collect it while it is shown.
    """
    area = QScrollArea(parent)
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return area
