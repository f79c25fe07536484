"""Dialogs for getting data: choosing two columns of a file, the parameters of a data set.

Text from a file (its name, its column names) is shown as plain text, never as markup.
"""

from PySide6 import QtCore, QtWidgets

from gmmviz.gui.dialogs.buttons import ok_cancel_buttons


class ColumnPickerDialog(QtWidgets.QDialog):
    """Choose the x and y columns among ``names``, a label column among ``label_names`` (or none), and a
    weight column among ``names`` (or none: every point weighs 1).

    The label column offered first is ``label_default`` (None: none); the weight column offered first is
    none. The title is never cut: the dialog is at least as wide as it.
    """

    #: The label choice that reads no labels.
    NO_LABELS = "(none)"
    #: The weight choice that reads no weights.
    NO_WEIGHTS = "(none)"

    def __init__(self, file_name, names, parent=None, label_names=(), label_default=None):
        super().__init__(parent)
        self.setWindowTitle("Choose two columns")
        self.setMinimumWidth(3 * self.fontMetrics().horizontalAdvance(self.windowTitle()))   # and the frame's buttons
        self.x = QtWidgets.QComboBox()
        self.y = QtWidgets.QComboBox()
        for combo, index in ((self.x, 0), (self.y, 1)):
            combo.addItems(names)
            combo.setCurrentIndex(index)
        form = QtWidgets.QFormLayout(self)
        note = QtWidgets.QLabel(f"{file_name} has {len(names)} numeric columns.")
        note.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        form.addRow(note)
        form.addRow("x", self.x)
        form.addRow("y", self.y)
        self.label_column = QtWidgets.QComboBox()
        self.label_column.addItems([self.NO_LABELS, *label_names])
        offered = list(label_names).index(label_default) + 1 if label_default is not None else 0
        self.label_column.setCurrentIndex(offered)
        self.label_column.setToolTip("Known labels to compare the fit with (the Label agreement panel) and to "
                                     "initialise from")
        if label_names:
            form.addRow("labels", self.label_column)
        self.weight_column = QtWidgets.QComboBox()
        self.weight_column.addItems([self.NO_WEIGHTS, *names])
        self.weight_column.setToolTip("Each point's weight: a point of weight w counts as w points in the fit, "
                                      "and its area in the plot is proportional to w")
        form.addRow("weights", self.weight_column)
        buttons = ok_cancel_buttons(self)
        form.addRow(buttons)

    def columns(self):
        """The chosen pair of column names."""
        return self.x.currentText(), self.y.currentText()

    def labels(self):
        """The chosen label column's name, or None."""
        return None if self.label_column.currentIndex() == 0 else self.label_column.currentText()

    def weights(self):
        """The chosen weight column's name, or None."""
        return None if self.weight_column.currentIndex() == 0 else self.weight_column.currentText()


class ValuesDialog(QtWidgets.QDialog):
    """A form of integer spin boxes and choice lists.

    Parameters
    ----------
    title : str
    fields : list of (name, label, default, choices)
        ``choices`` is a (minimum, maximum) pair for an integer or a list of strings for a
        choice (whose value is then the index).
    """

    def __init__(self, title, fields, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        form = QtWidgets.QFormLayout(self)
        self._widgets = {}
        for name, label, default, choices in fields:
            if isinstance(choices, tuple):
                widget = QtWidgets.QSpinBox(minimum=choices[0], maximum=choices[1], value=default)
            else:
                widget = QtWidgets.QComboBox()
                widget.addItems(choices)
                widget.setCurrentIndex(default)
            self._widgets[name] = widget
            form.addRow(label, widget)
        buttons = ok_cancel_buttons(self)
        form.addRow(buttons)

    def values(self):
        """{name: int} (choice fields give the chosen index)."""
        return {name: widget.value() if isinstance(widget, QtWidgets.QSpinBox) else widget.currentIndex()
                for name, widget in self._widgets.items()}
