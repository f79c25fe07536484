"""Painted labels on the plot: a ring in its component's colour around every painted point.

Decisions: a ring rather than a fill, so the point inside keeps the colour EM gives it and the two can be
compared (a painted point that EM gives to another component shows both colours); the ring is wider than
a point at every scale and drawn above the points and below the ellipses.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6 import QtGui

from gmmviz.core.label_init import UNLABELLED
from gmmviz.gui.render.palette import MAX_COMPONENTS, component_colors

#: Ring diameter and line width in pixels at scale 1 (a point is 7 pixels).
RING_SIZE = 13.0
RING_WIDTH = 2.2


class PaintedLabelsLayer:
    """Rings around the painted points of a ``pg.PlotItem``; :meth:`show` draws them."""

    def __init__(self, plot_item):
        self.item = pg.ScatterPlotItem(pxMode=True, symbol="o", brush=None)
        self.item.setZValue(2)
        plot_item.addItem(self.item, ignoreBounds=True)
        self._scale = 1.0
        self._pens = []
        self.set_scale(1.0)

    def set_scale(self, scale):
        self._scale = float(scale)
        self._pens = [pg.mkPen(QtGui.QColor(*rgba.tolist()), width=RING_WIDTH * self._scale)
                      for rgba in component_colors(MAX_COMPONENTS)]

    def show(self, X, painted):
        """Ring the points of ``X`` (n_samples, 2) whose ``painted`` component (n_samples,) is not UNLABELLED."""
        chosen = np.flatnonzero(painted != UNLABELLED)
        self.item.setData(pos=X[chosen], size=RING_SIZE * self._scale,
                          pen=[self._pens[k % MAX_COMPONENTS] for k in painted[chosen].tolist()], brush=None)

    @property
    def ringed(self):
        """The positions ringed now, (n_ringed, 2)."""
        x, y = self.item.getData()
        return np.column_stack([x, y]) if x is not None else np.empty((0, 2))
