"""The lesson page's plots as one PNG image: the CPU plot, and the queue-depth plot when it is shown."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QImage, QPainter


def plots_png(page) -> bytes:
    """The page's plots as shown, side by side, as PNG bytes (``page``: a LessonPage)."""
    plots = [page.cpu_plot]
    if page.depth_plot.isVisible():
        plots.append(page.depth_plot)
    pixmaps = []
    for plot in plots:
        plot.redraw()  # the redraw timer may not have drawn the last samples yet
        pixmaps.append(plot.grab())
    image = QImage(sum(p.width() for p in pixmaps), max(p.height() for p in pixmaps), QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    x = 0
    for pixmap in pixmaps:
        painter.drawPixmap(x, 0, pixmap)
        x += pixmap.width()
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())
