"""Weights beside the points: each point's frequency weight, from the weight column of a file.

The :class:`~gmmviz.gui.model.fit_session.FitSession` holds one :class:`PointWeights` as
``session.weights``; the EM jobs, the plot (a point's area is proportional to its weight) and
session files read it and observe ``weights.changed``. No Qt.

Decisions:

- **Weights go with the points by id** (:attr:`PointSet.ids <gmmviz.gui.model.points.PointSet.ids>`),
  so a point keeps its weight when others are drawn or erased, and through undo and redo.
- A point without a weight (drawn by hand, or from a file without a weight column) weighs 1.
  When no point on screen has a weight of its own, the fit is unweighted (no weight array at all),
  so its numbers are exactly those of the unweighted engine.
- Loading points with a weight column replaces the weights; loading points without one keeps the
  stored weights of other ids, so undoing the load brings the weighted points back with their weights.
"""

from __future__ import annotations

import numpy as np

from gmmviz.gui.model.events import Event
from gmmviz.gui.model.points import values_by_id


class PointWeights:
    """Frequency weights of the points of ``points`` (a PointSet), by id.

    Events
    ------
    changed()
        The weights changed (a change of the points is ``points.changed``).
    """

    def __init__(self, points):
        self.changed = Event()
        self._points = points
        self._ids = np.empty(0, dtype=np.int64)
        self._values = np.empty(0)
        self.column = None

    def set_known(self, ids, weights, column=None):
        """Weights (n,) for the points ``ids`` (n,) from the column ``column``; None weights: none given."""
        if weights is None:
            return
        ids = np.asarray(ids, dtype=np.int64).reshape(-1)
        weights = np.asarray(weights, dtype=np.float64).reshape(ids.shape)
        kept = ~np.isin(self._ids, ids)
        merged_ids = np.concatenate([self._ids[kept], ids])
        order = np.argsort(merged_ids, kind="stable")
        self._ids, self._values = merged_ids[order], np.concatenate([self._values[kept], weights])[order]
        self.column = column
        self.changed.emit()

    def restore(self, ids, weights):
        """Only these weights (a session opened): ``weights`` (n,) for ``ids`` (n,), or None for none."""
        self._ids, self._values, self.column = np.empty(0, dtype=np.int64), np.empty(0), None
        if weights is None:
            self.changed.emit()
        else:
            self.set_known(ids, weights)

    def of(self, ids):
        """The weight of every id of ``ids`` (n,), 1 where an id has none: shape (n,)."""
        return values_by_id(self._ids, self._values, ids, 1.0)

    def for_points(self):
        """The weights of the points on screen (n_samples,), or None when none has a weight of its own."""
        ids = self._points.ids
        if not len(self._ids) or not np.isin(ids, self._ids).any():
            return None
        return self.of(ids)
