"""The gmmviz main window: draw or load points, set up a mixture, step EM live.

Layout: the ``MixturePlot`` in the centre, the "Mixture" dock (settings and EM controls) on
the right, the "History" (log-likelihood and history slider) and "Parameters" docks at the
bottom, a point-tools toolbar on top and a status bar with the iteration, the log-likelihood
(log posterior with a prior), its change, convergence and warnings.

Decisions:

- EM always runs on the worker thread, single half-steps included, so even an E-step on a
  million points never freezes the window. Any edit of the points or change of a setting stops
  a running job first (at most one half-step later).
- Editing the points (or changing covariance type, reg_covar, tol, max iterations or the prior)
  keeps the mixture on screen and the history: points are recoloured by the mixture shown, and
  the next EM command continues from it on the new points with the new settings. The history
  carries on numbering; the log-likelihood curve does not compare values across such a change.
  Changing K leaves the mixture on screen until the next EM command, which initialises afresh
  (as does Initialise, always). Opening a file or a data set starts over with no fit.
- Going back in the history and stepping again continues from the iteration shown and drops
  the later ones. Reset goes back to iteration 0 (the initial parameters) and drops the rest,
  so the same run can be replayed.
- Play runs at the speed of the slider, showing the E-step and the M-step each for half an
  iteration's time, and stops at convergence or after the maximum number of iterations, like
  Run to convergence (which does exactly what ``gmmviz.core.fit`` does).
"""

import math
import time
import warnings
from dataclasses import replace
from pathlib import Path

import numpy as np
from PySide6 import QtCore, QtGui, QtWidgets

from gmmviz.core import COVARIANCE_TYPES, EM, GmmvizError, GmmvizWarning
from gmmviz.gui import sample_data
from gmmviz.gui.commands import file_commands as export_dialogs
from gmmviz.gui.commands import shortcut_sheet
from gmmviz.gui.commands import presentation
from gmmviz.gui.panels import equation_panel as equations
from gmmviz.gui.dialogs import ColumnPickerDialog, ValuesDialog
from gmmviz.gui.model.history import History
from gmmviz.gui.panels.history_panel import HistoryPanel
from gmmviz.gui.panels.parameter_table import ParameterTable
from gmmviz.gui.plot.mixture_plot import MixturePlot
from gmmviz.gui.model.points import PointStore, ReplacePointsCommand
from gmmviz.gui.plot.point_tools import PointEditor, Tool
from gmmviz.gui.panels.settings_panel import CURRENT_PARAMETERS, SettingsPanel
from gmmviz.gui.engine.worker import EMRunner
from gmmviz.io.session import SUFFIX as SESSION_SUFFIX

#: Seconds between updates of the side panels while EM runs (the plot is redrawn more often).
PANEL_INTERVAL = 0.25
#: Milliseconds between redraws while EM runs, and for more than ``LARGE_DATA`` points.
REDRAW_INTERVAL_MS = 30
REDRAW_INTERVAL_LARGE_MS = 80
LARGE_DATA = 200_000

POINT_FILE_FILTER = "Points (*.csv *.tsv *.txt *.dat *.npy);;All files (*)"

_PHASE_NAMES = {"init": "initialised", "e": "after E-step", "m": "after M-step"}

#: Settings whose change makes the engine stale but lets EM continue from the mixture on screen.
_CONTINUABLE_SETTINGS = ("covariance_type", "reg_covar", "tol", "max_iter", "prior")
#: Settings that change what EM maximises, so log-likelihoods before and after are not compared.
_OBJECTIVE_SETTINGS = ("reg_covar", "prior")


class MainWindow(QtWidgets.QMainWindow):
    """The main window.

    Attributes
    ----------
    plot : MixturePlot
    store : PointStore
        The points; every edit goes through ``undo_stack``.
    history : History
        The parameters of every iteration of the current fit.
    actions : dict of str to QAction
    menus : dict of str to QMenu
        Keys "file", "edit", "data", "view", "em", "help".
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("gmmviz")
        self.resize(1280, 820)
        self.setAcceptDrops(True)

        self.store = PointStore(self)
        self.undo_stack = QtGui.QUndoStack(self)
        self.undo_stack.setUndoLimit(200)
        self.plot = MixturePlot()
        self.setCentralWidget(self.plot)
        self.editor = PointEditor(self.plot.view_box, self.store, self.undo_stack, self)
        self.history = History()
        self.runner = EMRunner(self)

        self._em = None          # engine for the current points and settings; None when stale
        self._live = None        # newest EMState (with resp), numbered as in the history
        self._live_drawing = None  # PreparedDrawing of it, computed on the worker, or None
        self._offset = 0         # history iteration of the engine's iteration 0
        self._shown = None       # history index on screen; None = follow the newest state
        self._breaks = set()     # history indices not comparable with the previous one
        self._changed_since_engine = False
        self._play_speed = 5.0
        self._resp_cache = (None, None)
        self._panels_updated = -math.inf
        self._overlays_updated = -math.inf

        self.actions = {}
        self.menus = {}
        self._build_actions()
        self.settings_panel = SettingsPanel([self.actions[name] for name in (
            "initialise", "reset", "e_step", "m_step", "step", "play", "run")])
        self.history_panel = HistoryPanel()
        self.parameter_table = ParameterTable()
        self._build_menus()
        self._build_toolbar()
        self._build_docks()
        self._build_status_bar()

        self._redraw_timer = QtCore.QTimer(self, singleShot=True, interval=REDRAW_INTERVAL_MS)
        self._redraw_timer.timeout.connect(self._redraw)
        self.store.changed.connect(self._on_points_changed)
        self.settings_panel.changed.connect(self._on_setting_changed)
        self.settings_panel.speed_changed.connect(self._on_speed_changed)
        self._play_speed = self.settings_panel.play_speed
        self.history_panel.iteration_selected.connect(self.show_iteration)
        self.runner.stepped.connect(self._on_stepped)
        self.runner.finished.connect(self._on_finished)
        self.runner.errored.connect(self._on_errored)
        # after the window's own connections, so these panels see each state once it is drawn
        self.file_commands = export_dialogs.install(self)
        self.presentation = presentation.install(self)
        shortcut_sheet.install(self, scale=lambda: self.presentation.scale)
        self.equation_panel = equations.install(self, map_prior=self.settings_panel.prior.isChecked)
        self.set_tool(Tool.ADD)
        self.plot.fit_view()
        self._refresh()

    # -- construction -------------------------------------------------------------------------

    def _action(self, name, text, slot, shortcut=None, checkable=False, checked=False, tip=None):
        action = QtGui.QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QtGui.QKeySequence(shortcut))
        action.setCheckable(checkable)
        action.setChecked(checked)
        if tip:
            action.setToolTip(f"{tip} ({action.shortcut().toString()})" if shortcut else tip)
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        self.addAction(action)          # shortcuts work even when the action is in no menu
        self.actions[name] = action
        return action

    def _build_actions(self):
        a = self._action
        a("open", "&Open…", self.open_file_dialog, QtGui.QKeySequence.StandardKey.Open,
          tip="Open a CSV, TSV, text or .npy file of points")
        a("quit", "&Quit", self.close, "Ctrl+Q")   # StandardKey.Quit is empty on some platforms
        undo = self.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QtGui.QKeySequence("Ctrl+Z"))
        redo = self.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcuts([QtGui.QKeySequence("Ctrl+Shift+Z"), QtGui.QKeySequence("Ctrl+Y")])
        for name, action in (("undo", undo), ("redo", redo)):
            self.addAction(action)
            self.actions[name] = action
        a("clear", "&Clear points", self.clear_points, tip="Remove all points")

        a("data_old_faithful", "Old Faithful", self.load_old_faithful)
        a("data_iris", "Iris (two features)…", self.load_iris)
        a("data_moons", "Two moons…", self.load_moons)
        a("data_blobs", "Blobs…", self.load_blobs)

        a("aspect", "Aspect ratio 1:1", self.plot.set_aspect_locked, checkable=True)
        a("hard_labels", "Hard labels", self.plot.set_hard_labels, checkable=True,
          tip="Colour each point by its most probable component")
        a("contours", "Density contours", lambda on: self.plot.set_layers(contours=on),
          checkable=True, checked=True)
        a("ellipses", "Ellipses and means", lambda on: self.plot.set_layers(ellipses=on),
          checkable=True, checked=True)
        a("legend", "Legend", lambda on: self.plot.set_layers(legend=on), checkable=True, checked=True)
        a("fit_view", "&Fit view", self.plot.fit_view, "F", tip="Show all points")

        a("initialise", "Initialise", self.initialise, "I", tip="New initial parameters")
        a("e_step", "E-step", self.e_step, "E", tip="Compute responsibilities (recolours the points)")
        a("m_step", "M-step", self.m_step, "M", tip="Re-estimate the parameters (moves the ellipses)")
        a("step", "Step", self.step, "Space", tip="One iteration: E-step then M-step")
        a("play", "Play", self.toggle_play, "P", checkable=True, tip="Step continuously")
        a("run", "Run to convergence", self.run_to_convergence, "Ctrl+R",
          tip="Iterate until the change is below tol")
        a("reset", "Reset", self.reset, "R", tip="Back to the initial parameters")
        a("history_back", "Previous iteration", lambda: self.step_history(-1), "Left")
        a("history_forward", "Next iteration", lambda: self.step_history(1), "Right")
        a("k_up", "More components", lambda: self.settings_panel.n_components.stepBy(1), "+")
        a("k_down", "Fewer components", lambda: self.settings_panel.n_components.stepBy(-1), "-")
        a("cycle_covariance", "Next covariance type", self.cycle_covariance_type, "C")
        a("about", "About gmmviz", self.show_about)

        tools = QtGui.QActionGroup(self)
        for tool, text, tip in (
            (Tool.NAVIGATE, "Navigate", "Drag to pan, wheel to zoom"),
            (Tool.ADD, "Add", "Click to add a point"),
            (Tool.SPRAY, "Spray", "Drag to spray points"),
            (Tool.ERASE, "Erase", "Drag to erase points"),
        ):
            action = a(f"tool_{tool.value}", text, lambda _=False, tool=tool: self.set_tool(tool),
                       checkable=True, tip=tip)
            tools.addAction(action)

    def _build_menus(self):
        bar = self.menuBar()
        layout = {
            "file": ("&File", ["open", None, "quit"]),
            "edit": ("&Edit", ["undo", "redo", None, "clear"]),
            "data": ("&Data", ["data_old_faithful", "data_iris", "data_moons", "data_blobs"]),
            "view": ("&View", ["aspect", "hard_labels", "contours", "ellipses", "legend", None, "fit_view"]),
            "em": ("E&M", ["initialise", "e_step", "m_step", "step", "play", "run", "reset", None,
                           "history_back", "history_forward", None, "k_up", "k_down", "cycle_covariance"]),
            "help": ("&Help", ["about"]),
        }
        for key, (title, names) in layout.items():
            menu = bar.addMenu(title)
            for name in names:
                if name is None:
                    menu.addSeparator()
                else:
                    menu.addAction(self.actions[name])
            self.menus[key] = menu

    def _build_toolbar(self):
        toolbar = self.addToolBar("Points")
        toolbar.setObjectName("points_toolbar")
        for name in ("tool_navigate", "tool_add", "tool_spray", "tool_erase", "clear"):
            toolbar.addAction(self.actions[name])
        toolbar.addSeparator()
        self.brush_radius = QtWidgets.QSpinBox(minimum=2, maximum=300, value=25, suffix=" px")
        self.brush_radius.setToolTip("Radius of the spray and erase brush")
        self.brush_radius.valueChanged.connect(lambda v: setattr(self.editor, "brush_radius_px", v))
        self.spray_density = QtWidgets.QSpinBox(minimum=1, maximum=200, value=8)
        self.spray_density.setToolTip("Points sprayed per mouse movement")
        self.spray_density.valueChanged.connect(lambda v: setattr(self.editor, "spray_density", v))
        for label, widget in (("Radius ", self.brush_radius), ("  Density ", self.spray_density)):
            toolbar.addWidget(QtWidgets.QLabel(label))
            toolbar.addWidget(widget)

    def _build_docks(self):
        self.docks = {}
        for key, title, widget, area in (
            ("mixture", "Mixture", self.settings_panel, QtCore.Qt.DockWidgetArea.RightDockWidgetArea),
            ("history", "History", self.history_panel, QtCore.Qt.DockWidgetArea.BottomDockWidgetArea),
            ("parameters", "Parameters", self.parameter_table, QtCore.Qt.DockWidgetArea.BottomDockWidgetArea),
        ):
            dock = QtWidgets.QDockWidget(title, self)
            dock.setObjectName(f"{key}_dock")
            dock.setWidget(widget)
            self.addDockWidget(area, dock)
            self.docks[key] = dock
        self.splitDockWidget(self.docks["history"], self.docks["parameters"], QtCore.Qt.Orientation.Horizontal)
        self.resizeDocks([self.docks["history"]], [230], QtCore.Qt.Orientation.Vertical)
        self.resizeDocks([self.docks["history"], self.docks["parameters"]], [560, 480],
                         QtCore.Qt.Orientation.Horizontal)
        self.resizeDocks([self.docks["mixture"]], [280], QtCore.Qt.Orientation.Horizontal)
        self.menus["view"].addSeparator()
        for dock in self.docks.values():
            self.menus["view"].addAction(dock.toggleViewAction())

    def _build_status_bar(self):
        bar = self.statusBar()
        self.status = {}
        for key, stretch in (("points", 0), ("iteration", 0), ("objective", 0), ("change", 0),
                             ("converged", 0), ("warnings", 1)):
            label = QtWidgets.QLabel()
            label.setContentsMargins(6, 0, 6, 0)
            bar.addPermanentWidget(label, stretch)
            self.status[key] = label
        self.status["warnings"].setStyleSheet("color: #B00000;")

    # -- points -------------------------------------------------------------------------------

    def set_tool(self, tool):
        """Make ``tool`` (a ``Tool``) the active point tool."""
        self.editor.set_tool(tool)
        self.actions[f"tool_{tool.value}"].setChecked(True)

    def open_file_dialog(self):
        path, _ = QtWidgets.QFileDialog.getOpenFileName(self, "Open points", "", POINT_FILE_FILTER)
        if path:
            self.load_file(path)

    def load_file(self, path, columns=None, ask_columns=True):
        """Load points from a file; a bad file is reported and changes nothing.

        Parameters
        ----------
        path : str or Path
        columns : None or pair of names/indices
            None: ask when the file has more than two numeric columns (if ``ask_columns``),
            else the first two numeric columns.

        Returns
        -------
        bool
            True when the points were replaced.
        """
        path = Path(path)
        if path.suffix.lower() == SESSION_SUFFIX:  # a session dropped or given on the command line
            return self.file_commands.open_path(path)
        from gmmviz.io import numeric_columns, read_points

        try:
            if columns is None and ask_columns:
                names = numeric_columns(path)
                if len(names) > 2:
                    dialog = ColumnPickerDialog(path.name, names, self)
                    if dialog.exec() != QtWidgets.QDialog.DialogCode.Accepted:
                        return False
                    columns = dialog.columns()
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", GmmvizWarning)
                loaded = read_points(path, columns)
        except GmmvizError as exc:
            self.show_error(str(exc))
            return False
        self.set_points(loaded.X, loaded.columns, f"Open {path.name}")
        for warning in caught:
            self.statusBar().showMessage(str(warning.message), 10000)
        return True

    def set_points(self, X, columns=("x", "y"), text="Load points"):
        """Replace the points with ``X`` (n_samples, 2) as one undoable step; starts over with no fit."""
        self._stop()
        self._clear_fit()
        self.undo_stack.push(ReplacePointsCommand(self.store, X, text, source=tuple(columns)))
        self.plot.fit_view()

    def clear_points(self):
        if len(self.store.X):
            self.undo_stack.push(ReplacePointsCommand(self.store, np.empty((0, 2)), "Clear points",
                                                      source=self.store.source))

    def load_old_faithful(self):
        from gmmviz.io.datasets import old_faithful

        X, columns = old_faithful()
        self.set_points(X, columns, "Load Old Faithful")

    def load_iris(self):
        names = list(sample_data.IRIS_FEATURES)
        values = self._ask("Iris", [("x", "x", 2, names), ("y", "y", 3, names)])
        if values is not None:
            X, columns = sample_data.iris(values["x"], values["y"])
            self.set_points(X, columns, "Load iris")

    def load_moons(self):
        values = self._ask("Two moons", [("n", "Points", 400, (10, 100000)), ("seed", "Seed", 0, (0, 2**31 - 1))])
        if values is not None:
            X, columns = sample_data.two_moons(values["n"], seed=values["seed"])
            self.set_points(X, columns, "Load two moons")

    def load_blobs(self):
        values = self._ask("Blobs", [
            ("k", "Blobs", self.settings_panel.n_components.value(), (1, 20)),
            ("n", "Points", 600, (10, 1000000)),
            ("seed", "Seed", 0, (0, 2**31 - 1))])
        if values is not None:
            X, columns = sample_data.blobs(values["n"], values["k"], values["seed"])
            self.set_points(X, columns, "Load blobs")

    def _ask(self, title, fields):
        dialog = ValuesDialog(title, fields, self)
        return dialog.values() if dialog.exec() == QtWidgets.QDialog.DialogCode.Accepted else None

    def _on_points_changed(self):
        self._stop()
        if self._em is not None or self._live is not None:
            self._em = None
            self._changed_since_engine = True
        columns = self.store.source or ("x", "y")
        self.plot.set_axis_labels(*columns)
        self.plot.set_points(self.store.X)
        if self._live is not None and self._live.resp is not None:
            # Colour the new points by the mixture on screen.
            self._live = replace(self._live, resp=self._live.mixture.predict_proba(self.store.X)
                                 if len(self.store.X) else None)
            self._live_drawing = None
        self._resp_cache = (None, None)
        self._refresh()

    # -- the fit on screen ----------------------------------------------------------------------

    @property
    def live_state(self):
        """Newest ``EMState`` of the current fit (with ``resp`` when known), or None."""
        return self._live

    @property
    def shown_index(self):
        """History index of the iteration on screen, or None when the newest (live) state is shown."""
        return self._shown

    def state_on_screen(self):
        """The ``EMState`` whose mixture is on screen, or None."""
        return self.history[self._shown] if self._shown is not None else self._live

    def restore_history(self, states, shown=None):
        """Replace the fit by ``states`` (one ``EMState`` per iteration from 0, e.g. from a session).

        ``shown`` is the history index to show (default: the newest). The responsibilities of
        the newest state are recomputed for the points; the next EM command continues from the
        iteration on screen.
        """
        self._stop()
        self._clear_fit()
        for state in states:
            self.history.record(state)
        if not len(self.history):
            self._refresh()
            return
        last = self.history[-1]
        X = self.store.X
        source = {"e": last, "m": self.history[max(last.iteration - 1, 0)]}.get(last.phase)
        resp = source.mixture.predict_proba(X) if source is not None and len(X) else None
        self._live = replace(last, resp=resp)
        self.show_iteration(len(self.history) - 1 if shown is None else shown)

    # -- EM commands --------------------------------------------------------------------------

    def initialise(self):
        """New initial parameters from the settings (or the mixture on screen)."""
        settings = self.settings_panel.settings()
        init = settings.init
        if init == CURRENT_PARAMETERS:
            init = self._mixture_on_screen()
            if init is None:
                self.report("There are no current parameters yet: initialise with another method first.")
                return
        self._stop()
        self._clear_fit()
        self._start(None, init=init)

    def set_mixture(self, mixture):
        """Start a new fit whose iteration 0 is ``mixture`` (e.g. read from a mixture JSON file).

        The Mixture panel takes the mixture's K and covariance type.
        """
        self._stop()
        panel = self.settings_panel
        panel.n_components.setValue(mixture.n_components)
        panel.covariance_type.setCurrentText(mixture.covariance_type)
        self._clear_fit()
        self._start(None, init=mixture)

    def e_step(self):
        self._start(_e_body)

    def m_step(self):
        self._start(_m_body)

    def step(self):
        self._start(_step_body)

    def toggle_play(self, checked=None):
        """Start Play, or pause it when it is running."""
        playing = self.runner.is_running and self.actions["play"].property("playing")
        if playing:
            self._stop()
            return
        self._start(lambda em, cancel: _run_body(em, cancel, lambda: self._play_speed), playing=True)
        self.actions["play"].setChecked(self.runner.is_running)

    def run_to_convergence(self):
        self._start(lambda em, cancel: _run_body(em, cancel))

    def reset(self):
        """Back to iteration 0; the next command starts the same run again."""
        self._stop()
        if not len(self.history):
            return
        first = self.history[0]
        self.history.record(first)
        self._live = first
        self._live_drawing = None
        self._em = None
        self._offset = 0
        self._shown = None
        self._breaks.clear()
        self._refresh()

    def step_history(self, delta):
        """Show the iteration ``delta`` before (-) or after (+) the one on screen."""
        if len(self.history):
            current = len(self.history) - 1 if self._shown is None else self._shown
            self.show_iteration(current + delta)

    def show_iteration(self, index):
        """Show the mixture of history entry ``index`` (the newest follows the live state)."""
        if not len(self.history):
            return
        index = int(np.clip(index, 0, len(self.history) - 1))
        self._shown = None if index == len(self.history) - 1 else index
        self._refresh()

    def cycle_covariance_type(self):
        combo = self.settings_panel.covariance_type
        combo.setCurrentIndex((combo.currentIndex() + 1) % len(COVARIANCE_TYPES))

    def _start(self, body, init=None, playing=False):
        """Run ``body(em, cancel)`` on the worker, building the engine first when it is stale.

        The engine is rebuilt from ``init`` when given, else from the iteration on screen if it
        is an earlier one, else from the mixture on screen if there is one with the right K,
        else from the settings' initialisation.
        """
        self._stop()
        X = self.store.X
        if not len(X):
            self.report("There are no points: add some with the mouse or open a file first.")
            return
        settings = self.settings_panel.settings()
        em = self._em
        offset = self._offset
        if init is None and (em is None or self._shown is not None):
            current = self._mixture_on_screen()
            if current is not None and current.n_components == settings.n_components:
                init = current
                offset = len(self.history) - 1 if self._shown is None else self._shown
            elif settings.init == CURRENT_PARAMETERS:
                self.report(f"The mixture on screen does not have {settings.n_components} components: "
                            "choose another initialisation.")
                return
            else:
                self._clear_fit()
                init, offset = settings.init, 0
        elif init is not None:
            offset = 0
        if init is not None:
            em = None
            if self._changed_since_engine and offset > 0:
                self._breaks.add(offset)
            self._changed_since_engine = False
        self._offset = offset
        self._shown = None
        window = self

        def job(cancel):
            engine = em
            if engine is None:
                engine = EM(X, settings.n_components, settings.covariance_type, init=init,
                            reg_covar=settings.reg_covar, tol=settings.tol, max_iter=settings.max_iter,
                            seed=settings.seed, prior=True if settings.prior else None)
                window._em = engine      # the window touches the engine only between jobs
                yield engine.state
                if body is None or cancel.is_set():
                    return
            yield from body(engine, cancel)

        prepare_drawing = self.plot.drawing_preparer()

        def prepare(state):
            return None if state.resp is None else prepare_drawing(state.mixture, state.resp)

        self.actions["play"].setProperty("playing", playing)
        self.actions["play"].setChecked(playing)
        self.runner.start(job, prepare)
        self._update_controls()

    def _stop(self):
        """Stop a running job; every state it produced is recorded and the newest one drawn."""
        if self.runner.is_running:
            self.runner.stop()
        self._absorb_latest()

    def _clear_fit(self):
        self.history.clear()
        self._breaks.clear()
        self._live = None
        self._live_drawing = None
        self._em = None
        self._offset = 0
        self._shown = None
        self._changed_since_engine = False
        self._resp_cache = (None, None)

    # -- worker signals -----------------------------------------------------------------------

    def _on_stepped(self, state):
        self.history.record(replace(state, iteration=state.iteration + self._offset))
        if not self._redraw_timer.isActive():
            # Redrawing a very large data set costs the GUI thread tens of milliseconds; fewer
            # frames leave more of the CPU to EM.
            large = len(self.store.X) > LARGE_DATA
            self._redraw_timer.start(REDRAW_INTERVAL_LARGE_MS if large else REDRAW_INTERVAL_MS)

    def _on_finished(self):
        self.actions["play"].setProperty("playing", False)
        self.actions["play"].setChecked(False)
        self._redraw()

    def _on_errored(self, message):
        self.report(message)

    def _absorb_latest(self):
        latest = self.runner.take_latest()
        if latest is not None:
            state, self._live_drawing = latest
            self._live = replace(state, iteration=state.iteration + self._offset)

    def _redraw(self):
        self._absorb_latest()
        self._refresh()

    def _on_speed_changed(self, speed):
        self._play_speed = speed

    def _on_setting_changed(self, name):
        if name in ("init", "seed"):
            return      # they only matter for the next initialisation
        self._stop()
        if self._em is not None:
            self._em = None
            self._changed_since_engine = name in _OBJECTIVE_SETTINGS or self._changed_since_engine
        self._update_controls()

    # -- display ------------------------------------------------------------------------------

    def _mixture_on_screen(self):
        if self._shown is not None:
            return self.history[self._shown].mixture
        return None if self._live is None else self._live.mixture

    def _refresh(self):
        """Draw the state on screen and update the table, history panel, status bar and buttons.

        While EM runs, the side panels and the plot's contours and legend are each updated at
        most every ``PANEL_INTERVAL`` seconds and never in the same frame (points, ellipses and
        means on every frame): the whole window repaints in one go, and keeping every frame
        small keeps the GUI thread responsive with a million points.
        """
        X = self.store.X
        prepared = None
        if self._shown is None:
            state = self._live
            resp = None if state is None else state.resp
            if resp is not None and len(resp) != len(X):
                resp = None
            elif resp is not None:
                prepared = self._live_drawing
            log_likelihood = math.nan if state is None else state.log_likelihood
        else:
            state = self.history[self._shown]
            resp = self._responsibilities(state.mixture)
            log_likelihood = self.history.log_likelihoods()[self._shown]
        now = time.monotonic()
        running = self.runner.is_running
        overlays_due = not running or now - self._overlays_updated >= PANEL_INTERVAL
        self.plot.show_state(None if state is None else state.mixture, resp, prepared,
                             quick=not overlays_due)
        if overlays_due:
            self._overlays_updated = now
        # While running, never update the plot's overlays and the panels in the same frame.
        if running and (overlays_due or now - self._panels_updated < PANEL_INTERVAL):
            return
        self._panels_updated = now
        self.parameter_table.set_mixture(None if state is None else state.mixture,
                                         () if state is None else state.degenerate)
        objective = "log posterior" if self.settings_panel.prior.isChecked() else "log-likelihood"
        shown = len(self.history) - 1 if self._shown is None else self._shown
        self.history_panel.set_history(self.history.log_likelihoods(), shown, self._breaks)
        self._name_objective(objective)
        self._update_status(state, log_likelihood, objective)
        self._update_controls()

    def _name_objective(self, objective):
        """Title the history panel with what EM monitors (the plot's y axis has no room for it)."""
        dock = self.docks["history"]
        title = f"History: {objective} per iteration"
        if dock.windowTitle() != title:
            dock.setWindowTitle(title)
            dock.toggleViewAction().setText("History")    # the View menu keeps the short name

    def _responsibilities(self, mixture):
        """P(k|x) of the points under a past iteration's mixture (cached for the last one asked)."""
        if self._resp_cache[0] is not mixture:
            X = self.store.X
            self._resp_cache = (mixture, mixture.predict_proba(X) if len(X) else None)
        return self._resp_cache[1]

    def _update_status(self, state, log_likelihood, objective):
        n_points = len(self.store.X)
        self.status["points"].setText(f"{n_points} point{'s' * (n_points != 1)}")
        if state is None:
            for key in ("iteration", "objective", "change", "converged", "warnings"):
                self.status[key].setText("")
            self.status["iteration"].setText("no fit: press Initialise (I) or Step (Space)")
            return
        live = self._shown is None
        phase = _PHASE_NAMES[state.phase] if live else "history"
        self.status["iteration"].setText(f"iteration {state.iteration} ({phase})")
        self.status["objective"].setText(
            f"{objective} {log_likelihood:.6g}" if np.isfinite(log_likelihood) else f"{objective} –")
        self.status["change"].setText(
            f"change {state.change:.3g}" if live and np.isfinite(state.change) else "")
        self.status["converged"].setText(("converged" if state.converged else "not converged") if live else "")
        messages = list(state.warnings) if live else []
        if state.degenerate:
            names = ", ".join(str(k + 1) for k in state.degenerate)
            messages.append(f"degenerate component{'s' * (len(state.degenerate) > 1)}: {names}")
        if self.history_panel.n_decreases and not self.settings_panel.prior.isChecked():
            messages.append("the log-likelihood decreased")
        self.status["warnings"].setText("; ".join(messages))

    def _update_controls(self):
        running = self.runner.is_running
        for name in ("initialise", "e_step", "m_step", "step", "run", "reset"):
            self.actions[name].setEnabled(not running)
        self.actions["play"].setText("Pause" if running and self.actions["play"].property("playing") else "Play")

    # -- messages -----------------------------------------------------------------------------

    def report(self, message):
        """Show a one-line problem in the status bar (for EM commands, which must not block)."""
        self.statusBar().showMessage(message, 12000)

    def show_error(self, message):
        """Show a one-line error in a window-modal message box (does not block the caller)."""
        box = QtWidgets.QMessageBox(QtWidgets.QMessageBox.Icon.Warning, "gmmviz", message,
                                    QtWidgets.QMessageBox.StandardButton.Ok, self)
        box.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.last_error_box = box

    def show_about(self):
        from gmmviz import __version__

        QtWidgets.QMessageBox.about(
            self, "About gmmviz",
            f"<b>gmmviz {__version__}</b><p>Fit, step and look at two-dimensional Gaussian mixture "
            "models.</p><p>Numerics follow scikit-learn's GaussianMixture.</p>")

    # -- window events ------------------------------------------------------------------------

    def dragEnterEvent(self, event):
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event):
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.load_file(paths[0])

    def confirm_close(self):
        """Return False to keep the window open (offers to save drawn points first)."""
        return self.file_commands.confirm_close()

    def closeEvent(self, event):
        # only a close by the user asks (File ▸ Quit asks before it closes); close() from code does not
        if event.spontaneous() and not self.confirm_close():
            event.ignore()
            return
        self.runner.shutdown()
        super().closeEvent(event)


# -- jobs: generator functions the worker drives, one half-step per yield ----------------------


def _e_body(em, cancel):
    yield em.e_step()


def _m_body(em, cancel):
    if em.state.phase != "e":
        raise GmmvizError("the M-step needs responsibilities: do an E-step (E) first")
    yield em.m_step()


def _step_body(em, cancel):
    yield em.e_step()
    yield em.m_step()


def _run_body(em, cancel, speed=None):
    """Iterate as ``EM.run`` does (stop at convergence or ``max_iter``), pausing if paced.

    ``speed`` returns iterations per second (``inf`` or None = no pause); it is called every
    half-step so moving the slider takes effect at once.
    """
    while em.state.iteration < em.max_iter:
        for half_step in (em.e_step, em.m_step):
            state = half_step()
            yield state
            pace = math.inf if speed is None else speed()
            if math.isfinite(pace) and cancel.wait(0.5 / pace):
                return
        if state.converged:
            return
