"""A form generated from a lesson's parameters: one editor per typed, bounded parameter.

``int`` becomes a spin box, ``float`` a double spin box, ``bool`` a check box;
bounds, unit and default come from the :class:`~desktop.lessons.lesson.Param`.
The editors already refuse out-of-range input, but the form does not trust
them: :meth:`ParamForm.parse` always goes through ``Lesson.parse_params``, the
same validation the CLI uses, so both reject the same values with the same words.
Where an editor refuses what the student typed (a keystroke past a bound, a
value put back when the editor is left; see :mod:`desktop.ui.param_editors`),
a line under it names the parameter and its allowed range until the next
edit it takes, or another lesson.
Labels, help and units (named by :mod:`desktop.model.unit_name`) are shown in the UI's language.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QDoubleSpinBox, QFormLayout, QLabel, QScrollArea, QSpinBox, QWidget

from desktop.model.lesson import Lesson
from desktop.model.param import Param, Params
from desktop.model.unit_name import UNIT_NAMES, unit_name
from desktop.ui import i18n
from desktop.ui.message_label import MessageLabel
from desktop.ui.param_editors import FloatEditor, IntEditor

INT_LIMIT = 2**31 - 1  # QSpinBox holds a C int


def unit_text(unit: str, count: float | None = None) -> str:
    """``unit`` in the UI's language (as written if it is not a known unit); singular when ``count`` is 1.

    The names are the model's (:mod:`desktop.model.unit_name`), the ones the range errors use too.
    """
    return unit_name(unit, count).get(i18n.language())


def _decimals_for(param: Param) -> int:
    """Enough decimals to show the default and the bounds exactly (at least 2, at most 4)."""
    decimals = 2
    for value in (param.default, param.minimum, param.maximum):
        if value is None:
            continue
        text = f"{value:g}"
        if "." in text and "e" not in text:
            decimals = max(decimals, len(text.split(".")[1]))
    return min(decimals, 4)


def _range_text(param: Param) -> str:
    """E.g. ``1–64 processes, default 10`` (``Param.describe_range`` repeats the unit on both bounds)."""
    if param.kind is bool or param.minimum is None or param.maximum is None:
        return param.describe_range()
    values = f"{param.minimum:g}–{param.maximum:g} {unit_text(param.unit)}".strip()
    return QCoreApplication.translate("ParamForm", "{values}, default {default}").format(
        values=values, default=f"{param.default:g}"
    )


class ParamForm(i18n.FollowsLanguage, QWidget):
    """Editors for one lesson's parameters; empty until :meth:`set_lesson`.

    Signals:
        values_changed: a value was edited (or the lesson or defaults were loaded).
    """

    values_changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._lesson: Lesson | None = None
        self._editors: dict[str, QSpinBox | QDoubleSpinBox | QCheckBox] = {}
        self._labels: dict[str, QLabel] = {}
        self._messages: dict[str, MessageLabel] = {}  # under each editor: why it refused what was typed
        self._layout = QFormLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        # Where a label and its editor do not fit side by side (presenter mode on a 1024-px screen) the
        # editor goes under its label; the label is never squeezed out of sight.
        self._layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)

    @property
    def lesson(self) -> Lesson | None:
        return self._lesson

    def side_by_side_width(self) -> int:
        """The width the form needs to show every label beside its editor (it wraps rows when narrower)."""
        # A word-wrapping label's size hint is already wrapped: measure its text on one line.
        labels = max(
            (label.fontMetrics().horizontalAdvance(label.text()) + 4 for label in self._labels.values()), default=0
        )
        editors = max((max(e.sizeHint().width(), e.minimumWidth()) for e in self._editors.values()), default=0)
        spacing = max(self._layout.horizontalSpacing(), 0)
        margins = self._layout.contentsMargins()
        return labels + spacing + editors + margins.left() + margins.right()

    def set_labels_above(self, above: bool) -> None:
        """Every label over its editor (``above``: a column too narrow for them side by side), else beside it.

        Rows wrapped one by one would mix the two and, with a label of two lines beside it, push an editor
        a few pixels past the form's edge.
        """
        policy = QFormLayout.RowWrapPolicy.WrapAllRows if above else QFormLayout.RowWrapPolicy.WrapLongRows
        if self._layout.rowWrapPolicy() != policy:
            self._layout.setRowWrapPolicy(policy)

    def editor(self, name: str) -> QSpinBox | QDoubleSpinBox | QCheckBox:
        return self._editors[name]

    def label(self, name: str) -> QLabel:
        return self._labels[name]

    def message(self, name: str) -> MessageLabel:
        """The line under ``name``'s editor saying what it allows after it refused typed input; hidden else."""
        return self._messages[name]

    def clear_messages(self) -> None:
        """Hide every refusal message: a run took the values shown, so there is nothing left to explain (and the
        lines would crowd the editors out of a short form, with the run's progress line under it)."""
        for message in self._messages.values():
            message.show_message("")

    def set_lesson(self, lesson: Lesson, values: Mapping[str, Any] | None = None) -> None:
        """Build the editors for ``lesson``, showing ``values`` where they are valid, else defaults."""
        while self._layout.rowCount():
            self._layout.removeRow(0)
        self._editors.clear()
        self._labels.clear()
        self._messages.clear()
        self._lesson = lesson
        for param in lesson.params:
            editor = self._make_editor(param)
            self._editors[param.name] = editor
            label = self._labels[param.name] = QLabel()
            label.setWordWrap(True)  # a long name takes two lines rather than widen the column past the screen
            label.setBuddy(editor)
            self._layout.addRow(label, editor)
            message = self._messages[param.name] = MessageLabel()  # hidden, taking no room, until it has a message
            message.setObjectName(f"param-message-{param.name}")
            self._layout.addRow(message)
        self._retranslate()
        self.reset_to_defaults()
        self.set_values(values or {})
        self.values_changed.emit()

    def values(self) -> dict[str, Any]:
        """The raw values shown in the editors, by parameter name."""
        raw: dict[str, Any] = {}
        for name, editor in self._editors.items():
            if not isinstance(editor, QCheckBox):
                # Typed but not yet committed (no Enter or Tab: keyboard tracking is off) is what the student sees.
                editor.interpretText()
            raw[name] = editor.isChecked() if isinstance(editor, QCheckBox) else editor.value()
        return raw

    def set_values(self, values: Mapping[str, Any]) -> None:
        """Show ``values``; unknown names and values the lesson rejects are ignored."""
        if self._lesson is None:
            return
        for name, raw in values.items():
            editor = self._editors.get(name)
            if editor is None:
                continue
            try:
                value = self._lesson.param(name).parse(raw)
            except ValueError:
                continue
            if isinstance(editor, QCheckBox):
                editor.setChecked(bool(value))
            else:
                editor.setValue(value)

    def reset_to_defaults(self) -> None:
        if self._lesson is not None:
            self.set_values(self._lesson.defaults())

    def parse(self, overrides: Mapping[str, Any] | None = None) -> Params:
        """Validate the shown values (with ``overrides`` on top) through the lesson.

        Raises:
            InvalidParams: one message per rejected value, naming the limit it broke.
        """
        if self._lesson is None:
            raise RuntimeError("no lesson selected")
        return self._lesson.parse_params({**self.values(), **(overrides or {})})

    def _retranslate(self) -> None:
        """Labels, tooltips and unit suffixes in the UI's language."""
        if self._lesson is None:
            return
        language = i18n.language()
        for param in self._lesson.params:
            editor, label = self._editors[param.name], self._labels[param.name]
            title = param.label.get(language)
            label.setText(self.tr("{label}:").format(label=title))
            tip = f"{title} ({param.name}): {_range_text(param)}"
            if param.help is not None:
                tip += "\n" + param.help.get(language)
            editor.setToolTip(tip)
            label.setToolTip(tip)
            if not isinstance(editor, QCheckBox):
                self._show_unit(param, editor)

    def _show_unit(self, param: Param, editor: QSpinBox | QDoubleSpinBox) -> None:
        """The unit after the value, singular for exactly one."""
        editor.setSuffix(f" {unit_text(param.unit, editor.value())}" if param.unit else "")

    def _make_editor(self, param: Param) -> QSpinBox | QDoubleSpinBox | QCheckBox:
        if param.kind is bool:
            editor = QCheckBox()
        elif param.kind is int:
            editor = IntEditor()
            editor.setRange(
                int(param.minimum) if param.minimum is not None else -INT_LIMIT,
                int(param.maximum) if param.maximum is not None else INT_LIMIT,
            )
            editor.setGroupSeparatorShown(True)
        else:
            editor = FloatEditor()
            editor.setDecimals(_decimals_for(param))
            editor.setRange(
                param.minimum if param.minimum is not None else -1e12,
                param.maximum if param.maximum is not None else 1e12,
            )
            span = (param.maximum or 1.0) - (param.minimum or 0.0)
            editor.setSingleStep(10 ** math.floor(math.log10(span / 50)) if span > 0 else 0.1)
        if isinstance(editor, QCheckBox):
            editor.toggled.connect(self.values_changed)
        else:
            editor.valueChanged.connect(self.values_changed)
            if param.unit in UNIT_NAMES:  # "1 thread", "2 threads"
                editor.valueChanged.connect(lambda _value, p=param, e=editor: self._show_unit(p, e))
            editor.input_refused.connect(lambda p=param: self._on_editor_input_refused(p))
            editor.input_accepted.connect(lambda p=param: self._on_editor_input_accepted(p))
        if not isinstance(editor, QCheckBox):
            editor.setKeyboardTracking(False)
            editor.setMinimumWidth(120)
        editor.setObjectName(f"param-{param.name}")
        return editor

    def _on_editor_input_refused(self, param: Param) -> None:
        """Say which values ``param``'s editor takes: it just dropped a keystroke or put its last value back."""
        title = param.label

        def render() -> str:  # said again in the new language if the language changes meanwhile
            text = QCoreApplication.translate("ParamForm", "{label}: allowed {range}")
            return text.format(label=title.get(i18n.language()), range=_range_text(param))

        message = self._messages[param.name]
        message.show_message(render)
        self._reveal(message)

    def _on_editor_input_accepted(self, param: Param) -> None:
        """A good edit: what was refused before no longer needs explaining."""
        self._messages[param.name].show_message("")

    def _reveal(self, message: MessageLabel) -> None:
        """Scroll ``message`` into view where the form scrolls (a long form on a 768-px screen), once laid out:
        a message under the last editor would else grow the form below what the student sees."""
        viewport = self.parentWidget()
        area = viewport.parentWidget() if viewport is not None else None
        if isinstance(area, QScrollArea) and area.widget() is self:
            # Timed by the message: no call left behind if the form goes first.
            QTimer.singleShot(0, message, lambda: area.ensureWidgetVisible(message, 0, 0))
