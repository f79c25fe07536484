"""The interactive fit: one object that holds what the window shows, with no Qt.

:class:`FitSession` owns the points (with their undo stack), the settings, the EM history with the
iteration on screen, and the live state (the newest ``EMState``, with responsibilities when
known). The window, plot, panels, file commands and exports read it and observe its events; none
keeps a copy. EM itself runs as jobs (:mod:`gmmviz.gui.engine.jobs`) that the session plans and
whose states it records.

Decisions (what an EM command continues from):

- EM always continues from the iteration on screen: the newest one, or an earlier one chosen in
  the history (stepping on from there drops the later iterations).
- Editing the points, or changing the covariance type, reg_covar or the prior, keeps the mixture
  on screen and the history: the points are coloured by the mixture shown, and the next command
  continues from it on the new points with the new settings (projected onto a new covariance
  type). The history keeps numbering; a change of the points or of the objective is a *break*,
  and values on either side are not compared.
- Changing K leaves the mixture on screen until the next command, which initialises afresh (as
  Initialise always does). Loading points (a file, a data set, a session) starts over with no fit.
- Reset goes back to iteration 0 and drops the rest, so the same run can be replayed.
- A command that cannot run now changes nothing and says why through :attr:`FitSession.message`.
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np

from gmmviz.core import EMState
from gmmviz.gui.engine.jobs import em_job
from gmmviz.gui.model.comparison import Comparison
from gmmviz.gui.model.events import Event
from gmmviz.gui.model.history import History
from gmmviz.gui.model.mixture_edits import FitSnapshot, HistorySnapshot, MixtureEdit, PointsLoad, edited_state
from gmmviz.gui.model.point_labels import PointLabels
from gmmviz.gui.model.point_weights import PointWeights
from gmmviz.gui.model.points import AddPointsCommand, PointSet, ReplacePointsCommand
from gmmviz.gui.model.restarts import Restarts
from gmmviz.gui.model.selection_results import SelectionResults
from gmmviz.gui.model.settings import CURRENT_PARAMETERS, MAX_COMPONENTS, WindowSettings, same_setting
from gmmviz.gui.model.truth import Truth
from gmmviz.gui.model.undo import UndoStack

NO_POINTS = "There are no points: add some with the mouse (click or spray) or open a file first."
NEEDS_E_STEP = "The M-step needs responsibilities: do an E-step (E) first."


class FitSession:
    """Points, settings, history and live state of the fit in the window.

    Events
    ------
    about_to_change()
        Before the points, the settings or the fit change (the window stops a running job).
    fit_changed()
        The history, the live state or the iteration on screen changed (a change of the points
        is announced by ``points.changed`` alone).
    settings_changed(name)
        Setting ``name`` changed.
    message(text)
        A one-line notice for the user (a command refused or a recovery).
    """

    def __init__(self):
        self.about_to_change = Event()
        self.fit_changed = Event()
        self.settings_changed = Event()
        self.message = Event()
        self.points = PointSet()
        #: The true mixture and the true labels of points sampled from it (:mod:`gmmviz.gui.model.truth`).
        self.truth = Truth()
        #: Known labels from a label column and painted labels (:mod:`gmmviz.gui.model.point_labels`).
        self.labels = PointLabels(self.points)
        #: The points' frequency weights, by id (:mod:`gmmviz.gui.model.point_weights`).
        self.weights = PointWeights(self.points)
        self.undo_stack = UndoStack()
        self.history = History()
        self._settings = WindowSettings()
        self._live = None
        self._newest = None
        self._shown = None
        self._points_changed = False     # since the live state was computed
        self._fitted_ids = None          # the ids of the points it was computed on
        self._objective_changed = False
        self._pending_break = None
        self._job_posterior = False      # the running job's E-steps compute a log posterior
        self._given_start = False        # the fit started from given parameters, not an initialisation method
        self._resp_cache = (None, None)
        #: The session file (``.gmmviz``) this fit was last saved to or opened from, or None.
        self.file_path = None
        #: The Choose K sweep and the restarts; both belong to the points and go when they change.
        self.selection = SelectionResults()
        self.restarts = Restarts()
        self.points.changed.connect(self.selection.clear)
        self.points.changed.connect(self.restarts.clear)
        #: MAP against maximum likelihood: compare mode, the fit in front, the two fits (dropped with the points).
        self.comparison = Comparison()
        self.points.changed.connect(self.comparison.clear)
        self.settings_changed.connect(self.comparison.on_setting_changed)
        self.points.changed.connect(self._on_points_changed)
        self.undo_stack.changed.connect(self._on_undo_changed)

    # -- reading ----------------------------------------------------------------------------------

    @property
    def settings(self):
        """The current :class:`~gmmviz.gui.model.settings.WindowSettings`."""
        return self._settings

    @property
    def live(self):
        """The newest ``EMState`` of the fit (``resp`` when known), or None before a fit."""
        return self._live

    @property
    def shown_index(self):
        """History index on screen, or None when the live state is shown."""
        return self._shown

    def shown_position(self):
        """History index on screen, the newest when the live state is shown (-1 without a history)."""
        return len(self.history) - 1 if self._shown is None else self._shown

    def state_on_screen(self):
        """The ``EMState`` whose mixture is on screen, or None."""
        return self.history[self._shown] if self._shown is not None else self._live

    def mixture_on_screen(self):
        state = self.state_on_screen()
        return None if state is None else state.mixture

    def fit_settings(self):
        """The core's :class:`~gmmviz.core.settings.FitSettings` of the fit in the history, for its records.

        They are the window's, with the fit's first mixture as ``init`` when the fit started from given
        parameters (current parameters, a Choose K candidate, a restart, labels), so a session file or a
        fit record says "parameters" instead of an initialisation method that would not give this fit.
        """
        settings = self._settings
        initial = self.history[0].mixture if len(self.history) else None
        if self._given_start and initial is not None:
            settings = settings.changed(init=CURRENT_PARAMETERS)
        return settings.fit_settings(initial, self.points.X, self.weights.for_points())

    def resp_on_screen(self):
        """P(k | x) of the points under the mixture on screen, shape (n_samples, K), or None.

        The live state's own responsibilities when they belong to these points; otherwise
        computed (and kept for the last mixture asked about).
        """
        state = self.state_on_screen()
        X = self.points.X
        if state is None or not len(X):
            return None
        mixture = state.mixture
        if self._shown is None and not self._points_changed:
            if state.resp is not None and len(state.resp) == len(X):
                return state.resp
            if state.phase == "init":
                return None         # no E-step yet: the points have no colours
            if state.phase == "m":  # the colours after an M-step are those of the E-step before it
                mixture = self.history[state.iteration - 1].mixture
        return self.responsibilities(mixture)

    def responsibilities(self, mixture):
        """P(k | x) of the points under ``mixture``, (n_samples, K); kept for the last mixture asked about."""
        if self._resp_cache[0] is not mixture:
            self._resp_cache = (mixture, mixture.predict_proba(self.points.X))
        return self._resp_cache[1]

    @property
    def is_stale(self):
        """True when the points or the objective changed since the fit was computed, or K or its covariance type."""
        return self._live is not None and (self._points_changed or self._objective_changed or self.model_changed)

    @property
    def model_changed(self):
        """True when K or the covariance type is no longer the fit's (its newest state's; an edit changes both)."""
        mixture, settings = None if self._live is None else self._live.mixture, self._settings
        return mixture is not None and (mixture.n_components, mixture.covariance_type) != (
            settings.n_components, settings.covariance_type)

    @property
    def points_changed(self):
        """True when the points changed since the fit was computed."""
        return self._live is not None and self._points_changed

    @property
    def objective_changed(self):
        """True when the prior or ``reg_covar`` changed since the fit was computed (its next value is not compared)."""
        return self._live is not None and self._objective_changed

    def value_on_screen(self):
        """The objective (log-likelihood, or log posterior with the prior) of the mixture on screen's E-step.

        For the live state, the value its last E-step computed (of the mixture before the M-step
        that followed); for an earlier iteration, the value of its own mixture. NaN when unknown.
        """
        if self._shown is not None:
            return float(self.history.log_likelihoods()[self._shown])
        return math.nan if self._live is None else self._live.log_likelihood

    # -- settings ---------------------------------------------------------------------------------

    def set_setting(self, name, value):
        """Change one setting (checked first; a bad value raises GmmvizError and changes nothing)."""
        settings = self._settings.changed(**{name: value})
        if same_setting(getattr(self._settings, name), getattr(settings, name)):
            return
        self.about_to_change.emit()
        if self._settings.changes_objective(settings):
            self._objective_changed = True
        self._settings = settings
        self.settings_changed.emit(name)

    def set_settings(self, settings):
        """Replace all settings (e.g. from a session file)."""
        for name in ("n_components", "covariance_type", "init", "seed", "reg_covar", "tol", "max_iter",
                     "prior", "prior_values", "noise", "freeze"):
            self.set_setting(name, getattr(settings, name))

    # -- points -----------------------------------------------------------------------------------

    def load_points(self, X, columns=None, text="Load points", name=None):
        """Replace the points and start over with no fit, as one undo step that brings both back.

        ``columns`` are the two column names and ``name`` the file or data set, when known. New
        data start a new session: Save asks for a file rather than overwriting the last one.
        """
        self.about_to_change.emit()
        self.file_path = None
        self.undo_stack.push(PointsLoad(self, ReplacePointsCommand(self.points, X, text, columns, name)))

    def clear_points(self):
        """Remove all points (one undo step); the fit on screen stays, out of date."""
        if len(self.points):
            self.about_to_change.emit()
            self.undo_stack.push(ReplacePointsCommand(self.points, [], "Clear points", self.points.columns,
                                                      self.points.name))

    def add_points(self, X, text="Add points"):
        """Append points ``X`` (n_samples, 2) as one undo step; the fit on screen stays, out of date."""
        self.about_to_change.emit()
        self.undo_stack.push(AddPointsCommand(self.points, X, text))

    def has_unsaved_points(self):
        """True when points were drawn or erased since the last load or save."""
        return not self.undo_stack.is_clean() and len(self.points) > 0

    # -- EM ---------------------------------------------------------------------------------------

    def plan(self, command, speed=None, start=None):
        """The job that runs ``command`` now, or None (and a :attr:`message`) when it cannot run.

        Planning sets the session up for the job's states: a new initialisation clears the fit,
        and the iteration on screen becomes the one the job continues from. Record every state the
        job yields with :meth:`record`.

        Parameters
        ----------
        command : {"initialise", "e_step", "m_step", "step", "run", "play"}
        speed : callable, optional
            For "play": iterations per second.
        start : Mixture, optional
            The initial parameters of a new fit, instead of the initialisation setting or the state
            on screen ("initialise" stops there, "e_step" does the new fit's first E-step).
        """
        begin = self._starting_point(command, start)
        if isinstance(begin, str):
            return self._refuse(begin)
        start, announce = begin
        # An edit of the mixture undone is not redone over what EM computes from now on (nor its locks).
        self.undo_stack.drop_redo(keep=lambda command: not isinstance(command, MixtureEdit))
        self.about_to_change.emit()
        if not isinstance(start, EMState):
            self._clear_fit()
            self._given_start = not isinstance(start, str)
        elif announce and (self._points_changed or self._objective_changed or self._retyped(start)):
            self._pending_break = start.iteration       # marked when the job records it
        self._shown = None
        self._points_changed = self._objective_changed = False
        self._fitted_ids = self.points.ids
        self._job_posterior = self._settings.prior
        return em_job(self.points.X, self._settings, start, command, announce, speed, self.weights.for_points())

    def _retyped(self, start):
        """Whether EM goes on from ``start`` with another covariance type than the state on screen's."""
        shown = self.state_on_screen()
        return shown is not None and start.mixture.covariance_type != shown.mixture.covariance_type

    def refusal(self, command):
        """Why ``command`` cannot run now (one sentence), or None when it can.

        ``command`` is one of :meth:`plan`'s, or "reset", "history_back", "history_forward" (a step in
        the history), "k_up", "k_down" (one component more or fewer), "undo" or "redo": the window's
        keys that say why they do nothing.
        """
        if command in ("k_up", "k_down"):
            k = self._settings.n_components
            within = 1 <= k + (1 if command == "k_up" else -1) <= MAX_COMPONENTS
            return None if within else f"K is already {k}: the window shows 1 to {MAX_COMPONENTS} components."
        if command in ("history_back", "history_forward"):
            if not len(self.history):
                return "There is no fit yet: press Initialise (I) or Step (Space) first."
            position = self.shown_position() + (-1 if command == "history_back" else 1)
            if position < 0:
                return "This is iteration 0, the first of the history."
            return "This is the newest iteration of the history." if position >= len(self.history) else None
        if command in ("undo", "redo"):
            return None if getattr(self.undo_stack, f"can_{command}")() else f"There is nothing to {command}."
        if command == "reset":
            return None if len(self.history) else "There is no run to reset yet: press Initialise (I) first."
        begin = self._starting_point(command)
        return begin if isinstance(begin, str) else None

    def _starting_point(self, command, start=None):
        """``(start, announce)`` for :func:`em_job`, or the sentence saying why ``command`` cannot run."""
        if not len(self.points):
            return NO_POINTS
        settings = self._settings
        if start is None and command != "initialise":
            start = self._continuation()
        announce = True
        if start is None:
            start = settings.init
            if start == CURRENT_PARAMETERS:
                start = self.mixture_on_screen()
                if start is None or start.n_components != settings.n_components:
                    return (f"There is no mixture with {settings.n_components} components on screen to start "
                            "from: choose another initialisation.")
        elif start is self.state_on_screen():
            announce = False
        if command == "m_step" and not (isinstance(start, EMState) and start.phase == "e"):
            return NEEDS_E_STEP
        return start, announce

    def record(self, state):
        """Take note of a state a job yielded (without ``resp``; see :meth:`set_live`)."""
        self.history.record(state, self._job_posterior)
        if state.iteration == self._pending_break and state.phase != "e":
            self.history.mark_break(state.iteration)
            self._pending_break = None
        self._newest = state
        if self._live is None:
            self._live = state
        self.fit_changed.emit()

    def set_live(self, state):
        """Show ``state`` (a recorded state, with its ``resp``) as the live state."""
        self._live = state
        self.fit_changed.emit()

    def settle(self):
        """After a job: make the newest recorded state the live one if the drawing lagged behind."""
        newest, live = self._newest, self._live
        if newest is not None and (live is None or (live.iteration, live.phase) != (newest.iteration, newest.phase)):
            self.set_live(newest)

    def report(self, text):
        """Pass a one-line notice on to whoever shows messages."""
        self.message.emit(text)

    # -- the history ------------------------------------------------------------------------------

    def show_iteration(self, index):
        """Show history entry ``index`` (the newest follows the live state)."""
        if not len(self.history):
            return
        index = min(max(int(index), 0), len(self.history) - 1)
        shown = None if index == len(self.history) - 1 else index
        if shown != self._shown:
            self.about_to_change.emit()
            self._shown = shown
            self.fit_changed.emit()

    def step_history(self, delta):
        """Show the iteration ``delta`` before (-) or after (+) the one on screen."""
        if len(self.history):
            self.show_iteration(self.shown_position() + delta)

    def reset(self):
        """Back to iteration 0; the next command starts the same run again."""
        if not len(self.history):
            return
        self.about_to_change.emit()
        first = self.history[0]
        self.history.record(first)
        self._live = self._newest = first
        self._shown = None
        self._points_changed = self._objective_changed = False
        self._fitted_ids = self.points.ids
        self.fit_changed.emit()

    def restore(self, states, shown=None, live=None, given_start=False, log_posterior=None, breaks=(),
                changed=()):
        """Replace the fit by ``states``: EMStates in order from iteration 0, half-steps or whole iterations.

        E-step states give their iteration's value (as in a session file's history). ``shown`` is
        the history index to show (default: the newest), ``live`` the newest state (default: the
        last iteration recorded; an E-step state when the session was saved after one).
        ``given_start``: the fit started from given parameters (see :meth:`fit_settings`).
        ``log_posterior``: the iterations whose value is a log posterior (None: all when the prior is
        on); ``breaks``: iterations not compared with the one before, besides the restarts; ``changed``:
        what changed since the fit was computed, of "points" and "objective" (see :attr:`points_changed`).
        """
        self.about_to_change.emit()
        self._clear_fit()
        self._given_start = bool(given_start) and bool(states)
        for state in states:
            posterior = self._settings.prior if log_posterior is None else state.iteration in log_posterior
            self.history.record(state, posterior)
            if state.phase == "init" and state.iteration:     # a restart (an edit) is never compared
                self.history.mark_break(state.iteration)
        for index in breaks:
            self.history.mark_break(index)
        if len(self.history):
            self._points_changed, self._objective_changed = "points" in changed, "objective" in changed
            if self._points_changed:
                self._fitted_ids = None         # no undo brings back points the file does not hold
            self._live = self._newest = live if live is not None else self.history[-1]
            last = len(self.history) - 1
            self._shown = None if shown is None or shown >= last else max(int(shown), 0)
        self.fit_changed.emit()

    # -- editing the mixture (see gmmviz.gui.model.mixture_edits) ----------------------------------

    def edit_mixture(self, mixture, text="Edit mixture", **settings):
        """Show ``mixture`` instead of the mixture on screen, as one undo step; EM continues from it.

        K and the covariance type follow the mixture; ``settings`` are other settings that change
        with it (``freeze`` renumbered). Raises GmmvizError, changing nothing, when the window cannot
        show it.
        """
        changes = {"n_components": mixture.n_components, "covariance_type": mixture.covariance_type, **settings}
        self._settings.changed(**changes)
        self.undo_stack.push(MixtureEdit(self, mixture, text, changes))

    def show_edited_mixture(self, mixture, settings):
        """Make ``mixture`` a restart after the state on screen, with ``settings`` ({name: value}), without
        an undo step (MixtureEdit's part).

        Returns the :class:`~gmmviz.gui.model.mixture_edits.FitSnapshot` that :meth:`return_to` puts back.
        """
        self.about_to_change.emit()
        before = self._snapshot(settings)
        for name, value in settings.items():
            self.set_setting(name, value)
        state = edited_state(mixture, self.state_on_screen(), self._settings.reg_covar)
        self.history.record(state)
        self.history.mark_break(state.iteration)
        self._live = self._newest = state
        self._shown = self._pending_break = None
        self._points_changed = self._objective_changed = False
        self._fitted_ids = self.points.ids
        self.fit_changed.emit()
        return before

    def drop_fit(self):
        """Start over with no fit (a load's part); returns the snapshot :meth:`return_to` puts back."""
        before = self._snapshot(())
        self._clear_fit()
        return before

    def return_to(self, snapshot):
        """Put back what :meth:`show_edited_mixture` or :meth:`drop_fit` returned (undoing an edit or a load)."""
        self.about_to_change.emit()
        for name in snapshot.edited:
            self.set_setting(name, getattr(snapshot.settings, name))
        snapshot.history.put_back(self.history)
        self._live, self._newest, self._shown = snapshot.live, snapshot.newest, snapshot.shown
        self._points_changed, self._objective_changed = snapshot.points_changed, snapshot.objective_changed
        self._pending_break, self._given_start = snapshot.pending_break, snapshot.given_start
        self._fitted_ids = snapshot.fitted_ids
        # A setting changed since (the collapse example turns the prior off as it loads) keeps its mark.
        self._objective_changed |= snapshot.settings.changes_objective(self._settings)
        self.fit_changed.emit()

    # -- internals --------------------------------------------------------------------------------

    def _continuation(self):
        """The state the next command continues from, or None when it must initialise afresh."""
        state = self.state_on_screen()
        settings = self._settings
        if state is None or state.mixture.n_components != settings.n_components:
            return None
        changed_type = state.mixture.covariance_type != settings.covariance_type
        if not (self._points_changed or self._objective_changed or changed_type):
            return state
        mixture = state.mixture.with_covariance_type(settings.covariance_type) if changed_type else state.mixture
        # The changed state is a new starting point: its value is to be computed on the new terms.
        # It stays a restart where its iteration began as one (iteration 0, an edit).
        phase = self.history[state.iteration].phase
        return replace(state, phase="init" if phase == "init" else "m", mixture=mixture, resp=None,
                       log_likelihood=math.nan, mean_log_likelihood=math.nan, change=math.nan,
                       converged=False, warnings=())

    def _snapshot(self, edited):
        """A FitSnapshot of the fit now, before an edit of the settings named in ``edited``."""
        return FitSnapshot(HistorySnapshot.of(self.history), self._live, self._newest, self._shown,
                           self._points_changed, self._objective_changed, self._pending_break, self._given_start,
                           tuple(edited), self._fitted_ids, self._settings)

    def _clear_fit(self):
        self.history.clear()
        self._given_start = False
        self._live = self._newest = None
        self._shown = None
        self._points_changed = self._objective_changed = False
        self._fitted_ids = self.points.ids
        self._resp_cache = (None, None)

    def _refuse(self, text):
        self.message.emit(text)
        return None

    def _on_points_changed(self):
        # Observers of the points redraw the fit with them; fit_changed would come too early.
        if self._live is not None:      # changed, unless undone back to the very points of the fit
            self._points_changed = self._fitted_ids is None or not np.array_equal(self.points.ids, self._fitted_ids)
        self._resp_cache = (None, None)

    def _on_undo_changed(self):
        # Loading a file, a data set or a session (or clearing) leaves nothing to save.
        last = self.undo_stack.last()
        if getattr(last, "leaves_nothing_unsaved", False) and not self.undo_stack.is_clean():
            self.undo_stack.set_clean()

