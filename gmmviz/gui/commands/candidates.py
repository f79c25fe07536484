"""Choose K and Restarts in the window: fitting many candidates off the GUI thread, and loading one.

``install(window)`` adds the "Choose K" and "Restarts" docks (tabs left of the plot, hidden until asked for)
and their entries in the EM and View menus. A sweep or a run of restarts is a job of
:mod:`gmmviz.gui.engine.fit_jobs` driven by :func:`gmmviz.gui.engine.background.run_with_progress`:
the window stays responsive, a progress dialog with Cancel appears after 300 ms, and Cancel keeps the
results shown before.

Decisions:

- A sweep and an EM run never stop each other: while EM runs (Play, Run to convergence), Fit, Run and
  loading a candidate are refused with a notice saying to pause first, and while a sweep runs its
  window-modal progress dialog keeps the EM commands from being given.
- Loading a candidate or a restart is :meth:`MainWindow.set_mixture` with its E-step: a new fit whose
  iteration 0 is its mixture (the Mixture panel takes its K and covariance type), shown with its
  responsibilities and its log-likelihood as at the end of its fit, from which Step and Run continue.
- After a sweep the best candidate is loaded, as ``gmmviz select`` reports the best model; after a run
  of restarts the best restart is loaded, as ``gmmviz fit --n-init`` keeps it.
- In presentation mode the two docks stay when they were open (they are what the class looks at while
  K or the optima are discussed), scaled with the rest, and the tab that was in front stays in front.
"""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from gmmviz.core.errors import GmmvizError, as_sentence
from gmmviz.gui.engine.background import run_with_progress
from gmmviz.gui.engine.fit_jobs import restarts_job, sweep_job
from gmmviz.gui.model.fit_session import NO_POINTS
from gmmviz.gui.model.restarts import RestartRun
from gmmviz.gui.model.selection_results import Sweep
from gmmviz.gui.panels import layout
from gmmviz.gui.panels.choose_k_panel import ChooseKPanel
from gmmviz.gui.panels.restarts_panel import RestartsPanel

EM_RUNNING = "EM is running: pause it (P) or let it finish first; a sweep and EM never stop each other."


class Candidates(QtCore.QObject):
    """The Choose K and Restarts panels of ``window`` and the commands behind them.

    The panels are built when first shown or asked for (each is a plot: a window that never shows
    them starts sooner); a panel built late reads its model, so it shows what was fitted meanwhile.

    Attributes
    ----------
    choose_k : ChooseKPanel
    restarts : RestartsPanel
    docks : dict of str to QDockWidget
        "choose_k" and "restarts" (objectNames "choose_k_dock", "restarts_dock").
    """

    def __init__(self, window):
        super().__init__(window)
        self._window = window
        self._panels = {}
        self.docks = {}
        for key, title in (("choose_k", "Choose K"), ("restarts", "Restarts")):
            dock = QtWidgets.QDockWidget(title, window)
            dock.setObjectName(f"{key}_dock")
            window.addDockWidget(QtCore.Qt.DockWidgetArea.LeftDockWidgetArea, dock)
            dock.hide()
            self.docks[key] = dock
        for key, text in (("choose_k", "&Choose K (BIC, AIC, ICL)"), ("restarts", "&Restarts (local optima)")):
            action = self.docks[key].toggleViewAction()
            action.setText(text)
            # Shown from the menu, its tab comes to the front.
            action.triggered.connect(lambda checked, dock=self.docks[key]: checked and dock.raise_())
            window.menus["em"].addAction(action)
            window.menus["view"].addAction(action)
            window.actions[key] = action
        self._presenting = False
        self._hidden_on_entry = []
        self._front = None
        for key, dock in self.docks.items():
            dock.visibilityChanged.connect(lambda visible, key=key: self._on_dock_visibility(key, visible))
        window.presentation.toggled.connect(self._on_presentation)
        window.presentation.restyled.connect(self._restyle)

    @property
    def choose_k(self) -> ChooseKPanel:
        return self._panel("choose_k")

    @property
    def restarts(self) -> RestartsPanel:
        return self._panel("restarts")

    def show_choose_k(self):
        """Show the Choose K dock in front of its tabs (:func:`gmmviz.gui.panels.layout.show_beside_plot`)."""
        self._show(self.docks["choose_k"])

    def show_restarts(self):
        self._show(self.docks["restarts"])

    def run_sweep(self):
        """Fit the Choose K request's candidates; True when the sweep finished (False: refused or cancelled)."""
        window = self._window
        session = window.session
        if not self._can_fit():
            return False
        request = session.selection.request
        settings = request.fit_settings(session.settings)
        job = sweep_job(session.points.X, request.n_components, request.covariance_types, settings,
                        session.weights.for_points())
        text = f"Fitting K = 1…{request.max_k} × {len(request.covariance_types)} covariance types…"
        done, candidates = run_with_progress(job, window, text)
        if not done:
            return False
        session.selection.set_sweep(Sweep.of(settings, candidates))
        best = session.selection.best()
        if best is not None:
            self.load_candidate(best)
        return True

    def run_restarts(self):
        """Run the restarts with the Mixture panel's settings; True when they finished."""
        window = self._window
        session = window.session
        if not self._can_fit():
            return False
        try:
            settings = session.restarts.run_settings(session.settings, session.points.X, session.weights.for_points())
        except GmmvizError as exc:
            window.report(as_sentence(exc))
            return False
        count = session.restarts.count
        job = restarts_job(session.points.X, settings, settings.seed, count, session.weights.for_points())
        done, results = run_with_progress(job, window, f"Running EM from {count} seeds…")
        if not done:
            return False
        run = RestartRun.of(settings, results)
        session.restarts.set_run(run)
        if run.best() is not None:
            self.load_restart(run.best())
        return True

    def load_candidate(self, index):
        """Load the mixture of the sweep's row ``index`` into the main plot as a new fit."""
        mixture = self._window.session.selection.sweep.mixtures[index]
        if mixture is not None:
            self._load(mixture)

    def load_restart(self, index):
        """Load restart ``index``'s final mixture into the main plot as a new fit."""
        self._load(self._window.session.restarts.run.restarts[index].mixture)

    # -- internals ----------------------------------------------------------------------------

    def _refusal(self):
        window = self._window
        return NO_POINTS if not len(window.session.points) else EM_RUNNING if window.runner.is_running else None

    def _can_fit(self):
        refusal = self._refusal()
        if refusal:
            self._window.notices.show_refusal(refusal, holds=lambda: self._refusal() == refusal)
        return refusal is None

    def _load(self, mixture):
        if self._window.runner.is_running:
            self._window.notices.show_refusal(EM_RUNNING, holds=lambda: self._window.runner.is_running)
            return
        self._window.set_mixture(mixture, e_step=True)

    def _panel(self, key):
        """The panel of dock ``key``, built and put in its dock the first time it is needed."""
        if key not in self._panels:
            window = self._window
            if key == "choose_k":
                panel = ChooseKPanel(window.session.selection)
                panel.fit_requested.connect(self.run_sweep)
                panel.candidate_chosen.connect(self.load_candidate)
                panel.refused.connect(window.report)
            else:
                panel = RestartsPanel(window.session.restarts)
                panel.run_requested.connect(self.run_restarts)
                panel.restart_chosen.connect(self.load_restart)
            panel.set_style(*window.presentation.panel_style())
            window.presentation.style_text_panel(panel)
            self._panels[key] = panel
            self.docks[key].setWidget(panel)
        return self._panels[key]

    def _show(self, dock):
        self._panel(dock.objectName().removesuffix("_dock"))      # its minimum size counts in the width
        layout.show_beside_plot(self._window, dock)

    def _on_dock_visibility(self, key, visible):
        dock = self.docks[key]
        if visible:
            self._panel(key)
        # A tab brought to the front becomes visible: remember which is in front outside presentation mode.
        if visible and not self._window.presentation.active:
            self._front = dock
        # Entering presentation mode hides the docks before it announces itself: note which were open.
        if not visible and self._window.presentation.active and not self._presenting:
            self._hidden_on_entry.append(dock)

    def _restyle(self):
        for panel in self._panels.values():
            panel.set_style(*self._window.presentation.panel_style())

    def _on_presentation(self, active):
        self._presenting = active
        self._restyle()
        hidden, self._hidden_on_entry = self._hidden_on_entry, []
        for dock in hidden if active else ():
            dock.show()
        # Hiding the tab in front brought the other forward: the one in front before goes in front again.
        if active and self._front in hidden:
            self._front.raise_()


def install(window) -> Candidates:
    """Add the Choose K and Restarts docks and their menu entries to ``window``; returns the :class:`Candidates`."""
    return Candidates(window)
