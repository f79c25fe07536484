"""Undo steps that change the fit on screen as a whole: a mixture edited by hand, after which EM continues from
the edit, and a load of points, which drops the fit (:class:`PointsLoad`); undone, each puts the fit back.

Use (from any part of the window: surgery, drag handles, a truth editor, loading a chosen model)::

    new = session.mixture_on_screen().with_component_added([x, y])   # any Mixture will do
    session.edit_mixture(new, "Add component")      # one undo step; Ctrl+Z brings the old one back

:meth:`FitSession.edit_mixture <gmmviz.gui.model.fit_session.FitSession.edit_mixture>` raises
GmmvizError, and changes nothing, when the window cannot show the mixture (more components than
it has colours). It works with or without a fit on screen (without one, the edit is iteration 0)
and while a job runs (the job stops first, as for any change).

Decisions:

- An edit is a *restart*: the history gets an ``"init"`` state one iteration after the state on
  screen, holding exactly the edited mixture (no value yet: NaN), and the iterations after the one
  on screen go, as when stepping on from an earlier iteration. Step, Play and Run continue from
  that state, so the next E-step evaluates exactly the edited mixture. Its value is not compared
  with the one before (a *break*): a hand-made mixture may well be worse.
- The Mixture panel follows the edit: K and the covariance type become the edited mixture's, so
  an edit may change K and the next command continues rather than initialising afresh. Other
  settings change only when the caller passes them (``session.edit_mixture(new, text, freeze=...)``:
  the locks renumbered when components are removed).
- The edited state is the new live state: after an edit the fit is no longer out of date (the edit
  is on the points as they are now; its E-step will be on them).
- Undo returns to exactly what was there before the edit: the history (its values and breaks),
  the iteration on screen, the live state, the out-of-date flags and the settings the edit changed. Redo
  applies the edit again to what is on screen then (after undo, that is what the edit was made on).
- Loading points (a file, a data set) drops the fit the same way (:class:`PointsLoad`): undone, the
  points and the fit before them come back, so a data set chosen by mistake costs no prepared run.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np

from gmmviz.core import EMState
from gmmviz.core.em import collapsed_components


def edited_state(mixture, on_screen, reg_covar):
    """The history state an edit adds: ``mixture`` as a restart one iteration after ``on_screen``.

    Parameters
    ----------
    mixture : Mixture
    on_screen : EMState or None
        The state on screen when the edit is made (None: the edit is iteration 0).
    reg_covar : float
        The regularisation the degenerate check is measured against.
    """
    iteration = 0 if on_screen is None else on_screen.iteration + 1
    return EMState(iteration=iteration, phase="init", mixture=mixture, resp=None, log_likelihood=math.nan,
                   mean_log_likelihood=math.nan, change=math.nan, converged=False,
                   degenerate=tuple(int(k) for k in collapsed_components(mixture, reg_covar)))


@dataclass(frozen=True, eq=False)
class HistorySnapshot:
    """A :class:`~gmmviz.gui.model.history.History`'s contents, to be put back by :meth:`put_back`.

    Attributes
    ----------
    states : tuple of EMState
    log_likelihoods : ndarray of shape (len(states),)
    posterior : ndarray of bool, shape (len(states),)
    breaks : frozenset of int
    """

    states: tuple
    log_likelihoods: np.ndarray
    posterior: np.ndarray
    breaks: frozenset

    @classmethod
    def of(cls, history):
        return cls(tuple(history), history.log_likelihoods(), history.posterior(), history.breaks)

    def put_back(self, history):
        """Make ``history`` hold exactly these states, values and breaks."""
        history.clear()
        for state in self.states:
            history.record(state)
        for state, value, posterior in zip(self.states, self.log_likelihoods, self.posterior):
            if math.isfinite(value):     # an E-step state carries an iteration's value
                history.record(replace(state, phase="e", log_likelihood=float(value)), posterior)
        for index in self.breaks:
            history.mark_break(index)


@dataclass(frozen=True, eq=False)
class FitSnapshot:
    """What a FitSession shows and continues from, as it was before an edit or a load.

    Taken and put back by the session itself (:meth:`FitSession.show_edited_mixture` or
    :meth:`FitSession.drop_fit`, and :meth:`FitSession.return_to`); other code only passes it on.
    """

    history: HistorySnapshot
    live: EMState | None
    newest: EMState | None
    shown: int | None
    points_changed: bool
    objective_changed: bool
    pending_break: int | None
    #: The fit started from given parameters (see :meth:`FitSession.fit_settings`).
    given_start: bool
    #: The names of the settings the edit changed (put back as they were in ``settings``).
    edited: tuple
    #: The ids of the points the fit was computed on.
    fitted_ids: np.ndarray | None
    #: Every setting as it was (WindowSettings): a change of the objective since leaves the fit out of date.
    settings: object


class MixtureEdit:
    """The undo command of one edit of the mixture on screen (see the module docstring).

    Parameters
    ----------
    session : FitSession
    mixture : Mixture
        The edited mixture.
    text : str
        What the Edit menu says ("Undo Split component 2").
    settings : dict
        The settings that change with it, ``{name: value}`` (K and the covariance type at least).
    """

    def __init__(self, session, mixture, text, settings):
        self.text = text
        self._session = session
        self._mixture = mixture
        self._settings = dict(settings)
        self._before = None

    @property
    def mixture(self):
        return self._mixture

    def redo(self):
        self._before = self._session.show_edited_mixture(self._mixture, self._settings)

    def undo(self):
        self._session.return_to(self._before)


class PointsLoad:
    """The undo command of loading points: a ``ReplacePointsCommand`` that also drops the fit, and puts it back
    when undone.

    Parameters
    ----------
    session : FitSession
    replace : ReplacePointsCommand
        The new points, their columns and name.
    """

    #: As the replace it wraps: loaded data live in a file, nothing drawn is left unsaved.
    leaves_nothing_unsaved = True

    def __init__(self, session, replace):
        self.text = replace.text
        self._session = session
        self._replace = replace
        self._before = None

    def redo(self):
        self._before = self._session.drop_fit()
        self._replace.redo()

    def undo(self):
        self._replace.undo()
        self._session.return_to(self._before)
