"""Labels beside the points: the known labels read from a label column, and the components painted by hand.

The :class:`~gmmviz.gui.model.fit_session.FitSession` holds one :class:`PointLabels` as ``session.labels``;
the label agreement panel, the label brush, the painted-label layer of the plot, "Initialise from labels"
and session files read it and observe ``labels.changed``. No Qt.

Decisions:

- **Labels go with the points by id** (:attr:`PointSet.ids <gmmviz.gui.model.points.PointSet.ids>`), so a
  point keeps its labels when others are drawn or erased, and through undo and redo; two points at the same
  coordinates (iris has such pairs of different species) keep their own labels.
- **Known labels** come with the points of a file or data set (the column picker's label column, iris'
  species). Each load's labels are kept with their own names and column (one layer per load), so loading
  other points, with labels or without, and undoing that load brings the earlier points back with their
  known labels, and redoing it brings the newer ones back. They are text; the agreement
  (:mod:`gmmviz.core.label_agreement`) counts the points that have one.
- **Painted labels** are components (0-based; the brush shows them 1..K). One brush stroke is one undo step
  on the point set's undo stack (:class:`PaintLabelsCommand`), so Ctrl+Z takes back strokes and point edits
  in the order they were made. Painting "none" removes a point's painted label.
"""

from __future__ import annotations

import numpy as np

from gmmviz.core.label_init import UNLABELLED, label_codes
from gmmviz.gui.model.events import Event
from gmmviz.gui.model.points import values_by_id


class _IdMap:
    """Values (int) for point ids, kept as sorted arrays; :data:`UNLABELLED` where an id has none."""

    def __init__(self, ids=(), values=()):
        ids = np.asarray(ids, dtype=np.int64).reshape(-1)
        values = np.asarray(values, dtype=np.intp).reshape(-1)
        order = np.argsort(ids, kind="stable")
        self.ids, self.values = ids[order], values[order]

    def __len__(self):
        return len(self.ids)

    def lookup(self, ids):
        """The value of every id of ``ids`` (n,), :data:`UNLABELLED` where there is none: shape (n,)."""
        return values_by_id(self.ids, self.values, ids, UNLABELLED)

    def assigned(self, ids, values):
        """A map with ``values`` (n,) for ``ids`` (n,); :data:`UNLABELLED` removes an id."""
        ids = np.asarray(ids, dtype=np.int64)
        values = np.broadcast_to(np.asarray(values, dtype=np.intp), ids.shape)
        kept = ~np.isin(self.ids, ids)
        given = values != UNLABELLED
        return _IdMap(np.concatenate([self.ids[kept], ids[given]]),
                      np.concatenate([self.values[kept], values[given]]))


class PointLabels:
    """Known and painted labels of the points of ``points`` (a PointSet).

    Events
    ------
    changed()
        The known or the painted labels changed (a change of the points is ``points.changed``).
    """

    def __init__(self, points):
        self.changed = Event()
        self._points = points
        self._known_layers = []   # (_IdMap of codes, names, column) per load, the newest last
        self._painted = _IdMap()

    # -- known labels -----------------------------------------------------------------------------

    def set_known(self, ids, labels, column):
        """Make ``labels`` (text, ``""`` for none; (n,)) the known labels of the points ``ids`` (n,).

        The labels other points had stay with those points (a layer of their own, see the module docstring).
        """
        codes, names = label_codes(labels)
        ids = np.asarray(ids, dtype=np.int64).reshape(-1)
        layers = [(known.assigned(ids, UNLABELLED), *rest) for known, *rest in self._known_layers]
        self._known_layers = [layer for layer in layers if len(layer[0])] + [(_IdMap(ids, codes), names, column)]
        self.changed.emit()

    def forget_known(self):
        """No known labels for any point (a session opened without them)."""
        if self._known_layers:
            self._known_layers = []
            self.changed.emit()

    @property
    def known_column(self):
        """The name of the label column the known labels of the points on screen came from, or None."""
        layer = self._layer_on_screen()
        return None if layer is None else layer[2]

    def known_codes(self):
        """``(codes, names)``: every point's known label as an index into ``names`` (-1: none), or None without any.

        ``codes`` has shape (n_samples,); ``names`` may name labels no point on screen has any more.
        """
        layer = self._layer_on_screen()
        return None if layer is None else layer[:2]

    def _layer_on_screen(self):
        """``(codes (n_samples,), names, column)`` of the newest load whose points are on screen, or None."""
        ids = self._points.ids
        for known, names, column in reversed(self._known_layers):
            codes = known.lookup(ids)
            if np.any(codes != UNLABELLED):
                return codes, names, column
        return None

    def known(self):
        """The known label of every point as text (``""``: none), (n_samples,), or None when no point has one."""
        known = self.known_codes()
        if known is None:
            return None
        codes, names = known
        return np.array([*names, ""], dtype=object)[codes]     # UNLABELLED (-1) picks the last name, ""

    # -- painted labels ---------------------------------------------------------------------------

    def painted(self, ids=None):
        """The painted component (0-based, :data:`UNLABELLED` for none) of every point or of ``ids``: (n,)."""
        return self._painted.lookup(self._points.ids if ids is None else ids)

    def has_painted(self):
        """True when a point on screen has a painted label."""
        return bool(np.any(self.painted() != UNLABELLED))

    def paint(self, ids, components):
        """Give the points ``ids`` (n,) the painted ``components`` (n,) or one component for all."""
        self._painted = self._painted.assigned(ids, components)
        self.changed.emit()

    # -- session files ----------------------------------------------------------------------------

    def to_record(self):
        """The labels of the points on screen as a session's ``labels`` (:class:`gmmviz.io.session.Session`), or None."""
        painted, known = self.painted(), self.known()
        if known is None and not np.any(painted != UNLABELLED):
            return None
        return {"painted": painted if np.any(painted != UNLABELLED) else None, "known": known,
                "known_column": None if known is None else self.known_column}

    def restore(self, record):
        """Give the points on screen the labels of a session's ``labels`` record (None: no labels)."""
        ids = self._points.ids
        if record is not None and record["known"] is not None:
            self.set_known(ids, record["known"], record["known_column"])
        else:
            self.forget_known()
        if record is not None and record["painted"] is not None:
            self.paint(ids, record["painted"])


class PaintLabelsCommand:
    """One brush stroke: the points ``ids`` (n,) get ``component``; they had ``before`` (n,).

    A stroke painted live while the mouse moved is pushed with ``UndoStack.push(command, applied=True)``,
    so it is not painted a second time; ``text`` names the step (default "Paint n points as component k").
    """

    def __init__(self, labels, ids, component, before, text=None):
        self._labels = labels
        self._ids = np.asarray(ids, dtype=np.int64)
        self._component = int(component)
        self._before = np.asarray(before, dtype=np.intp)
        name = "none" if component == UNLABELLED else str(component + 1)
        self.text = text or f"Paint {len(self._ids)} point{'s' * (len(self._ids) != 1)} as component {name}"

    def redo(self):
        self._labels.paint(self._ids, self._component)

    def undo(self):
        self._labels.paint(self._ids, self._before)
