"""The session's run history: a dock listing every finished run, to replay, save, open again and export.

:func:`install_history` adds a :class:`HistoryPanel` dock to the main window,
a File-menu section (Open saved run…, Save run…, Export ▸) and a View-menu
toggle, and records every run the window's bridge finishes. The panel puts
three pieces together, each in its own module: the list
(:mod:`desktop.ui.run_list`), the files (:mod:`desktop.ui.run_files`: open,
save, export) and the replay (:mod:`desktop.ui.replay`). Their messages and
problems show in the panel (problems are also emitted as ``error_shown``),
never in a modal box.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QToolBar, QToolButton, QTreeWidgetItem, QVBoxLayout, QWidget

from desktop.model.run_record import RunRecord
from desktop.ui import i18n, reading_order
from desktop.ui.message_label import MessageLabel
from desktop.ui.replay import Replayer
from desktop.ui.run_files import RunFiles
from desktop.ui.run_list import RunList


class HistoryPanel(i18n.FollowsLanguage, QDockWidget):
    """The list of the session's runs, newest first, with replay (``replayer``) and files (``files``).

    Signals:
        error_shown(str): a problem was shown to the user (in the UI's language).
    """

    error_shown = Signal(str)

    def __init__(self, window):
        super().__init__()
        self.setObjectName("history")  # the window saves and restores the dock's place by this name
        self._bridge = window.bridge
        self.run_list = RunList()
        self.run_list.itemDoubleClicked.connect(self._on_run_list_item_double_clicked)
        self.run_list.currentItemChanged.connect(self._update_actions)
        self.replayer = Replayer(window, self)
        self.files = RunFiles(window, self)
        self.message_label = MessageLabel(error=False)  # says its message again when the language changes
        toolbar = QToolBar()
        for action in (self.replayer.replay_action, self.files.open_action, self.files.save_action):
            toolbar.addAction(action)
        self.export_button = QToolButton()
        self.export_button.setMenu(self.files.export_menu)
        self.export_button.setDefaultAction(self.files.export_menu.menuAction())
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)  # the label opens it too
        toolbar.addWidget(self.export_button)
        reading_order.toolbar_buttons_take_focus(toolbar)  # Replay, Open, Save and Export reachable by Tab
        self.toolbar = toolbar
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(4, 0, 4, 4)
        layout.addWidget(toolbar)
        layout.addWidget(self.run_list, 1)
        layout.addWidget(self.files.progress)  # shown while a saved run opens
        layout.addWidget(self.message_label)
        self.setWidget(content)
        self._bridge.run_started.connect(self._update_actions)
        preparer = self.replayer.preparer  # one replay prepared at a time: Replay and Open wait for it
        for changed in (preparer.started, preparer.prepared, preparer.failed, preparer.cancelled):
            changed.connect(self._update_actions)
        self._bridge.run_finished.connect(self._on_bridge_run_finished)
        self._update_actions()
        self._retranslate()

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Run history"))
        self.run_list.retranslate()

    # ------------------------------------------------------------------- history
    @property
    def records(self) -> list[RunRecord]:
        """The runs in the list, newest first."""
        return self.run_list.records

    def add_record(self, record: RunRecord, source: Path | None = None) -> None:
        """Put ``record`` at the top of the list and select it (``source``: the file it came from)."""
        self.run_list.add_record(record, source)
        self._update_actions()

    def selected_record(self) -> RunRecord | None:
        """The selected run, else the newest, else None."""
        return self.run_list.selected_record()

    def add_tool(self, action: QAction) -> None:
        """Put another feature's ``action`` on the panel's tool bar (reachable by Tab like the others)."""
        self.toolbar.addAction(action)
        reading_order.toolbar_buttons_take_focus(self.toolbar)

    def replay(self, record: RunRecord | None = None) -> bool:
        """Show ``record`` (default: the selected run) again in every view; False if it cannot be now.

        A big run is prepared off the GUI thread first (``replayer.replay_ended`` says when it is shown).
        """
        return self.replayer.replay(record)

    # ------------------------------------------------------------------ feedback
    def show_message(self, render: Callable[[], str]) -> None:
        """Show ``render()`` under the list (and again, re-rendered, after a language change)."""
        self.message_label.show_message(render, error=False)

    def show_error(self, render: Callable[[], str]) -> None:
        """Show ``render()`` as a problem, and emit ``error_shown``.

        The dock comes forward (shown, and raised when it is a tab behind another dock on a small screen):
        a problem the student caused by opening a file must appear where they are looking.
        """
        self.message_label.show_message(render, error=True)
        self.show()
        self.raise_()
        self.error_shown.emit(self.message_label.text())

    # --------------------------------------------------------------------- slots
    def _on_bridge_run_finished(self, record: RunRecord) -> None:
        # A replay finishes with a record that is already in the list.
        if not self.run_list.contains(record):
            self.add_record(record)
        self._update_actions()

    def _on_run_list_item_double_clicked(self, item: QTreeWidgetItem) -> None:
        self.replay(self.run_list.record_of(item))

    def _update_actions(self, *_args) -> None:
        has_run, idle = bool(self.records), not self._bridge.running
        self.replayer.update_actions(has_run, idle)
        self.files.update_actions(has_run, idle)


def install_history(window) -> HistoryPanel:
    """Add the history dock to ``window``, its actions to the File menu and its toggle to the View menu.

    Call it before ``window.show()``: the dock then comes back where (and
    whether) it was in the last session, saved with the window's state.
    """
    panel = HistoryPanel(window)
    window.add_dock(panel, Qt.DockWidgetArea.BottomDockWidgetArea)
    menu, quit_action = window.menus.file, window.menus.quit
    first = menu.actions()[0] if menu.actions() else quit_action  # the file actions go on top
    for action in (panel.files.open_action, panel.files.save_action):
        menu.insertAction(first, action)
    menu.insertMenu(first, panel.files.export_menu)
    menu.insertSeparator(first)
    return panel
