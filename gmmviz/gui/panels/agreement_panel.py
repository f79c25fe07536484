"""The "Agreement" dock: how close the fit on screen is to the true mixture.

After every iteration it shows the adjusted Rand index between the true labels of the sampled points
(the components they were drawn from) and their fitted hard labels, and the parameter error after
matching components (:mod:`gmmviz.core.agreement`: max |Δweight|, max ‖Δmean‖, max ‖ΔΣ‖_F, and which
true component each fitted one was matched with). The text is made by :func:`agreement_lines`,
without Qt.
"""

import math

from PySide6 import QtCore, QtWidgets

NO_TRUTH = "No true mixture: open one with Data ▸ True mixture ▸ Open… or enter one in the True mixture panel."
NO_FIT = "No fit yet: press Initialise (I), then Step (Space) or Run (Ctrl+R)."
NO_LABELS = "ARI: no points were sampled from the true mixture (Data ▸ Sample from true mixture…)."


def agreement_lines(agreement, has_truth=True):
    """The panel's lines for an :class:`~gmmviz.gui.model.truth.Agreement` (None: no truth or no fit).

    Returns
    -------
    list of str
    """
    if not has_truth:
        return [NO_TRUTH]
    if agreement is None:
        return [NO_FIT]
    error = agreement.error
    compared = (f"{agreement.n_labelled}" if agreement.n_compared == agreement.n_labelled
                else f"a random {agreement.n_compared} of the {agreement.n_labelled}")
    ari = NO_LABELS if math.isnan(agreement.ari) else (
        f"Adjusted Rand index {agreement.ari:.4f} (true against fitted labels of {compared} "
        "sampled points; 1 = the same grouping)")
    pairs = ", ".join(f"true {t + 1} ↔ fit {f + 1}" for t, f in error.pairs)
    return [
        ari,
        f"After matching components: max |Δweight| {error.weight:.4g}, max ‖Δmean‖ {error.mean:.4g}, "
        f"max ‖ΔΣ‖ {error.covariance:.4g} (Frobenius)",
        f"Matched: {pairs}",
    ]


def readout_label():
    """A read-out's text: plain (label names come from files), wrapped, selectable, at the top left."""
    label = QtWidgets.QLabel()
    label.setTextFormat(QtCore.Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setAlignment(QtCore.Qt.AlignmentFlag.AlignLeft | QtCore.Qt.AlignmentFlag.AlignTop)
    label.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class AgreementPanel(QtWidgets.QWidget):
    """The agreement of the mixture on screen with ``session.truth``; call :meth:`refresh` to update."""

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self._session = session
        self.label = readout_label()
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.label, 1)
        self.refresh()

    @property
    def text(self):
        """The lines shown, as one string."""
        return self.label.text()

    def refresh(self):
        session = self._session
        truth = session.truth
        agreement = truth.agreement(session.mixture_on_screen(), session.points)
        self.label.setText("\n".join(agreement_lines(agreement, truth.mixture is not None)))
