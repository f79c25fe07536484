"""The "Parameters" dock: weight, mean and covariance of each component of the iteration on screen.

Rows are components (numbered from 1, as in the legend) with their colour; degenerate
components (collapsed onto a point or emptied, as reported by the engine) are flagged in red.
"""

import numpy as np
from PySide6 import QtCore, QtGui, QtWidgets

from gmmviz.gui.render.palette import component_colors

def column_titles(names=("x", "y")):
    """Column titles for coordinates called ``names`` (the data's column names, else x and y).

    The quantity and the names are on two lines, so long column names still fit their column.
    """
    a, b = names
    return ("weight", f"mean\n{a}", f"mean\n{b}", f"var\n{a}", f"cov\n{a}, {b}", f"var\n{b}", "status")


_N_COLUMNS = len(column_titles())


class ParameterModel(QtCore.QAbstractTableModel):
    """Table model over a ``Mixture`` and the indices of its degenerate components."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._values = np.empty((0, 6))
        self._degenerate = frozenset()
        self._colors = np.empty((0, 4), dtype=np.uint8)
        self._titles = column_titles()

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
        if len(values) != len(self._values):
            self.beginResetModel()
            self._values, self._degenerate = values, frozenset(degenerate)
            self._colors = component_colors(len(values))
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
            return str(section + 1)
        if role == QtCore.Qt.ItemDataRole.DecorationRole and section < len(self._colors):
            return QtGui.QColor(*self._colors[section].tolist())
        return None

    def data(self, index, role=QtCore.Qt.ItemDataRole.DisplayRole):
        row, column = index.row(), index.column()
        flagged = row in self._degenerate
        if role == QtCore.Qt.ItemDataRole.DisplayRole:
            if column == _N_COLUMNS - 1:
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
        # Columns as wide as their titles (the data's column names) and numbers, the rest to the last.
        header.setSectionResizeMode(QtWidgets.QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)

    def set_mixture(self, mixture, degenerate=(), names=("x", "y")):
        self.model_.set_mixture(mixture, degenerate, names)
