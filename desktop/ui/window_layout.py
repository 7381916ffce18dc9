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

The parameters' column (:class:`ParamsColumn`) sits on the right above the
prediction: its form gets the height it needs to show every editor without
scrolling (:func:`params_height`, measured from the form itself: a scroll
area's size hint keeps the first size its content had), the docks under it
the rest, down to their minimum. It is refitted after the window's size, the
look (presenter mode's larger text), the language or the lesson changed,
once the new fonts are laid out: presenter mode goes full screen after the
look changed, and a window manager resizes the window later still.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QDockWidget, QGroupBox, QLabel, QMainWindow, QScrollArea, QStyle, QTabBar, QWidget

from desktop.ui import theme

DEFAULT_WINDOW_SIZE = (1280, 860)  # the window's size on a fresh install, where the screen has room
DEFAULT_LIST_WIDTH = 340  # the lesson list's width on such a screen; less on a narrower one
MINIMUM_LIST_WIDTH = 190  # the lesson list never gets narrower than this by default
TITLE_BAR_ALLOWANCE = 40  # pixels a window manager's title bar and frame may take above and around the window
FRAME_ALLOWANCE = 8  # pixels a window manager's frame may take on each side
COMPACT_HEIGHT = 900  # screens shorter than this get the compact layout (docks on the right, tabbed)
CROWDED_HEIGHT = 800  # presenter mode in a window this tall or shorter: the page's views go compact
PARAMS_SHARE_OF_SCREEN = 0.25  # the parameters' column takes at most this share of the screen's width
PARAMS_WIDTH_SPARE = 12  # pixels the parameters' column keeps beyond its minimum (see ParamsColumn.fit)
COMPACT_FORM_SPACING = 1  # pixels between the parameters' rows in compact mode (the style's 6 otherwise; 2 left
# pool-speedup's Chinese form 2 px short in presenter mode at 768 px once a stopped run's two-line sentence showed)


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


def params_height(
    box: QGroupBox, area: QScrollArea, width: int, later: Iterable[tuple[QLabel, Sequence[str]]] = ()
) -> int:
    """The height ``box``, ``width`` px wide, needs to show ``area``'s form whole: every editor, no scrolling.

    ``later``: lines of the box hidden now that a run shows (its progress line), each with the sentences it
    may show: they take the room of the tallest from the form's spare room, so Run and Stop under them do not
    move and the form does not scroll once they show.
    """
    box.layout().activate()
    form, frame = area.widget(), 2 * area.frameWidth()
    # The viewport's width with a scroll bar: a scroll area that shows one keeps it while the form, as
    # wide as that, does not fit; the form fits it with room to spare once the bar has gone.
    bar = area.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, area)
    inner = width - (box.width() - area.width()) - frame - bar
    form_height = form.heightForWidth(inner) if form.hasHeightForWidth() else -1
    if form_height < 0:
        form_height = form.sizeHint().height()
    form_height = max(form_height, form.minimumSizeHint().height())
    # What the box's layout counts for the scroll area (a scroll area's size hint keeps the first size of
    # its content), taken out of the box's height at this width: the rest is the title, plan, Run/Stop.
    layout = box.layout()
    counted = layout.itemAt(layout.indexOf(area)).sizeHint().height()
    total = box.heightForWidth(width) if box.hasHeightForWidth() else -1
    if total < 0:
        total = box.sizeHint().height()
    spacing = max(layout.spacing(), 0)
    margins = layout.contentsMargins()
    line_width = width - (box.width() - box.contentsRect().width()) - margins.left() - margins.right()
    lines = sum(_line_height(line, line_width, texts) + spacing for line, texts in later if line.isHidden())
    return total - counted + form_height + frame + lines


def _line_height(label: QLabel, width: int, texts: Sequence[str]) -> int:
    """The height the word-wrapping ``label``, ``width`` px wide, takes for the tallest of ``texts``.

    Measured as the label measures itself (its font's metrics of the wrapped text): a line of Chinese is
    taller than the font's own line (its glyphs come from a fallback font), and a sentence may wrap.
    """
    extra = label.contentsMargins()
    inner = max(width - extra.left() - extra.right() - 2 * label.margin(), 1)
    flags = int(label.alignment()) | Qt.TextFlag.TextWordWrap.value
    metrics = label.fontMetrics()
    tallest = max(
        (metrics.boundingRect(QRect(0, 0, inner, 1 << 20), flags, text).height() for text in texts), default=0
    )
    least = max(label.sizeHint().height(), metrics.height())
    return max(least, tallest + extra.top() + extra.bottom() + 2 * label.margin())


def _sticks_out(form: QWidget, width: int) -> bool:
    """True if an editor of ``form`` (a ParamForm), laid out ``width`` px wide, would pass its right edge."""
    editors = [form.editor(param.name) for param in form.lesson.params] if form.lesson is not None else []
    if any(editor.isHidden() for editor in editors):
        return False  # a new lesson's editors, not shown yet: its layout leaves them where they are
    height = form.heightForWidth(width) if form.hasHeightForWidth() else form.sizeHint().height()
    layout = form.layout()
    layout.setGeometry(QRect(0, 0, width, max(height, form.minimumSizeHint().height())))  # where it puts them
    sticks_out = any(editor.geometry().right() >= width for editor in editors)
    layout.setGeometry(form.rect())  # back where they are shown
    return sticks_out


def _tighten(form: QWidget, width: int, compact: bool) -> None:
    """Compact (presenter mode on a 768-px screen): the form's rows closer together, and no label on two lines
    where one line of the form's ``width`` holds it. Else the style's spacing and the labels' own widths.

    A word-wrapping label asks for less than its text's width (about 20 characters): over its editor, or
    beside it, it took two lines where one fits. As wide as its text, a label either stays beside its editor
    or goes over it, on one line (the form wraps that row alone).
    """
    layout = form.layout()
    layout.setVerticalSpacing(COMPACT_FORM_SPACING if compact else -1)
    for param in form.lesson.params if form.lesson is not None else ():
        label = form.label(param.name)
        whole = label.fontMetrics().horizontalAdvance(label.text()) + 4  # as ParamForm.side_by_side_width
        label.setMinimumWidth(min(whole, width) if compact else 0)


class ParamsColumn(QObject):
    """The parameters' dock of ``window`` (a MainWindow): its width per lesson, its height what the form needs.

    Its width is fixed per lesson, with a little room to spare: enabling the form again after a run can ask a
    few pixels more, and the column must not move Run and Stop under the pointer. Labels go beside their
    editors where the screen has room for that (up to a share of its width); on a narrow screen in presenter
    mode they go over their editors instead. The height is refitted (:meth:`request`) once the event loop
    has laid out what changed (not when the box's own content changes: a run's progress line must not
    move Run and Stop).
    """

    def __init__(self, window: QMainWindow, dock: QDockWidget):
        super().__init__(window)
        self._window, self.dock = window, dock
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.fit)
        window.installEventFilter(self)  # the window's size (full screen, maximised) and language
        theme.appearance_changed.connect(self.request)  # presenter mode's larger text needs more room

    def request(self) -> None:
        """Fit the column once what changed has been laid out."""
        self._timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Show: a fit asked for before the window was shown did nothing (see fit); the first Run must not do it.
        if watched is self._window and event.type() in (
            QEvent.Type.Show,
            QEvent.Type.Resize,
            QEvent.Type.LanguageChange,
        ):
            self.request()
        return False

    def fit(self) -> None:
        """The column as wide as the lesson's labels need, the box as tall as its form needs; the docks under it
        get the rest, down to their minimum."""
        self.fit_width()
        window, box, dock = self._window, self._window.page.params_box, self.dock
        if not window.isVisible():
            return  # laid out before it is shown, the docks would keep the widths of a window not yet sized
        width = box.minimumWidth()  # the box's width once laid out (the column is never narrower)
        if box.width() != width:  # else the column keeps the prediction's wider size hint
            window.resizeDocks([dock], [width + dock.width() - box.width()], Qt.Orientation.Horizontal)
        window.layout().activate()  # the new fonts laid out
        progress = window.page.start_progress  # "Started 23 of 64 processes…" under the plan during a run
        later = [(progress, progress.sentences())]
        wanted = params_height(box, window.page.form_area, width, later) + dock.height() - box.height()
        below = self._docks_below()
        if not below:
            return  # the parameters have the column to themselves
        # Each dock below takes from its top to the next one's (a tabbed group's tabs included), the last to
        # the bottom of the column: the central widget's, which the right and left dock areas span.
        separator = below[0].y() - dock.geometry().bottom() - 1
        ends = [other.y() - separator for other in below[1:]] + [window.centralWidget().geometry().bottom() + 1]
        extents = [end - other.y() for other, end in zip(below, ends, strict=True)]
        # Every item of the column gets its size: the dock area would spread any difference over all of them.
        sizes, spare = [wanted, *extents], dock.height() - wanted
        for index, other in enumerate(below, start=1):
            least = other.minimumSizeHint().height() + extents[index - 1] - other.height()
            change = max(spare, least - sizes[index])  # what the box gives up; what it takes, down to least
            sizes[index] += change
            spare -= change
        sizes[0] += spare  # what the docks below could not give up
        if sizes[0] != dock.height():
            window.resizeDocks([dock, *below], sizes, Qt.Orientation.Vertical)

    def fit_width(self) -> None:
        """The box's width for its lesson: labels beside editors where the screen has room (else over them),
        the tabs under it whole."""
        window, page = self._window, self._window.page
        box, form = page.params_box, page.param_form
        box.setMinimumWidth(0)
        # Around the form: the box's frame and margins, and its scroll area's frame.
        chrome = sum(m.left() + m.right() for m in (box.contentsMargins(), box.layout().contentsMargins()))
        chrome += 2 * page.form_area.frameWidth()
        wanted = form.side_by_side_width() + chrome
        screen = window.screen() or QGuiApplication.primaryScreen()
        share = screen.availableGeometry().width() if screen is not None else DEFAULT_WINDOW_SIZE[0]
        side_by_side = min(wanted, int(share * PARAMS_SHARE_OF_SCREEN))
        # The docks tabbed under the box (the prediction, the history) show their tabs' titles whole.
        tabs = [bar.sizeHint().width() for bar in window.findChildren(QTabBar) if bar.parent() is window]
        box.setMinimumWidth(max(box.minimumSizeHint().width(), side_by_side) + PARAMS_WIDTH_SPARE)
        box.setMinimumWidth(max([box.minimumWidth(), *tabs]))
        # Too narrow for every label beside its editor: long rows wrap, unless an editor would then stick
        # out (a label of two lines beside it): then every label goes over its editor.
        mixed = wanted > box.minimumWidth() - PARAMS_WIDTH_SPARE
        form.set_labels_above(False)
        _tighten(form, box.minimumWidth() - chrome, page.compact)
        if mixed and window.isVisible():
            form.set_labels_above(_sticks_out(form, box.minimumWidth() - chrome))

    def _docks_below(self) -> list[QDockWidget]:
        """The docks shown under the parameters in their column, top to bottom (one of each tabbed group)."""
        window, area = self._window, self._window.dockWidgetArea(self.dock)
        column = self.dock.geometry()
        docks = [
            dock
            for dock in window.findChildren(QDockWidget)
            if dock is not self.dock
            and dock.isVisible()
            and not dock.isFloating()
            and window.dockWidgetArea(dock) == area
            and dock.x() <= column.right()
            and dock.geometry().right() >= column.x()  # in the column (its width may still be changing)
            and dock.y() > column.y()
        ]
        return sorted(docks, key=QWidget.y)


def bring_to_front(window: QWidget) -> None:
    """Show a top-level ``window``, or raise it when it is already open (maybe behind the main window)."""
    if window.isVisible():
        window.raise_()
    else:
        window.show()
    window.activateWindow()


def is_plain_escape(event: QKeyEvent) -> bool:
    """Esc with no modifier: what closes a dialog, and so the windows that behave like one (Compare)."""
    return event.key() == Qt.Key.Key_Escape and event.modifiers() == Qt.KeyboardModifier.NoModifier
