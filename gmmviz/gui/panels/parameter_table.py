"""The "Parameters" dock: weight, mean and covariance of each component of the iteration on screen.

Rows are components (numbered from 1, as in the legend) with their colour; degenerate
components (collapsed onto a point or emptied, as reported by the engine) are flagged in red.
"""

import numpy as np
from PySide6 import QtCore, QtGui, QtWidgets

from gmmviz.gui.render.palette import component_colors

_COLUMNS = ("weight", "mean x", "mean y", "var x", "cov xy", "var y", "status")


class ParameterModel(QtCore.QAbstractTableModel):
    """Table model over a ``Mixture`` and the indices of its degenerate components."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._values = np.empty((0, 6))
        self._degenerate = frozenset()
        self._colors = np.empty((0, 4), dtype=np.uint8)

    def set_mixture(self, mixture, degenerate=()):
        """Show ``mixture`` (or None) with components ``degenerate`` flagged."""
        if mixture is None:
            values = np.empty((0, 6))
        else:
            cov = mixture.full_covariances
            values = np.column_stack([mixture.weights, mixture.means,
                                      cov[:, 0, 0], cov[:, 0, 1], cov[:, 1, 1]])
        if len(values) != len(self._values):
            self.beginResetModel()
            self._values, self._degenerate = values, frozenset(degenerate)
            self._colors = component_colors(len(values))
            self.endResetModel()
        else:
            self._values, self._degenerate = values, frozenset(degenerate)
            if len(values):
                self.dataChanged.emit(self.index(0, 0), self.index(len(values) - 1, len(_COLUMNS) - 1))

    def rowCount(self, parent=QtCore.QModelIndex()):
        return 0 if parent.isValid() else len(self._values)

    def columnCount(self, parent=QtCore.QModelIndex()):
        return 0 if parent.isValid() else len(_COLUMNS)

    def headerData(self, section, orientation, role=QtCore.Qt.ItemDataRole.DisplayRole):
        if orientation == QtCore.Qt.Orientation.Horizontal:
            if role == QtCore.Qt.ItemDataRole.DisplayRole:
                return _COLUMNS[section]
            return None
        if role == QtCore.Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        if role == QtCore.Qt.ItemDataRole.DecorationRole and section < len(self._colors):
            return QtGui.QColor(*self._colors[section].tolist())
        return None

    def data(self, index, role=QtCore.Qt.ItemDataRole.DisplayRole):
        row, column = index.row(), index.column()
        flagged = row in self._degenerate
        if role == QtCore.Qt.ItemDataRole.DisplayRole:
            if column == len(_COLUMNS) - 1:
                return "degenerate" if flagged else "ok"
            return f"{self._values[row, column]:.4g}"
        if role == QtCore.Qt.ItemDataRole.TextAlignmentRole:
            return int(QtCore.Qt.AlignmentFlag.AlignRight | QtCore.Qt.AlignmentFlag.AlignVCenter)
        if role == QtCore.Qt.ItemDataRole.ForegroundRole and flagged:
            return QtGui.QColor("#C00000")
        if role == QtCore.Qt.ItemDataRole.BackgroundRole and flagged:
            return QtGui.QColor("#FDE2E2")
        return None


class ParameterTable(QtWidgets.QTableView):
    """Read-only view of a ``ParameterModel``."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.model_ = ParameterModel(self)
        self.setModel(self.model_)
        self.setAlternatingRowColors(True)
        self.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.NoSelection)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QtWidgets.QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(len(_COLUMNS) - 1, QtWidgets.QHeaderView.ResizeMode.ResizeToContents)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)

    def set_mixture(self, mixture, degenerate=()):
        self.model_.set_mixture(mixture, degenerate)
