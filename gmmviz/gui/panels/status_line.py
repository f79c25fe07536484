"""The status line: the read-outs of :func:`gmmviz.gui.model.readouts.status_fields`, never cut off.

Whole fields are packed into as many lines as the width needs (at lecture scale two or three; a field
wider than the line, a long warning, is broken between words),
warnings in red on their own line below (the plot's warning red for the theme: dark red on black could not
be read). Text is plain text. The red is the label's palette, not a style sheet: a style sheet would keep
presentation mode's larger font from reaching it.
"""

from PySide6 import QtCore, QtGui, QtWidgets

from gmmviz.gui.model.readouts import FIELDS
from gmmviz.gui.render.palette import WARNING_COLORS

_GAP = "     "


class StatusLine(QtWidgets.QWidget):
    """Shows ``{field: text}``; :attr:`fields` is what it shows."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.fields = dict.fromkeys(FIELDS, "")
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 0)
        layout.setSpacing(0)
        self.readouts = QtWidgets.QLabel()
        self.warnings = QtWidgets.QLabel()
        for label in (self.readouts, self.warnings):
            label.setTextFormat(QtCore.Qt.TextFormat.PlainText)
            label.setSizePolicy(QtWidgets.QSizePolicy.Policy.Ignored, QtWidgets.QSizePolicy.Policy.Fixed)
            layout.addWidget(label)
        self._colour_warnings()

    def show_fields(self, fields):
        self.fields = dict(fields)
        self._lay_out()

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._lay_out()

    def changeEvent(self, event):
        super().changeEvent(event)
        if event.type() == QtCore.QEvent.Type.FontChange:
            self._lay_out()       # presentation mode scales the font
        elif event.type() == QtCore.QEvent.Type.PaletteChange:
            self._colour_warnings()     # presentation mode's dark theme

    def _colour_warnings(self):
        dark = self.palette().color(QtGui.QPalette.ColorRole.Window).lightness() < 128
        palette = self.warnings.palette()
        palette.setColor(QtGui.QPalette.ColorRole.WindowText, QtGui.QColor(WARNING_COLORS[dark]))
        self.warnings.setPalette(palette)

    def _lay_out(self):
        width = max(self.width() - 12, 100)
        readouts = [text for key, text in self.fields.items() if text and key != "warnings"]
        warnings = [text for text in self.fields["warnings"].split("; ") if text]
        for label, texts in ((self.readouts, readouts), (self.warnings, warnings)):
            metrics = label.fontMetrics()
            # Whole fields a line; a field wider than a line alone is broken between its words.
            lines = [part for line in _packed(texts, _GAP, metrics, width)
                     for part in (_packed(line.split(" "), " ", metrics, width)
                                  if metrics.horizontalAdvance(line) > width else [line])]
            label.setText("\n".join(lines))
            height = metrics.lineSpacing() * len(lines) + 2 if lines else 0
            shrinks = height < label.height() and label.isVisible()
            label.setFixedHeight(height)
            label.setVisible(bool(lines))
            bar = self.parentWidget()
            if shrinks and isinstance(bar, QtWidgets.QStatusBar):
                # A status bar grows with its widgets by itself but shrinks back only when told to; told
                # from the event loop, as this runs inside the bar's layout pass and reformat() deletes
                # that layout (at once, Qt would go on in freed memory and crash now and then).
                QtCore.QTimer.singleShot(0, bar, bar.reformat)


def _packed(pieces, separator, metrics, width):
    """``pieces`` joined by ``separator`` into as few lines as fit ``width`` pixels (a piece wider stays whole)."""
    lines = []
    for piece in pieces:
        if lines and metrics.horizontalAdvance(lines[-1] + separator + piece) <= width:
            lines[-1] += separator + piece
        else:
            lines.append(piece)
    return lines
