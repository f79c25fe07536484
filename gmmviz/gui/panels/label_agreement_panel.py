"""The "Label agreement" dock: the fit on screen against the known labels (a label column, iris' species).

After every iteration it shows the adjusted Rand index between the known labels and the hard labels of
the mixture on screen (each point's most probable component), the share of the labelled points that
matching classes to components puts on the diagonal, and the confusion matrix after that matching
(:mod:`gmmviz.core.label_agreement`): one row per label, one column per fitted component in its colour,
the matched pairs on the diagonal (bold). The lines are made by :func:`label_agreement_lines`, without Qt.
"""

from __future__ import annotations

import math

from PySide6 import QtCore, QtGui, QtWidgets

from gmmviz.core.label_agreement import label_agreement
from gmmviz.gui.panels.agreement_panel import NO_FIT, readout_label
from gmmviz.gui.render.palette import component_colors

NO_LABELS = ("No known labels: open a file and choose its label column, or load Data ▸ Iris (its species).")
EXPLANATION = ("Adjusted Rand index: 1 = the same grouping as the known labels, about 0 = chance. The matrix "
               "counts the points of each label (rows) by fitted component (columns); each label is paired with "
               "a component by Hungarian matching, the pairs on the diagonal (bold).")


def label_agreement_lines(column, agreement):
    """The panel's lines above the matrix for a :class:`~gmmviz.core.label_agreement.LabelAgreement`.

    ``column`` is the label column's name; ``agreement`` None means there is no fit yet.

    Returns
    -------
    list of str
    """
    if agreement is None:
        return [f"Known labels: {column}.", NO_FIT]
    ari = "-" if math.isnan(agreement.ari) else f"{agreement.ari:.4f}"
    # Short lines: at lecture scale the panel has half the width of the screen.
    return [
        f"Known labels: {column}, {agreement.n_labelled} points",
        f"Adjusted Rand index {ari}",
        f"{100 * agreement.confusion.matched_fraction:.1f} % on the diagonal after matching",
    ]


class LabelAgreementPanel(QtWidgets.QWidget):
    """The agreement of the mixture on screen with ``session.labels``' known labels; :meth:`refresh` updates it."""

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self._session = session
        self.label = readout_label()
        self.label.setToolTip(EXPLANATION)
        self.matrix = QtWidgets.QTableWidget()
        self.matrix.setToolTip(EXPLANATION)
        self.matrix.setSizeAdjustPolicy(QtWidgets.QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.matrix.setSizePolicy(QtWidgets.QSizePolicy.Policy.Maximum, QtWidgets.QSizePolicy.Policy.Maximum)
        self.matrix.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.matrix.horizontalHeader().setSectionResizeMode(QtWidgets.QHeaderView.ResizeMode.ResizeToContents)
        self.matrix.verticalHeader().setSectionResizeMode(QtWidgets.QHeaderView.ResizeMode.ResizeToContents)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.label)
        layout.addWidget(self.matrix)
        layout.addStretch(1)
        self.agreement = None
        self.refresh()

    @property
    def text(self):
        """The lines above the matrix, as one string."""
        return self.label.text()

    def refresh(self):
        session = self._session
        known = session.labels.known_codes()
        mixture = session.mixture_on_screen()
        self.agreement = None
        if known is not None and mixture is not None:
            self.agreement = label_agreement(*known, session.responsibilities(mixture))
        if known is None:
            self.label.setText(NO_LABELS)
        else:
            self.label.setText("\n".join(label_agreement_lines(session.labels.known_column, self.agreement)))
        self._show_matrix(self.agreement)

    def _show_matrix(self, agreement):
        self.matrix.setVisible(agreement is not None)
        if agreement is None:
            return
        confusion = agreement.confusion
        counts = confusion.matrix
        colours = component_colors(len(confusion.components))
        self.matrix.setRowCount(counts.shape[0])
        self.matrix.setColumnCount(counts.shape[1])
        self.matrix.setVerticalHeaderLabels([str(name) for name in confusion.classes])
        side = max(8, int(0.7 * self.fontMetrics().height()))
        for j, k in enumerate(confusion.components):
            # The component's colour as a swatch beside text of the theme's: as text, blue and green on the
            # dark theme's grey header could not be read.
            swatch = QtGui.QPixmap(side, side)
            swatch.fill(QtGui.QColor(*colours[k][:3].tolist()))
            header = QtWidgets.QTableWidgetItem(QtGui.QIcon(swatch), f"fit {k + 1}")
            self.matrix.setHorizontalHeaderItem(j, header)
        bold = QtGui.QFont(self.font())
        bold.setBold(True)
        for i in range(counts.shape[0]):
            for j in range(counts.shape[1]):
                item = QtWidgets.QTableWidgetItem(str(counts[i, j]))
                item.setTextAlignment(QtCore.Qt.AlignmentFlag.AlignRight | QtCore.Qt.AlignmentFlag.AlignVCenter)
                if i == j:
                    item.setFont(bold)
                self.matrix.setItem(i, j, item)
