"""The "Mixture" side panel: fit settings and the EM controls.

The buttons are the window's own ``QAction``s (shown with ``QToolButton.setDefaultAction``),
so a button, its menu entry and its keyboard shortcut are always the same command.
"""

import math
from dataclasses import dataclass

from PySide6 import QtCore, QtGui, QtWidgets

from gmmviz.core import COVARIANCE_TYPES
from gmmviz.gui.render.palette import MAX_COMPONENTS

#: Initialisations offered; the last one starts from the mixture on screen.
INIT_CHOICES = ("kmeans", "k-means++", "random", "random_from_data", "current parameters")
CURRENT_PARAMETERS = "current parameters"

#: Speeds of the Play slider, iterations per second; ``inf`` = as fast as possible.
PLAY_SPEEDS = (0.5, 1.0, 2.0, 3.0, 5.0, 10.0, 20.0, 30.0, 60.0, math.inf)


class ScientificSpinBox(QtWidgets.QDoubleSpinBox):
    """A non-negative number shown as ``1e-06``; the arrows multiply or divide by ten."""

    def __init__(self, value, maximum, parent=None):
        super().__init__(parent)
        self.setDecimals(15)
        self.setRange(0.0, maximum)
        self.setValue(value)

    def textFromValue(self, value):
        return f"{value:g}"

    def valueFromText(self, text):
        return float(text)

    def validate(self, text, pos):
        try:
            value = float(text)
        except ValueError:
            return QtGui.QValidator.State.Intermediate, text, pos
        state = (QtGui.QValidator.State.Acceptable if 0.0 <= value <= self.maximum()
                 else QtGui.QValidator.State.Invalid)
        return state, text, pos

    def stepBy(self, steps):
        value = self.value() or 1e-12
        self.setValue(min(value * 10.0 ** steps, self.maximum()))


@dataclass(frozen=True)
class MixtureSettings:
    """What the panel is set to; names and meanings as in ``gmmviz.core.EM``."""

    n_components: int = 2
    covariance_type: str = "full"
    init: str = "kmeans"
    seed: int | None = 0
    reg_covar: float = 1e-6
    tol: float = 1e-3
    max_iter: int = 100
    prior: bool = False


class SettingsPanel(QtWidgets.QWidget):
    """Settings form, EM buttons and Play speed; ``changed(name)`` fires when a setting is edited.

    Parameters
    ----------
    em_actions : sequence of QAction
        Shown as buttons, in order, two per row.
    """

    changed = QtCore.Signal(str)
    speed_changed = QtCore.Signal(float)

    def __init__(self, em_actions, parent=None):
        super().__init__(parent)
        layout = QtWidgets.QVBoxLayout(self)
        form = QtWidgets.QFormLayout()
        form.setFieldGrowthPolicy(QtWidgets.QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        self.n_components = QtWidgets.QSpinBox(minimum=1, maximum=MAX_COMPONENTS, value=2)
        self.covariance_type = QtWidgets.QComboBox()
        self.covariance_type.addItems(COVARIANCE_TYPES)
        self.init = QtWidgets.QComboBox()
        self.init.addItems(INIT_CHOICES)
        self.seed = QtWidgets.QSpinBox(minimum=-1, maximum=2**31 - 1, value=0)
        self.seed.setSpecialValueText("random")      # -1 = no seed
        self.reg_covar = ScientificSpinBox(1e-6, maximum=10.0)
        self.tol = ScientificSpinBox(1e-3, maximum=1e6)
        self.max_iter = QtWidgets.QSpinBox(minimum=1, maximum=100000, value=100)
        self.prior = QtWidgets.QCheckBox("MAP with a conjugate prior")
        self.prior.setToolTip("Maximise the posterior with mclust's default prior instead of the likelihood")
        for label, widget, name in (
            ("Components K", self.n_components, "n_components"),
            ("Covariance", self.covariance_type, "covariance_type"),
            ("Initialisation", self.init, "init"),
            ("Seed", self.seed, "seed"),
            ("reg_covar", self.reg_covar, "reg_covar"),
            ("Tolerance", self.tol, "tol"),
            ("Max iterations", self.max_iter, "max_iter"),
            ("Prior", self.prior, "prior"),
        ):
            form.addRow(label, widget)
            signal = (widget.currentTextChanged if isinstance(widget, QtWidgets.QComboBox)
                      else widget.toggled if isinstance(widget, QtWidgets.QCheckBox)
                      else widget.valueChanged)
            signal.connect(lambda *_, name=name: self.changed.emit(name))
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

    def settings(self):
        """The current settings as a ``MixtureSettings``."""
        return MixtureSettings(
            n_components=self.n_components.value(),
            covariance_type=self.covariance_type.currentText(),
            init=self.init.currentText(),
            seed=None if self.seed.value() < 0 else self.seed.value(),
            reg_covar=self.reg_covar.value(),
            tol=self.tol.value(),
            max_iter=self.max_iter.value(),
            prior=self.prior.isChecked(),
        )

    def set_settings(self, settings):
        """Show ``settings`` (a ``MixtureSettings``); fires ``changed`` for what differs."""
        self.n_components.setValue(settings.n_components)
        self.covariance_type.setCurrentText(settings.covariance_type)
        self.init.setCurrentText(settings.init)
        self.seed.setValue(-1 if settings.seed is None else settings.seed)
        self.reg_covar.setValue(settings.reg_covar)
        self.tol.setValue(settings.tol)
        self.max_iter.setValue(settings.max_iter)
        self.prior.setChecked(settings.prior)
