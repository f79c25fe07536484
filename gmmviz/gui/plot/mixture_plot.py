"""The mixture plot: points coloured by responsibilities, density contours, ellipses; it owns the legend.

``MixturePlot`` is used by the window and by the off-screen exporters, so it never needs to be
shown: everything it draws is computed on demand when it is painted or grabbed. All items are
built once and updated with ``setData``; colours are computed for all points at once.

Decisions:

- Point colour is the responsibility-weighted mix of the component colours (``resp @ colors``);
  with hard labels, the colour of the most responsible component. Before the first E-step
  (no responsibilities yet) points are grey, so an E-step visibly assigns them.
- Contours are highest-density regions holding 25/50/75/95 % of the mixture's probability
  (see :mod:`gmmviz.gui.render.geometry`), drawn in a neutral colour so they never compete with the
  component colours. They are computed on a grid (one point per 5 screen pixels) over the view
  padded by a quarter of its size on each side, and recomputed only when the view leaves that
  region or zooms in more than twofold.
- Ellipses are at 1σ (solid), 2σ (dashed) and 3σ (dotted) Mahalanobis radius, in a darker shade of the
  component colour (so they stay visible over points of their own colour), with a ringed dot at each mean.
- The legend (its entries, key and placement) is :mod:`gmmviz.gui.plot.legend`; the plot tells it
  the mixture the contours show and which lines are drawn.
- A degenerate component (``degenerate`` in ``show_state``) keeps its line styles, so the key
  still reads, but is drawn in the theme's warning red with a "⚠" just above its mean: a
  collapsed component's ellipses are too small to see.
- Without points the plot shows, in its centre, how to get some.
- A true mixture (``set_truth``) is drawn over the fit by :mod:`gmmviz.gui.plot.truth_overlay`, with
  its own legend entry; the legend avoids its ellipses as it avoids the fit's.
"""

from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtGui

from gmmviz.gui.render import geometry
from gmmviz.gui.render.palette import UNASSIGNED_RGBA, component_colors, label_colors, mix_colors, mixture_colors
from gmmviz.gui.plot.data_axis import DataAxis
from gmmviz.gui.plot.hover_readout import HoverReadout, readout_html
from gmmviz.gui.plot.legend import MAX_SCALE as LEGEND_MAX_SCALE, MixtureLegend
from gmmviz.gui.plot.point_tools import ToolViewBox
from gmmviz.gui.plot.points_layer import PointsLayer
from gmmviz.gui.plot.themes import THEMES, axis_label_style, style_axes
from gmmviz.gui.plot.truth_overlay import TruthOverlay
from gmmviz.gui.render.raster import Rasterizer

_EMPTY_HINT = ("Click to add points, or drag with Spray to add many,<br>"
               "or choose Data ▸ Old Faithful or File ▸ Open.")

_ELLIPSE_STYLES = (  # (width, alpha, Qt pen style) for 1σ, 2σ, 3σ
    (2.0, 255, QtCore.Qt.PenStyle.SolidLine),
    (1.4, 220, QtCore.Qt.PenStyle.DashLine),
    (1.0, 190, QtCore.Qt.PenStyle.DotLine),
)

#: The parts of the legend after its keys, in order: the fits compared (MLE against MAP), the prior's
#: ellipse, and notes on the points (weighted) and the noise.
LEGEND_PARTS = ("comparison", "prior", "notes")


@dataclass(frozen=True)
class PreparedDrawing:
    """What ``show_state`` would compute for a state, computed ahead (e.g. on the EM worker).

    Attributes
    ----------
    rgba : ndarray of shape (n_samples, 4), uint8
        Point colours.
    hard_labels : bool
        Whether ``rgba`` are hard-label colours (else blended ones).
    raster : tuple (geometry, image) or None
        Raster image of the points for a view geometry (see ``RasterPointsItem``).
    contours : tuple (region, levels, lines) or None
        Contour lines (as ``geometry.contour_lines``) over ``region`` = (x0, y0, w, h, nx, ny).
    """

    rgba: np.ndarray
    hard_labels: bool = False
    raster: tuple | None = None
    contours: tuple | None = None


class MixturePlot(pg.PlotWidget):
    """Plot of points and a Gaussian mixture.

    ``style_changed`` fires after :meth:`set_style`, for items laid over the plot by others (see ``theme``).

    Parameters
    ----------
    parent : QWidget, optional
    """

    style_changed = QtCore.Signal()

    def __init__(self, parent=None):
        # The plot's context menu is the window's (gmmviz.gui.commands.surgery), so pyqtgraph's is never built.
        super().__init__(parent=parent, viewBox=ToolViewBox(enableMenu=False),
                         axisItems={side: DataAxis(side) for side in ("left", "bottom")})
        self.plot_item = self.getPlotItem()
        self.view_box = self.plot_item.getViewBox()
        self.plot_item.hideButtons()
        self._X = np.empty((0, 2))
        self._rgba = np.empty((0, 4), dtype=np.uint8)
        self._mixture = None
        self._overlay_mixture = None            # mixture the contours and legend show
        self._resp = None
        self._degenerate = ()                   # components drawn as degenerate
        self._overlay_degenerate = ()           # same, for the legend's mixture
        self._hard_labels = False
        self._visible = {"contours": True, "ellipses": True, "legend": True, "truth": True}
        self._levels = (None, None)            # (mixture, log-density levels)
        self._contour_rect = None               # region the current contours cover
        self._contour_region = None             # same, as (x0, y0, w, h, nx, ny), for other threads
        self._ellipses = None                   # outlines last drawn, (K, 3, V, 2)
        self._scale = 1.0
        self._dark = False
        self._axis_names = ("x", "y")

        self._points = PointsLayer(self.plot_item)
        self._contour_curves = []
        for _ in geometry.CONTOUR_MASSES:
            curve = pg.PlotCurveItem(connect="finite", antialias=True)
            curve.setZValue(1)
            self.plot_item.addItem(curve, ignoreBounds=True)
            self._contour_curves.append(curve)
        self._ellipse_curves = []               # grows to the largest K seen, one triple per component
        self._mean_markers = pg.ScatterPlotItem(pxMode=True, symbol="o")
        self._mean_centres = pg.ScatterPlotItem(pxMode=True, symbol="o")
        for z, item in enumerate((self._mean_markers, self._mean_centres)):
            item.setZValue(3 + z)
            self.plot_item.addItem(item, ignoreBounds=True)
        self._warning_marks = []                # grows to the largest K seen, one "⚠" per component
        #: The true mixture's dashed ellipses (:mod:`gmmviz.gui.plot.truth_overlay`); see :meth:`set_truth`.
        self.truth_overlay = TruthOverlay(self.plot_item)
        self._legend = MixtureLegend(self, self.view_box, _ELLIPSE_STYLES, self._drawn)
        self._legend_parts = dict.fromkeys(LEGEND_PARTS, ())
        self._part_outlines = dict.fromkeys(LEGEND_PARTS)
        self._hint = pg.TextItem(anchor=(0.5, 0.5))
        self._hint_width = 0.0                  # its unwrapped width in pixels
        self._hint.setZValue(10)
        self.plot_item.addItem(self._hint, ignoreBounds=True)

        self._readout = HoverReadout(self, self._readout_of)
        self._top_inset = 0.0               # pixels at the top covered by a notice (set_top_inset)
        self.scene().sigMouseMoved.connect(self._readout.follow)
        self.view_box.sigRangeChanged.connect(self._on_range_changed)
        self.view_box.sigResized.connect(self._on_range_changed)
        self.set_style()
        self.set_axis_labels(*self._axis_names)

    # -- data ---------------------------------------------------------------------------------

    @property
    def points(self):
        """Points shown, shape (n_samples, 2)."""
        return self._X

    @property
    def mixture(self):
        """Mixture shown, or None."""
        return self._mixture

    @property
    def colors(self):
        """Current RGBA colour of every point, shape (n_samples, 4) uint8."""
        return self._rgba

    @property
    def ellipses(self):
        """Ellipse outlines shown, shape (n_components, 3, n_vertices, 2), or None."""
        return self._ellipses

    @property
    def uses_raster(self):
        """True when the points are drawn as an image (many points)."""
        return self._points.uses_raster

    @property
    def legend_entries(self):
        """Text of every legend entry, top to bottom (empty when the legend is hidden)."""
        return self._legend.entries

    @property
    def legend_corner(self):
        """Corner of the view the legend was placed in (see ``placement.CORNERS``), None once dragged."""
        return self._legend.corner

    @property
    def legend_rect(self):
        """Region of the plane the legend covers, as a QRectF in data coordinates."""
        return self._legend.rect

    @property
    def warning_marks(self):
        """Data positions of the "⚠" marks shown at degenerate components' means, shape (n_marks, 2)."""
        shown = [mark.pos() for mark in self._warning_marks if mark.isVisible()]
        return np.array([[pos.x(), pos.y()] for pos in shown]).reshape(-1, 2)

    @property
    def hint_text(self):
        """The hint shown on a plot without points (empty when hidden)."""
        return self._hint.textItem.toPlainText() if self._hint.isVisible() else ""

    def set_points(self, X):
        """Show points ``X`` (n_samples, 2); responsibilities of a different size are dropped."""
        self._X = np.ascontiguousarray(X, dtype=float).reshape(-1, 2)
        if self._resp is not None and len(self._resp) != len(self._X):
            self._resp = None
        self._rgba = self._point_colors()
        self._points.set_points(self._X, self._rgba)
        self._update_hint()
        self._legend.place()

    def show_state(self, mixture=None, resp=None, prepared=None, quick=False, degenerate=()):
        """Show a mixture (or None) and responsibilities (n_samples, K) for the points (or None).

        ``prepared`` (a ``PreparedDrawing`` made by ``drawing_preparer`` for this mixture and
        ``resp``) supplies work done ahead; parts that no longer match the plot (hard-label
        setting, view) are recomputed. ``quick`` updates only the points, ellipses and means,
        for animation frames: contours and legend keep showing the last full call's mixture.
        ``degenerate`` are the 0-based indices of components to mark as collapsed or emptied
        (``EMState.degenerate``).
        """
        if resp is not None and len(resp) != len(self._X):
            raise ValueError(f"responsibilities for {len(resp)} points, but {len(self._X)} are shown")
        degenerate = tuple(sorted({int(k) for k in degenerate}))
        mixture_changed = mixture is not self._mixture or degenerate != self._degenerate
        self._mixture = mixture
        self._degenerate = degenerate
        self._resp = resp
        if prepared is not None and resp is not None and prepared.hard_labels == self._hard_labels:
            self._rgba = prepared.rgba
            self._points.set_colors(self._rgba, prepared.raster)
        else:
            self._rgba = self._point_colors()
            self._points.set_colors(self._rgba)
        if mixture_changed:
            self._update_ellipses()
            self._readout.refresh()         # the numbers under a still mouse are the new mixture's
            if not len(self._X):
                self._update_hint()
        if quick and mixture is not None:
            return
        if mixture is not self._overlay_mixture:
            self._overlay_mixture = mixture
            self._contour_rect = None
            contours = None if prepared is None else prepared.contours
            if not (contours is not None and self._use_contours(*contours)):
                self._update_contours()
        self._overlay_degenerate = degenerate
        self._update_legend()

    def drawing_preparer(self):
        """A function ``prepare(mixture, resp) -> PreparedDrawing`` safe to call on another thread.

        It colours the points shown now as this plot would, renders the raster image for the
        view as last painted (when the raster is used) and the contours over the region last
        contoured, so that ``show_state`` has little left to do. It reads plain attributes of
        the plot when called, never Qt objects.
        """
        rasterizer = Rasterizer(self._X) if self._points.uses_raster else None

        def prepare(mixture, resp):
            hard = self._hard_labels
            colors = mixture_colors(mixture)
            rgba = label_colors(resp.argmax(axis=1), colors) if hard else mix_colors(resp, colors)
            view = self._points.raster_geometry
            raster = None if rasterizer is None or view is None else (view, rasterizer.image(rgba, view))
            region = self._contour_region
            contours = None
            if region is not None and self._visible["contours"]:
                levels = geometry.hdr_log_levels(mixture)
                contours = (region, levels, geometry.contour_lines(mixture, region[:4], levels, region[4:]))
            return PreparedDrawing(rgba, hard, raster, contours)

        return prepare

    @property
    def theme(self):
        """``(scale, dark, colours)``: the style set last; colours has "foreground", "warning", "background"."""
        return self._scale, self._dark, dict(THEMES[self._dark])

    def set_legend_entries(self, part, entries, outlines=None):
        """Legend entries ``(pen(scale, theme), text)`` for ``part``, one of ``LEGEND_PARTS`` (in order), and the
        outlines (..., 2) they stand for in data coordinates, which the legend keeps clear of as of the fit's.

        The legend is rebuilt only when the part's texts change (owners make their pens anew each time).
        """
        entries = tuple(entries)
        self._part_outlines[part] = outlines
        if [text for _, text in self._legend_parts[part]] == [text for _, text in entries]:   # KeyError: no part
            self._legend.place()
            return
        self._legend_parts[part] = entries
        self._legend.set_extras(sum(self._legend_parts.values(), ()))
        self._update_legend()

    def set_point_weights(self, weights):
        """Draw the points with areas proportional to ``weights`` (n_samples,), or all alike (None)."""
        self._points.set_weights(weights)

    def set_truth(self, mixture):
        """Draw the true mixture (or None) over the fit, dashed, with its legend entry."""
        self.truth_overlay.set_mixture(mixture)
        self._update_legend()

    def set_hard_labels(self, enabled):
        """Colour points by their most responsible component instead of the blend."""
        self._hard_labels = bool(enabled)
        self._rgba = self._point_colors()
        self._points.set_colors(self._rgba)

    def set_layers(self, contours=None, ellipses=None, legend=None, truth=None):
        """Show or hide contours, ellipses (with mean markers), the legend and the truth (None = unchanged)."""
        for name, value in (("contours", contours), ("ellipses", ellipses), ("legend", legend), ("truth", truth)):
            if value is not None:
                self._visible[name] = bool(value)
        self.truth_overlay.set_visible(self._visible["truth"])
        self._contour_rect = None
        self._update_overlays()

    def set_axis_labels(self, x_name, y_name):
        """Name the axes (column names of the data)."""
        self._axis_names = (x_name, y_name)
        style = axis_label_style(self._scale, self._dark)
        self.plot_item.setLabel("bottom", x_name, **style)
        self.plot_item.setLabel("left", y_name, **style)

    def set_top_inset(self, pixels):
        """Keep the legend, the read-out and fit_view's points below the top ``pixels`` (a notice; 0 = none)."""
        self._top_inset = max(0.0, float(pixels))
        self._legend.set_top_inset(pixels)
        self._readout.set_top_inset(pixels)

    def set_aspect_locked(self, locked):
        """Keep one data unit equally long on both axes."""
        self.view_box.setAspectLocked(bool(locked), ratio=1.0)

    def fit_view(self):
        """Show all points (or, without points, the mixture's 3σ ellipses) with a small margin, below a notice."""
        if len(self._X):
            lo, hi = self._X.min(axis=0), self._X.max(axis=0)
        elif self._mixture is not None:
            outlines = geometry.ellipse_outlines(self._mixture.means, self._mixture.full_covariances, (3.0,))
            lo, hi = outlines.reshape(-1, 2).min(axis=0), outlines.reshape(-1, 2).max(axis=0)
        else:
            lo, hi = np.array([-1.0, -1.0]), np.array([1.0, 1.0])
        # On one spot: a millionth of its distance from 0 (1 at 0), no other floor: data at 1e-12 fill the view.
        span = np.maximum(hi - lo, 1e-6 * max(np.abs(lo).max(), np.abs(hi).max()) or 1.0)
        lo, span = lo - 0.05 * span, 1.1 * span
        view_top = self.mapFromScene(self.view_box.sceneBoundingRect().topLeft()).y()
        height = self.view_box.height()
        hidden = float(np.clip(self._top_inset - view_top, 0.0, 0.5 * height)) if height > 0 else 0.0
        span[1] *= height / (height - hidden) if hidden else 1.0       # the points clear of the strip
        self.view_box.setRange(QtCore.QRectF(lo[0], lo[1], span[0], span[1]), padding=0)

    def set_style(self, scale=1.0, dark=False, pixels=1.0):
        """Font and line-width scale (1 = normal), light or dark theme, and an export's pixel factor.

        ``scale`` is the presentation scale: the legend and the hover read-out grow with it only up to
        ``LEGEND_MAX_SCALE`` (larger, they covered clusters).
        ``pixels`` (2 = a picture with twice the pixels) enlarges everything alike, so an export at
        any pixel factor is laid out as the plot on screen.
        """
        self._scale = float(scale) * float(pixels)
        self._dark = bool(dark)
        theme = THEMES[self._dark]
        style_axes(self, self._scale, self._dark)
        self.set_axis_labels(*self._axis_names)
        self._points.set_style(7.0 * self._scale, QtGui.QColor(*theme["outline"]))
        self._legend.set_style(min(float(scale), LEGEND_MAX_SCALE) * float(pixels), theme)
        self.truth_overlay.set_style(theme["foreground"], self._scale)
        self._readout.set_style(theme["readout"], min(float(scale), LEGEND_MAX_SCALE) * float(pixels))
        hint_font = QtGui.QFont()
        hint_font.setPointSizeF(11 * self._scale)
        self._hint.setFont(hint_font)
        self._hint.setHtml(f"<div style='text-align: center; color: {theme['foreground']}'>{_EMPTY_HINT}</div>")
        self._hint.setTextWidth(-1)                 # measure the lines unwrapped
        self._hint_width = self._hint.textItem.document().idealWidth()
        self._update_hint()
        for mark in self._warning_marks:
            self._style_warning_mark(mark)
        self._contour_rect = None
        self._update_overlays()
        self.style_changed.emit()

    # -- read-out -----------------------------------------------------------------------------

    def readout_at(self, x, y):
        """Density and responsibilities at a point of the plane.

        Returns
        -------
        density : float or None
            p(x, y), None without a mixture.
        proba : ndarray of shape (n_components,) or None
            P(k | x, y).
        """
        if self._mixture is None:
            return None, None
        point = np.array([[x, y]])
        return float(self._mixture.pdf(point)[0]), self._mixture.predict_proba(point)[0]

    def leaveEvent(self, event):
        self._readout.hide()
        super().leaveEvent(event)

    def _readout_of(self, scene_pos):
        """The read-out's (text, view, legend corner) for the mouse at ``scene_pos``; None off the view."""
        if not self.view_box.sceneBoundingRect().contains(scene_pos):
            return None
        pos = self.view_box.mapSceneToView(scene_pos)
        text = readout_html(self._axis_names, pos.x(), pos.y(), *self.readout_at(pos.x(), pos.y()))
        return text, self.mapFromScene(self.view_box.sceneBoundingRect()).boundingRect(), self._legend.corner

    @property
    def readout_text(self):
        """Plain text of the hover read-out (empty when hidden)."""
        return self._readout.text

    # -- drawing ------------------------------------------------------------------------------

    def _point_colors(self):
        n_samples = len(self._X)
        if self._mixture is None or self._resp is None:
            return np.broadcast_to(UNASSIGNED_RGBA, (n_samples, 4)).copy()
        colors = mixture_colors(self._mixture)
        if self._hard_labels:
            return label_colors(self._resp.argmax(axis=1), colors)
        return mix_colors(self._resp, colors)

    def _update_overlays(self):
        self._update_ellipses()
        self._update_contours()
        self._update_legend()

    def _update_ellipses(self):
        mixture = self._mixture
        show = mixture is not None and self._visible["ellipses"]
        n_components = mixture.n_components if show else 0
        while len(self._ellipse_curves) < n_components:
            curves = []
            for _ in _ELLIPSE_STYLES:
                curve = pg.PlotCurveItem(antialias=True)
                curve.setZValue(2)
                self.plot_item.addItem(curve, ignoreBounds=True)
                curves.append(curve)
            self._ellipse_curves.append(curves)
        while len(self._warning_marks) < n_components:
            mark = pg.TextItem("⚠", anchor=(0.5, 1.0))
            mark.setZValue(5)
            self._style_warning_mark(mark)
            self.plot_item.addItem(mark, ignoreBounds=True)
            self._warning_marks.append(mark)
        for curves in self._ellipse_curves[n_components:]:
            for curve in curves:
                curve.hide()
        for k, mark in enumerate(self._warning_marks):
            mark.setVisible(k < n_components and k in self._degenerate)
        if not show:
            self._ellipses = None
            self._mean_markers.setData(pos=np.empty((0, 2)))
            self._mean_centres.setData(pos=np.empty((0, 2)))
            return
        colors = component_colors(n_components)
        theme = THEMES[self._dark]
        # Lines a shade darker (lighter on dark) than the points they enclose, so they stand
        # out over points of their own colour without a costly halo. Lighter means mixed with
        # white, which keeps the hue: blue stays blue and orange orange, as in the legend.
        rgb = colors[:, :3].astype(float)
        line_colors = (rgb + (255.0 - rgb) * 0.25 if self._dark else rgb * 0.7).astype(int)
        warning = QtGui.QColor(theme["warning"])
        self._ellipses = geometry.ellipse_outlines(mixture.means, mixture.full_covariances)
        for k, curves in enumerate(self._ellipse_curves[:n_components]):
            color = warning if k in self._degenerate else QtGui.QColor(*line_colors[k])
            for s, (curve, (width, alpha, style)) in enumerate(zip(curves, _ELLIPSE_STYLES)):
                color.setAlpha(alpha)
                curve.setPen(pg.mkPen(color, width=width * self._scale, style=style))
                curve.setData(self._ellipses[k, s, :, 0], self._ellipses[k, s, :, 1])
                curve.show()
        # A target: a disc in the background colour ringed in the foreground, the component
        # colour inside, visible over points of any colour.
        self._mean_markers.setData(
            pos=mixture.means, size=15 * self._scale, brush=pg.mkBrush(theme["background"]),
            pen=pg.mkPen(theme["mean_pen"], width=1.4 * self._scale))
        self._mean_centres.setData(pos=mixture.means, size=8 * self._scale,
                                   brush=[pg.mkBrush(*c) for c in colors.tolist()], pen=None)
        for k in self._degenerate:
            if k < n_components:
                self._warning_marks[k].setPos(*mixture.means[k])

    def _style_warning_mark(self, mark):
        font = QtGui.QFont()
        font.setPointSizeF(15 * self._scale)
        font.setBold(True)
        mark.setFont(font)
        mark.setColor(THEMES[self._dark]["warning"])

    def _on_range_changed(self, *_):
        self._update_contours()
        self._update_hint()
        self._legend.place()
        self._readout.refresh()             # the mouse is over another point of the plane now

    def _update_contours(self):
        mixture = self._overlay_mixture
        if mixture is None or not self._visible["contours"]:
            for curve in self._contour_curves:
                curve.setData([], [])
            self._contour_rect = None
            return
        view = self.view_box.viewRect()
        covered = self._contour_rect
        if (covered is not None and covered.contains(view)
                and view.width() * 3 > covered.width() and view.height() * 3 > covered.height()):
            return
        if self._levels[0] is not mixture:
            self._levels = (mixture, geometry.hdr_log_levels(mixture))
        rect = view.adjusted(-view.width() / 4, -view.height() / 4, view.width() / 4, view.height() / 4)
        # One grid point per 5 screen pixels keeps the lines smooth and the grid small.
        shape = tuple(int(np.clip(1.5 * size / 5, 40, 400))
                      for size in (self.view_box.width(), self.view_box.height()))
        region = (rect.x(), rect.y(), rect.width(), rect.height()) + shape
        lines = geometry.contour_lines(mixture, region[:4], self._levels[1], shape)
        self._show_contours(region, lines)

    def _use_contours(self, region, levels, lines):
        """Show contours computed ahead over ``region`` if it still covers the view."""
        rect = QtCore.QRectF(*region[:4])
        view = self.view_box.viewRect()
        if not (rect.contains(view) and view.width() * 3 > rect.width() and view.height() * 3 > rect.height()):
            return False
        self._levels = (self._overlay_mixture, levels)
        self._show_contours(region, lines)
        return True

    def _show_contours(self, region, lines):
        theme = THEMES[self._dark]
        n_levels = len(lines)
        for i, (curve, line) in enumerate(zip(self._contour_curves, lines)):
            alpha = int(70 + 110 * i / max(n_levels - 1, 1))   # inner (higher-density) levels darker
            curve.setPen(pg.mkPen(*theme["contour"], alpha, width=1.0 * self._scale))
            if line is None:
                curve.setData([], [])
            else:
                curve.setData(line[:, 0], line[:, 1], connect="finite")
        self._contour_rect = QtCore.QRectF(*region[:4])
        self._contour_region = region

    def _update_legend(self):
        shown = self._overlay_mixture if self._visible["legend"] else None
        truth_key = self._visible["legend"] and self.truth_overlay.outlines is not None
        self._legend.show(shown, self._overlay_degenerate, self._visible["ellipses"], self._visible["contours"],
                          truth_key)

    def _drawn(self):
        """Points and ellipse outlines shown, for the legend to hide least of."""
        outlines = [self._ellipses if self._visible["ellipses"] else None, self.truth_overlay.outlines,
                    *self._part_outlines.values()]
        outlines = [o.reshape(-1, 2) for o in outlines if o is not None]
        return self._X, (np.concatenate(outlines).reshape(1, 1, -1, 2) if outlines else None)

    def _update_hint(self):
        self._hint.setVisible(not len(self._X) and self._mixture is None)     # never over a mixture drawn
        self._hint.setPos(self.view_box.viewRect().center())
        # A text width centres the lines; narrower than the plot, they wrap.
        width = min(self._hint_width, max(0.9 * self.view_box.width(), 100.0))
        if self._hint.textItem.textWidth() != width:
            self._hint.setTextWidth(width)
