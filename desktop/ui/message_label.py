"""A label for a message the app shows the student (a refused run, a file it could not read), in the UI's language.

A message is kept as how to say it (a function returning the text in the
current language), not as the words said once: when the student switches
language while the message is on screen, it is said again in the new one,
like every other text in the window. An empty message hides the label.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QWidget

from desktop.ui import i18n, theme

Render = Callable[[], str]


def _nothing() -> str:
    return ""


class MessageLabel(i18n.FollowsLanguage, QLabel):
    """A word-wrapped message, in the error colour unless told otherwise; hidden while there is none."""

    def __init__(self, parent: QWidget | None = None, error: bool = True):
        super().__init__(parent)
        self.setWordWrap(True)
        self.error_style = theme.ErrorStyle(self, active=error)  # not `style`: QWidget.style() stays
        self._render: Render = _nothing
        self.hide()

    def show_message(self, render: Render | str, error: bool | None = None) -> None:
        """Show ``render()`` (a plain string: as it is, in every language) now and after every language change;
        ``error``: in the error colour (True) or the text colour (False), None: as before."""
        if error is not None:
            self.error_style.set_active(error)
        self._render = render if callable(render) else (lambda: render)
        self._retranslate()

    def _retranslate(self) -> None:
        text = self._render()
        self.setText(text)
        self.setVisible(bool(text))
