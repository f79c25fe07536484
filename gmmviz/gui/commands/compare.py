"""EM ▸ Compare MLE and MAP: fit both from one initial mixture off the GUI thread and draw both over the points.

The state is the session's (:class:`gmmviz.gui.model.comparison.Comparison`, ``session.comparison``):
these commands change it and draw what it holds, the two fits with
:class:`~gmmviz.gui.plot.comparison_overlay.ComparisonOverlay` and their objective values in the legend.
The fits run as a job (:func:`gmmviz.gui.engine.comparison_job.comparison_job`) through
:func:`~gmmviz.gui.engine.background.run_with_progress`: progress after 300 ms, and Cancel, which leaves
everything as it was.

Decisions:

- Turning compare mode on fits both when there is no result yet; "Fit MLE and MAP" fits again. While
  comparing, a change of the prior's values (in the panel or by dragging its ellipse) fits both again
  at once, so the MAP fit follows the prior; other changes drop the result until the next fit.
- A comparison is refused, with one line, while EM runs (pause it first): the two would share the two
  cores, and a comparison never stops a run silently.
- A result whose points or settings changed while it was being fitted is dropped with a notice.
"""

import numpy as np
from PySide6 import QtCore

from gmmviz.core.errors import GmmvizError, as_sentence
from gmmviz.gui.engine.background import run_with_progress
from gmmviz.gui.engine.comparison_job import comparison_job
from gmmviz.gui.model.comparison import fit_summary
from gmmviz.gui.model.settings import CURRENT_PARAMETERS
from gmmviz.gui.plot.comparison_overlay import ComparisonOverlay, fit_pen

EM_RUNNING = "EM is running: pause it (P) or let it finish before comparing MLE with MAP."
CHANGED_MEANWHILE = "The points or the settings changed while MLE and MAP were fitted: fit them again."


class CompareCommands:
    """The compare commands of ``window`` and the drawing of its session's comparison."""

    def __init__(self, window):
        self._window = window
        self._comparison = window.session.comparison
        self.overlay = ComparisonOverlay(window.plot.plot_item)
        self._comparison.changed.connect(self._show)
        for layer in ("ellipses", "contours"):      # View ▸ … while comparing: the fit on screen stays hidden
            window.actions[layer].triggered.connect(lambda _on: self._show())      # after the window's own slot
        window.session.settings_changed.connect(self._on_setting_changed)
        window.plot.style_changed.connect(self._restyle)
        self._restyle()

    def set_mode(self, on):
        """Compare mode on (fitting both when there is no result yet; off again when that fails) or off."""
        if on and self._comparison.result is None and not self.fit():
            self._show()            # the action shows the mode as it stayed
            return
        self._comparison.set_mode(on)

    def set_mle_in_front(self, on):
        self._comparison.set_front("mle" if on else "map")

    def fit(self):
        """Fit MLE and MAP now; True when a new result is shown."""
        window, session = self._window, self._window.session
        refusal = self.refusal()
        if refusal:
            window.notices.show_refusal(refusal, holds=lambda: self.refusal() == refusal)
            return False
        X, settings = session.points.X, session.settings
        job = comparison_job(X, settings, self._start(), session.weights.for_points())
        try:
            done, result = run_with_progress(job, window, "Fitting by maximum likelihood and MAP…")
        except GmmvizError as error:
            window.report(as_sentence(error))
            return False
        if not done:
            return False
        if session.points.X is not X or session.settings != settings:
            window.report(CHANGED_MEANWHILE)
            return False
        self._comparison.set_result(result)
        self._comparison.set_mode(True)
        return True

    def refusal(self):
        """Why MLE and MAP cannot be fitted now (one sentence), or None."""
        session = self._window.session
        if self._window.runner.is_running:
            return EM_RUNNING
        if not len(session.points):
            return "There are no points to fit: add some or open a file first."
        if session.settings.init == CURRENT_PARAMETERS and self._start() is None:
            return (f"There is no mixture with {session.settings.n_components} components on screen to start "
                    "from: choose another initialisation.")
        return None

    def _start(self):
        """The initial mixture of both fits (see :mod:`gmmviz.gui.model.comparison`), or None to draw one."""
        session = self._window.session
        k = session.settings.n_components
        if len(session.history) and session.history[0].mixture.n_components == k:
            return session.history[0].mixture
        if session.settings.init == CURRENT_PARAMETERS:
            mixture = session.mixture_on_screen()
            return mixture if mixture is not None and mixture.n_components == k else None
        return None

    def _on_setting_changed(self, name):
        if name == "prior_values" and self._comparison.mode:
            if self._window.runner.is_running:      # no fit beside a run: the mode would show nothing
                self._comparison.set_mode(False)
            else:
                QtCore.QTimer.singleShot(0, self._window, self.fit)   # not inside the setter that announced it

    def _show(self):
        comparison, window = self._comparison, self._window
        shown = comparison.result if comparison.mode else None
        self.overlay.show(shown, comparison.front)
        # The two fits take the place of the plot's own ellipses and contours (see comparison_overlay).
        window.plot.set_layers(**{layer: shown is None and window.actions[layer].isChecked()
                                  for layer in ("ellipses", "contours")})
        extras = [] if shown is None else [
            (lambda scale, theme, kind=kind: fit_pen(kind, theme["foreground"], scale),
             fit_summary(kind, shown.fit(kind)))
            for kind in ("mle", "map")]
        outlines = None if shown is None else np.concatenate(
            [self.overlay.outlines(kind).reshape(-1, 2) for kind in ("mle", "map")])
        window.plot.set_legend_entries("comparison", extras, outlines)
        for name, checked in (("compare", comparison.mode), ("compare_mle_in_front", comparison.front == "mle")):
            action = window.actions[name]
            if action.isChecked() != checked:
                action.blockSignals(True)
                action.setChecked(checked)
                action.blockSignals(False)

    def _restyle(self):
        scale, dark, colors = self._window.plot.theme
        self.overlay.set_style(scale, dark, colors["foreground"], colors["warning"])


def install(window) -> CompareCommands:
    """Actions "compare" (compare mode), "compare_fit" and "compare_mle_in_front", in the EM menu."""
    commands = CompareCommands(window)
    window.menus["em"].addSeparator()
    for name, text, slot, checkable, tip in (
        ("compare", "Compare MLE and MAP", commands.set_mode, True,
         "Fit by maximum likelihood and with the prior from the same start, and draw both"),
        ("compare_fit", "Fit MLE and MAP", lambda _=False: commands.fit(), False,
         "Fit both again with the settings and the prior as they are now"),
        ("compare_mle_in_front", "MLE in front", commands.set_mle_in_front, True,
         "Draw the maximum-likelihood fit in front of the MAP fit"),
    ):
        window.menus["em"].addAction(window.add_action(name, text, slot, checkable=checkable, tip=tip))
    return commands
