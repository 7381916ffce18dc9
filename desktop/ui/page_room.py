"""The lesson page's room: how its height is shared between the header, the plots and the bottom.

The page is a vertical splitter: the lesson's header (it scrolls), the live
plots, and at the bottom the event log's tabs beside the verdict. The header
gets the height its text needs at the page's width, up to what the page keeps
for it; the bottom keeps a few event rows and verdict lines in the current font
(presenter mode's is larger); the plots get the rest. In compact mode (presenter
mode on a short screen) the header keeps only its title and a line, the
plots above the timeline their least height and the timeline's lanes the rest;
with the busy-machine banner up the banner's line is taken from the header's
kept room, so the banner costs the page no height on a 768-px projector.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the page imports this module
    from desktop.ui.lesson_page import LessonPage

BOTTOM_MINIMUM_HEIGHT = 90  # pixels: the event log's header and a few rows (more with a larger font, see below)
EVENT_ROWS_MINIMUM = 3  # rows the event log always shows in compact mode (one less otherwise: a 1024x700 window)
VERDICT_LINES_MINIMUM = 3  # and the verdict this many lines of text
TAB_PANE_MARGINS = 20  # pixels the tab widget's pane and frames take around the event log
HEADER_MOST_KEPT = 90  # pixels of the lesson's header the page always keeps (title and about four lines)
HEADER_MOST_KEPT_COMPACT = 60  # in compact mode: the title and a line (the rest scrolls)
COMPACT_SPACING = 2  # pixels between the busy banner and the views in compact mode (the style's 6 otherwise)


class PageRoom:
    """Shares ``page``'s height between its parts (see the module); the page says when (a lesson, a size, a font)."""

    def __init__(self, page: LessonPage):
        self._page = page

    def spacing(self) -> int:
        """The page layout's spacing: :data:`COMPACT_SPACING` in compact mode, else the style's (-1)."""
        return COMPACT_SPACING if self._page.compact else -1

    def fit_bottom(self) -> None:
        """The event log keeps :data:`EVENT_ROWS_MINIMUM` rows, the verdict :data:`VERDICT_LINES_MINIMUM` lines,
        in the current font (presenter mode's is larger)."""
        page = self._page
        log = page.event_log
        rows = (EVENT_ROWS_MINIMUM - (not page.compact)) * log.verticalHeader().defaultSectionSize()
        rows += log.horizontalHeader().height()
        rows += page.tabs.tabBar().sizeHint().height() + log.horizontalScrollBar().sizeHint().height()
        page.tabs.setMinimumHeight(max(BOTTOM_MINIMUM_HEIGHT, rows + 2 * log.frameWidth() + TAB_PANE_MARGINS))
        line = page.verdict_panel.fontMetrics().lineSpacing()
        page.verdict_scroll.setMinimumHeight(VERDICT_LINES_MINIMUM * line + 4)

    def fit_top(self) -> None:
        """Give the header the height its text needs at this width (it differs by lesson), the plots the rest."""
        page = self._page
        splitter = page.live_splitter
        sizes = splitter.sizes()
        total = sum(sizes)
        if total <= 0:
            return
        # The width the text has once a scroll bar shows (the height is computed for it: no bar then).
        scroll_bar = page.top_area.verticalScrollBar()
        bar = 0 if scroll_bar.isVisible() else scroll_bar.sizeHint().width()
        width = max(page.top_area.viewport().width() - bar, 1)
        layout = page.header.layout()
        wanted = (
            layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else page.header.sizeHint().height()
        ) + 4
        most = total - splitter.widget(1).minimumSizeHint().height()
        most -= splitter.widget(2).minimumSizeHint().height()
        kept = self.header_kept()
        if page.compact:  # the title and a line; the rest scrolls (and is in the Explanation tab)
            wanted = min(wanted, kept)
        # Never squeezed below that later (a banner above the page, a plot shown): up to a few lines of text.
        page.top_area.setMinimumHeight(min(wanted, kept))
        top = min(wanted, max(most, page.top_area.minimumHeight()))
        rest = max(total - top, 0)
        # Compact: the event log and the verdict keep their least height, the plots take the rest.
        bottom = splitter.widget(2).minimumSizeHint().height() if page.compact else None
        plots = rest - bottom if bottom is not None else sizes[1] * rest // max(sizes[1] + sizes[2], 1)
        if [top, plots, rest - plots] != sizes:
            splitter.setSizes([top, plots, rest - plots])
        self._share_plots()

    def fit_banner(self) -> None:
        """The busy banner showed or hid: refit, or during a run only ever give the header less (nothing grows)."""
        page = self._page
        if not page.running:
            self.fit_top()
        elif page.top_area.minimumHeight() > self.header_kept():
            page.top_area.setMinimumHeight(self.header_kept())

    def header_kept(self) -> int:
        """Pixels of the header the page keeps. With the busy banner up its line is taken from the header's
        (the title stays, the rest scrolls), so the banner costs the page no height: on a 768-px projector
        in presenter mode, and in the normal look, whose window must fit in 700 px."""
        page = self._page
        most = HEADER_MOST_KEPT_COMPACT if page.compact else HEADER_MOST_KEPT
        if page.busy_banner.isHidden():
            return most
        banner = page.busy_banner.sizeHint().height() + max(page.layout().spacing(), 0)
        title = page.header.title_label.fontMetrics().lineSpacing() + 4  # its first line
        return max(most - banner, title)

    def _share_plots(self) -> None:
        """Compact: the plots above the timeline get their least height, the timeline's lanes the rest."""
        plots = self._page.plots_splitter
        sizes = plots.sizes()
        if not self._page.compact or sum(sizes) <= 0:
            return
        wanted = [w.minimumSizeHint().height() if w.isVisible() else 0 for w in map(plots.widget, range(3))]
        plots.setSizes([*wanted, max(sum(sizes) - sum(wanted), 0)])
