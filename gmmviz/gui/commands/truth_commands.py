"""Data ▸ True mixture and Data ▸ Sample from true mixture…: the truth in the window.

``install(window)`` adds the commands, the "True mixture" dock (the table editor,
:mod:`gmmviz.gui.panels.truth_panel`) and the "Agreement" dock (:mod:`gmmviz.gui.panels.agreement_panel`),
draws the truth over the fit (View ▸ True mixture) and puts the ARI of every iteration into the
history plot. The truth itself is ``window.session.truth`` (:mod:`gmmviz.gui.model.truth`).

Decisions:

- The two docks appear the first time there is a truth (both hidden before, so a window without
  one looks as it always did); after that View ▸ shows and hides them.
- The agreement panel and the history's ARI curve follow every iteration, at most every
  ``REFRESH_MS`` while EM runs: the ARI of an iteration costs one prediction of all points, kept per
  iteration, so a run recomputes only its new iterations.
- **Dragging the truth** (Data ▸ True mixture ▸ Drag on the plot, also a button in its dock) puts
  :class:`~gmmviz.gui.plot.handles.MixtureHandles` on the truth's means and 1σ axis ends; the fit's own
  handles are hidden meanwhile, since near convergence the two sets lie on top of each other and a drag
  must not edit the one the user did not mean. Edits of the truth (drags and the table) are not undo
  steps: the truth is a statement, not data; Ctrl+Z stays with the points and the fit.
- Opening a mixture JSON as the truth takes its parameters and ignores its ``fit`` record; saving
  writes the truth alone, in the same format, so it opens as the initial parameters of a fit too.
"""

from __future__ import annotations


import numpy as np
from PySide6 import QtCore, QtGui, QtWidgets

from gmmviz.core import GmmvizError
from gmmviz.core.errors import as_sentence
from gmmviz.gui.dialogs.data_dialogs import ValuesDialog
from gmmviz.gui.engine.background import run_with_progress
from gmmviz.gui.model.truth import NO_LABEL, put_sample, sample_job
from gmmviz.gui.panels.agreement_panel import AgreementPanel
from gmmviz.gui.panels.truth_panel import TruthPanel
from gmmviz.gui.plot.handles import MixtureHandles
from gmmviz.io.mixture_json import read_mixture, write_mixture

MIXTURE_FILTER = "Mixture JSON (*.json);;All files (*)"
#: Milliseconds between updates of the agreement while EM runs.
REFRESH_MS = 250
#: Largest sample the dialog offers.
MAX_SAMPLE = 1_000_000
SEED_RANGE = (0, 2**31 - 1)


class TruthCommands:
    """The truth's commands for ``window``; see :func:`install`."""

    def __init__(self, window):
        self._window = window
        self._session = window.session
        self._timer = QtCore.QTimer(window, singleShot=True, interval=REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._docks_shown = False
        self._dragging = False
        #: Drag handles on the truth, shown while dragging is on (:meth:`set_dragging`).
        self.handles = MixtureHandles(window.plot.plot_item, on_edit=lambda mixture, _text: self._set(mixture),
                                      parent=window)
        window.plot.style_changed.connect(self._restyle_handles)
        self._restyle_handles()

    # -- commands -----------------------------------------------------------------------------

    def open_truth(self, path) -> bool:
        """Make the mixture in the JSON file ``path`` the truth; a bad file is one line in a dialog."""
        try:
            mixture, _fit = read_mixture(path)
        except GmmvizError as exc:
            self._window.show_error(str(exc))
            return False
        self._session.truth.set_mixture(mixture)
        return True

    def save_truth(self, path) -> bool:
        """Write the truth to ``path`` as a mixture JSON file (atomically)."""
        mixture = self._session.truth.mixture
        if mixture is None:
            self._window.notices.show_refusal(NO_TRUTH_YET)
            return False
        try:
            write_mixture(path, mixture)
        except (GmmvizError, OSError) as exc:
            self._window.show_error(str(exc))
            return False
        self._window.report(f"Wrote {path}", "info")
        return True

    def sample(self, n_samples, seed, add=False) -> bool:
        """Draw ``n_samples`` points from the truth with ``seed``, replacing the points or adding to them.

        The draw runs on a thread with progress and Cancel; True when the points were put in.
        """
        try:
            done, drawn = run_with_progress(sample_job(self._session.truth.mixture, n_samples, seed), self._window,
                                            f"Drawing {n_samples} points from the true mixture…")
        except GmmvizError as exc:
            self._window.report(as_sentence(exc))
            return False
        if not done:
            return False
        put_sample(self._session, *drawn, add)
        if not add:
            self._window.plot.fit_view()
        return True

    def clear_truth(self):
        self._session.truth.set_mixture(None)

    def set_dragging(self, on):
        """Drag the truth's means and axes on the plot (on), with the fit's handles hidden meanwhile."""
        self._dragging = bool(on)
        self._window.surgery.handles.set_visible(not self._dragging)
        self._sync_handles()

    def _set(self, mixture):
        self._session.truth.set_mixture(mixture)

    def _sync_handles(self):
        shown = self._dragging and self._window.actions["truth_shown"].isChecked()
        self.handles.set_mixture(self._session.truth.mixture if shown else None)

    def _restyle_handles(self):
        scale, _dark, colours = self._window.plot.theme
        self.handles.set_style(scale, colours["foreground"], colours["background"])

    def ask_open(self):
        path, _ = QtWidgets.QFileDialog.getOpenFileName(self._window, "Open true mixture", "", MIXTURE_FILTER)
        if path:
            self.open_truth(path)

    def ask_save(self):
        path, _ = QtWidgets.QFileDialog.getSaveFileName(self._window, "Save true mixture", "truth.json",
                                                        MIXTURE_FILTER)
        if path:
            self.save_truth(path if path.endswith(".json") else path + ".json")

    def ask_sample(self):
        if self._session.truth.mixture is None:
            self._window.notices.show_refusal(NO_TRUTH_YET)
            return
        dialog = ValuesDialog("Sample points", [
            ("n", "Points", 500, (1, MAX_SAMPLE)),
            ("seed", "Seed", 0, SEED_RANGE),
            ("add", "The points", 0, ["replace the points", "add to the points"])], self._window)
        if dialog.exec() == QtWidgets.QDialog.DialogCode.Accepted:
            values = dialog.values()
            self.sample(values["n"], values["seed"], add=values["add"] == 1)

    # -- keeping the views up to date ---------------------------------------------------------

    def ari_history(self):
        """ARI with the truth of every iteration's mixture, (n_iterations,); None without labelled points or a fit."""
        session = self._session
        truth = session.truth
        labelled = np.any(truth.labels_of(session.points.ids) != NO_LABEL)
        if truth.mixture is None or not labelled or not len(session.history):
            return None
        return np.array([truth.ari(state.mixture, session.points) for state in session.history])

    def refresh(self):
        """Redraw the truth, the agreement panel and the history's ARI curve."""
        window = self._window
        truth = self._session.truth
        window.plot.set_truth(truth.mixture)
        self._sync_handles()
        if truth.mixture is not None and not self._docks_shown:
            self._docks_shown = True
            for key in ("truth", "agreement"):
                window.docks[key].show()
                window.docks[key].raise_()      # tabs beside the parameters (gmmviz.gui.panels.layout)
        self.panel.refresh()
        self.agreement_panel.refresh()
        values = self.ari_history()
        window.history_panel.set_agreement(values)

    def schedule_refresh(self):
        if not self._window.runner.is_running:
            self.refresh()
        elif not self._timer.isActive():
            self._timer.start()


#: Why the commands on a true mixture cannot run.
NO_TRUTH_YET = "There is no true mixture: open one, or add components in the True mixture panel."


def _view_centre(plot):
    centre = plot.view_box.viewRect().center()
    return [centre.x(), centre.y()]


def install(window) -> TruthCommands:
    """Add the truth's commands, docks and drawing to ``window``.

    Actions "truth_open", "truth_save", "truth_sample", "truth_clear", "truth_drag" (drag handles on the
    truth) and "truth_shown" (View ▸ True mixture); docks "truth" and "agreement" in ``window.docks``.
    Returns the :class:`TruthCommands`, whose ``panel`` and ``agreement_panel`` are the two docks' widgets.
    """
    commands = TruthCommands(window)
    actions = {}
    for name, text, slot, tip in (
        ("truth_open", "&Open…", commands.ask_open, "Open a mixture JSON file as the true mixture"),
        ("truth_save", "&Save…", commands.ask_save, "Save the true mixture as a mixture JSON file"),
        ("truth_sample", "Sample from true mixture…", commands.ask_sample,
         "Draw points from the true mixture with a seed"),
        ("truth_clear", "&Clear", commands.clear_truth, "Remove the true mixture"),
    ):
        actions[name] = window.add_action(name, text, lambda _checked=False, slot=slot: slot(), tip=tip)
    shown = QtGui.QAction("True mixture", window, checkable=True, checked=True)
    shown.toggled.connect(lambda on: window.plot.set_layers(truth=on))
    shown.toggled.connect(lambda _on: commands.refresh())
    window.actions["truth_shown"] = shown
    drag = QtGui.QAction("&Drag on the plot", window, checkable=True)
    drag.setToolTip("Drag the true mixture's means and axis ends on the plot (the fit's handles are hidden meanwhile)")
    drag.toggled.connect(commands.set_dragging)
    window.actions["truth_drag"] = drag
    actions["truth_drag"] = drag

    data = window.menus["data"]
    data.addSeparator()
    submenu = data.addMenu("&True mixture")
    for name in ("truth_open", "truth_save", "truth_clear", "truth_drag"):
        submenu.addAction(actions[name])
    data.addAction(actions["truth_sample"])

    commands.panel = TruthPanel(window.session, lambda: _view_centre(window.plot),
                                [actions[name] for name in ("truth_drag", "truth_open", "truth_save", "truth_sample")])
    commands.agreement_panel = AgreementPanel(window.session)
    for key, title, widget, area in (
        ("truth", "True mixture", commands.panel, QtCore.Qt.DockWidgetArea.RightDockWidgetArea),
        ("agreement", "Agreement with the truth", commands.agreement_panel,
         QtCore.Qt.DockWidgetArea.BottomDockWidgetArea),
    ):
        dock = QtWidgets.QDockWidget(title, window)
        dock.setObjectName(f"{key}_dock")
        dock.setWidget(widget)
        window.addDockWidget(area, dock)
        dock.hide()
        window.docks[key] = dock
    submenu.addSeparator()
    submenu.addAction(window.docks["truth"].toggleViewAction())
    view = window.menus["view"]
    view.addAction(shown)
    view.addAction(window.docks["agreement"].toggleViewAction())

    session = window.session

    def update_actions():       # what needs a truth is greyed out without one, its tip saying why
        reason = None if session.truth.mixture is not None else NO_TRUTH_YET
        for name in ("truth_save", "truth_sample", "truth_clear"):
            actions[name].setEnabled(reason is None)
            actions[name].setToolTip(actions[name].statusTip() + (f" — {reason}" if reason else ""))

    session.truth.changed.connect(update_actions)
    update_actions()
    session.truth.changed.connect(commands.refresh)
    session.fit_changed.connect(commands.schedule_refresh)
    session.points.changed.connect(commands.schedule_refresh)
    window.runner.finished.connect(commands.refresh)
    commands.refresh()
    return commands
