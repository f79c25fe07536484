"""The "Mixture" side panel: fit settings and the EM controls.

The buttons are the window's own ``QAction``s (shown with ``QToolButton.setDefaultAction``),
so a button, its menu entry and its keyboard shortcut are always the same command.
"""

import math

from PySide6 import QtCore, QtWidgets

from gmmviz.core import COVARIANCE_TYPES
from gmmviz.core.settings import SETTINGS, SEED_MAX
from gmmviz.gui.model.settings import INIT_CHOICES, MAX_COMPONENTS

#: Speeds of the Play slider, iterations per second; ``inf`` = as fast as possible.
PLAY_SPEEDS = (0.5, 1.0, 2.0, 3.0, 5.0, 10.0, 20.0, 30.0, 60.0, math.inf)


class ExactNumberBox(QtWidgets.QAbstractSpinBox):
    """A non-negative float shown and kept exactly (``1e-300`` stays 1e-300); the arrows multiply or divide by ten.

    ``QDoubleSpinBox`` rounds to a fixed number of decimals, so tolerances below 5e-16 became 0
    and a replay was no longer the same run; this box keeps the Python float it was given or
    that was typed, and shows it in its shortest round-trip form.
    """

    valueChanged = QtCore.Signal(float)

    def __init__(self, value, parent=None):
        super().__init__(parent)
        self._value = float(value)
        self.lineEdit().setText(repr(self._value))
        self.editingFinished.connect(self._commit)

    def value(self):
        return self._value

    def setValue(self, value):
        value = float(value)
        self.lineEdit().setText(repr(value))
        if value != self._value:
            self._value = value
            self.valueChanged.emit(value)

    def stepEnabled(self):
        return QtWidgets.QAbstractSpinBox.StepEnabledFlag.StepUpEnabled \
            | QtWidgets.QAbstractSpinBox.StepEnabledFlag.StepDownEnabled

    def stepBy(self, steps):
        self.setValue((self._value or 1e-12) * 10.0 ** steps)

    def _commit(self):
        try:
            value = float(self.lineEdit().text())
        except ValueError:
            value = math.nan
        if math.isfinite(value):
            self.setValue(value)        # the window checks the range and says what it accepts
        else:
            self.lineEdit().setText(repr(self._value))


class SeedBox(QtWidgets.QDoubleSpinBox):
    """A seed from 0 to 2**32 − 1, or "random" (no seed): wider than a 32-bit ``QSpinBox`` allows."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setDecimals(0)
        self.setRange(-1, SEED_MAX)      # doubles hold every such integer exactly
        self.setSpecialValueText("random")

    def seed(self):
        return None if self.value() < 0 else int(self.value())

    def set_seed(self, seed):
        self.setValue(-1 if seed is None else seed)


class SettingsPanel(QtWidgets.QWidget):
    """Settings form, EM buttons and Play speed; ``edited(name, value)`` fires when the user edits a setting.

    The panel shows the session's settings (:meth:`show_settings`) and reports edits; it keeps
    no settings of its own. Ranges and tooltips come from the settings table of the core.

    Parameters
    ----------
    em_actions : sequence of QAction
        Shown as buttons, in order, two per row.
    """

    edited = QtCore.Signal(str, object)
    speed_changed = QtCore.Signal(float)

    def __init__(self, em_actions, parent=None):
        super().__init__(parent)
        layout = QtWidgets.QVBoxLayout(self)
        form = QtWidgets.QFormLayout()
        form.setFieldGrowthPolicy(QtWidgets.QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        self.n_components = QtWidgets.QSpinBox(minimum=1, maximum=MAX_COMPONENTS)
        self.covariance_type = QtWidgets.QComboBox()
        self.covariance_type.addItems(COVARIANCE_TYPES)
        self.init = QtWidgets.QComboBox()
        self.init.addItems(INIT_CHOICES)
        self.seed = SeedBox()
        self.reg_covar = ExactNumberBox(SETTINGS["reg_covar"].default)
        self.tol = ExactNumberBox(SETTINGS["tol"].default)
        self.max_iter = QtWidgets.QSpinBox(minimum=SETTINGS["max_iter"].low, maximum=SETTINGS["max_iter"].high)
        self.prior = QtWidgets.QCheckBox("MAP with a conjugate prior")
        self.noise = QtWidgets.QCheckBox("uniform noise component")
        self._fields = {
            "n_components": (self.n_components, self.n_components.valueChanged, self.n_components.value),
            "covariance_type": (self.covariance_type, self.covariance_type.currentTextChanged,
                                self.covariance_type.currentText),
            "init": (self.init, self.init.currentTextChanged, self.init.currentText),
            "seed": (self.seed, self.seed.valueChanged, self.seed.seed),
            "reg_covar": (self.reg_covar, self.reg_covar.valueChanged, self.reg_covar.value),
            "tol": (self.tol, self.tol.valueChanged, self.tol.value),
            "max_iter": (self.max_iter, self.max_iter.valueChanged, self.max_iter.value),
            "prior": (self.prior, self.prior.toggled, self.prior.isChecked),
            "noise": (self.noise, self.noise.toggled, self.noise.isChecked),
        }
        self._showing = False
        for label, name in (("Components K", "n_components"), ("Covariance", "covariance_type"),
                            ("Initialisation", "init"), ("Seed", "seed"), ("reg_covar", "reg_covar"),
                            ("Tolerance", "tol"), ("Max iterations", "max_iter"), ("Prior", "prior"),
                            ("Outliers", "noise")):
            widget, signal, read = self._fields[name]
            tip = "start from the mixture on screen, or draw new parameters" if name == "init" \
                else SETTINGS[name].help
            widget.setToolTip(f"{tip[:1].upper()}{tip[1:]}")
            form.addRow(label, widget)
            signal.connect(lambda *_, name=name, read=read: self._showing or self.edited.emit(name, read()))
        layout.addLayout(form)

        buttons = QtWidgets.QGridLayout()
        for i, action in enumerate(em_actions):
            button = QtWidgets.QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(QtCore.Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setSizePolicy(QtWidgets.QSizePolicy.Policy.Expanding,
                                 QtWidgets.QSizePolicy.Policy.Fixed)
            buttons.addWidget(button, i // 2, i % 2)
        group = QtWidgets.QGroupBox("EM")
        group.setLayout(buttons)
        speed_row = QtWidgets.QHBoxLayout()
        self.speed = QtWidgets.QSlider(QtCore.Qt.Orientation.Horizontal, minimum=0,
                                       maximum=len(PLAY_SPEEDS) - 1, value=PLAY_SPEEDS.index(5.0))
        self.speed.setToolTip("Play speed, iterations per second")
        self._speed_label = QtWidgets.QLabel()
        self._speed_label.setMinimumWidth(self.fontMetrics().horizontalAdvance("0.5 it/s  "))
        self.speed.valueChanged.connect(self._on_speed)
        speed_row.addWidget(QtWidgets.QLabel("Speed"))
        speed_row.addWidget(self.speed, 1)
        speed_row.addWidget(self._speed_label)
        buttons.addLayout(speed_row, (len(em_actions) + 1) // 2, 0, 1, 2)
        layout.addWidget(group)
        layout.addStretch(1)
        self._on_speed(self.speed.value())

    @property
    def play_speed(self):
        """Iterations per second of Play (``inf`` = as fast as possible)."""
        return PLAY_SPEEDS[self.speed.value()]

    def _on_speed(self, index):
        speed = PLAY_SPEEDS[index]
        self._speed_label.setText("max" if math.isinf(speed) else f"{speed:g} it/s")
        self.speed_changed.emit(speed)

    def show_settings(self, settings):
        """Show ``settings`` (a WindowSettings) without reporting them as edits."""
        self._showing = True
        try:
            self.n_components.setValue(settings.n_components)
            self.covariance_type.setCurrentText(settings.covariance_type)
            self.init.setCurrentText(settings.init)
            self.seed.set_seed(settings.seed)
            self.reg_covar.setValue(settings.reg_covar)
            self.tol.setValue(settings.tol)
            self.max_iter.setValue(settings.max_iter)
            self.prior.setChecked(settings.prior)
            self.noise.setChecked(settings.noise is not False)     # a volume is on too
        finally:
            self._showing = False
