"""Options of the plot exports: size, pixel scale and side panels of a PNG or SVG; frame rate and caption of a GIF."""

from PySide6 import QtWidgets

from gmmviz.gui.export.gif import MAX_FPS
from gmmviz.gui.dialogs.buttons import ok_cancel_buttons

GIF_DEFAULT_SIZE = (900, 700)


class ImageExportDialog(QtWidgets.QDialog):
    """Size, DPI scale and "with side panels" for a PNG or SVG of the plot."""

    def __init__(self, window, fmt="PNG", parent=None):
        super().__init__(parent or window)
        self.setWindowTitle(f"Export plot as {fmt}")
        self._window = window
        self.side_panels = QtWidgets.QCheckBox("Include the side panels (whole window)")
        self.width = QtWidgets.QSpinBox(minimum=50, maximum=10000, suffix=" px")
        self.height = QtWidgets.QSpinBox(minimum=50, maximum=10000, suffix=" px")
        self.scale = QtWidgets.QDoubleSpinBox(minimum=0.5, maximum=8.0, singleStep=0.5, value=1.0, suffix=" ×")
        self.scale.setToolTip("Pixels per screen pixel: 2 gives a sharp image for print or high-DPI screens")
        self.pixels = QtWidgets.QLabel()
        form = QtWidgets.QFormLayout()
        form.addRow(self.side_panels)
        form.addRow("Width", self.width)
        form.addRow("Height", self.height)
        if fmt == "PNG":
            form.addRow("DPI scale", self.scale)
            form.addRow("Image size", self.pixels)
        else:
            self.scale.hide()
        buttons = ok_cancel_buttons(self)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.side_panels.toggled.connect(self._default_size)
        for widget in (self.width, self.height, self.scale):
            widget.valueChanged.connect(self._show_pixels)
        self._default_size()

    def target(self):
        return self._window if self.side_panels.isChecked() else self._window.plot

    def _default_size(self):
        size = self.target().size()
        self.width.setValue(size.width())
        self.height.setValue(size.height())

    def _show_pixels(self):
        s = self.scale.value()
        self.pixels.setText(f"{round(self.width.value() * s)} × {round(self.height.value() * s)} pixels")


class GifExportDialog(QtWidgets.QDialog):
    """Frame rate, size and caption of the EM run GIF."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Export EM run as GIF")
        self.fps = QtWidgets.QDoubleSpinBox(minimum=0.5, maximum=MAX_FPS, singleStep=0.5, value=4.0,
                                            suffix=" frames/s")
        self.width = QtWidgets.QSpinBox(minimum=100, maximum=4000, value=GIF_DEFAULT_SIZE[0], suffix=" px")
        self.height = QtWidgets.QSpinBox(minimum=100, maximum=4000, value=GIF_DEFAULT_SIZE[1], suffix=" px")
        self.caption = QtWidgets.QCheckBox("Caption with iteration and log-likelihood")
        self.caption.setChecked(True)
        form = QtWidgets.QFormLayout()
        form.addRow("Frame rate", self.fps)
        form.addRow("Width", self.width)
        form.addRow("Height", self.height)
        form.addRow(self.caption)
        buttons = ok_cancel_buttons(self)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
