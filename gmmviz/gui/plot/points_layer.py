"""Drawing many coloured points fast: symbols for small data, a numpy raster for large data.

Decision: up to ``SCATTER_MAX_POINTS`` points are drawn as outlined round symbols by one
``ScatterPlotItem``. Its colours are quantised to 4 bits per channel and each distinct colour
gets one cached ``QBrush``, so pyqtgraph's symbol atlas sees a few dozen styles instead of one
per point. Above the threshold the points are accumulated with ``np.bincount`` into an RGBA
image of the visible part of the view whose pixels are blocks of 2×2 screen pixels (one block
per point, about the size of a small symbol; mean colour per block, opacity rising with the
log of the number of points in it, so density stays visible) and drawn as one image. The
image is rebuilt lazily when the item is painted with a different view or size, so panning,
zooming, resizing and off-screen grabs always show a raster that matches the view.

Decision: weighted points (``set_weights``) are symbols whose area is proportional to the weight, the
median (positive) weight at the usual size, so one huge weight does not shrink the rest; the diameter stays between ``MIN_WEIGHTED_SIZE`` pixels (a point of
weight 0 is still there to see and erase) and ``MAX_SIZE_FACTOR`` times the usual one (a huge weight
does not cover the plot), so the area is proportional within those bounds. The raster shows the
points' density, not their weights.
"""

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtGui

from gmmviz.gui.render.raster import Rasterizer

#: Largest number of points drawn as individual symbols.
SCATTER_MAX_POINTS = 5000

_QUANT_SHIFT = 4  # keep the top 4 bits of each channel for the brush cache

#: Smallest diameter of a weighted point, in pixels, and the largest as a multiple of the usual size.
MIN_WEIGHTED_SIZE = 2.0
MAX_SIZE_FACTOR = 4.0


class RasterPointsItem(pg.GraphicsObject):
    """Points rendered as an RGBA image of the visible region, rebuilt when the view changes.

    The pixel index of every point is cached per view, so a new colouring (every EM
    half-step) costs three ``np.bincount`` calls; panning or zooming recomputes the indices.
    An image computed elsewhere for the current geometry can be handed in ready-made.
    """

    def __init__(self):
        super().__init__()
        self._X = np.empty((0, 2))
        self._rgba = np.empty((0, 4), dtype=np.uint8)
        self._bounds = QtCore.QRectF()
        self._block = 2
        self._rasterizer = Rasterizer(self._X)
        self._ready = None          # (geometry, image array) handed in with the colours
        self._image = None          # (geometry, QImage) last drawn
        #: Geometry of the last paint, read by other threads to prepare images.
        self.painted_geometry = None

    def set_points(self, X, rgba):
        """Show points ``X`` (n_samples, 2) with colours ``rgba`` (n_samples, 4) uint8."""
        self.prepareGeometryChange()
        self._X = X
        self._rgba = rgba
        if len(X):
            lo, hi = X.min(axis=0), X.max(axis=0)
            pad = 1e-9 + 1e-6 * np.abs(hi - lo).max()
            self._bounds = QtCore.QRectF(lo[0] - pad, lo[1] - pad,
                                         hi[0] - lo[0] + 2 * pad, hi[1] - lo[1] + 2 * pad)
        else:
            self._bounds = QtCore.QRectF()
        self._rasterizer = Rasterizer(X)
        self._ready = None
        self._image = None
        self.update()

    def set_colors(self, rgba, raster=None):
        """Recolour the same points; ``raster`` is an optional ready (geometry, image)."""
        self._rgba = rgba
        self._ready = raster
        self._image = None
        self.update()

    def set_block(self, pixels):
        """Side in device pixels of the square one point covers."""
        self._block = max(1, int(pixels))
        self._image = None
        self.update()

    def boundingRect(self):
        return QtCore.QRectF(self._bounds)

    def paint(self, painter, option, widget=None):
        view = self.getViewBox()
        if not len(self._X) or view is None:
            return
        margin = 0.01 * max(self._bounds.width(), self._bounds.height()) + 1e-12
        visible = view.viewRect().intersected(self._bounds.adjusted(-margin, -margin, margin, margin))
        if visible.isEmpty():
            return
        # Device pixels per data unit from the painter's own transform (covers DPR and export scaling).
        transform = painter.deviceTransform()
        sx = abs(transform.m11()) + abs(transform.m21())
        sy = abs(transform.m22()) + abs(transform.m12())
        width = int(np.clip(np.ceil(visible.width() * sx / self._block), 1, 4096))
        height = int(np.clip(np.ceil(visible.height() * sy / self._block), 1, 4096))
        geometry = (visible.x(), visible.y(), visible.width(), visible.height(), width, height)
        self.painted_geometry = geometry
        if self._image is None or self._image[0] != geometry:
            if self._ready is not None and self._ready[0] == geometry:
                pixels = self._ready[1]
            else:
                pixels = self._rasterizer.image(self._rgba, geometry)
            image = QtGui.QImage(pixels.data, width, height, 4 * width,
                                 QtGui.QImage.Format.Format_RGBA8888_Premultiplied)
            image.ndarray = pixels  # the QImage borrows this buffer
            self._image = (geometry, image)
        painter.drawImage(QtCore.QRectF(visible), self._image[1])


class PointsLayer:
    """The points of a ``MixturePlot``: chooses symbols or the raster by the number of points."""

    def __init__(self, plot_item):
        self._scatter = pg.ScatterPlotItem(pxMode=True, size=7, symbol="o",
                                           pen=pg.mkPen(0, 0, 0, 90, width=0.8))
        self._raster = RasterPointsItem()
        for item in (self._scatter, self._raster):
            item.setZValue(0)
            plot_item.addItem(item, ignoreBounds=False)
        self._brush_cache = np.empty(1 << (3 * (8 - _QUANT_SHIFT)), dtype=object)
        self._X = np.empty((0, 2))
        self._size = 7.0
        self._weights = None

    @property
    def uses_raster(self):
        """True when the points are drawn as an image (many points)."""
        return len(self._X) > SCATTER_MAX_POINTS

    def set_points(self, X, rgba):
        """Show points ``X`` (n_samples, 2) coloured ``rgba`` (n_samples, 4) uint8."""
        self._X = X
        if self.uses_raster:
            self._scatter.setData(pos=np.empty((0, 2)))
            self._scatter.hide()
            self._raster.show()
            self._raster.set_points(X, rgba)
        else:
            self._raster.set_points(np.empty((0, 2)), np.empty((0, 4), dtype=np.uint8))
            self._raster.hide()
            self._scatter.show()
            self._scatter.setData(pos=X, brush=self._brushes(rgba), size=self._sizes())

    @property
    def raster_geometry(self):
        """Geometry of the raster as last painted (None when symbols are used or before a paint)."""
        return self._raster.painted_geometry if self.uses_raster else None

    def set_colors(self, rgba, raster=None):
        """Recolour the current points; ``raster`` optionally gives a ready (geometry, image)."""
        if self.uses_raster:
            self._raster.set_colors(rgba, raster)
        elif len(self._X):
            self._scatter.setBrush(self._brushes(rgba))

    def set_style(self, size, outline):
        """Symbol size in pixels and outline colour (QColor) for the symbol path."""
        self._size = size
        self._scatter.setPen(pg.mkPen(outline, width=0.8))
        self._scatter.setSize(self._sizes())
        self._raster.set_block(max(1, int(round(size / 3.5))))

    def set_weights(self, weights):
        """Areas proportional to ``weights`` (n_samples,) for the points shown, or all alike (None)."""
        self._weights = None if weights is None else np.asarray(weights, dtype=np.float64)
        if len(self._X) and not self.uses_raster:
            self._scatter.setSize(self._sizes())

    @property
    def sizes(self):
        """The symbol diameter of every point, pixels (n_samples,), or one for all (a float)."""
        return self._sizes()

    def _sizes(self):
        weights = self._weights
        if weights is None or len(weights) != len(self._X) or not np.any(weights > 0):
            return self._size
        relative = np.sqrt(weights / np.median(weights[weights > 0]))
        return np.clip(self._size * relative, MIN_WEIGHTED_SIZE, MAX_SIZE_FACTOR * self._size)

    def _brushes(self, rgba):
        """One shared QBrush per quantised colour, as an object array indexed per point."""
        q = (rgba[:, :3] >> _QUANT_SHIFT).astype(np.intp)
        bits = 8 - _QUANT_SHIFT
        code = (q[:, 0] << (2 * bits)) | (q[:, 1] << bits) | q[:, 2]
        missing = np.unique(code[self._brush_cache[code] == None])  # noqa: E711 (object array)
        mask = (1 << bits) - 1
        step = 255 / mask
        for c in missing:
            r, g, b = (c >> (2 * bits)) & mask, (c >> bits) & mask, c & mask
            self._brush_cache[c] = QtGui.QBrush(QtGui.QColor(round(r * step), round(g * step),
                                                             round(b * step), 235))
        return self._brush_cache[code]
