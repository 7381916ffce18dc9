"""Predict, then run: the lesson's question before the run, the answer next to the measurement after it.

The panel shows the selected lesson's question (see
:mod:`desktop.model.prediction`; each lesson declares its own ``prediction``) with an editor for the answer: a spin
box that starts at "?" (no answer yet) for numbers, radio buttons for choices.
When a run starts the answer is locked; when it ends the panel puts the answer
next to the figure the verdict measured. Answers are remembered per lesson for
the session. "Skip predictions" hides the question and is remembered across
sessions (:data:`desktop.settings.PREDICTIONS_ENABLED`).

Replays of saved runs go through the same bridge signals; they are not checked
against a prediction (the answer was not made before that run).
"""

from __future__ import annotations

import html

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDockWidget,
    QDoubleSpinBox,
    QFrame,
    QLabel,
    QRadioButton,
    QScrollArea,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from desktop import settings as settings_module
from desktop.model.lesson import Lesson
from desktop.model.prediction import CHOICE, Prediction, assess
from desktop.model.run_record import RunRecord
from desktop.settings import Settings
from desktop.ui import i18n
from desktop.ui.run_bridge import RunBridge

RIGHT_COLOUR = "#1b7f2a"
NO_ANSWER = "?"
PANEL_WIDTH_CHARS = 26  # the panel's width in average characters: a question fits on two or three lines
PANEL_MINIMUM_CHARS = 18

Answer = float | int | None


class PredictPanel(i18n.FollowsLanguage, QWidget):
    """The current lesson's question, the student's answer, and after a run how it compares.

    Signals:
        assessed(str): a run ended and the answer was put next to the measurement (the text shown).
    """

    assessed = Signal(str)

    def __init__(self, settings: Settings, parent: QWidget | None = None):
        super().__init__(parent)
        self._settings = settings
        self._bridge: RunBridge | None = None
        self._lesson: Lesson | None = None
        self._prediction: Prediction | None = None
        self._answers: dict[str, float | int] = {}  # lesson id -> last answer, this session only
        self._locked = False
        self._locked_answer: Answer = None
        self._assessment: tuple[Prediction, Answer, dict] | None = None  # kept to retranslate the result
        self.question_label = QLabel()
        self.question_label.setWordWrap(True)
        self.number_editor = QDoubleSpinBox()
        self.number_editor.setSpecialValueText(NO_ANSWER)
        # Every keystroke counts: an answer typed and followed by F5, a click on Run, the Run menu or
        # Compare (none of which takes the focus from the editor) is the answer, Enter or not.
        self.number_editor.setKeyboardTracking(True)
        self.number_editor.valueChanged.connect(self._on_number_editor_value_changed)
        self.choices = QWidget()
        self._choice_layout = QVBoxLayout(self.choices)
        self._choice_layout.setContentsMargins(0, 0, 0, 0)
        self.choice_group = QButtonGroup(self)
        self.choice_group.idClicked.connect(self._on_choice_group_id_clicked)
        self.state_label = QLabel()
        self.state_label.setWordWrap(True)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.skip_box = QCheckBox()
        self.skip_box.setChecked(not settings.get(settings_module.PREDICTIONS_ENABLED))
        self.skip_box.toggled.connect(self._on_skip_box_toggled)
        layout = QVBoxLayout(self)
        for widget in (self.question_label, self.number_editor, self.choices, self.state_label, self.result_label):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self.skip_box)
        self._show_editor()
        self._retranslate()

    def sizeHint(self) -> QSize:
        # The texts change with every run (the locked answer, then the result). A width
        # that followed them would resize the dock and move the page, with its Run and
        # Stop buttons, under the student's pointer just after Run was pressed.
        return QSize(self.fontMetrics().averageCharWidth() * PANEL_WIDTH_CHARS, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        return QSize(self.fontMetrics().averageCharWidth() * PANEL_MINIMUM_CHARS, super().minimumSizeHint().height())

    # ----------------------------------------------------------------- public
    @property
    def enabled(self) -> bool:
        """True unless the student chose to skip predictions."""
        return not self.skip_box.isChecked()

    @property
    def prediction(self) -> Prediction | None:
        return self._prediction

    def connect_bridge(self, bridge: RunBridge) -> None:
        """Lock the answer when ``bridge`` starts a run; assess it when the run finishes."""
        self._bridge = bridge
        bridge.run_started.connect(self._on_bridge_run_started)
        bridge.run_finished.connect(self._on_bridge_run_finished)

    def set_lesson(self, lesson: Lesson | None) -> None:
        """Ask ``lesson``'s question, showing the answer given to it earlier in this session."""
        self._commit_typed_answer()  # an answer still being typed belongs to the lesson it was typed for
        self._lesson = lesson
        self._prediction = lesson.prediction if lesson is not None else None
        self._locked, self._locked_answer, self._assessment = False, None, None
        self.result_label.clear()
        self._rebuild_choices()
        self._configure_number_editor()
        self._show_answer(self._answers.get(lesson.id) if lesson is not None else None)
        self._show_editor()
        self._retranslate()

    def answer(self) -> Answer:
        """The answer in the editor now (None: not answered yet)."""
        if self._prediction is None:
            return None
        if self._prediction.kind == CHOICE:
            chosen = self.choice_group.checkedId()
            return chosen if chosen >= 0 else None
        value = self.number_editor.value()
        if value <= self.number_editor.minimum():
            return None
        return round(value) if self._prediction.decimals == 0 else value

    def set_answer(self, answer: Answer) -> None:
        """Answer as the student would (a number, or the index of a choice)."""
        self._show_answer(answer)
        self._remember(answer)

    def _commit_typed_answer(self) -> None:
        """Take the text in the number editor as the answer, as Enter would (the run may start without it)."""
        if self._prediction is not None and self._prediction.kind != CHOICE and not self._locked:
            self.number_editor.interpretText()
            self._remember(self.answer())

    # --------------------------------------------------------------- building
    def _rebuild_choices(self) -> None:
        for button in self.choice_group.buttons():
            self.choice_group.removeButton(button)
            button.deleteLater()
        if self._prediction is None or self._prediction.kind != CHOICE:
            return
        for index, _ in enumerate(self._prediction.choices):
            button = QRadioButton()
            self.choice_group.addButton(button, index)
            self._choice_layout.addWidget(button)

    def _configure_number_editor(self) -> None:
        prediction = self._prediction
        if prediction is None or prediction.kind == CHOICE:
            return
        step = 10.0**-prediction.decimals
        self.number_editor.blockSignals(True)
        self.number_editor.setDecimals(prediction.decimals)
        self.number_editor.setSingleStep(step)
        # One step below the smallest answer stands for "no answer yet" and shows as "?".
        self.number_editor.setRange(prediction.minimum - step, prediction.maximum)
        self.number_editor.blockSignals(False)

    def _show_answer(self, answer: Answer) -> None:
        if self._prediction is None:
            return
        if self._prediction.kind == CHOICE:
            self.choice_group.setExclusive(False)  # lets every button be unchecked
            for button in self.choice_group.buttons():
                button.setChecked(self.choice_group.id(button) == answer)
            self.choice_group.setExclusive(True)
        else:
            self.number_editor.blockSignals(True)
            self.number_editor.setValue(self.number_editor.minimum() if answer is None else float(answer))
            self.number_editor.blockSignals(False)

    def _show_editor(self) -> None:
        asking = self.enabled and self._prediction is not None
        self.question_label.setVisible(asking or self._prediction is None)
        self.number_editor.setVisible(asking and self._prediction.kind != CHOICE)
        self.choices.setVisible(asking and self._prediction.kind == CHOICE)
        self.state_label.setVisible(asking)
        self.result_label.setVisible(asking and bool(self.result_label.text()))
        self.number_editor.setEnabled(not self._locked)
        self.choices.setEnabled(not self._locked)

    def _remember(self, answer: Answer) -> None:
        if self._lesson is None:
            return
        if answer is None:
            self._answers.pop(self._lesson.id, None)
        else:
            self._answers[self._lesson.id] = answer
        self._retranslate()

    # ------------------------------------------------------------------ slots
    def _on_number_editor_value_changed(self, _value: float) -> None:
        self._remember(self.answer())

    def _on_choice_group_id_clicked(self, index: int) -> None:
        self._remember(index)

    def _on_skip_box_toggled(self, skipped: bool) -> None:
        self._settings.set(settings_module.PREDICTIONS_ENABLED, not skipped)
        self._show_editor()

    def _on_bridge_run_started(self, lesson_id: str) -> None:
        live = self._bridge is not None and self._bridge.running  # a replay has no run behind it
        if not live or self._lesson is None or lesson_id != self._lesson.id or not self.enabled:
            return
        self._commit_typed_answer()
        self._locked, self._locked_answer, self._assessment = True, self.answer(), None
        self.result_label.clear()
        self._show_editor()
        self._retranslate()

    def _on_bridge_run_finished(self, record: RunRecord) -> None:
        if not self._locked:
            return
        self._locked = False
        if self._prediction is not None and self._lesson is not None and record.lesson == self._lesson.id:
            self._assessment = (self._prediction, self._locked_answer, dict(record.figures))
        self._show_editor()
        self._retranslate()
        if self._assessment is not None:
            self.assessed.emit(self.result_label.text())

    # --------------------------------------------------------------- language
    def _retranslate(self) -> None:
        language = i18n.language()
        self.skip_box.setText(self.tr("Skip predictions"))
        self.skip_box.setToolTip(self.tr("Run lessons without being asked to predict the outcome first"))
        prediction = self._prediction
        if prediction is None:
            self.question_label.setText(self.tr("This lesson asks no question before it runs."))
            return
        self.question_label.setText(f"<b>{html.escape(prediction.question.get(language))}</b>")
        unit = prediction.unit.get(language)
        self.number_editor.setSuffix(f" {unit}" if unit else "")
        for button in self.choice_group.buttons():
            button.setText(prediction.choices[self.choice_group.id(button)].label.get(language))
        if self._locked:
            answer = self._locked_answer
            self.state_label.setText(
                self.tr("No prediction for this run.")
                if answer is None
                else self.tr("Locked in: {answer}. Let's see…").format(
                    answer=prediction.format_answer(answer, language)
                )
            )
        elif self.answer() is None:
            self.state_label.setText(self.tr("Answer, then press Run: the run will tell."))
        else:
            self.state_label.setText(self.tr("Your answer is kept for this lesson until you change it."))
        if self._assessment is not None:
            assessed, answer, figures = self._assessment
            text = html.escape(assess(assessed, answer, figures).get(language))
            right = assessed.check(answer, figures)
            self.result_label.setText(f"<b style='color:{RIGHT_COLOUR}'>{text}</b>" if right else f"<b>{text}</b>")
            self.result_label.setVisible(self.enabled)


class _SteadyScrollArea(QScrollArea):
    """A scroll area whose size hints do not change when its scroll bar comes and goes."""

    def _bar(self) -> int:
        return self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)

    def sizeHint(self) -> QSize:
        hint = self.widget().sizeHint() if self.widget() is not None else QSize(0, 0)
        return QSize(hint.width() + self._bar(), hint.height())

    def minimumSizeHint(self) -> QSize:
        hint = self.widget().minimumSizeHint() if self.widget() is not None else QSize(0, 0)
        return QSize(hint.width() + self._bar(), self.fontMetrics().height() * 4)


class PredictDock(i18n.FollowsLanguage, QDockWidget):
    """The dock holding the :class:`PredictPanel`; its title follows the UI's language."""

    def __init__(self, panel: PredictPanel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("predict-dock")
        # In a scroll area: the question, the answer and the result may be taller than the room the
        # dock gets on a 768-px screen, and a result that needs more room must not resize the dock
        # (and move Run and Stop above it) just after a run.
        area = self.scroll_area = _SteadyScrollArea(self)  # kept: a Python subclass must outlive this call
        area.setWidget(panel)
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the answer, not to the frame around it
        self.setWidget(area)
        self._retranslate()

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Predict, then run"))


def install_predict(window, settings: Settings | None = None) -> PredictPanel:
    """Dock a :class:`PredictPanel` on the right of ``window`` (a MainWindow) and wire it to its lesson and runs."""
    panel = PredictPanel(settings or window.settings)
    dock = PredictDock(panel, window)
    window.add_dock(dock, Qt.DockWidgetArea.RightDockWidgetArea, before_run=True)  # answer, then run
    window.picker.lesson_selected.connect(panel.set_lesson)
    panel.connect_bridge(window.bridge)
    panel.set_lesson(window.page.lesson)
    return panel
