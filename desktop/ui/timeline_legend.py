"""The worker timeline's legend: its title, then a colour swatch and a name for each state, in flowing rows.

Each entry keeps its name whole on one line ("event / condition", "等待结束（join）");
the entries flow into as many rows as the width needs (:mod:`desktop.ui.flow_layout`),
so a narrow page never cuts a name short. In compact mode (presenter mode on a
short screen, where every row is taken from the lanes) only the states the
shown run has used are listed -- the colours on screen -- and every state
is still named in the title's hover text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QWidget

from desktop.ui.flow_layout import FlowLayout

SWATCH_PIXELS = 12


class LegendEntry(QWidget):
    """A state's swatch and its name, side by side, never wrapped."""

    def __init__(self, colour: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.swatch = QLabel()
        self.swatch.setFixedSize(SWATCH_PIXELS, SWATCH_PIXELS)
        self.swatch.setStyleSheet(f"background: {colour}; border: 1px solid #808080;")
        self.label = QLabel()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.swatch)
        layout.addWidget(self.label)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)


class TimelineLegend(QWidget):
    """``title_label`` then one entry per state of ``colours`` (state -> colour), flowing; see the module."""

    def __init__(self, colours: Mapping[str, str], parent: QWidget | None = None):
        super().__init__(parent)
        self.title_label = QLabel()
        # Bold by font, not by style sheet: a style sheet would keep the label's colour when the theme changes.
        bold = self.title_label.font()
        bold.setBold(True)
        self.title_label.setFont(bold)
        self.entries = {state: LegendEntry(colour) for state, colour in colours.items()}
        self.labels = {state: entry.label for state, entry in self.entries.items()}
        self._compact = False
        self._used: set[str] = set()
        flow = FlowLayout(self, spacing=12)
        flow.setContentsMargins(6, 0, 6, 0)
        flow.addWidget(self.title_label)
        for entry in self.entries.values():
            flow.addWidget(entry)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    @property
    def compact(self) -> bool:
        return self._compact

    def set_texts(self, names: Mapping[str, str], descriptions: Mapping[str, str]) -> None:
        """Each state's name and hover text; the title's hover text names them all."""
        for state, label in self.labels.items():
            label.setText(names[state])
            label.setToolTip(descriptions[state])
            self.entries[state].setToolTip(descriptions[state])
        self.title_label.setToolTip("\n".join(f"{names[state]}: {descriptions[state]}" for state in self.labels))
        self._keep_rows()

    def set_compact(self, compact: bool) -> None:
        """List only the states the run has used (True) or every state (False)."""
        if compact != self._compact:
            self._compact = compact
            self._show_entries()

    def show_used(self, states: Iterable[str]) -> None:
        """The states the shown run has used so far (listed in compact mode)."""
        used = set(states)
        if used != self._used:
            self._used = used
            if self._compact:
                self._show_entries()

    def shown_states(self) -> list[str]:
        """The states listed now, in legend order."""
        return [state for state, entry in self.entries.items() if not entry.isHidden()]

    def _show_entries(self) -> None:
        for state, entry in self.entries.items():
            entry.setVisible(not self._compact or state in self._used)
        self._keep_rows()

    def _keep_rows(self) -> None:
        """Ask for the rows this width needs as the least height: the plot under it is squeezed, never the legend."""
        self.setMinimumHeight(self.heightForWidth(max(self.width(), 1)))
        self.updateGeometry()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._keep_rows()
