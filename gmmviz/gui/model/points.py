"""The editable point set and the undoable edits that change it.

Every change to the points goes through a command on an :class:`~gmmviz.gui.model.undo.UndoStack`,
so Ctrl+Z / Ctrl+Shift+Z undo and redo adds, spray strokes, erasures, Clear and loading a file or
data set alike. Commands store only what they change (added points, removed rows with their
indices) except replacements (clear, load), which keep the old and new arrays and column names.

Every point has an id (:attr:`PointSet.ids`) that stays with it through erasing, undo and redo, so data
kept beside the points (their labels, :mod:`gmmviz.gui.model.point_labels`) follow them by id, even where
two points have the same coordinates. The commands keep the ids of the points they add or remove.
"""

from __future__ import annotations

import numpy as np

from gmmviz.gui.model.events import Event

#: Axis names when the data have none of their own (drawn points).
DEFAULT_COLUMNS = ("x", "y")


def values_by_id(ids, values, wanted, missing):
    """The value kept for every id of ``wanted``: what data beside the points hold for the points asked about.

    Parameters
    ----------
    ids : ndarray of int64, shape (n_kept,)
        Sorted ids that have a value.
    values : ndarray of shape (n_kept,)
        The value of each of ``ids``.
    wanted : array-like of int, shape (n,)
        The ids asked about, in any order.
    missing : scalar
        The value of an id that has none.

    Returns
    -------
    ndarray of shape (n,), the dtype of ``values``
    """
    wanted = np.asarray(wanted, dtype=np.int64)
    found_values = np.full(len(wanted), missing, dtype=values.dtype)
    if len(ids):
        at = np.minimum(np.searchsorted(ids, wanted), len(ids) - 1)
        found = ids[at] == wanted
        found_values[found] = values[at[found]]
    return found_values


class PointSet:
    """The points on screen, the names of their two columns and the name of where they came from.

    Events
    ------
    changed()
        After every change of the points or of the column names.
    """

    def __init__(self):
        self._X = np.empty((0, 2))
        self._X.setflags(write=False)
        self._ids = np.empty(0, dtype=np.int64)
        self._next_id = 0
        self._columns = None
        self._name = None
        self.changed = Event()

    @property
    def X(self):
        """Current points, read-only array of shape (n_samples, 2), float64."""
        return self._X

    @property
    def ids(self):
        """The id of every point (see the module docstring), read-only array of shape (n_samples,), int64."""
        return self._ids

    def new_ids(self, n_points):
        """Ids no point had before, for ``n_points`` new points: shape (n_points,), int64."""
        ids = np.arange(self._next_id, self._next_id + n_points, dtype=np.int64)
        self._next_id += n_points
        return ids

    @property
    def columns(self):
        """The two column names the data came with, or None (drawn points)."""
        return self._columns

    @property
    def name(self):
        """The file or data set the points were loaded from ("old_faithful.csv"), or None (drawn)."""
        return self._name

    @property
    def axis_names(self):
        """Names to show for the two coordinates: the columns, else ``x`` and ``y``."""
        return self._columns or DEFAULT_COLUMNS

    def __len__(self):
        return len(self._X)

    def replace(self, X, columns=None, name=None, *, keep_columns=False, ids=None):
        """Make ``X`` (n_samples, 2) the points; ``columns`` and ``name`` theirs (unless ``keep_columns``).

        ``ids`` (n_samples,) are the points' ids when they are points seen before; else they get new ones.
        """
        X = np.array(X, dtype=float).reshape(-1, 2)
        X.setflags(write=False)
        ids = self.new_ids(len(X)) if ids is None else np.array(ids, dtype=np.int64).reshape(len(X))
        ids.setflags(write=False)
        self._X, self._ids = X, ids
        if not keep_columns:
            self._columns = None if columns is None else tuple(str(c) for c in columns)
            self._name = name
        self.changed.emit()

    def append(self, points, ids=None):
        """Add ``points`` (n_points, 2) at the end, with their ``ids`` (n_points,) if they had some."""
        points = np.asarray(points, dtype=float).reshape(-1, 2)
        ids = self.new_ids(len(points)) if ids is None else ids
        self.replace(np.concatenate([self._X, points]), keep_columns=True, ids=np.concatenate([self._ids, ids]))

    def truncate(self, n_samples):
        self.replace(self._X[:n_samples], keep_columns=True, ids=self._ids[:n_samples])

    def delete(self, indices):
        keep = np.ones(len(self._X), dtype=bool)
        keep[indices] = False
        self.replace(self._X[keep], keep_columns=True, ids=self._ids[keep])

    def insert(self, indices, points, ids):
        """Put ``points`` with their ``ids`` back so that they end up at rows ``indices`` (sorted)."""
        n_total = len(self._X) + len(indices)
        restored = np.empty((n_total, 2))
        restored_ids = np.empty(n_total, dtype=np.int64)
        taken = np.zeros(n_total, dtype=bool)
        taken[indices] = True
        restored[taken], restored_ids[taken] = points, ids
        restored[~taken], restored_ids[~taken] = self._X, self._ids
        self.replace(restored, keep_columns=True, ids=restored_ids)


class AddPointsCommand:
    """Append points (a click or a spray stroke).

    ``applied``: the points are already appended (a stroke drawn live); then pass the same flag to
    :meth:`UndoStack.push <gmmviz.gui.model.undo.UndoStack.push>`.
    """

    def __init__(self, points_set, points, text="Add points", applied=False):
        self.text = text
        self._set = points_set
        self._points = np.asarray(points, dtype=float).reshape(-1, 2)
        self._n_before = len(points_set) - (len(self._points) if applied else 0)
        # Redone points are the same points: per-point data (labels) find them again.
        self._ids = points_set.ids[self._n_before:] if applied else points_set.new_ids(len(self._points))

    def redo(self):
        self._set.append(self._points, self._ids)

    def undo(self):
        self._set.truncate(self._n_before)


class DeletePointsCommand:
    """Remove rows ``indices`` (sorted) whose values were ``points`` and whose ids were ``ids``.

    ``ids`` default to those of the rows now (give them when the rows are already removed).
    """

    def __init__(self, points_set, indices, points, text="Erase points", ids=None):
        self.text = text
        self._set = points_set
        self._indices = np.asarray(indices)
        self._points = np.asarray(points, dtype=float)
        self._ids = points_set.ids[self._indices] if ids is None else np.asarray(ids, dtype=np.int64)

    def redo(self):
        self._set.delete(self._indices)

    def undo(self):
        self._set.insert(self._indices, self._points, self._ids)


class ReplacePointsCommand:
    """Swap the whole point set, its column names and its name (Clear, open a file, load a data set)."""

    #: Replacing loads data that live in a file (or clears them): nothing drawn is left unsaved.
    leaves_nothing_unsaved = True

    def __init__(self, points_set, X, text, columns=None, name=None):
        self.text = text
        self._set = points_set
        self._old = (points_set.X, points_set.columns, points_set.name)
        self._old_ids = points_set.ids
        self._new = (np.array(X, dtype=float).reshape(-1, 2), None if columns is None else tuple(columns), name)
        self._new_ids = points_set.new_ids(len(self._new[0]))

    @property
    def new_ids(self):
        """The ids of the points this command loads, (n_samples,) (for data that come with them)."""
        return self._new_ids

    def redo(self):
        self._set.replace(*self._new, ids=self._new_ids)

    def undo(self):
        self._set.replace(*self._old, ids=self._old_ids)
