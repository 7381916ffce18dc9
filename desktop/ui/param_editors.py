"""Spin boxes that say when they refuse what the student typed, so the parameter form can say why.

Qt's spin boxes keep their value in range without a word: a keystroke that would
leave the range (typing ``999`` where 9 is the most) is dropped by their
validator, and a value left outside it (``0`` where 1 is the least, or nothing)
is put back when the editor is left. Typed ``999``, the student sees ``9`` and
no reason. These editors announce both cases (``input_refused``), and every
edit they let through (``input_accepted``: a keystroke taken, a step up or
down), so that :class:`~desktop.ui.param_form.ParamForm` shows the parameter's
allowed range while it matters and takes it away with the next good edit.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QDoubleSpinBox, QSpinBox, QWidget


def _editor_class(base: type[QSpinBox] | type[QDoubleSpinBox], name: str, kind: str) -> type:
    """``base`` with the two signals (one class each: a Qt signal needs a QObject class of its own)."""

    class Editor(base):
        input_refused = Signal()  # a keystroke was dropped, or the text left on commit was not a value in range
        input_accepted = Signal()  # a keystroke was taken or the value was stepped

        def __init__(self, parent: QWidget | None = None):
            super().__init__(parent)
            self.lineEdit().textEdited.connect(self.input_accepted)  # typed by the student, not set by the program

        def validate(self, text: str, pos: int) -> object:
            result = super().validate(text, pos)
            if result[0] == QValidator.State.Invalid:
                self.input_refused.emit()
            return result

        def fixup(self, text: str) -> str:
            fixed = super().fixup(text)
            if super().validate(fixed, len(fixed))[0] != QValidator.State.Acceptable:
                self.input_refused.emit()  # Qt now puts the last value back
            return fixed

        def stepBy(self, steps: int) -> None:
            super().stepBy(steps)
            self.input_accepted.emit()

    Editor.__name__ = Editor.__qualname__ = name
    Editor.__doc__ = f"""A spin box for {kind} parameter that says when it refuses input (see the module).

    Signals:
        input_refused: a keystroke was dropped, or the text left on commit was not a value in range.
        input_accepted: a keystroke was taken or the value was stepped.
    """
    return Editor


IntEditor = _editor_class(QSpinBox, "IntEditor", "an ``int``")
FloatEditor = _editor_class(QDoubleSpinBox, "FloatEditor", "a ``float``")
