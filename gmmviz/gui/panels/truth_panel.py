"""The "True mixture" dock: a table editor of the truth's weights, means and covariances.

One row per component (numbered from 1, as on the plot's crosses), the six numbers of
:data:`gmmviz.gui.model.truth.FIELDS` under the data's column names. Editing a cell replaces
``session.truth`` with the edited mixture (:func:`gmmviz.gui.model.truth.with_value`); a value that
does not make a mixture (not a number, a covariance that is not positive definite, a weight outside
[0, 1]) is refused in one line in the window's notice strip and the cell shows the truth again. The
buttons add a component (at the centre of the view), remove the selected one (else the last) and
copy the fit on screen; the menu's Drag on the plot, Open, Save and Sample commands are beside them.

The panel keeps no copy of the truth: it shows ``session.truth.mixture`` whenever it changes.
"""

from PySide6 import QtCore, QtWidgets

from gmmviz.core import GmmvizError
from gmmviz.core.errors import as_sentence
from gmmviz.gui.model.truth import FIELDS, component_values, with_component, with_value
from gmmviz.gui.panels.parameter_table import column_titles

EMPTY_TEXT = ("No true mixture. Open one (Data ▸ True mixture ▸ Open…), "
              "add components here, or copy the fit on screen.")


class TruthPanel(QtWidgets.QWidget):
    """Editor of ``session.truth``.

    Parameters
    ----------
    session : FitSession
    view_centre : callable
        ``view_centre() -> (x, y)``: where a new component goes.
    actions : sequence of QAction
        Commands shown as buttons below the table (Open, Save, Sample).
    """

    def __init__(self, session, view_centre, actions=(), parent=None):
        super().__init__(parent)
        self._session = session
        self._view_centre = view_centre
        self.table = QtWidgets.QTableWidget(0, len(FIELDS))
        self.table.horizontalHeader().setSectionResizeMode(QtWidgets.QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.table.itemChanged.connect(self._on_item_changed)
        self.note = QtWidgets.QLabel(EMPTY_TEXT)
        self.note.setWordWrap(True)
        # Two rows of four: in one row the panel would be 790 px wide, wider than its tab beside the history.
        buttons = QtWidgets.QGridLayout()
        self.buttons = {}
        widgets = []
        for key, text, slot in (("add", "Add component", self.add_component),
                                ("remove", "Remove component", self.remove_component),
                                ("from_fit", "Copy the fit", self.copy_fit)):
            button = QtWidgets.QPushButton(text)
            button.clicked.connect(slot)
            widgets.append(button)
            self.buttons[key] = button
        for action in actions:
            button = QtWidgets.QToolButton()
            button.setDefaultAction(action)
            button.setSizePolicy(QtWidgets.QSizePolicy.Policy.Preferred, QtWidgets.QSizePolicy.Policy.Fixed)
            widgets.append(button)
        for index, widget in enumerate(widgets):
            buttons.addWidget(widget, *divmod(index, 4))
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._filling = False
        session.truth.changed.connect(self.refresh)
        session.points.changed.connect(self.refresh)       # the column titles name the data's columns
        self.refresh()

    def refresh(self):
        """Show the truth as it is now."""
        mixture = self._session.truth.mixture
        values = component_values(mixture) if mixture is not None else []
        self._filling = True
        self.table.setHorizontalHeaderLabels(list(column_titles(self._session.points.axis_names)[:len(FIELDS)]))
        self.table.setRowCount(len(values))
        for k, row in enumerate(values):
            for column, value in enumerate(row):
                item = QtWidgets.QTableWidgetItem(f"{value:.6g}")
                item.setTextAlignment(QtCore.Qt.AlignmentFlag.AlignRight | QtCore.Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(k, column, item)
        self._filling = False
        self.note.setVisible(mixture is None)
        self.buttons["remove"].setEnabled(mixture is not None and mixture.n_components > 1)
        self.buttons["from_fit"].setEnabled(self._session.mixture_on_screen() is not None)

    def set_value(self, k, field, text):
        """Set component ``k``'s ``field`` to the number in ``text``, as typing it into its cell does."""
        try:
            try:
                value = float(text)
            except ValueError:
                raise GmmvizError(f"{text!r} is not a number") from None
            self._set(with_value(self._session.truth.mixture, k, field, value))
        except GmmvizError as exc:
            self._session.report(f"The true mixture was not changed: {exc}.")
            self.refresh()

    def add_component(self):
        """One more component, at the centre of the view."""
        self._set(with_component(self._session.truth.mixture, self._view_centre()))

    def remove_component(self):
        """Remove the selected component, else the last one."""
        mixture = self._session.truth.mixture
        if mixture is None:
            return
        selected = self.table.selectionModel().selectedRows()
        k = selected[0].row() if selected else mixture.n_components - 1
        try:
            self._set(mixture.without_component(k))
        except GmmvizError as exc:
            self._session.report(as_sentence(exc))

    def copy_fit(self):
        """Make the mixture on screen the truth (as full covariances)."""
        mixture = self._session.mixture_on_screen()
        if mixture is not None:
            self._set(mixture.with_covariance_type("full"))

    def _set(self, mixture):
        self._session.truth.set_mixture(mixture)

    def _on_item_changed(self, item):
        if not self._filling:
            self.set_value(item.row(), FIELDS[item.column()], item.text().strip())
