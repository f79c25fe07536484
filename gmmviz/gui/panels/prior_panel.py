"""The "Prior" dock: MAP on or off, every hyperparameter of the conjugate prior, and MLE against MAP.

The panel shows the session's settings ``prior`` and ``prior_values``
(:mod:`gmmviz.gui.model.prior_values`) and reports edits; it keeps no values of its own. Each field
shows the value EM uses: the user's, in bold, or the core's default for the points and K. A value is
checked by the core's own checks, and a refusal is one line over the plot. ``install`` also lays the
prior's dashed ellipse over the plot (:mod:`gmmviz.gui.plot.prior_ellipse`) while the prior is on or
MLE and MAP are compared, and shows the comparison's two objective values under the compare commands
(:mod:`gmmviz.gui.commands.compare`).

Decisions:

- A field's text is the value rounded to 6 significant digits; only a field whose text the user
  changed is read back, so leaving a field never turns a rounded default into a value of one's own.
- Editing one entry of Λ sets the whole matrix (the others as shown, exactly); μ₀'s two coordinates
  likewise.
"""

import math

import numpy as np
from PySide6 import QtCore, QtWidgets

from gmmviz.core import GmmvizError, Prior
from gmmviz.core.errors import as_sentence
from gmmviz.core.prior import data_moments
from gmmviz.core.settings import SETTINGS
from gmmviz.gui.model.comparison import fit_summary
from gmmviz.gui.model.prior_values import PriorValues
from gmmviz.gui.panels.layout import scrolled
from gmmviz.gui.plot.prior_ellipse import PriorEllipse, prior_pen

#: The core's defaults that do not depend on the points (κ, ν, α), from the core itself.
_CONSTANT_DEFAULTS = Prior.default(np.array([[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]]), 1)

#: (field, label, tooltip) in the order shown; a field is a hyperparameter or an entry of one.
FIELDS = (
    ("mean_x", "μ₀ x", "Prior mean of the component means (default: the data mean)"),
    ("mean_y", "μ₀ y", "Prior mean of the component means (default: the data mean)"),
    ("shrinkage", "κ (shrinkage)", "How many points the prior mean is worth (default 0.01)"),
    ("dof", "ν (degrees of freedom)", "Degrees of freedom of the inverse-Wishart, above 1 (default 4)"),
    ("scale_xx", "Λ xx", "Scale of the inverse-Wishart (default: cov(data) / K)"),
    ("scale_xy", "Λ xy", "Scale of the inverse-Wishart (default: cov(data) / K)"),
    ("scale_yy", "Λ yy", "Scale of the inverse-Wishart (default: cov(data) / K)"),
    ("dirichlet", "α (Dirichlet)", "Dirichlet parameter of the weights, at least 1 (default 1: flat)"),
)
#: Which hyperparameter each field belongs to.
HYPERPARAMETER = {"mean_x": "mean", "mean_y": "mean", "scale_xx": "scale", "scale_xy": "scale",
                  "scale_yy": "scale"}


def shown_values(values, X, n_components, sample_weight=None, moments=None):
    """What EM would use for X (n_samples, 2) weighted by ``sample_weight`` (n_samples,) or None (unweighted).

    ``{hyperparameter: value}``, None where the points give no default; ``moments`` are the points'
    :func:`~gmmviz.core.prior.data_moments` when known already.
    """
    try:
        prior = values.prior(X, n_components, sample_weight, moments)
        return {name: getattr(prior, name) for name in ("mean", "shrinkage", "dof", "scale", "dirichlet")}
    except GmmvizError:
        shown = {name: getattr(_CONSTANT_DEFAULTS, name) for name in ("shrinkage", "dof", "dirichlet")}
        shown.update(mean=None, scale=None)
        shown.update({name: np.array(value) if name in ("mean", "scale") else value
                      for name, value in values.overrides().items()})
        return shown


def field_numbers(shown):
    """``{field: float or None}`` of the hyperparameters ``shown`` (as :func:`shown_values` gives them)."""
    mean, scale = shown["mean"], shown["scale"]
    return {
        "mean_x": None if mean is None else float(mean[0]), "mean_y": None if mean is None else float(mean[1]),
        "shrinkage": shown["shrinkage"], "dof": shown["dof"], "dirichlet": shown["dirichlet"],
        "scale_xx": None if scale is None else float(scale[0][0]),
        "scale_xy": None if scale is None else float(scale[0][1]),
        "scale_yy": None if scale is None else float(scale[1][1]),
    }


def edited_value(field, number, numbers):
    """``(hyperparameter, value)`` after field ``field`` became ``number``, the other fields being ``numbers``."""
    numbers = {**numbers, field: number}
    name = HYPERPARAMETER.get(field, field)
    parts = {"mean": ("mean_x", "mean_y"), "scale": ("scale_xx", "scale_xy", "scale_yy")}.get(name, (field,))
    if any(numbers[part] is None for part in parts):
        raise GmmvizError(f"prior: give every entry of the {name} (the points give no default for it)")
    if name == "mean":
        return name, (numbers["mean_x"], numbers["mean_y"])
    if name == "scale":
        xy = numbers["scale_xy"]
        return name, ((numbers["scale_xx"], xy), (xy, numbers["scale_yy"]))
    return name, number


#: The legend's entry for the prior's ellipse (its dashes are the prior's own, unlike the true mixture's).
PRIOR_LEGEND_ENTRY = (lambda scale, theme: prior_pen(theme["foreground"], scale), "prior: μ₀, Λ (1σ)")


class PriorPanel(QtWidgets.QWidget):
    """The prior's on/off, its fields, Reset to defaults and the compare commands with their results.

    ``edited(name, value)`` fires when the user edits: name "prior" (a bool) or "prior_values" (a
    PriorValues); ``refused(text)`` when a typed value is not a number or not allowed.

    Parameters
    ----------
    compare_actions : sequence of QAction
        Shown as buttons (compare mode, fit again, MLE in front).
    """

    edited = QtCore.Signal(str, object)
    refused = QtCore.Signal(str)

    def __init__(self, compare_actions, parent=None):
        super().__init__(parent)
        layout = QtWidgets.QVBoxLayout(self)
        self.prior = QtWidgets.QCheckBox("MAP with a conjugate prior")
        self.prior.setToolTip(f"{SETTINGS['prior'].help[:1].upper()}{SETTINGS['prior'].help[1:]}")
        self.prior.toggled.connect(lambda on: self._showing or self.edited.emit("prior", on))
        layout.addWidget(self.prior)
        form = QtWidgets.QFormLayout()
        self.fields = {}
        for field, label, tip in FIELDS:
            edit = QtWidgets.QLineEdit()
            edit.setToolTip(tip)
            edit.setPlaceholderText("from the points")
            edit.editingFinished.connect(lambda field=field: self._on_edited(field))
            form.addRow(label, edit)
            self.fields[field] = edit
        layout.addLayout(form)
        self.reset = QtWidgets.QPushButton("Reset to defaults")
        self.reset.setToolTip("mclust's default prior for these points and K")
        self.reset.clicked.connect(lambda: self.edited.emit("prior_values", PriorValues()))
        layout.addWidget(self.reset)

        group = QtWidgets.QGroupBox("MLE against MAP")
        box = QtWidgets.QVBoxLayout(group)
        for action in compare_actions:
            button = QtWidgets.QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(QtCore.Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setSizePolicy(QtWidgets.QSizePolicy.Policy.Expanding, QtWidgets.QSizePolicy.Policy.Fixed)
            box.addWidget(button)
        self.results = QtWidgets.QLabel()
        self.results.setWordWrap(True)
        self.results.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        box.addWidget(self.results)
        layout.addWidget(group)
        layout.addStretch(1)
        self._values = PriorValues()
        self._numbers = {}
        self._texts = {}
        self._showing = False

    def show_prior(self, on, values, shown):
        """Show the prior setting ``on``, ``values`` (PriorValues) and ``shown``, what they are for the points and K.

        ``shown`` as :func:`shown_values` gives it.
        """
        self._showing = True
        try:
            self.prior.setChecked(on)
            self._values = values
            self._numbers = field_numbers(shown)
            overridden = values.overrides()
            for field, edit in self.fields.items():
                number = self._numbers[field]
                text = "" if number is None else f"{number:.6g}"
                self._texts[field] = text
                if edit.text() != text:
                    edit.setText(text)
                    edit.setCursorPosition(0)
                font = edit.font()
                font.setBold(HYPERPARAMETER.get(field, field) in overridden)
                edit.setFont(font)
            self.reset.setEnabled(not values.is_default)
        finally:
            self._showing = False

    def show_comparison(self, comparison):
        """The two fits' objective values of ``comparison`` (a Comparison) while comparing, or what to do to get them."""
        result = comparison.result
        if result is None or not comparison.mode:       # kept for when Compare is on again, as the plot keeps it
            text = "Fit MLE and MAP to compare them." if comparison.mode else \
                "Compare fits both from the same start and draws MLE solid, MAP dashed."
        else:
            lines = [fit_summary(kind, result.fit(kind)) for kind in ("mle", "map")]
            lines[1] += f" (log-likelihood {result.map.log_likelihood:.6g})"
            text = "\n".join(lines)
        self.results.setText(text)

    def _on_edited(self, field):
        edit = self.fields[field]
        text = edit.text().strip()
        if text == self._texts.get(field):
            return
        try:
            number = float(text)
            if not math.isfinite(number):
                raise ValueError
        except ValueError:
            edit.setText(self._texts.get(field, ""))
            self.refused.emit(f"Prior: {dict((f, l) for f, l, _ in FIELDS)[field]} must be a number, got {text!r}.")
            return
        try:
            name, value = edited_value(field, number, self._numbers)
            values = self._values.changed(**{name: value})
        except GmmvizError as error:
            edit.setText(self._texts.get(field, ""))
            self.refused.emit(as_sentence(error))
            return
        self.edited.emit("prior_values", values)


def install(window) -> PriorPanel:
    """Add the "Prior" dock (below the Mixture dock), the prior's ellipse on the plot and their wiring.

    Needs :func:`gmmviz.gui.commands.compare.install` first (its actions are the panel's compare buttons).
    Returns the :class:`PriorPanel`; its ``prior_ellipse`` is the :class:`PriorEllipse` on the plot.
    """
    session, plot = window.session, window.plot
    panel = PriorPanel([window.actions[name] for name in ("compare", "compare_fit", "compare_mle_in_front")])
    dock = QtWidgets.QDockWidget("Prior", window)
    dock.setObjectName("prior_dock")
    dock.setWidget(scrolled(panel))
    window.addDockWidget(QtCore.Qt.DockWidgetArea.RightDockWidgetArea, dock)    # a tab behind Mixture: gui.panels.layout
    window.docks["prior"] = dock
    window.menus["view"].addAction(dock.toggleViewAction())

    def set_value(name, value):
        """Set "prior" or "prior_values" in the session; a refusal is reported and the panel shows the old value."""
        try:
            session.set_setting(name, value)
        except GmmvizError as error:
            window.report(as_sentence(error))
        refresh()

    def edit_from_plot(name, value):
        value = tuple(map(tuple, value.tolist())) if name == "scale" else tuple(value.tolist())
        try:
            values = session.settings.prior_values.changed(**{name: value})
        except GmmvizError as error:      # a scale shrunk to nothing
            window.report(as_sentence(error))
            refresh()
            return
        set_value("prior_values", values)

    ellipse = PriorEllipse(plot.plot_item, edit_from_plot)

    # The defaults' data mean and covariance take two passes over the points (0.1 s for a million): they are
    # computed again only when the points or their weights change, not when K or another setting does.
    last = {"data": None, "moments": None}

    def current_shown():
        settings = session.settings
        X, weights = session.points.X, session.weights.for_points()
        data = last["data"]
        if data is None or not (data[0] is X and (data[1] is weights or np.array_equal(data[1], weights))):
            try:
                moments = data_moments(X, weights)
            except GmmvizError:     # shown_values says which defaults the points do not give
                moments = None
            last.update(data=(X, weights), moments=moments)
        return shown_values(settings.prior_values, X, settings.n_components, weights, last["moments"])

    def refresh(*_):
        settings = session.settings
        shown = current_shown()
        panel.show_prior(settings.prior, settings.prior_values, shown)
        panel.show_comparison(session.comparison)
        drawn = (settings.prior or session.comparison.mode) and shown["mean"] is not None \
            and shown["scale"] is not None
        ellipse.set_prior(shown["mean"] if drawn else None, shown["scale"] if drawn else None)
        plot.set_legend_entries("prior", [PRIOR_LEGEND_ENTRY] if drawn else [])

    def restyle():
        scale, _dark, colors = plot.theme
        ellipse.set_style(colors["foreground"], scale)

    panel.edited.connect(set_value)
    panel.refused.connect(window.report)
    session.settings_changed.connect(refresh)
    session.points.changed.connect(refresh)
    session.weights.changed.connect(refresh)
    session.comparison.changed.connect(refresh)
    plot.style_changed.connect(restyle)
    restyle()
    refresh()
    panel.prior_ellipse = ellipse
    return panel
