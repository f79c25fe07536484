"""The "Parameters" dock: weight, mean and covariance of each component of the iteration on screen.

Rows are components (numbered from 1, as in the legend) with their colour; degenerate
components (collapsed onto a point or emptied, as reported by the engine) are flagged in red.

Locks: the weight, mean and covariance cells of each component have a check box; a checked one is
a parameter EM keeps as it is (``freeze``, :mod:`gmmviz.core.freeze`). The table shows the locks it is
given and reports clicks (``lock_toggled``); the session holds them. Both mean cells are the mean's
one lock, the three covariance cells the covariance's. A noise component is a last, grey row "noise"
with its weight π₀ (the components' weights are their shares of the points that are not noise).
"""

import numpy as np
from PySide6 import QtCore, QtGui, QtWidgets

from gmmviz.gui.render.palette import NOISE_RGBA, component_colors

def column_titles(names=("x", "y")):
    """Column titles for coordinates called ``names`` (the data's column names, else x and y).

    The quantity and the names are on two lines, so long column names still fit their column.
    """
    a, b = names
    return ("weight", f"mean\n{a}", f"mean\n{b}", f"var\n{a}", f"cov\n{a}, {b}", f"var\n{b}", "status")


_N_COLUMNS = len(column_titles())
#: The parameter each column's check box locks.
_COLUMN_PARAMETER = ("weight", "mean", "mean", "covariance", "covariance", "covariance")
_NOISE_ROW = "noise"


class ParameterModel(QtCore.QAbstractTableModel):
    """Table model over a ``Mixture``, the indices of its degenerate components and the locks.

    Signals
    -------
    lock_toggled(int, str)
        The user clicked the lock of parameter ``name`` of component ``k`` (0-based).
    """

    lock_toggled = QtCore.Signal(int, str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._values = np.empty((0, 6))
        self._degenerate = frozenset()
        self._colors = np.empty((0, 4), dtype=np.uint8)
        self._titles = column_titles()
        self._locks = {}
        self._n_components = 0

    def set_locks(self, freeze):
        """Show the locks ``freeze`` (``{k: set of parameter names}`` or None)."""
        self._locks = dict(freeze or {})
        if self._n_components:
            self.dataChanged.emit(self.index(0, 0), self.index(self._n_components - 1, _N_COLUMNS - 2),
                                  [QtCore.Qt.ItemDataRole.CheckStateRole])

    def is_locked(self, k, name):
        return name in self._locks.get(k, ())

    def set_mixture(self, mixture, degenerate=(), names=("x", "y")):
        """Show ``mixture`` (or None) with components ``degenerate`` flagged, coordinates called ``names``."""
        titles = column_titles(names)
        if titles != self._titles:
            self._titles = titles
            self.headerDataChanged.emit(QtCore.Qt.Orientation.Horizontal, 0, _N_COLUMNS - 1)
        if mixture is None:
            values = np.empty((0, 6))
        else:
            cov = mixture.full_covariances
            values = np.column_stack([mixture.weights, mixture.means,
                                      cov[:, 0, 0], cov[:, 0, 1], cov[:, 1, 1]])
            if mixture.has_noise:
                values = np.vstack([values, [mixture.noise_weight, *[np.nan] * 5]])
        n_components = 0 if mixture is None else mixture.n_components
        if len(values) != len(self._values) or n_components != self._n_components:
            self.beginResetModel()
            self._values, self._degenerate = values, frozenset(degenerate)
            self._n_components = n_components
            colors = component_colors(n_components)
            self._colors = np.vstack([colors, NOISE_RGBA]) if len(values) > n_components else colors
            self.endResetModel()
        else:
            self._values, self._degenerate = values, frozenset(degenerate)
            if len(values):
                self.dataChanged.emit(self.index(0, 0), self.index(len(values) - 1, _N_COLUMNS - 1))

    def rowCount(self, parent=QtCore.QModelIndex()):
        return 0 if parent.isValid() else len(self._values)

    def columnCount(self, parent=QtCore.QModelIndex()):
        return 0 if parent.isValid() else _N_COLUMNS

    def headerData(self, section, orientation, role=QtCore.Qt.ItemDataRole.DisplayRole):
        if orientation == QtCore.Qt.Orientation.Horizontal:
            if role == QtCore.Qt.ItemDataRole.DisplayRole:
                return self._titles[section]
            return None
        if role == QtCore.Qt.ItemDataRole.DisplayRole:
            return str(section + 1) if section < self._n_components else _NOISE_ROW
        if role == QtCore.Qt.ItemDataRole.DecorationRole and section < len(self._colors):
            return QtGui.QColor(*self._colors[section].tolist())
        return None

    def flags(self, index):
        flags = QtCore.Qt.ItemFlag.ItemIsEnabled
        if index.row() < self._n_components and index.column() < len(_COLUMN_PARAMETER):
            flags |= QtCore.Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index, value, role=QtCore.Qt.ItemDataRole.EditRole):
        if role != QtCore.Qt.ItemDataRole.CheckStateRole or not self.flags(index) & \
                QtCore.Qt.ItemFlag.ItemIsUserCheckable:
            return False
        name = _COLUMN_PARAMETER[index.column()]
        locked = QtCore.Qt.CheckState(value) == QtCore.Qt.CheckState.Checked
        if locked != self.is_locked(index.row(), name):      # a view may set the state the cell already has
            self.lock_toggled.emit(index.row(), name)
        return True

    def data(self, index, role=QtCore.Qt.ItemDataRole.DisplayRole):
        row, column = index.row(), index.column()
        flagged = row in self._degenerate
        lockable = row < self._n_components and column < len(_COLUMN_PARAMETER)
        if role == QtCore.Qt.ItemDataRole.CheckStateRole and lockable:
            locked = self.is_locked(row, _COLUMN_PARAMETER[column])
            return QtCore.Qt.CheckState.Checked if locked else QtCore.Qt.CheckState.Unchecked
        if role == QtCore.Qt.ItemDataRole.ToolTipRole and lockable:
            name = _COLUMN_PARAMETER[column]
            return f"Lock: EM keeps the {name} of component {row + 1} as it is"
        if role == QtCore.Qt.ItemDataRole.DisplayRole:
            if column == _N_COLUMNS - 1:
                return "" if row >= self._n_components else "degenerate" if flagged else "ok"
            value = self._values[row, column]
            return "" if np.isnan(value) else f"{value:.4g}"
        if role == QtCore.Qt.ItemDataRole.TextAlignmentRole:
            return int(QtCore.Qt.AlignmentFlag.AlignRight | QtCore.Qt.AlignmentFlag.AlignVCenter)
        if role == QtCore.Qt.ItemDataRole.ForegroundRole and flagged:
            return QtGui.QColor("#C00000")
        if role == QtCore.Qt.ItemDataRole.BackgroundRole and flagged:
            return QtGui.QColor("#FDE2E2")
        return None


class ParameterTable(QtWidgets.QTableView):
    """View of a ``ParameterModel``: read-only numbers, clickable locks (``model_.lock_toggled``)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.model_ = ParameterModel(self)
        self.setModel(self.model_)
        self.setAlternatingRowColors(True)
        self.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.NoSelection)
        header = self.horizontalHeader()
        # Columns as wide as their titles (the data's column names) and numbers, the rest to the last.
        header.setSectionResizeMode(QtWidgets.QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)

    def set_mixture(self, mixture, degenerate=(), names=("x", "y")):
        self.model_.set_mixture(mixture, degenerate, names)

    def set_locks(self, freeze):
        self.model_.set_locks(freeze)
