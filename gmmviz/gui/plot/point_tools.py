"""Point tools on the plot: add by click, spray with a round brush, erase; edits go on the undo stack.

The tools work in screen space: the brush radius is in pixels, so a stroke looks round whatever
the axis scales. A whole spray or erase stroke (press, drag, release) is one undo step. With the
Navigate tool, or with any tool and the right/middle button, the mouse pans and zooms as usual.
"""

import enum

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore

from gmmviz.gui.model.points import AddPointsCommand, DeletePointsCommand


class Tool(enum.Enum):
    """What a left click or drag on the plot does."""

    NAVIGATE = "navigate"
    ADD = "add"
    SPRAY = "spray"
    ERASE = "erase"
    #: Paint points with a component (gmmviz.gui.plot.label_brush); the points do not change.
    LABEL = "label"


class ToolViewBox(pg.ViewBox):
    """A ViewBox that hands left clicks and drags to the active point tool.

    Signals carry data coordinates: ``clicked(x, y)`` and ``stroked(x, y, phase)`` with
    phase 0 = stroke starts, 1 = moves, 2 = ends.
    """

    clicked = QtCore.Signal(float, float)
    stroked = QtCore.Signal(float, float, int)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.tool = Tool.NAVIGATE

    def mouseClickEvent(self, ev):
        if self.tool is not Tool.NAVIGATE and ev.button() == QtCore.Qt.MouseButton.LeftButton:
            ev.accept()
            pos = self.mapSceneToView(ev.scenePos())
            self.clicked.emit(pos.x(), pos.y())
        else:
            super().mouseClickEvent(ev)

    def mouseDragEvent(self, ev, axis=None):
        if (self.tool in (Tool.SPRAY, Tool.ERASE, Tool.LABEL)
                and ev.button() == QtCore.Qt.MouseButton.LeftButton):
            ev.accept()
            pos = self.mapSceneToView(ev.scenePos())
            phase = 0 if ev.isStart() else 2 if ev.isFinish() else 1
            self.stroked.emit(pos.x(), pos.y(), phase)
        else:
            super().mouseDragEvent(ev, axis)


def spray_points(center, radii, n_points, rng):
    """``n_points`` uniform in the ellipse with semi-axes ``radii`` (2,) around ``center`` (2,)."""
    r = np.sqrt(rng.random(n_points))
    theta = 2.0 * np.pi * rng.random(n_points)
    offsets = np.stack([r * np.cos(theta), r * np.sin(theta)], axis=1)
    return np.asarray(center, dtype=float) + offsets * np.asarray(radii, dtype=float)


def points_within(X, center, radii):
    """Boolean mask of the rows of ``X`` (n_samples, 2) inside the ellipse around ``center``."""
    d = (X - np.asarray(center, dtype=float)) / np.asarray(radii, dtype=float)
    return np.einsum("ij,ij->i", d, d) <= 1.0


class PointEditor(QtCore.QObject):
    """Turns clicks and strokes on a ``ToolViewBox`` into undoable edits of a ``PointSet``.

    Parameters
    ----------
    view_box : ToolViewBox
    points : gmmviz.gui.model.points.PointSet
    undo_stack : gmmviz.gui.model.undo.UndoStack
    """

    def __init__(self, view_box, points, undo_stack, parent=None):
        super().__init__(parent)
        self._view_box = view_box
        self._store = points
        self._undo_stack = undo_stack
        self.brush_radius_px = 25.0
        self.spray_density = 8  # points per brush movement event
        self._rng = np.random.default_rng()
        self._stroke = None
        view_box.clicked.connect(self._on_click)
        view_box.stroked.connect(self._on_stroke)

    @property
    def tool(self):
        return self._view_box.tool

    def set_tool(self, tool):
        self._view_box.tool = tool

    def _radii(self):
        px_w, px_h = self._view_box.viewPixelSize()
        return np.array([px_w, px_h]) * self.brush_radius_px

    def _on_click(self, x, y):
        tool = self._view_box.tool
        if tool is Tool.ADD:
            self._undo_stack.push(AddPointsCommand(self._store, np.array([[x, y]]), "Add point"))
        elif tool in (Tool.SPRAY, Tool.ERASE):
            self._on_stroke(x, y, 0)
            self._on_stroke(x, y, 2)

    def _on_stroke(self, x, y, phase):
        tool = self._view_box.tool
        if phase == 0 or self._stroke is None:
            self._stroke = {"tool": tool, "before": self._store.X, "ids": self._store.ids,
                            "keep": np.ones(len(self._store.X), dtype=bool), "added": []}
        stroke = self._stroke
        if stroke["tool"] is Tool.SPRAY:
            new = spray_points((x, y), self._radii(), self.spray_density, self._rng)
            stroke["added"].append(new)
            self._store.append(new)
        elif stroke["tool"] is Tool.ERASE:
            hit = points_within(stroke["before"], (x, y), self._radii()) & stroke["keep"]
            if hit.any():
                stroke["keep"] &= ~hit
                self._store.replace(stroke["before"][stroke["keep"]], keep_columns=True,
                                    ids=stroke["ids"][stroke["keep"]])
        if phase == 2:
            self._finish_stroke()

    def _finish_stroke(self):
        stroke, self._stroke = self._stroke, None
        if stroke["tool"] is Tool.SPRAY and stroke["added"]:
            added = np.concatenate(stroke["added"])
            self._undo_stack.push(AddPointsCommand(
                self._store, added, f"Spray {len(added)} points", applied=True), applied=True)
        elif stroke["tool"] is Tool.ERASE and not stroke["keep"].all():
            removed = np.flatnonzero(~stroke["keep"])
            self._undo_stack.push(DeletePointsCommand(
                self._store, removed, stroke["before"][removed], f"Erase {len(removed)} points",
                ids=stroke["ids"][removed]), applied=True)
