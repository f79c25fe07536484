"""Drag handles on a mixture's means and on the ends of its 1σ ellipses' axes.

:class:`MixtureHandles` puts five handles on each component of any mixture it is given: one on
the mean (drawn by whoever draws the mixture: the handle itself is invisible, as large as the
fit's mean marker) and a small square on each end of the 1σ ellipse's two axes. A drag is
reported once, at its end, as a new mixture to the ``on_edit`` callback (the window makes it one
undo step, :meth:`FitSession.edit_mixture <gmmviz.gui.model.fit_session.FitSession.edit_mixture>`);
while it lasts, the handles follow the mouse and a dashed 1σ outline shows the edited component.
A drag that starts on a handle never pans the view or reaches the point tools. Reuse for another
mixture (a true mixture)::

    handles = MixtureHandles(plot.plot_item, on_edit=lambda mixture, text: ...)
    handles.set_mixture(mixture)

Decisions (the formulas are :func:`moved_mean` and :func:`dragged_axis`):

- Everything is in data coordinates: a drag by (dx, dy) moves the handle, and a mean, by exactly
  (dx, dy), whatever the axis scales.
- An axis end dragged to the point q (μ the mean, a = q − μ, b the other semi-axis): for ``full``,
  a and b become a pair of conjugate semi-axes of the new 1σ ellipse, Σ' = a aᵀ + b bᵀ. The ellipse
  then passes through q and through the other axis' two ends, which stay where they were: dragging
  along the axis stretches it (the axes stay the principal axes), dragging across it turns it. The
  rule does not depend on the axis scales, so it does what the eye expects with unequal axes too
  (a rule with the other axis kept perpendicular in data units swings it across the plot when the
  two coordinates have different units). During the drag the handles sit on a and b; at its end
  they go to the new ellipse's principal axes. ``tied``: the same, on the one shared covariance, so
  every component's ellipse follows. ``diag`` cannot turn: only the variance of the dragged axis'
  coordinate changes, to (a · u)² with u that coordinate axis. ``spherical``: any end sets the one
  standard deviation to |a| (the circle's radius).
- No axis becomes shorter than a screen pixel (``minimum``; for ``full`` and ``tied``, a stays at
  least that far off the line of b), so a drag through the mean or onto the other axis never makes a
  covariance that is not positive definite.
- At a presentation scale s the mean's handle grows with the mean marker (×s), the axis ends' squares
  and their outlines only by √s: a mouse is no less precise on a projector, and at 3× squares as
  large as the markers would hide the ellipses they sit on.
- ``locked(k, parameter)`` (``"mean"`` or ``"covariance"``) says a parameter may not be dragged: its
  handles show a forbidden cursor, and a drag on them does nothing (and still does not pan).
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtGui

from gmmviz.core import GmmvizError, Mixture
from gmmviz.core.surgery import major_axis
from gmmviz.gui.render import geometry

#: Handles per component: the mean, then axis 0 (the major) at +, −, then axis 1 at +, −.
ROLES = ("mean", (0, 1.0), (0, -1.0), (1, 1.0), (1, -1.0))
#: Handle sizes in pixels at scale 1: the mean's (the fit's mean marker) and an axis end's.
MEAN_SIZE, END_SIZE = 15.0, 9.0


def axes_of(mixture):
    """The two axes of every component's 1σ ellipse: unit directions and half-lengths.

    Axis 0 is the major axis (see :func:`gmmviz.core.surgery.major_axis`; the x axis for a circle
    or a diagonal covariance with the larger x variance), axis 1 is perpendicular to it.

    Returns
    -------
    directions : ndarray of shape (K, 2, 2)
        ``directions[k, j]`` is the unit vector of axis j.
    lengths : ndarray of shape (K, 2)
    """
    full = mixture.full_covariances
    directions = np.empty((mixture.n_components, 2, 2))
    lengths = np.empty((mixture.n_components, 2))
    for k, covariance in enumerate(full):
        variance, axis = major_axis(covariance, mixture.covariance_type)
        other = max(np.trace(covariance) - variance, 0.0)
        directions[k] = [axis, [-axis[1], axis[0]]]
        lengths[k] = [math.sqrt(variance), math.sqrt(other)]
    return directions, lengths


def handle_positions(mixture):
    """Where the handles are, in :data:`ROLES` order for each component, shape (K, 5, 2)."""
    directions, lengths = axes_of(mixture)
    means = mixture.means
    ends = [means + sign * lengths[:, j, None] * directions[:, j] for j, sign in ROLES[1:]]
    return np.stack([means, *ends], axis=1)


def moved_mean(mixture, k, delta):
    """``mixture`` with component ``k``'s mean moved by ``delta`` (2,)."""
    means = np.array(mixture.means)
    means[k] += delta
    return _rebuilt(mixture, means, mixture.full_covariances)


def dragged_axis(mixture, k, axis, target, minimum=0.0):
    """``mixture`` with the end of component ``k``'s axis ``axis`` (0 or 1) dragged to ``target`` (2,).

    See the module docstring for each covariance type; no half-length falls below ``minimum``.
    """
    directions, lengths = axes_of(mixture)
    offset = np.asarray(target, dtype=float) - mixture.means[k]
    reach = float(np.hypot(*offset))
    kind = mixture.covariance_type
    if kind in ("full", "tied"):
        other = lengths[k, 1 - axis] * directions[k, 1 - axis]
        semi = _clear_of(offset, other, directions[k, axis], minimum)
        covariance = np.outer(semi, semi) + np.outer(other, other)
    else:
        covariance = np.array(mixture.full_covariances[k])
        if kind == "spherical":
            covariance = max(reach, minimum) ** 2 * np.eye(2)
        else:
            coordinate = int(np.argmax(np.abs(directions[k, axis])))
            covariance[coordinate, coordinate] = max(abs(offset[coordinate]), minimum) ** 2
    full = np.array(mixture.full_covariances)
    if kind == "tied":
        full[:] = covariance
    else:
        full[k] = covariance
    return _rebuilt(mixture, mixture.means, full)


def conjugate_handles(handles, role, target):
    """One component's handles (5, 2) while axis end ``role`` is dragged to ``target``: that end at
    ``target``, the opposite end opposite it, the other axis' ends where they were."""
    handles = np.array(handles)
    opposite = role + 1 if role % 2 else role - 1
    handles[role], handles[opposite] = target, 2 * handles[0] - target
    return handles


def _clear_of(semi, other, fallback, minimum):
    """``semi`` (2,), moved if needed to at least ``minimum`` across ``other`` (2,) (on ``fallback``'s side
    when it is on the line), so that the two span a positive definite covariance."""
    length = float(np.hypot(*other))
    if length == 0:
        return semi
    along = other / length
    across = semi - (semi @ along) * along
    if np.hypot(*across) >= minimum:
        return semi
    side = across if across.any() else fallback - (fallback @ along) * along
    return (semi @ along) * along + minimum * side / np.hypot(*side)


def _rebuilt(mixture, means, full):
    return Mixture(mixture.weights, means, 0.5 * (full + np.swapaxes(full, 1, 2)), mixture.covariance_type,
                   mixture.noise_weight, mixture.noise_volume)


class _HandleItem(pg.ScatterPlotItem):
    """The handles' scatter: it takes the drags and hovers that start on a handle, and nothing else."""

    def __init__(self, owner):
        super().__init__(pxMode=True)
        self._owner = owner
        self._exporting = False
        self.setAcceptHoverEvents(True)

    def handle_at(self, pos):
        """Index (k * 5 + role) of the handle at ``pos`` (item coordinates) nearest on screen, or None.

        Nearest, not topmost: on a component too small for its handles to be apart, the mean and
        each axis end can still be taken where they are.
        """
        spots = self.pointsAt(pos)
        if not len(spots):
            return None
        width, height = self.getViewBox().viewPixelSize()
        nearest = min(spots, key=lambda spot: math.hypot((spot.pos().x() - pos.x()) / width,
                                                          (spot.pos().y() - pos.y()) / height))
        return int(nearest.data())

    def mouseDragEvent(self, ev):
        if ev.button() != QtCore.Qt.MouseButton.LeftButton:
            ev.ignore()
            return
        if ev.isStart():
            index = self.handle_at(ev.buttonDownPos())
            if index is None:
                ev.ignore()
                return
            self._owner._begin(index)
        ev.accept()                 # a drag from a handle, even a locked one, never pans
        if self._owner.dragging:
            self._owner._drag(ev.buttonDownPos(), ev.pos(), ev.isFinish())

    def setExportMode(self, export, opts=None):
        # Handles are for the mouse: exported images of the plot never show them. They are not painted
        # (an opacity of 0 is lost in an SVG: QSvgGenerator writes the shapes opaque), and stay visible
        # to the layout, so the image is of the plot as it is on screen.
        self._exporting = export
        return super().setExportMode(export, opts)

    def paint(self, painter, *args):
        if not self._exporting:
            super().paint(painter, *args)

    def mouseClickEvent(self, ev):
        # A click on a handle is no click on the plot (no point added), a click elsewhere is.
        if ev.button() == QtCore.Qt.MouseButton.LeftButton and self.handle_at(ev.pos()) is not None:
            ev.accept()
        else:
            ev.ignore()

    def hoverEvent(self, ev):
        index = None if ev.isExit() else self.handle_at(ev.pos())
        self._owner._hover(index)


class MixtureHandles(QtCore.QObject):
    """Drag handles for a mixture on a ``pg.PlotItem`` (see the module docstring).

    Parameters
    ----------
    plot_item : pg.PlotItem
    on_edit : callable(Mixture, str)
        Called at the end of each drag that changed something, with the new mixture and a
        description ("Move mean 2", "Drag axis of component 1"; components numbered from 1).
    locked : callable(int, str) -> bool, optional
        ``locked(k, "mean")``, ``locked(k, "covariance")``: True for a parameter not to be dragged.
    on_refused : callable(int, str), optional
        Called with ``k`` and the parameter when a drag starts on a locked one (to say why nothing moves).
    """

    def __init__(self, plot_item, on_edit, locked=None, parent=None, on_refused=None):
        super().__init__(parent)
        self._on_edit = on_edit
        self._locked = locked or (lambda k, parameter: False)
        self._on_refused = on_refused or (lambda k, parameter: None)
        self._mixture = None
        self._positions = np.empty((0, 5, 2))
        self._visible = True
        self._scale = 1.0
        self._colors = ("#2b2b2b", "#ffffff")        # (line, fill) of the axis ends
        self._drag_state = None                     # (index, mixture at the start, last candidate)
        self._item = _HandleItem(self)
        self._item.setZValue(8)
        self._preview = pg.PlotCurveItem(connect="finite", antialias=True)
        self._preview.setZValue(7)
        for item in (self._preview, self._item):
            plot_item.addItem(item, ignoreBounds=True)

    @property
    def mixture(self):
        """The mixture the handles are on, or None."""
        return self._mixture

    @property
    def positions(self):
        """Where the handles are, shape (K, 5, 2) in :data:`ROLES` order (empty when hidden)."""
        return self._positions if self._shown() else np.empty((0, 5, 2))

    @property
    def dragging(self):
        return self._drag_state is not None

    def set_mixture(self, mixture):
        """Put the handles on ``mixture`` (or remove them: None); a drag in progress is dropped."""
        self._mixture = mixture
        self._drag_state = None
        self._preview.setData([], [])
        self._show(mixture)

    def set_visible(self, visible):
        self._visible = bool(visible)
        self._show(self._mixture)

    def set_style(self, scale=1.0, line="#2b2b2b", fill="#ffffff"):
        """Sizes at ``scale`` (1 = normal); the axis ends' outline and fill colours (the theme's foreground and
        background)."""
        self._scale = float(scale)
        self._colors = (line, fill)
        self._show(self._mixture)

    # -- drawing ----------------------------------------------------------------------------------

    def _shown(self):
        return self._visible and self._mixture is not None

    def _show(self, mixture):
        if not self._visible or mixture is None:
            self._positions = np.empty((0, 5, 2))
            self._item.setData(pos=np.empty((0, 2)))
            return
        self._draw(handle_positions(mixture))

    def _draw(self, positions):
        """Handles at ``positions`` (K, 5, 2): an invisible disc on each mean, squares on the axis ends."""
        self._positions = positions
        line, fill = self._colors
        means = np.tile(np.arange(len(ROLES)) == 0, len(positions))
        end_pen, end_brush = pg.mkPen(line, width=1.3 * math.sqrt(self._scale)), pg.mkBrush(fill)
        no_pen, no_brush = pg.mkPen(None), pg.mkBrush(0, 0, 0, 0)
        self._item.setData(
            pos=positions.reshape(-1, 2), data=np.arange(len(means)),
            symbol=np.where(means, "o", "s"),
            size=np.where(means, MEAN_SIZE * self._scale, END_SIZE * math.sqrt(self._scale)),
            pen=[no_pen if mean else end_pen for mean in means],
            brush=[no_brush if mean else end_brush for mean in means])

    def _hover(self, index):
        if index is None:
            self._item.unsetCursor()
            return
        k, role = divmod(index, len(ROLES))
        locked = self._locked(k, "mean" if role == 0 else "covariance")
        shape = (QtCore.Qt.CursorShape.ForbiddenCursor if locked else QtCore.Qt.CursorShape.SizeAllCursor
                 if role == 0 else QtCore.Qt.CursorShape.CrossCursor)
        self._item.setCursor(QtGui.QCursor(shape))

    # -- dragging ---------------------------------------------------------------------------------

    def _begin(self, index):
        k, role = divmod(index, len(ROLES))
        parameter = "mean" if role == 0 else "covariance"
        if self._mixture is None or self._locked(k, parameter):
            self._drag_state = None
            if self._mixture is not None:
                self._on_refused(k, parameter)
            return
        # what the drag changes, the handle's place at the start, and the newest candidate
        self._drag_state = (index, self._mixture, handle_positions(self._mixture)[k, role], None)

    def _drag(self, start, now, finished):
        index, before, grabbed, candidate = self._drag_state
        k, role = divmod(index, len(ROLES))
        delta = np.array([now.x() - start.x(), now.y() - start.y()])
        try:
            if role == 0:
                candidate = moved_mean(before, k, delta)
            else:
                minimum = float(min(self._item.getViewBox().viewPixelSize()))
                candidate = dragged_axis(before, k, ROLES[role][0], grabbed + delta, minimum)
        except GmmvizError:
            pass            # a covariance the Mixture refuses (round-off at a pixel's size): keep the last
        self._drag_state = (index, before, grabbed, candidate)
        if not finished:
            if candidate is not None:
                positions = handle_positions(candidate)
                if role and before.covariance_type in ("full", "tied"):
                    positions[k] = conjugate_handles(handle_positions(before)[k], role, grabbed + delta)
                self._preview_of(candidate, k, positions)
            return
        self.set_mixture(before)
        if candidate is not None and delta.any():
            what = f"Move mean {k + 1}" if role == 0 else f"Drag axis of component {k + 1}"
            self._on_edit(candidate, what)

    def _preview_of(self, candidate, k, positions):
        """Handles at ``positions`` (K, 5, 2) and a dashed 1σ outline of what the drag changes in ``candidate``."""
        self._draw(positions)
        changed = np.arange(candidate.n_components) if candidate.covariance_type == "tied" else [k]
        outlines = geometry.ellipse_outlines(candidate.means[changed], candidate.full_covariances[changed], (1.0,))
        gaps = np.full((len(changed), 1, 2), np.nan)
        line = np.concatenate([outlines[:, 0], gaps], axis=1).reshape(-1, 2)
        self._preview.setPen(pg.mkPen(self._colors[0], width=1.5 * self._scale, style=QtCore.Qt.PenStyle.DashLine))
        self._preview.setData(line[:, 0], line[:, 1], connect="finite")
