"""Weighted points, locked parameters and the noise component in the window.

The column picker's weight column gives the points their weights (:mod:`gmmviz.gui.model.point_weights`),
which the EM jobs use and the plot draws (a point's area is proportional to its weight, and the legend
says so). The parameter table's check boxes lock parameters (the ``freeze`` setting); the Mixture panel's
"Outliers" check box adds the noise component, whose points turn grey as they become outliers (a grey
entry in the legend). The session holds all three; this module only connects them to the widgets.
"""

from __future__ import annotations

import warnings

import pyqtgraph as pg

from gmmviz.core.errors import GmmvizError, GmmvizWarning, as_sentence
from gmmviz.gui.render.palette import NOISE_RGBA
from gmmviz.io.point_weights import weighted_points

#: The legend's notes.
NOISE_NOTE = "noise (grey points)"
WEIGHTS_NOTE = "point area ∝ weight"


def install(window):
    """Connect the weights, the locks and the noise of ``window.session`` to the window's widgets."""
    return EMOptions(window)


def chosen_points(window, table, dialog):
    """``(loaded, weights)``: the columns the picker ``dialog`` chose of ``table``, with their weights or None.

    Rows skipped for a missing weight are said in the window's notice strip.
    """
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", GmmvizWarning)
        loaded, weights = weighted_points(table, dialog.columns(), dialog.weights(), dialog.labels())
    for warning in caught:
        if issubclass(warning.category, GmmvizWarning):
            window.report(str(warning.message), "info")
    return loaded, weights


def toggled_locks(freeze, k, name):
    """``freeze`` with the lock of parameter ``name`` of component ``k`` switched (None when nothing is left)."""
    locks = {component: set(names) for component, names in (freeze or {}).items()}
    locks.setdefault(k, set()).symmetric_difference_update({name})
    return {component: names for component, names in locks.items() if names} or None


def legend_notes(mixture, sample_weight):
    """The legend's notes for ``mixture`` (or None) over points weighted by ``sample_weight`` (n_samples,) or not (None).

    The noise component and weighted points, as the window's legend and the exports of ``gmmviz fit`` show them.
    """
    notes = []
    if mixture is not None and mixture.has_noise:
        notes.append((lambda scale, theme: pg.mkPen(*NOISE_RGBA[:3].tolist(), width=5 * scale), NOISE_NOTE))
    if sample_weight is not None:
        notes.append((lambda scale, theme: pg.mkPen(theme["foreground"], width=scale), WEIGHTS_NOTE))
    return notes


class EMOptions:
    """The connections of :func:`install` (kept by the window)."""

    def __init__(self, window):
        self._window = window
        self._session = session = window.session
        window.parameter_table.model_.lock_toggled.connect(self.toggle_lock)
        session.settings_changed.connect(self._on_setting_changed)
        session.points.changed.connect(self._show_weights)
        session.weights.changed.connect(self._show_weights)
        session.fit_changed.connect(self._show_notes)
        window.parameter_table.set_locks(session.settings.freeze)
        self._show_weights()

    def toggle_lock(self, k, name):
        """Lock or unlock parameter ``name`` of component ``k`` (0-based) for the next EM commands."""
        try:
            self._session.set_setting("freeze", toggled_locks(self._session.settings.freeze, k, name))
        except GmmvizError as exc:
            self._window.report(as_sentence(exc))

    def _on_setting_changed(self, name):
        if name == "freeze":
            self._window.parameter_table.set_locks(self._session.settings.freeze)

    def _show_weights(self):
        self._window.plot.set_point_weights(self._session.weights.for_points())
        self._show_notes()

    def _show_notes(self):
        notes = legend_notes(self._session.mixture_on_screen(), self._session.weights.for_points())
        self._window.plot.set_legend_entries("notes", notes)
