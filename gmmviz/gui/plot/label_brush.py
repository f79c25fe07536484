"""The label brush: drag (or click) over points to paint them with a component; one stroke is one undo step.

The brush is round in screen space with the radius of the spray and erase brush (the toolbar's Radius), and
works while the active tool is ``Tool.LABEL``. Each point the brush passes over takes the chosen component
at once (so the stroke shows as it is drawn); on release the stroke goes on the point set's undo stack as
one :class:`~gmmviz.gui.model.point_labels.PaintLabelsCommand`. The points themselves never change.
"""

from __future__ import annotations

import numpy as np
from PySide6 import QtCore

from gmmviz.gui.model.point_labels import PaintLabelsCommand
from gmmviz.gui.plot.point_tools import Tool, points_within


class LabelBrush(QtCore.QObject):
    """Paints ``labels`` (a PointLabels) of ``points`` (a PointSet) from the strokes of ``view_box`` (a ToolViewBox).

    Parameters
    ----------
    view_box : ToolViewBox
    points : PointSet
    labels : PointLabels
    undo_stack : UndoStack
    radius_px : callable
        The brush radius in pixels now.
    """

    def __init__(self, view_box, points, labels, undo_stack, radius_px, parent=None):
        super().__init__(parent)
        self._view_box = view_box
        self._points = points
        self._labels = labels
        self._undo_stack = undo_stack
        self._radius_px = radius_px
        #: The component painted, 0-based, or -1 (UNLABELLED) to take painted labels away.
        self.component = 0
        self._stroke = None           # {"ids": [arrays], "before": [arrays]} while a stroke is drawn
        view_box.clicked.connect(self._on_click)
        view_box.stroked.connect(self._on_stroke)

    def _on_click(self, x, y):
        if self._view_box.tool is Tool.LABEL:
            self._on_stroke(x, y, 0)
            self._on_stroke(x, y, 2)

    def _on_stroke(self, x, y, phase):
        if self._view_box.tool is not Tool.LABEL:
            return
        if phase == 0 or self._stroke is None:
            self._stroke = {"ids": [], "before": [], "seen": set()}
        stroke = self._stroke
        radii = np.array(self._view_box.viewPixelSize()) * self._radius_px()
        ids = self._points.ids[points_within(self._points.X, (x, y), radii)]
        new = ids[[i not in stroke["seen"] for i in ids.tolist()]] if len(ids) else ids
        if len(new):
            stroke["seen"].update(new.tolist())
            stroke["ids"].append(new)
            stroke["before"].append(self._labels.painted(new))
            self._labels.paint(new, self.component)
        if phase == 2:
            self._finish()

    def _finish(self):
        stroke, self._stroke = self._stroke, None
        if stroke["ids"]:
            self._undo_stack.push(PaintLabelsCommand(self._labels, np.concatenate(stroke["ids"]), self.component,
                                                     np.concatenate(stroke["before"])), applied=True)

