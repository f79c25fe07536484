"""The gmmviz main window: the views and commands around one :class:`FitSession`.

Layout: the ``MixturePlot`` in the centre, the docks around it as :mod:`gmmviz.gui.panels.layout`
arranges them ("Mixture" right, "History" and "Parameters" below), a point-tools toolbar on top and
a status bar with the iteration, the log-likelihood (log posterior with a prior), its change,
convergence and warnings.

The window holds no fit state of its own: points, settings, history, the iteration on screen
and the live state are the session's (:mod:`gmmviz.gui.model.fit_session`, whose docstring says
what each EM command continues from). The window turns its actions into session calls, runs the
jobs the session plans on the worker thread, records what they yield, and redraws when the
session says something changed.

Decisions:

- EM always runs on the worker thread, single half-steps included, so even an E-step on a
  million points never freezes the window. Any change of the points, the settings or the fit
  stops a running job first (at most one half-step later).
- Play runs at the speed of the slider, showing the E-step and the M-step each for half an
  iteration's time, and stops at convergence or after the maximum number of iterations, like
  Run to convergence (the core's loop, :meth:`gmmviz.core.EM.half_steps`).
"""

import sys
import time

from PySide6 import QtCore, QtGui, QtWidgets

from gmmviz.core import COVARIANCE_TYPES, GmmvizError
from gmmviz.core.errors import as_sentence
from gmmviz.gui.commands import (candidates, compare, data_sets, em_options, file_commands, label_commands,
                                  preferences, presentation, shortcut_sheet, surgery, truth_commands)
from gmmviz.gui.dialogs.about import show_about
from gmmviz.gui.engine import warm_up
from gmmviz.gui.engine.gui_thread_gc import collect_on_gui_thread
from gmmviz.gui.engine.worker import EMRunner
from gmmviz.gui.model.advice import flat_start_warning
from gmmviz.gui.model.fit_session import FitSession
from gmmviz.gui.model.readouts import stale_notice, status_fields
from gmmviz.gui.panels import equation_panel
from gmmviz.gui.panels import layout, prior_panel
from gmmviz.gui.panels.history_panel import HistoryPanel, history_title
from gmmviz.gui.panels.notice_bar import NoticeBar
from gmmviz.gui.panels.parameter_table import ParameterTable
from gmmviz.gui.panels.settings_panel import SettingsPanel
from gmmviz.gui.panels.status_line import StatusLine
from gmmviz.gui.plot.mixture_plot import MixturePlot
from gmmviz.gui.plot.point_tools import PointEditor, Tool
from gmmviz.gui.stored_settings import StoredSettings

#: Seconds between updates of the side panels while EM runs (the plot is redrawn more often).
PANEL_INTERVAL = 0.25
#: Milliseconds between redraws while EM runs, and for more than ``LARGE_DATA`` points.
REDRAW_INTERVAL_MS = 30
REDRAW_INTERVAL_LARGE_MS = 80
LARGE_DATA = 200_000

#: Keys of these commands pressed while one of them runs are done after it, in order and at most
#: ``MAX_QUEUED`` of them (a lecturer tapping Space three times quickly gets three steps).
QUEUED_COMMANDS = ("e_step", "m_step", "step")
MAX_QUEUED = 8
#: The EM commands, greyed out while they cannot run; these and the others their keys explain, when pressed.
EM_COMMANDS = ("initialise", "e_step", "m_step", "step", "run", "reset", "play")
EXPLAINED = EM_COMMANDS + ("history_back", "history_forward", "k_up", "k_down", "undo", "redo")


class MainWindow(QtWidgets.QMainWindow):
    """The main window.

    Attributes
    ----------
    session : FitSession
        Everything the window shows.
    plot : MixturePlot
    actions : dict of str to QAction
    menus : dict of str to QMenu
        Keys "file", "edit", "data", "view", "em", "help" (and "export").
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("gmmviz")
        # 1280 × 820, or less on a smaller screen (a lecture-hall projector's 1280 × 800 included);
        # offscreen (screenshots, exports) there is no real screen to fit.
        width, height = 1280, 820
        if QtGui.QGuiApplication.platformName() != "offscreen":
            available = self.screen().availableGeometry()
            width, height = min(width, available.width()), min(height, available.height() - 40)
        self.resize(width, height)
        self.setAcceptDrops(True)

        self.session = FitSession()
        self.plot = MixturePlot()
        self.notices = NoticeBar()
        self.notices.covered.connect(self.plot.set_top_inset)
        central = QtWidgets.QWidget()
        grid = QtWidgets.QGridLayout(central)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.plot, 0, 0)
        grid.addWidget(self.notices, 0, 0, QtCore.Qt.AlignmentFlag.AlignTop)   # over the plot, not beside it
        self.setCentralWidget(central)
        self.editor = PointEditor(self.plot.view_box, self.session.points, self.session.undo_stack, self)
        collect_on_gui_thread(QtWidgets.QApplication.instance())   # before any worker thread runs Python
        self.runner = EMRunner(self)
        self._drawing = (None, None)    # (live state, its PreparedDrawing made on the worker)
        self._command = None            # the EM command of the job running or last run
        self._queued = []               # commands whose keys were pressed while it ran (QUEUED_COMMANDS)
        self._panels_updated = -float("inf")
        self._overlays_updated = -float("inf")

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
        session = self.session
        session.about_to_change.connect(self._stop)
        session.fit_changed.connect(self._schedule_refresh)
        session.settings_changed.connect(self._on_setting_changed)
        session.message.connect(self.notices.show_refusal)      # goes once the points or the fit change
        session.points.changed.connect(self.notices.recheck)
        session.fit_changed.connect(lambda: None if self.runner.is_running else self.notices.recheck())
        session.points.changed.connect(self._on_points_changed)
        session.undo_stack.changed.connect(self._update_undo_actions)
        session.undo_stack.changed.connect(self.update_title)
        self.settings_panel.edited.connect(self._set_setting)
        # Play's pacing reads the speed on the worker thread, where no widget may be read: a copy.
        self.settings_panel.speed_changed.connect(lambda speed: setattr(self, "_play_speed", speed))
        self._play_speed = self.settings_panel.play_speed
        self.history_panel.iteration_selected.connect(session.show_iteration)
        self.runner.stepped.connect(session.record)
        self.runner.finished.connect(self._on_finished)
        self.runner.errored.connect(self._on_errored)
        self.runner.warned.connect(self.report)
        # after the window's own connections, so these see each state once it is drawn
        self.stored_settings = StoredSettings()
        self.data_sets = data_sets.install(self)
        self.file_commands = file_commands.install(self, self.stored_settings)
        self.presentation = presentation.install(self, self.stored_settings)
        shortcut_sheet.install(self, scale=lambda: self.presentation.scale)
        self.equation_panel = equation_panel.install(self)
        self.truth_commands = truth_commands.install(self)     # Data ▸ True mixture, its docks and overlay
        self.label_commands = label_commands.install(self)     # the Label tool, Initialise from labels, agreement
        self.candidates = candidates.install(self)      # the Choose K and Restarts docks
        self.compare, self.prior_panel = compare.install(self), prior_panel.install(self)   # MLE against MAP
        self.preferences = preferences.install(self)    # layout and starting settings; the Settings menu
        self.surgery = surgery.install(self)            # add, delete, split, merge components; drag handles
        self.em_options = em_options.install(self)      # weighted points, locks, the noise component
        layout.arrange(self)                            # every dock where gmmviz.gui.panels.layout says
        self.settings_panel.show_settings(session.settings)
        self.set_tool(Tool.ADD)
        self.frame_new_points()
        self._update_undo_actions()
        self._refresh()
        self.update_title()
        for notice in self.stored_settings.notices:
            self.report(notice)

    # -- construction -------------------------------------------------------------------------

    def add_action(self, name, text, slot, shortcut=None, checkable=False, checked=False, tip=None):
        """A QAction of the window, as ``actions[name]``: its shortcut works with no menu bar, its tip says the key."""
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
        a = self.add_action
        undo_stack = self.session.undo_stack
        a("open", "&Open…", lambda: self.file_commands.ask_open_points(), QtGui.QKeySequence.StandardKey.Open,
          tip="Open a CSV, TSV, text or .npy file of points")
        a("quit", "&Quit", self.close, "Ctrl+Q")   # StandardKey.Quit is empty on some platforms
        a("undo", "&Undo", undo_stack.undo, "Ctrl+Z")
        redo = a("redo", "&Redo", undo_stack.redo, "Ctrl+Shift+Z")
        redo.setShortcuts([QtGui.QKeySequence("Ctrl+Shift+Z"), QtGui.QKeySequence("Ctrl+Y")])
        a("clear", "&Clear points", self.session.clear_points, tip="Remove all points")

        a("aspect", "Equal axes", self.plot.set_aspect_locked, checkable=True,
          tip="One unit as long on both axes, so round components look round")
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
        a("reset", "Reset", self.session.reset, "R", tip="Back to the initial parameters")
        a("history_back", "Previous iteration", lambda: self.session.step_history(-1), "Left")
        a("history_forward", "Next iteration", lambda: self.session.step_history(1), "Right")
        a("k_up", "More components", lambda: self._change_k(1), "+")
        a("k_down", "Fewer components", lambda: self._change_k(-1), "-")
        a("cycle_covariance", "Next covariance type", self.cycle_covariance_type, "C")
        a("about", "About gmmviz", lambda: show_about(self))

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
        menus = {
            "file": ("&File", ["open", None, "quit"]),
            "edit": ("&Edit", ["undo", "redo", None, "clear"]),
            "data": ("&Data", []),
            "view": ("&View", ["aspect", "hard_labels", "contours", "ellipses", "legend", None, "fit_view"]),
            "em": ("E&M", ["initialise", "e_step", "m_step", "step", "play", "run", "reset", None,
                           "history_back", "history_forward", None, "k_up", "k_down", "cycle_covariance"]),
            "help": ("&Help", ["about"]),
        }
        for key, (title, names) in menus.items():
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
        toolbar.addSeparator()
        toolbar.addAction(self.actions["aspect"])

    def _build_docks(self):
        self.docks = {}
        area = QtCore.Qt.DockWidgetArea
        settings = layout.scrolled(self.settings_panel)     # the dock may be shorter than the panel
        layout.build_docks(self, (("mixture", "Mixture", settings, area.RightDockWidgetArea),
                                  ("history", "History", self.history_panel, area.BottomDockWidgetArea),
                                  ("parameters", "Parameters", self.parameter_table, area.BottomDockWidgetArea)))
        self.menus["view"].addSeparator()
        for dock in self.docks.values():
            self.menus["view"].addAction(dock.toggleViewAction())

    def _build_status_bar(self):
        self.status_line = StatusLine()
        self.statusBar().addPermanentWidget(self.status_line, 1)

    @property
    def status(self):
        """The read-outs shown, ``{field: text}`` (see :mod:`gmmviz.gui.model.readouts`)."""
        return self.status_line.fields

    # -- points -------------------------------------------------------------------------------

    def set_tool(self, tool):
        """Make ``tool`` (a ``Tool``) the active point tool."""
        self.editor.set_tool(tool)
        self.actions[f"tool_{tool.value}"].setChecked(True)

    def load_file(self, path, columns=None, ask_columns=True):
        """Load points (or a session) from a file; a bad file is reported and changes nothing.

        Returns True when the file was opened. See :meth:`FileCommands.open_points`.
        """
        return self.file_commands.open_path(path, columns=columns, ask_columns=ask_columns)

    def set_points(self, X, columns=None, text="Load points", name=None):
        """Replace the points with ``X`` (n_samples, 2) as one undoable step; starts over with no fit.

        ``columns`` name the two coordinates and ``name`` the file or data set (the window title).
        """
        self.session.load_points(X, columns, text, name)
        self.frame_new_points()

    def frame_new_points(self):
        """The view of points just loaded (a file, a data set, a session): equal axes when their columns have
        no names (drawn, two moons, blobs), else not (README), and every point in view."""
        if self.actions["aspect"].isChecked() != (self.session.points.columns is None):
            self.actions["aspect"].trigger()
        self.plot.fit_view()

    def _on_points_changed(self):
        self.plot.set_axis_labels(*self.session.points.axis_names)
        self.plot.set_points(self.session.points.X)
        self._stop()
        self.notices.show_standing(stale_notice(self.session))
        self._refresh()
        self.update_title()

    def update_title(self):
        """"name — gmmviz": the session file, else the data's file or data set; ``*`` while points are unsaved."""
        file_path = self.session.file_path
        name = file_path.name if file_path is not None else self.session.points.name
        self.setWindowTitle(f"{name}[*] — gmmviz" if name else "gmmviz[*]")
        self.setWindowModified(self.session.has_unsaved_points())

    def _update_undo_actions(self):
        stack = self.session.undo_stack
        for name, can, text in (("undo", stack.can_undo(), stack.undo_text()),
                                ("redo", stack.can_redo(), stack.redo_text())):
            action = self.actions[name]
            action.setEnabled(can)
            action.setText(f"&{name.capitalize()} {text}".rstrip())

    # -- EM commands --------------------------------------------------------------------------

    def initialise(self):
        """New initial parameters from the settings (or the mixture on screen)."""
        self._run("initialise")

    def e_step(self):
        self._run("e_step")

    def m_step(self):
        self._run("m_step")

    def step(self):
        self._run("step")

    def run_to_convergence(self):
        self._run("run")

    def toggle_play(self, checked=None):
        """Start Play, or pause it when it is running."""
        if self.runner.is_running and self.actions["play"].property("playing"):
            self._stop()
            return
        self._run("play")

    def set_mixture(self, mixture, e_step=False):
        """Start a new fit whose iteration 0 is ``mixture``; the Mixture panel takes its K and covariance type.

        With ``e_step`` (a fitted mixture: a Choose K candidate, a restart) the fit's first E-step is
        done too, so the points show their responsibilities and the history the mixture's
        log-likelihood, as they did at the end of its fit.
        """
        self.session.set_setting("n_components", mixture.n_components)
        self.session.set_setting("covariance_type", mixture.covariance_type)
        self._run("e_step" if e_step else "initialise", start=mixture)

    def cycle_covariance_type(self):
        current = COVARIANCE_TYPES.index(self.session.settings.covariance_type)
        self._set_setting("covariance_type", COVARIANCE_TYPES[(current + 1) % len(COVARIANCE_TYPES)])

    def _change_k(self, delta):
        self._set_setting("n_components", self.session.settings.n_components + delta)

    def _run(self, command, start=None):
        self._command = command
        playing = command == "play"
        job = self.session.plan(command, speed=lambda: self._play_speed, start=start)
        if job is None:
            return
        prepare_drawing = self.plot.drawing_preparer()

        def prepare(state):
            return None if state.resp is None else prepare_drawing(state.mixture, state.resp)

        self.actions["play"].setProperty("playing", playing)
        self.actions["play"].setChecked(playing)
        self.runner.start(warm_up.after_warm_up(job), prepare)     # never beside a warm-up still loading
        self._update_controls()

    def _stop(self):
        """Stop a running job; every state it delivered is recorded and the newest one drawn."""
        self._queued.clear()
        if self.runner.is_running:
            self.runner.stop()
            self._absorb_latest()
            self.session.settle()

    # -- settings -----------------------------------------------------------------------------

    def _set_setting(self, name, value):
        """Change a setting; a value the session refuses is reported and the panel shows the old one."""
        try:
            self.session.set_setting(name, value)
        except GmmvizError as exc:
            self.report(as_sentence(exc))
            self.settings_panel.show_settings(self.session.settings)

    def _on_setting_changed(self, name):
        self.settings_panel.show_settings(self.session.settings)
        self.notices.recheck(acted=True)
        if name in ("prior", "prior_values", "n_components", "covariance_type"):
            self._schedule_refresh()
        if name in ("n_components", "covariance_type"):     # once the change is whole (an edit: K, then the fit)
            QtCore.QTimer.singleShot(0, self, lambda: self.notices.show_standing(stale_notice(self.session)))
        self._update_controls()

    # -- worker signals -----------------------------------------------------------------------

    def _on_finished(self):
        self.actions["play"].setProperty("playing", False)
        self.actions["play"].setChecked(False)
        self._absorb_latest()
        self.session.settle()
        self._refresh()
        self.notices.recheck()          # "EM is running: pause it first" no longer holds
        # Why a whole run stopped where it did (single steps are the lecturer's own choice).
        advice = flat_start_warning(self.session.history) if self._command in ("run", "play") else None
        if advice:
            self.report(advice, "info")
        if self._queued:        # after every other view of this job's end has had its turn
            QtCore.QTimer.singleShot(0, self._run_queued)

    def _run_queued(self):
        queued, self._queued = self._queued, []
        if queued and not self.runner.is_running:
            self._run(queued[0])            # its plan stops what runs, which forgets the keys pressed
            if self.runner.is_running:      # not refused: the rest still wait
                self._queued = queued[1:]

    def _on_errored(self, message, details):
        self._queued.clear()
        if details:     # not a GmmvizError: a bug, shown in full rather than hidden
            print(details, file=sys.stderr)
            self.show_error(f"EM stopped on an internal error: {message}", details)
        else:
            self.report(as_sentence(message))

    def _absorb_latest(self):
        latest = self.runner.take_latest()
        if latest is not None:
            self._drawing = latest
            self.session.set_live(latest[0])

    def _redraw(self):
        self._absorb_latest()
        self._refresh()

    def _schedule_refresh(self):
        if not self.runner.is_running:
            self._refresh()
        elif not self._redraw_timer.isActive():
            # Redrawing a very large data set costs the GUI thread tens of milliseconds; fewer
            # frames leave more of the CPU to EM.
            large = len(self.session.points) > LARGE_DATA
            self._redraw_timer.start(REDRAW_INTERVAL_LARGE_MS if large else REDRAW_INTERVAL_MS)

    # -- display ------------------------------------------------------------------------------

    def _refresh(self):
        """Draw the state on screen and update the table, history panel, status bar and buttons.

        While EM runs, the side panels and the plot's contours and legend are each updated at
        most every ``PANEL_INTERVAL`` seconds and never in the same frame (points, ellipses and
        means on every frame): the whole window repaints in one go, and keeping every frame
        small keeps the GUI thread responsive with a million points.
        """
        session = self.session
        self.notices.update_standing(stale_notice(session))     # the fit is of the points and settings again
        state = session.state_on_screen()
        resp = session.resp_on_screen()
        drawn_state, drawing = self._drawing
        prepared = drawing if state is not None and drawn_state is state and resp is state.resp else None
        now = time.monotonic()
        running = self.runner.is_running
        overlays_due = not running or now - self._overlays_updated >= PANEL_INTERVAL
        self.plot.show_state(None if state is None else state.mixture, resp, prepared, quick=not overlays_due,
                             degenerate=() if state is None else state.degenerate)
        if overlays_due:
            self._overlays_updated = now
        # While running, never update the plot's overlays and the panels in the same frame.
        if running and (overlays_due or now - self._panels_updated < PANEL_INTERVAL):
            return
        self._panels_updated = now
        self.parameter_table.set_mixture(None if state is None else state.mixture,
                                         () if state is None else state.degenerate, session.points.axis_names)
        history = session.history
        self.history_panel.set_history(history.log_likelihoods(), session.shown_position(), history.breaks,
                                       history.posterior())
        # What the curve shows, as each value was computed (a prior just turned on is not yet in it).
        self._name_objective(history.objective_kinds(posterior=session.settings.prior))
        self.status_line.show_fields(status_fields(session, self.history_panel.n_decreases))
        self._update_controls()

    def _name_objective(self, kinds):
        """Title the history panel with what EM monitors (the plot's y axis has no room for it)."""
        title, dock = history_title(kinds), self.docks["history"]
        if dock.windowTitle() != title:
            dock.setWindowTitle(title)
            dock.toggleViewAction().setText("History")    # the View menu keeps the short name

    def _update_controls(self):
        running = self.runner.is_running
        for name in ("history_back", "history_forward", "k_up", "k_down"):
            self.actions[name].setEnabled(self.session.refusal(name) is None)
        for name in EM_COMMANDS:
            action = self.actions[name]
            reason = None if running and name != "reset" else self.session.refusal(name)
            playing = name == "play" and running and action.property("playing")
            action.setEnabled(playing or (not running and reason is None))
            tip = action.statusTip()
            action.setToolTip(f"{tip} ({action.shortcut().toString()})" + (f" — {reason}" if reason else ""))
        self.actions["play"].setText("Pause" if running and self.actions["play"].property("playing") else "Play")

    def keyPressEvent(self, event):
        """A key of a command that cannot run now says why, instead of doing nothing.

        The key of a step pressed while a step runs is done after it (``QUEUED_COMMANDS``). Esc closes
        the notice shown (while presenting, Esc leaves presentation mode instead).
        """
        if event.key() == QtCore.Qt.Key.Key_Escape and self.notices.isVisible():
            return self.notices.hide()
        pressed = QtGui.QKeySequence(event.keyCombination())
        for name in EXPLAINED:
            action = self.actions[name]
            exact = QtGui.QKeySequence.SequenceMatch.ExactMatch
            if not action.isEnabled() and any(key.matches(pressed) == exact for key in action.shortcuts()):
                if self.runner.is_running and name in QUEUED_COMMANDS and self._command in QUEUED_COMMANDS:
                    if not event.isAutoRepeat() and len(self._queued) < MAX_QUEUED:
                        self._queued.append(name)
                    return
                self._queued.clear()        # another command's key: the steps still waiting are not wanted
                reason = self.session.refusal(name)
                if reason:
                    self.notices.show_refusal(reason, holds=lambda: self.session.refusal(name) == reason)
                    return
        super().keyPressEvent(event)

    # -- messages -----------------------------------------------------------------------------

    def report(self, message, level="warning"):
        """Show a one-line notice over the plot (for commands, which must not block): "warning" or "info"."""
        self.notices.show_notice(message, level)

    def show_error(self, message, details=None):
        """Show a one-line error in a window-modal message box (does not block the caller).

        The text is shown as plain text: file names and file contents in it are never markup.
        """
        box = QtWidgets.QMessageBox(QtWidgets.QMessageBox.Icon.Warning, "gmmviz", message,
                                    QtWidgets.QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        if details:
            box.setDetailedText(details)
        box.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.last_error_box = box

    # -- window events ------------------------------------------------------------------------

    def dragEnterEvent(self, event):
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event):
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.load_file(paths[0])

    def closeEvent(self, event):
        # only a close by the user asks (File ▸ Quit asks before it closes); close() from code does not
        if event.spontaneous() and not self.file_commands.confirm_close():
            event.ignore()
            return
        self._queued.clear()
        self.runner.shutdown()
        super().closeEvent(event)
