"""The prior's mean and scale on the plot: a dashed ellipse with a handle to drag (μ₀) and one to resize (Λ).

The ellipse is the 1σ ellipse of Λ itself (a covariance-shaped matrix: its default cov(data)/K is
about the spread of one of K components) centred at μ₀. Dragging the centre handle moves μ₀;
dragging the handle at the end of the major axis resizes Λ, keeping its shape and orientation
(Λ times (new distance / old distance)²). The item draws the drag as it goes and reports the new
value once, when the mouse is released, through ``on_edit(name, value)``; the owner sets it in the
session, whose change comes back through :meth:`PriorEllipse.set_prior`. So the session stays the
one place the prior's values are kept.

Decision: a minimal item of its own (two ``pg.TargetItem`` handles and a curve); it edits only μ₀
and the size of Λ, not its shape (Λ's entries are edited in the Prior panel).
"""

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore

from gmmviz.gui.plot.pens import dashed_pen
from gmmviz.gui.render import geometry

#: Dash pattern of the prior's ellipse, in line widths (dash, gap): short dashes with long gaps,
#: unlike the fit's and the true mixture's lines.
PRIOR_DASHES = (2.0, 3.0)


def prior_pen(color, scale=1.0):
    """The pen of the prior's ellipse (and of its legend sample) at ``scale``."""
    return dashed_pen(color, 2.0 * scale, PRIOR_DASHES)


def major_axis_end(mean, scale):
    """The end of the 1σ ellipse's major axis of covariance ``scale`` (2, 2) about ``mean`` (2,), shape (2,)."""
    values, vectors = np.linalg.eigh(np.asarray(scale, dtype=float))
    return np.asarray(mean, dtype=float) + np.sqrt(values[-1]) * vectors[:, -1]


def resized_scale(mean, scale, end):
    """``scale`` (2, 2) grown so that its major axis reaches from ``mean`` to ``end`` (2,) in length."""
    old = np.linalg.norm(major_axis_end(mean, scale) - mean)
    new = np.linalg.norm(np.asarray(end, dtype=float) - mean)
    return np.asarray(scale, dtype=float) * (max(new, 1e-12 * old) / old) ** 2


class _Handle(pg.TargetItem):
    """A draggable handle that takes the clicks on it, so a click meant for it never adds a point."""

    def mouseClickEvent(self, event):
        if event.button() == QtCore.Qt.MouseButton.LeftButton:
            event.accept()
        else:
            super().mouseClickEvent(event)


class PriorEllipse:
    """The prior's dashed ellipse and its two handles on a ``pg.PlotItem``.

    Parameters
    ----------
    plot_item : pg.PlotItem
    on_edit : callable
        ``on_edit(name, value)`` with name "mean" (a (2,) array) or "scale" (a (2, 2) array), once
        per drag, when the mouse is released.
    """

    def __init__(self, plot_item, on_edit):
        self._on_edit = on_edit
        self._mean = None
        self._scale = None
        self._color = "#2b2b2b"
        self._width = 1.0
        self._curve = pg.PlotCurveItem(antialias=True)
        self._curve.setZValue(7)
        plot_item.addItem(self._curve, ignoreBounds=True)
        self.centre = _Handle(symbol="s", size=12)
        self.rim = _Handle(symbol="o", size=11)
        for handle, name in ((self.centre, "mean"), (self.rim, "scale")):
            handle.setZValue(8)
            plot_item.addItem(handle, ignoreBounds=True)
            handle.sigPositionChanged.connect(lambda *_, name=name: self._dragged(name))
            handle.sigPositionChangeFinished.connect(lambda *_, name=name: self._released(name))
        self._placing = False
        self.set_prior(None, None)

    @property
    def mean(self):
        """μ₀ drawn, (2,), or None when hidden."""
        return self._mean

    @property
    def scale(self):
        """Λ drawn, (2, 2), or None when hidden."""
        return self._scale

    @property
    def outline(self):
        """The ellipse drawn, (n_vertices, 2), or None when hidden."""
        return None if self._mean is None else geometry.ellipse_outlines(
            self._mean[np.newaxis], self._scale[np.newaxis], (1.0,))[0, 0]

    def set_prior(self, mean, scale):
        """Draw the prior with mean (2,) and scale (2, 2); None hides it."""
        self._mean = None if mean is None else np.array(mean, dtype=float)
        self._scale = None if scale is None else np.array(scale, dtype=float)
        self._draw(self._mean, self._scale)

    def set_style(self, color, scale=1.0):
        """Line and handle ``color`` (the theme's foreground) and width ``scale`` (1 = normal)."""
        self._color = color
        self._width = float(scale)
        self._draw(self._mean, self._scale)

    def _draw(self, mean, scale):
        visible = mean is not None
        for item in (self._curve, self.centre, self.rim):
            item.setVisible(visible)
        if not visible:
            return
        outline = geometry.ellipse_outlines(mean[np.newaxis], scale[np.newaxis], (1.0,))[0, 0]
        self._curve.setPen(prior_pen(self._color, self._width))
        self._curve.setData(outline[:, 0], outline[:, 1])
        self._placing = True            # moving the handles from here is no drag
        try:
            for handle, size, at in ((self.centre, 12, mean), (self.rim, 11, major_axis_end(mean, scale))):
                handle.setPen(pg.mkPen(self._color, width=1.5 * self._width))
                handle.setBrush(pg.mkBrush(255, 255, 255, 160))
                if handle.scale != size * self._width:
                    handle.scale = size * self._width     # TargetItem's size in pixels
                    handle.viewTransformChanged()          # which drops its cached shape
                handle.setPos(float(at[0]), float(at[1]))
        finally:
            self._placing = False

    def _dragged_value(self, name):
        pos = (self.centre if name == "mean" else self.rim).pos()
        point = np.array([pos.x(), pos.y()])
        return point if name == "mean" else resized_scale(self._mean, self._scale, point)

    def _dragged(self, name):
        if self._placing or self._mean is None:
            return
        value = self._dragged_value(name)
        mean, scale = (value, self._scale) if name == "mean" else (self._mean, value)
        self._placing = True
        try:   # the ellipse (and the other handle) follow the drag
            outline = geometry.ellipse_outlines(mean[np.newaxis], scale[np.newaxis], (1.0,))[0, 0]
            self._curve.setData(outline[:, 0], outline[:, 1])
            if name == "mean":
                end = major_axis_end(mean, scale)
                self.rim.setPos(float(end[0]), float(end[1]))
        finally:
            self._placing = False

    def _released(self, name):
        if self._mean is None:
            return
        value = self._dragged_value(name)
        self._on_edit(name, value)
