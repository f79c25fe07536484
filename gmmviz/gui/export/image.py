"""Still images of the plot or of the whole window: PNG and SVG, for File ▸ Export and ``gmmviz fit --png/--svg``.

Decisions:

- A PNG of the plot at a DPI scale is the plot drawn in its style scaled by that
  factor (fonts, symbols and line widths) on a canvas that many times larger, so
  every element keeps its proportions. A PNG of the whole window is rendered into an
  image whose device pixel ratio is the scale, as on a high-DPI screen: text and
  symbols are scaled, but the plots' curves keep their width in pixels (pyqtgraph's
  pens are cosmetic). Either way the file records ``96 * scale`` dots per inch so it
  prints at the on-screen size.
  Rendering the widget (rather than only the plot item) lets one code path export
  the plot alone or the whole window with its side panels.
- An SVG of the plot comes from pyqtgraph's exporter (true vector paths and text,
  clipped to the view); an SVG of a whole window comes from Qt's SVG generator.
- Files are encoded in memory and written at the end, atomically (gmmviz.io.atomic), so a
  failed export, or a full disk, never leaves a partial file and keeps the old one.
"""

from __future__ import annotations

import math
from contextlib import contextmanager

from PySide6 import QtCore, QtGui, QtWidgets

from gmmviz.core.errors import GmmvizError
from gmmviz.io.atomic import write_bytes_atomic

#: Logical pixels per inch at scale 1 (what Qt assumes for a 100 % screen).
BASE_DPI = 96


def render_image(widget: QtWidgets.QWidget, width=None, height=None, scale=1.0) -> QtGui.QImage:
    """Render ``widget`` into an opaque image.

    Parameters
    ----------
    widget : QWidget
        A plot or a whole window; it may be hidden (never shown).
    width, height : int, optional
        Logical size to lay the widget out at (default: its current size). The
        widget is resized for the rendering and then given its size back.
    scale : float
        Device pixel ratio: the image has ``round(width * scale) x round(height * scale)`` pixels.

    Returns
    -------
    QImage
        Format ARGB32_Premultiplied with ``devicePixelRatio() == scale``.
    """
    if not (math.isfinite(scale) and 0.1 <= scale <= 10):
        raise GmmvizError(f"scale {scale} is out of range; choose a DPI scale between 0.1 and 10")
    with _laid_out_at(widget, width, height) as (width, height):
        image = QtGui.QImage(
            round(width * scale), round(height * scale), QtGui.QImage.Format.Format_ARGB32_Premultiplied
        )
        image.setDevicePixelRatio(scale)
        image.fill(widget.palette().color(QtGui.QPalette.ColorRole.Window))
        # QWidget.render into the paint device (not through a QPainter, and not
        # QGraphicsView.render, which plots override) honours the device pixel ratio.
        with _export_mode(widget):
            QtWidgets.QWidget.render(widget, image)
    dots_per_meter = round(BASE_DPI * scale / 0.0254)
    image.setDotsPerMeterX(dots_per_meter)
    image.setDotsPerMeterY(dots_per_meter)
    return image


@contextmanager
def _export_mode(widget):
    """Put the pyqtgraph items in ``widget`` in export mode while the block runs.

    In export mode symbols are drawn as shapes at the image's resolution instead of
    being copied from a cached bitmap, which would look blurred at a DPI scale above 1.
    """
    import pyqtgraph as pg

    views = [widget] if isinstance(widget, pg.GraphicsView) else []
    views += widget.findChildren(pg.GraphicsView)
    items = [item for view in views for item in view.scene().items() if hasattr(item, "setExportMode")]
    for item in items:
        item.setExportMode(True, {"antialias": True, "resolutionScale": 1.0})
    try:
        yield
    finally:
        for item in items:
            item.setExportMode(False)


@contextmanager
def _laid_out_at(widget, width=None, height=None):
    """Lay ``widget`` out at ``width`` x ``height`` (default: its size) while the block runs.

    Yields the size used. A main window also gets its dock and tool bar layout back,
    which shrinking it would otherwise change for good.
    """
    old_size = widget.size()
    width = int(width or old_size.width())
    height = int(height or old_size.height())
    if width < 1 or height < 1:
        raise GmmvizError(f"image size {width} x {height} is empty; choose a positive width and height")
    if (width, height) == (old_size.width(), old_size.height()):
        yield width, height
        return
    state = widget.saveState() if isinstance(widget, QtWidgets.QMainWindow) else None
    widget.resize(width, height)
    try:
        yield width, height
    finally:
        widget.resize(old_size)
        if state is not None:
            widget.restoreState(state)
        # lay the children out again now, not at the next event, so the window is as it was
        if widget.layout() is not None:
            widget.layout().activate()


def render_plot_image(plot, width=None, height=None, scale=1.0, style=(1.0, False)) -> QtGui.QImage:
    """Render a MixturePlot with ``scale`` times the pixels by drawing it in a scaled style.

    Unlike :func:`render_image`'s device pixel ratio, this widens the curves too: the
    plot is restyled with ``set_style(style_scale * scale, dark)``, laid out at
    ``scale`` times the size and rendered pixel for pixel, then given its style back.

    Parameters
    ----------
    plot : MixturePlot
    width, height : int, optional
        Logical size (default: the plot's size).
    scale : float
    style : (float, bool)
        The plot's current ``set_style`` arguments, restored afterwards.
    """
    if scale == 1:
        return render_image(plot, width, height)
    width = int(width or plot.width())
    height = int(height or plot.height())
    style_scale, dark = style
    plot.set_style(style_scale * scale, dark)
    try:
        image = render_image(plot, round(width * scale), round(height * scale))
    finally:
        plot.set_style(style_scale, dark)
    dots_per_meter = round(BASE_DPI * scale / 0.0254)
    image.setDotsPerMeterX(dots_per_meter)
    image.setDotsPerMeterY(dots_per_meter)
    return image


def export_png(widget: QtWidgets.QWidget, path, width=None, height=None, scale=1.0,
               plot_style=None) -> QtGui.QImage:
    """Write ``widget`` as a PNG and return the image.

    With ``plot_style`` (the ``set_style`` arguments of a MixturePlot ``widget``) the
    plot is drawn by :func:`render_plot_image`, curves widened with the scale;
    otherwise by :func:`render_image`.
    """
    if plot_style is not None:
        image = render_plot_image(widget, width, height, scale, plot_style)
    else:
        image = render_image(widget, width, height, scale)
    write_png(image, path)
    return image


def export_svg(widget: QtWidgets.QWidget, path, width=None, height=None) -> None:
    """Write ``widget`` as an SVG file (vector paths and text).

    ``widget`` is a pyqtgraph plot (exported with pyqtgraph's SVG exporter, clipped
    to the view) or any other widget, such as a whole window with its side panels
    (exported with Qt's SVG generator). ``width`` and ``height`` lay it out at another
    logical size first.
    """
    import pyqtgraph as pg
    from pyqtgraph.exporters import SVGExporter

    with _laid_out_at(widget, width, height):
        if isinstance(widget, pg.PlotWidget):
            data = SVGExporter(widget.getPlotItem()).export(toBytes=True)
        else:
            data = _generated_svg(widget)
    write_bytes_atomic(path, data)


def _generated_svg(widget: QtWidgets.QWidget) -> bytes:
    from PySide6.QtSvg import QSvgGenerator

    buffer = QtCore.QBuffer()
    buffer.open(QtCore.QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(widget.size())
    generator.setViewBox(QtCore.QRect(QtCore.QPoint(0, 0), widget.size()))
    generator.setTitle(widget.windowTitle() or "gmmviz")
    QtWidgets.QWidget.render(widget, generator)
    return bytes(buffer.data())


def write_png(image: QtGui.QImage, path) -> None:
    """Write ``image`` to ``path`` as PNG, atomically (a failure keeps the old file)."""
    write_bytes_atomic(path, _encode_qimage(image, "PNG"))


def _encode_qimage(image: QtGui.QImage, fmt: str) -> bytes:
    buffer = QtCore.QBuffer()
    buffer.open(QtCore.QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, fmt):
        raise GmmvizError(f"Qt could not encode the image as {fmt}")
    return bytes(buffer.data())
