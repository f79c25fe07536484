"""The editable point set and the undoable edits that change it.

Every change to the points goes through a command on an :class:`~gmmviz.gui.model.undo.UndoStack`,
so Ctrl+Z / Ctrl+Shift+Z undo and redo adds, spray strokes, erasures, Clear and loading a file or
data set alike. Commands store only what they change (added points, removed rows with their
indices) except replacements (clear, load), which keep the old and new arrays and column names.
"""

from __future__ import annotations

import numpy as np

from gmmviz.gui.model.events import Event

#: Axis names when the data have none of their own (drawn points).
DEFAULT_COLUMNS = ("x", "y")


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
        self._columns = None
        self._name = None
        self.changed = Event()

    @property
    def X(self):
        """Current points, read-only array of shape (n_samples, 2), float64."""
        return self._X

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

    def replace(self, X, columns=None, name=None, *, keep_columns=False):
        """Make ``X`` (n_samples, 2) the points; ``columns`` and ``name`` theirs (unless ``keep_columns``)."""
        X = np.array(X, dtype=float).reshape(-1, 2)
        X.setflags(write=False)
        self._X = X
        if not keep_columns:
            self._columns = None if columns is None else tuple(str(c) for c in columns)
            self._name = name
        self.changed.emit()

    def append(self, points):
        self.replace(np.concatenate([self._X, np.asarray(points, dtype=float).reshape(-1, 2)]), keep_columns=True)

    def truncate(self, n_samples):
        self.replace(self._X[:n_samples], keep_columns=True)

    def delete(self, indices):
        keep = np.ones(len(self._X), dtype=bool)
        keep[indices] = False
        self.replace(self._X[keep], keep_columns=True)

    def insert(self, indices, points):
        """Put ``points`` back so that they end up at rows ``indices`` (sorted)."""
        n_total = len(self._X) + len(indices)
        restored = np.empty((n_total, 2))
        taken = np.zeros(n_total, dtype=bool)
        taken[indices] = True
        restored[taken] = points
        restored[~taken] = self._X
        self.replace(restored, keep_columns=True)


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

    def redo(self):
        self._set.append(self._points)

    def undo(self):
        self._set.truncate(self._n_before)


class DeletePointsCommand:
    """Remove rows ``indices`` (sorted) whose values were ``points``."""

    def __init__(self, points_set, indices, points, text="Erase points"):
        self.text = text
        self._set = points_set
        self._indices = np.asarray(indices)
        self._points = np.asarray(points, dtype=float)

    def redo(self):
        self._set.delete(self._indices)

    def undo(self):
        self._set.insert(self._indices, self._points)


class ReplacePointsCommand:
    """Swap the whole point set, its column names and its name (Clear, open a file, load a data set)."""

    #: Replacing loads data that live in a file (or clears them): nothing drawn is left unsaved.
    leaves_nothing_unsaved = True

    def __init__(self, points_set, X, text, columns=None, name=None):
        self.text = text
        self._set = points_set
        self._old = (points_set.X, points_set.columns, points_set.name)
        self._new = (np.array(X, dtype=float).reshape(-1, 2), None if columns is None else tuple(columns), name)

    def redo(self):
        self._set.replace(*self._new)

    def undo(self):
        self._set.replace(*self._old)
