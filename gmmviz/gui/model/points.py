"""The editable point set and the undo commands that change it.

Every change to the points goes through a ``QUndoCommand`` on the window's undo stack, so
Ctrl+Z / Ctrl+Shift+Z undo and redo adds, spray strokes, erasures, Clear and loading a file
or data set alike. Commands store only what they change (added points, removed rows with
their indices) except replacements (clear, load), which keep the old and new arrays.
"""

import numpy as np
from PySide6 import QtCore, QtGui


class PointStore(QtCore.QObject):
    """The points on screen, X of shape (n_samples, 2); ``changed`` fires after every edit."""

    changed = QtCore.Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._X = np.empty((0, 2))
        self.source = None  # (path or data set name, column names) of the last load

    @property
    def X(self):
        """Current points, shape (n_samples, 2), float64. Treat as read-only."""
        return self._X

    def replace(self, X):
        self._X = np.ascontiguousarray(X, dtype=float).reshape(-1, 2)
        self.changed.emit()

    def append(self, points):
        self.replace(np.concatenate([self._X, np.asarray(points, dtype=float).reshape(-1, 2)]))

    def truncate(self, n_samples):
        self.replace(self._X[:n_samples])

    def delete(self, indices):
        keep = np.ones(len(self._X), dtype=bool)
        keep[indices] = False
        self.replace(self._X[keep])

    def insert(self, indices, points):
        """Put ``points`` back so that they end up at rows ``indices`` (sorted)."""
        n_total = len(self._X) + len(indices)
        restored = np.empty((n_total, 2))
        taken = np.zeros(n_total, dtype=bool)
        taken[indices] = True
        restored[taken] = points
        restored[~taken] = self._X
        self.replace(restored)


class _PointCommand(QtGui.QUndoCommand):
    """Base: the first ``redo`` is skipped when the edit was already applied live (strokes)."""

    def __init__(self, store, text, applied):
        super().__init__(text)
        self._store = store
        self._skip_redo = applied

    def redo(self):
        if self._skip_redo:
            self._skip_redo = False
            return
        self._apply()


class AddPointsCommand(_PointCommand):
    """Append points (click or spray stroke)."""

    def __init__(self, store, points, text="Add points", applied=False):
        super().__init__(store, text, applied)
        self._points = np.asarray(points, dtype=float).reshape(-1, 2)
        self._n_before = len(store.X) - (len(self._points) if applied else 0)

    def _apply(self):
        self._store.append(self._points)

    def undo(self):
        self._store.truncate(self._n_before)


class DeletePointsCommand(_PointCommand):
    """Remove rows ``indices`` (sorted) whose values were ``points``."""

    def __init__(self, store, indices, points, text="Erase points", applied=False):
        super().__init__(store, text, applied)
        self._indices = np.asarray(indices)
        self._points = np.asarray(points, dtype=float)

    def _apply(self):
        self._store.delete(self._indices)

    def undo(self):
        self._store.insert(self._indices, self._points)


class ReplacePointsCommand(_PointCommand):
    """Swap the whole point set (Clear, open a file, load a data set)."""

    def __init__(self, store, X, text, source=None):
        super().__init__(store, text, applied=False)
        self._old = (store.X, store.source)
        self._new = (np.ascontiguousarray(X, dtype=float).reshape(-1, 2), source)

    def _apply(self):
        self._store.source = self._new[1]
        self._store.replace(self._new[0])

    def undo(self):
        self._store.source = self._old[1]
        self._store.replace(self._old[0])
