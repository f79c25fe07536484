"""The true mixture drawn over the fit: dashed 1σ and 2σ ellipses and a cross at each true mean.

Decisions: the truth is drawn in the theme's foreground colour (near-black, or near-white on dark),
not in component colours: the truth's component numbers are not the fit's, and a colour shared with
a fitted component would claim a match that may not hold. Its lines are long dashes, unlike any of
the fit's three ellipse styles, above the fit's ellipses so they stay visible where the two coincide;
the legend has one entry for them ("true mixture"). 3σ is left out: two sets of three ellipses
crowd the plot.
"""

import numpy as np
import pyqtgraph as pg

from gmmviz.gui.plot.pens import dashed_pen
from gmmviz.gui.render import geometry

#: Mahalanobis radii of the truth's ellipses.
TRUTH_SIGMAS = (1.0, 2.0)
#: Dash pattern of the truth's lines, in line widths (dash, gap): longer than the fit's 2σ dashes.
TRUTH_DASHES = (7.0, 4.0)
#: Line width of each sigma's ellipse (at scale 1).
TRUTH_WIDTHS = (1.8, 1.2)


def truth_pen(color, scale=1.0, width=1.8):
    """The pen of the truth's lines (and of its legend sample) at ``scale``."""
    return dashed_pen(color, width * scale, TRUTH_DASHES)


class TruthOverlay:
    """The truth's ellipses and means on a ``pg.PlotItem``.

    Parameters
    ----------
    plot_item : pg.PlotItem
    """

    def __init__(self, plot_item):
        self._plot_item = plot_item
        self._mixture = None
        self._outlines = None
        self._color = "#2b2b2b"
        self._scale = 1.0
        self._visible = True
        self._curves = []                      # one per sigma, all components in one curve
        for _ in TRUTH_SIGMAS:
            curve = pg.PlotCurveItem(connect="finite", antialias=True)
            curve.setZValue(6)
            plot_item.addItem(curve, ignoreBounds=True)
            self._curves.append(curve)
        self._means = pg.ScatterPlotItem(pxMode=True, symbol="x")
        self._means.setZValue(6)
        plot_item.addItem(self._means, ignoreBounds=True)

    @property
    def mixture(self):
        """The true mixture drawn, or None."""
        return self._mixture

    @property
    def outlines(self):
        """Ellipse outlines drawn, shape (n_components, len(TRUTH_SIGMAS), n_vertices, 2), or None."""
        return self._outlines if self._mixture is not None and self._visible else None

    @property
    def pens(self):
        """The pen of every sigma's curve (for a look at their styles)."""
        return [curve.opts["pen"] for curve in self._curves]

    def set_mixture(self, mixture):
        """Draw ``mixture`` (a Mixture, or None for nothing)."""
        self._mixture = mixture
        self._update()

    def set_visible(self, visible):
        self._visible = bool(visible)
        self._update()

    def set_style(self, color, scale=1.0):
        """Line ``color`` (the theme's foreground) and width ``scale`` (1 = normal)."""
        self._color = color
        self._scale = float(scale)
        self._update()

    def _update(self):
        mixture = self._mixture
        if mixture is None or not self._visible:
            for curve in self._curves:
                curve.setData([], [])
            self._means.setData(pos=np.empty((0, 2)))
            return
        self._outlines = geometry.ellipse_outlines(mixture.means, mixture.full_covariances, TRUTH_SIGMAS)
        for s, curve in enumerate(self._curves):
            # the components' outlines in one curve, separated by NaN rows
            pieces = self._outlines[:, s]
            gaps = np.full((len(pieces), 1, 2), np.nan)
            line = np.concatenate([pieces, gaps], axis=1).reshape(-1, 2)
            curve.setPen(truth_pen(self._color, self._scale, TRUTH_WIDTHS[s]))
            curve.setData(line[:, 0], line[:, 1], connect="finite")
        self._means.setData(pos=mixture.means, size=13 * self._scale,
                            pen=pg.mkPen(self._color, width=2.2 * self._scale), brush=None)
