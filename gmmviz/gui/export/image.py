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
- Every export first lays the widget out at the export size as a first paint on screen
  would (:func:`settle`): pyqtgraph sizes axes to their tick labels and the legend to its
  entries only while painting, so without it a 2x PNG had a legend cut off on the right
  and the y-axis title over the tick labels, and an SVG of a plot never shown had the
  layout of some earlier size.
- An SVG of the plot comes from pyqtgraph's exporter (true vector paths and text,
  clipped to the view), made portable by :func:`portable_svg` (a mask beside each clip
  path for QtSvg, which ignores clip paths; generic font fallbacks for browsers). An SVG
  of a whole window comes from Qt's SVG generator, with the plots' symbols drawn as
  shapes and a size in mm that is its size in CSS pixels. It is SVG Tiny 1.2, which has
  no clipping, so curves in it are not clipped to their plot area: Qt's SVG 1.1 mode
  clips, but places the clip of text items wrongly and cuts legend entries in half.
- Files are encoded in memory and written at the end, atomically (gmmviz.io.atomic), so a
  failed export, or a full disk, never leaves a partial file and keeps the old one.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from contextlib import contextmanager

import numpy as np
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
    items = [item for view in _graphics_views(widget) for item in view.scene().items()
             if hasattr(item, "setExportMode")]
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
        settle(widget)
        yield width, height
        return
    state = widget.saveState() if isinstance(widget, QtWidgets.QMainWindow) else None
    widget.resize(width, height)
    try:
        settle(widget)
        yield width, height
    finally:
        widget.resize(old_size)
        if state is not None:
            widget.restoreState(state)
        # lay the children out again now, not at the next event, so the window is as it was
        # (settling laid them out at the export size; text that wrapped there unwraps)
        if widget.layout() is not None:
            widget.layout().activate()
        QtCore.QCoreApplication.sendPostedEvents(None, QtCore.QEvent.Type.LayoutRequest)


def settle(widget, max_passes=4):
    """Finish laying out ``widget`` and the plot items in it, as a first paint on screen would.

    A hidden widget gets its resize only when it is painted, and pyqtgraph sizes axes
    to their tick labels and a legend to its entries only while painting or at the
    next event; a table sized to its cells drops its scroll bars only once it has that
    size. Each pass paints into a throw-away picture, then runs the layout requests
    that painting posted, until no item or widget moves.
    """
    picture = QtGui.QPicture()
    for _ in range(max_passes):
        before = _item_geometries(widget)
        with _export_mode(widget):
            QtWidgets.QWidget.render(widget, picture)
        for view in widget.findChildren(QtWidgets.QAbstractItemView):
            view.doItemsLayout()        # what its zero-time timer would do at the next event
        QtCore.QCoreApplication.sendPostedEvents(None, QtCore.QEvent.Type.LayoutRequest)
        if _item_geometries(widget) == before:
            return


def _item_geometries(widget):
    """Geometry of every layout item (axes, view boxes, legends) in the plots of ``widget`` and of every
    widget in it, with whether it is shown (a scroll bar), as tuples."""
    items = [item.geometry().getRect() for view in _graphics_views(widget) for item in view.scene().items()
             if isinstance(item, QtWidgets.QGraphicsWidget)]
    children = widget.findChildren(QtWidgets.QWidget)
    return items + [(*child.geometry().getRect(), child.isVisible()) for child in children]


def _graphics_views(widget):
    """The pyqtgraph views (plots) that ``widget`` is or contains."""
    import pyqtgraph as pg

    views = [widget] if isinstance(widget, pg.GraphicsView) else []
    return views + widget.findChildren(pg.GraphicsView)


def render_plot_image(plot, width=None, height=None, scale=1.0, style=(1.0, False)) -> QtGui.QImage:
    """Render a MixturePlot with ``scale`` times the pixels by drawing it in a scaled style.

    Unlike :func:`render_image`'s device pixel ratio, this widens the curves too: the
    plot is restyled with ``set_style(style_scale, dark, pixels=scale)``, laid out at
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
    plot.set_style(style_scale, dark, pixels=scale)
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
            data = portable_svg(SVGExporter(widget.getPlotItem()).export(toBytes=True))
        else:
            data = _generated_svg(widget)
    write_bytes_atomic(path, data)


_SVG_NS = "http://www.w3.org/2000/svg"

#: CSS generic font families; a font-family list naming none of them gets ``sans-serif``.
_GENERIC_FONTS = {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui"}


def portable_svg(data: bytes) -> bytes:
    """An SVG document ``data`` from pyqtgraph or Qt, made to look the same in browsers and in QtSvg.

    - Every element clipped by a ``<clipPath>`` of straight-line paths (pyqtgraph clips
      the view box so) also gets a ``<mask>`` of the same shape: browsers honour
      ``clip-path``, but QtSvg (6.10 included) ignores it and honours masks, so without
      the mask curves would run out of the plot area over the tick labels.
    - A font family is named by the installed family Qt drew the text in: Qt writes the
      family asked for, on Linux the fontconfig alias "Sans Serif", which a browser resolves
      its own way (Chromium took a narrower font, and the legend's text, which Qt places run
      by run, gapped: "1σ, 2σ, 3σ  ellipses"). The generic ``sans-serif`` follows it, for a
      machine without that family (the alias alone is no CSS family: browsers took a serif font).
    - The document is declared SVG 1.1, as clip paths and masks are not SVG Tiny 1.2.
    """
    for prefix, uri in (("", _SVG_NS), ("xlink", "http://www.w3.org/1999/xlink")):
        ET.register_namespace(prefix, uri)
    root = ET.fromstring(data)
    root.set("version", "1.1")
    root.attrib.pop("baseProfile", None)
    _mask_clipped_elements(root)
    css = {}                                    # Qt's family -> the CSS list (a document has one or two)
    for element in root.iter():
        family = element.get("font-family")
        if family:
            if family not in css:
                css[family] = _css_families(family)
            element.set("font-family", css[family])
    return ET.tostring(root, encoding="UTF-8", xml_declaration=True)


def _css_families(family: str) -> str:
    """A CSS font-family list for Qt's ``family``: its families as installed, then ``sans-serif`` if no generic one."""
    names = [name.strip(" '\"") for name in family.split(",")]
    names = [name if name.lower() in _GENERIC_FONTS else _installed_family(name) for name in names if name]
    if not {name.lower() for name in names} & _GENERIC_FONTS:
        names.append("sans-serif")
    return ", ".join(name if name.lower() in _GENERIC_FONTS else f'"{name}"' for name in dict.fromkeys(names))


def _installed_family(name: str) -> str:
    """The family Qt draws text asked for in ``name`` with (itself, or what an alias stands for)."""
    return QtGui.QFontInfo(QtGui.QFont(name)).family() or name


def _mask_clipped_elements(root) -> None:
    """Give every element of the SVG tree ``root`` with a ``clip-path`` a mask of the clip's shape, in place."""
    clips = {clip.get("id"): clip for clip in root.iter(f"{{{_SVG_NS}}}clipPath")}
    parents = {child: parent for parent in root.iter() for child in parent}
    mask_ids = {}                               # clipPath id -> id of its mask, or None
    for element in list(root.iter()):
        match = re.fullmatch(r"url\(#([^)]+)\)", element.get("clip-path", ""))
        if match is None or match.group(1) not in clips:
            continue
        name = match.group(1)
        if name not in mask_ids:
            mask = _mask_like(clips[name])
            if mask is not None:            # beside its clip path: the same user space
                parent = parents[clips[name]]
                parent.insert(list(parent).index(clips[name]) + 1, mask)
            mask_ids[name] = None if mask is None else mask.get("id")
        if mask_ids[name] is not None:
            element.set("mask", f"url(#{mask_ids[name]})")


def _mask_like(clip):
    """A ``<mask>`` element showing what the ``<clipPath>`` element ``clip`` shows, or None.

    None unless the clip path is made of untransformed paths of absolute moves and lines
    (what pyqtgraph writes). The mask's region is the paths' bounding box, in the user
    space of the masked element, as the clip path's coordinates are.
    """
    paths = list(clip)
    if not paths or any(path.tag != f"{{{_SVG_NS}}}path" or path.get("transform") for path in paths):
        return None
    ds = [path.get("d", "") for path in paths]
    if any(re.search(r"[^MLZ0-9eE.,+\-\s]", d) for d in ds):
        return None
    numbers = [float(v) for d in ds for v in re.findall(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?", d)]
    if not numbers or len(numbers) % 2:
        return None
    xy = np.reshape(numbers, (-1, 2))
    (x0, y0), (x1, y1) = xy.min(axis=0), xy.max(axis=0)
    mask = ET.Element(f"{{{_SVG_NS}}}mask", {
        "id": f"{clip.get('id')}_mask", "maskUnits": "userSpaceOnUse", "maskContentUnits": "userSpaceOnUse",
        "x": f"{x0:.10g}", "y": f"{y0:.10g}", "width": f"{x1 - x0:.10g}", "height": f"{y1 - y0:.10g}"})
    for d in ds:
        ET.SubElement(mask, f"{{{_SVG_NS}}}path", {"d": d, "fill": "white", "stroke": "none"})
    return mask


def _generated_svg(widget: QtWidgets.QWidget) -> bytes:
    from PySide6.QtSvg import QSvgGenerator

    buffer = QtCore.QBuffer()
    buffer.open(QtCore.QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setResolution(BASE_DPI)           # its size in mm is then its size in CSS pixels
    generator.setSize(widget.size())
    generator.setViewBox(QtCore.QRect(QtCore.QPoint(0, 0), widget.size()))
    generator.setTitle(widget.windowTitle() or "gmmviz")
    with _export_mode(widget):                  # symbols as shapes, not cached bitmaps
        QtWidgets.QWidget.render(widget, generator)
    return portable_svg(bytes(buffer.data()))


def write_png(image: QtGui.QImage, path) -> None:
    """Write ``image`` to ``path`` as PNG, atomically (a failure keeps the old file)."""
    write_bytes_atomic(path, _encode_qimage(image, "PNG"))


def _encode_qimage(image: QtGui.QImage, fmt: str) -> bytes:
    buffer = QtCore.QBuffer()
    buffer.open(QtCore.QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, fmt):
        raise GmmvizError(f"Qt could not encode the image as {fmt}")
    return bytes(buffer.data())
