"""The two fits of a comparison over the points: maximum likelihood solid, MAP dashed.

Decisions:

- Each fit's components are drawn at 1σ and 2σ in the component colours, the shade the plot's own
  ellipses use: the two fits start from one mixture, so component k of one is component k of the
  other. Maximum likelihood's lines are solid, MAP's dashed, whatever the sigma; the fit in front is
  drawn above the other, which is lighter (``BACK_ALPHA``), so swapping them shows each in turn.
- A degenerate component (collapsed onto a point or a line) is drawn in the theme's warning red with
  a "⚠" at its mean, as the plot marks its own; its ellipses are then too small to see.
- The plot's own ellipses, its contours and the drag handles on them are hidden while comparing (the
  window's doing): three sets of lines do not read, the plot's 2σ dashes would look like MAP's, and
  contours or handles of a fit not drawn belong to neither. The points keep the colours of the fit
  on screen, whose history and agreement the docks show.
"""

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtGui

from gmmviz.gui.render import geometry
from gmmviz.gui.render.palette import WARNING_COLORS, component_colors

#: Mahalanobis radii drawn for each fit.
COMPARE_SIGMAS = (1.0, 2.0)
#: Opacity of the fit behind (0..255).
BACK_ALPHA = 110
#: Line style of each fit.
STYLES = {"mle": QtCore.Qt.PenStyle.SolidLine, "map": QtCore.Qt.PenStyle.DashLine}


def fit_pen(kind, color, scale=1.0, alpha=255):
    """The pen of fit ``kind`` ("mle" or "map") in ``color`` at ``scale`` (also for its legend sample)."""
    color = QtGui.QColor(color)
    color.setAlpha(alpha)
    return pg.mkPen(color, width=2.2 * scale, style=STYLES[kind])


def line_colors(n_components, dark):
    """The ellipse colours (n_components, 3) int: the component colours a shade darker (lighter when dark)."""
    rgb = component_colors(n_components)[:, :3].astype(float)
    return (rgb + (255.0 - rgb) * 0.25 if dark else rgb * 0.7).astype(int)


class ComparisonOverlay:
    """The MLE and MAP fits of a :class:`~gmmviz.gui.model.comparison.ComparisonResult` on a ``pg.PlotItem``."""

    def __init__(self, plot_item):
        self._plot_item = plot_item
        self._result = None
        self._front = "map"
        self._scale = 1.0
        self._dark = False
        self._warning = WARNING_COLORS[False]
        self._foreground = "#2b2b2b"
        self._curves = {kind: [] for kind in STYLES}    # one curve per component (1σ and 2σ joined)
        self._means = {}
        self._marks = []
        for kind in STYLES:
            means = pg.ScatterPlotItem(pxMode=True, symbol="o" if kind == "mle" else "d")
            plot_item.addItem(means, ignoreBounds=True)
            self._means[kind] = means

    @property
    def result(self):
        """The comparison drawn, or None."""
        return self._result

    @property
    def front(self):
        return self._front

    def outlines(self, kind):
        """Ellipse outlines of fit ``kind`` drawn, (n_components, len(COMPARE_SIGMAS), n_vertices, 2), or None."""
        if self._result is None:
            return None
        mixture = self._result.fit(kind).mixture
        return geometry.ellipse_outlines(mixture.means, mixture.full_covariances, COMPARE_SIGMAS)

    @property
    def warning_marks(self):
        """Data positions of the "⚠" marks shown, shape (n_marks, 2)."""
        shown = [mark.pos() for mark in self._marks if mark.isVisible()]
        return np.array([[pos.x(), pos.y()] for pos in shown]).reshape(-1, 2)

    def curve_pens(self, kind):
        """The pens of fit ``kind``'s curves shown (for a look at their styles)."""
        return [curve.opts["pen"] for curve in self._curves[kind] if curve.isVisible()]

    def show(self, result, front="map"):
        """Draw ``result`` (None for nothing) with fit ``front`` ("mle" or "map") in front."""
        self._result = result
        self._front = front
        self._update()

    def set_style(self, scale, dark, foreground, warning):
        """Width ``scale`` (1 = normal), dark theme or not, and the theme's foreground and warning colours."""
        self._scale, self._dark = float(scale), bool(dark)
        self._foreground, self._warning = foreground, warning
        font = QtGui.QFont()
        font.setPointSizeF(15 * self._scale)
        font.setBold(True)
        for mark in self._marks:
            mark.setFont(font)
            mark.setColor(self._warning)
        self._update()

    def _update(self):
        result = self._result
        marks_used = 0
        for kind in STYLES:
            fit = None if result is None else result.fit(kind)
            n_components = 0 if fit is None else fit.mixture.n_components
            curves = self._curves[kind]
            while len(curves) < n_components:
                curve = pg.PlotCurveItem(connect="finite", antialias=True)
                self._plot_item.addItem(curve, ignoreBounds=True)
                curves.append(curve)
            for curve in curves[n_components:]:
                curve.hide()
            if fit is None:
                self._means[kind].setData(pos=np.empty((0, 2)))
                continue
            in_front = kind == self._front
            alpha = 255 if in_front else BACK_ALPHA
            z = 6.5 if in_front else 6.2
            mixture = fit.mixture
            outlines = geometry.ellipse_outlines(mixture.means, mixture.full_covariances, COMPARE_SIGMAS)
            colors = line_colors(n_components, self._dark)
            for k, curve in enumerate(curves[:n_components]):
                color = self._warning if k in fit.degenerate else QtGui.QColor(*colors[k])
                gaps = np.full((len(COMPARE_SIGMAS), 1, 2), np.nan)
                line = np.concatenate([outlines[k], gaps], axis=1).reshape(-1, 2)
                curve.setPen(fit_pen(kind, color, self._scale, alpha))
                curve.setData(line[:, 0], line[:, 1], connect="finite")
                curve.setZValue(z)
                curve.show()
            brushes = [pg.mkBrush(*c, alpha) for c in component_colors(n_components)[:, :3].tolist()]
            self._means[kind].setData(pos=mixture.means, size=(11 if kind == "mle" else 13) * self._scale,
                                      brush=brushes, pen=pg.mkPen(self._foreground, width=1.2 * self._scale))
            self._means[kind].setZValue(z + 0.1)
            for k in fit.degenerate:
                self._mark(marks_used).setPos(*mixture.means[k])
                self._marks[marks_used].show()
                marks_used += 1
        for mark in self._marks[marks_used:]:
            mark.hide()

    def _mark(self, index):
        while len(self._marks) <= index:
            mark = pg.TextItem("⚠", anchor=(0.5, 1.0))
            mark.setZValue(7)
            font = QtGui.QFont()
            font.setPointSizeF(15 * self._scale)
            font.setBold(True)
            mark.setFont(font)
            mark.setColor(self._warning)
            self._plot_item.addItem(mark, ignoreBounds=True)
            self._marks.append(mark)
        return self._marks[index]
