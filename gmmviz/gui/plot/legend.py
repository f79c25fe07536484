"""The mixture plot's legend: the components, a key to the lines, its place over the view.

``MixtureLegend`` wraps a pyqtgraph ``LegendItem`` laid over the plot's view box; the
``MixturePlot`` owns one and tells it what it shows.

Decisions:

- The legend lists the components (weight, and "(degenerate)" in the theme's warning red for a
  collapsed or emptied one) and then a key to what the lines mean: one entry for the three ellipse
  styles (its sample is the three of them about one centre, as on the plot), the contours' masses,
  and an entry for the true mixture's dashed lines when one is drawn (then even without a fit). It
  has two columns for more than ten components (two columns of fewer ran past a narrow export's
  edge).
- Its text and samples grow with the presentation scale only up to ``MAX_SCALE`` (2×, as the
  equations' text; :meth:`MixturePlot.set_style <gmmviz.gui.plot.mixture_plot.MixturePlot.set_style>`
  applies it, and an export's pixel factor on top of it): at 3× a legend of three components covered
  a third of the plot's width and most of its height, and hid a whole cluster whichever corner it took.
- It sits in the corner of the view where it hides the fewest points and ellipse vertices
  (:mod:`gmmviz.gui.render.placement`), re-chosen when the view, the points or the fit change,
  and below a strip the window lays over the top of the plot (``set_top_inset``).
- It can be dragged; from then on it stays where the user put it (relative to the nearest
  corner of the plot) until a double-click on it gives the placement back to the plot. It takes
  the clicks on it, so a click meant for the legend never adds a point.
- Its samples are dots and short lines that do nothing when clicked: pyqtgraph's own sample
  hides its plot item when clicked, and these stand for nothing that could be hidden.
"""

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtGui

from gmmviz.gui.render import geometry, placement
from gmmviz.gui.plot.truth_overlay import TRUTH_SIGMAS, TRUTH_WIDTHS, truth_pen
from gmmviz.gui.render.palette import component_colors

#: The presentation scale the legend grows with at most.
MAX_SCALE = 2.0

# Pixels at scale 1 around the entries, between a sample and its text, and between rows (rows overlap a
# little: the samples' height has room to spare).
_MARGIN, _SAMPLE_GAP, _ROW_GAP = 9.0, 5.0, -4.0


class LegendSample(pg.GraphicsWidget):
    """A legend entry's sample: a dot (``brush``) or a short line (``pen``); clicks do nothing."""

    sigClicked = QtCore.Signal(object)      # LegendItem connects it

    def __init__(self, pen=None, brush=None, scale=1.0):
        super().__init__()
        self._pen = pen
        self._brush = brush
        self._scale = scale
        self.setFixedWidth(28 * scale)
        self.setFixedHeight(18 * scale)

    def boundingRect(self):
        return QtCore.QRectF(0, 0, 28 * self._scale, 18 * self._scale)

    def paint(self, painter, *args):
        painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
        middle = 9 * self._scale
        if self._brush is not None:
            painter.setPen(QtCore.Qt.PenStyle.NoPen)
            painter.setBrush(self._brush)
            painter.drawEllipse(QtCore.QPointF(14 * self._scale, middle), 5 * self._scale, 5 * self._scale)
        else:
            painter.setPen(self._pen)
            painter.drawLine(QtCore.QPointF(1, middle), QtCore.QPointF(27 * self._scale, middle))

    def mouseClickEvent(self, event):
        event.accept()


class EllipseKeySample(LegendSample):
    """The ellipse key's sample: the ellipses of ``sigmas`` about one centre, each in its own pen.

    The largest fills the sample, as on the plot the 3σ ellipse holds the others.
    """

    def __init__(self, pens, sigmas, scale=1.0):
        super().__init__(scale=scale)
        self._pens = pens
        self._sigmas = sigmas

    def paint(self, painter, *args):
        painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
        painter.setBrush(QtCore.Qt.BrushStyle.NoBrush)
        centre = QtCore.QPointF(14 * self._scale, 9 * self._scale)
        outer_x, outer_y = 13 * self._scale, 8 * self._scale
        for sigma, pen in zip(self._sigmas, self._pens):
            painter.setPen(pen)
            fraction = sigma / max(self._sigmas)
            painter.drawEllipse(centre, outer_x * fraction, outer_y * fraction)


class MovableLegend(pg.LegendItem):
    """A legend the user can drag; ``placed_by_user`` tells whether they did.

    A click on it is taken, so it never adds a point underneath; a double-click emits
    ``sigDoubleClicked`` (``MixtureLegend`` then places it again).
    """

    def __init__(self, **kwargs):
        super().__init__(sampleType=LegendSample, **kwargs)
        self.placed_by_user = False

    def mouseDragEvent(self, event):
        super().mouseDragEvent(event)
        if event.isAccepted():
            self.placed_by_user = True

    def mouseClickEvent(self, event):
        event.accept()


class MixtureLegend:
    """The legend of a mixture plot, over its view box.

    Parameters
    ----------
    view : pg.GraphicsView
        The plot widget; ``set_top_inset`` pixels are in its coordinates.
    view_box : pg.ViewBox
        The view the legend lies over.
    ellipse_styles : sequence of (width, alpha, Qt.PenStyle)
        The plot's line styles of the 1σ, 2σ and 3σ ellipses, for the key.
    drawn : callable
        ``drawn() -> (points, outlines)``: the points shown, shape (n_samples, 2), and the ellipse
        outlines shown, shape (n_components, 3, n_vertices, 2), or None; the legend hides least of them.
    """

    def __init__(self, view, view_box, ellipse_styles, drawn):
        self._view = view
        self._view_box = view_box
        self._ellipse_styles = ellipse_styles
        self._drawn = drawn
        self._item = MovableLegend()
        self._item.setParentItem(view_box)
        self._item.sigDoubleClicked.connect(self._on_double_clicked)
        self._layout = None                     # (K, ellipse key shown, contour key shown) as built
        self._extras = ()                       # ((pen(scale, theme), text), ...) after the keys
        self._corner = None
        self._top_inset = 0.0                   # pixels at the top covered by something else
        self._scale = 1.0
        self._theme = None

    @property
    def entries(self):
        """Text of every entry, top to bottom (empty when the legend is hidden)."""
        if not self._item.isVisible():
            return []
        return [label.text for _, label in self._item.items]

    @property
    def corner(self):
        """Corner of the view the legend was placed in (see ``placement.CORNERS``), None once dragged."""
        return None if self._item.placed_by_user else self._corner

    @property
    def rect(self):
        """Region of the plane the legend covers, as a QRectF in data coordinates."""
        return self._view_box.mapSceneToView(self._item.sceneBoundingRect()).boundingRect()

    def set_style(self, scale, theme):
        """Font and line-width ``scale`` (1 = normal) and the plot's colours ``theme``.

        The entries are built again at the next ``show``.
        """
        self._scale = scale
        self._theme = theme
        self._item.setLabelTextColor(theme["foreground"])
        self._item.setLabelTextSize(f"{9 * scale:.0f}pt")
        # Its gaps grow with the text, so a picture with more pixels has the legend laid out as on screen.
        layout = self._item.layout
        layout.setContentsMargins(*(_MARGIN * scale,) * 4)
        layout.setHorizontalSpacing(_SAMPLE_GAP * scale)
        layout.setVerticalSpacing(_ROW_GAP * scale)
        self._item.setBrush(pg.mkBrush(*theme["legend_bg"]))
        self._item.setPen(pg.mkPen(theme["foreground"], width=0.5))
        self._layout = None

    def set_extras(self, entries):
        """Entries after the keys, ``(pen, text)`` with ``pen(scale, theme) -> QPen`` (a comparison's fits).

        The legend then shows without a mixture too.
        """
        self._extras = tuple(entries)
        self._layout = None

    def set_top_inset(self, pixels):
        """Keep the legend below the top ``pixels`` of the plot widget (0 = none)."""
        self._top_inset = max(0.0, float(pixels))
        self.place()

    def show(self, mixture, degenerate=(), ellipse_key=True, contour_key=True, truth_key=False):
        """Show the entries of ``mixture`` (None hides the legend) and the keys asked for.

        ``degenerate`` are the 0-based indices of components to mark as collapsed or emptied.
        ``truth_key`` adds the entry of the true mixture's lines; the legend then shows without a mixture too.
        """
        show = mixture is not None or truth_key or bool(self._extras)
        self._item.setVisible(show)
        if not show:
            return
        fitted = mixture is not None
        layout = (mixture.n_components if fitted else 0, ellipse_key and fitted, contour_key and fitted, truth_key)
        if self._layout != layout:
            self._build(*layout)
            self._layout = layout
        theme = self._theme
        for k, ((_, label), weight) in enumerate(zip(self._item.items, mixture.weights if fitted else ())):
            marked = k in degenerate
            text = f"{k + 1}: π = {weight:.3f}" + (" (degenerate)" if marked else "")
            if label.text != text:
                label.setText(text, color=theme["warning"] if marked else theme["foreground"])
        self.place()

    def _build(self, n_components, ellipse_key, contour_key, truth_key):
        """Entries for the components, then the key to the ellipse, contour and true mixture's lines shown."""
        theme = self._theme
        self._item.clear()
        self._item.setColumnCount(1 if n_components <= 10 else 2)
        for color in component_colors(n_components).tolist():
            self._item.addItem(LegendSample(brush=pg.mkBrush(*color), scale=self._scale), "")
        if ellipse_key:
            pens = [pg.mkPen(theme["foreground"], width=width * self._scale, style=style)
                    for width, _alpha, style in self._ellipse_styles]
            sigmas = ", ".join(f"{sigma:g}σ" for sigma in geometry.ELLIPSE_SIGMAS)
            self._item.addItem(EllipseKeySample(pens, geometry.ELLIPSE_SIGMAS, scale=self._scale), f"{sigmas} ellipses")
        if contour_key:
            masses = "/".join(f"{100 * mass:g}" for mass in sorted(geometry.CONTOUR_MASSES))
            pen = pg.mkPen(*theme["contour"], 180, width=self._scale)
            self._item.addItem(LegendSample(pen=pen, scale=self._scale), f"density contours:<br>{masses} % of mass")
        if truth_key:           # its ellipses, as drawn: a line alone looked like MAP's in a comparison
            pens = [truth_pen(theme["foreground"], self._scale, width) for width in TRUTH_WIDTHS]
            self._item.addItem(EllipseKeySample(pens, TRUTH_SIGMAS, scale=self._scale), "true mixture (1σ, 2σ)")
        for pen, text in self._extras:
            self._item.addItem(LegendSample(pen=pen(self._scale, theme), scale=self._scale), text)

    def place(self):
        """Anchor the legend in the corner where it hides least, unless the user has placed it."""
        if self._item.placed_by_user or not self._item.isVisible():
            return
        view_box = self._view_box
        view_width, view_height = view_box.width(), view_box.height()
        if view_width <= 0 or view_height <= 0:
            return
        offset = 10 * self._scale
        # The part of the view under a notice strip does not count: the legend goes below it.
        view_top = self._view.mapFromScene(view_box.sceneBoundingRect().topLeft()).y()
        inset = float(np.clip(self._top_inset - view_top, 0.0, 0.5 * view_height))
        rect = view_box.viewRect()
        height = rect.height() * (1 - inset / view_height)
        view_height -= inset
        box = (self._item.width() / view_width, self._item.height() / view_height)
        counts = placement.covered_counts(placement.drawn_samples(*self._drawn()),
                                          (rect.x(), rect.y(), rect.width(), height), box,
                                          (offset / view_width, offset / view_height))
        corner = placement.least_covered_corner(counts, self._corner)
        self._item.anchor(*placement.corner_anchor(corner, offset, inset))
        self._corner = corner

    def _on_double_clicked(self, *_):
        self._item.placed_by_user = False
        self._corner = None
        self.place()
