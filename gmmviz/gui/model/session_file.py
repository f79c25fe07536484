"""A :class:`FitSession` to and from a session file's :class:`gmmviz.io.session.Session`.

Decisions:

- A session file stores the half-steps of the history: iteration 0, then for each iteration its
  E-step (log-likelihood, change, convergence) and M-step, so a replay shows the same numbers.
- "Current parameters" as the initialisation is saved as the mixture of iteration 0 and comes
  back as "current parameters". A fit started from given parameters that the Initialisation did not
  name (a Choose K candidate, a restart, labels) is saved the same way, with the method the panel
  showed beside it, which comes back: after opening, Initialise does what it did before saving, and a
  new K still has a way to start. A saved prior comes back as the window's "MAP with a conjugate
  prior" (on), with the values that differ from the default for the session's points and K as the
  values the user set (:meth:`PriorValues.from_prior`).
- Opening checks everything first — the file (:func:`gmmviz.io.session.load_session` validates
  it whole) and the window's own limits (K of the fit, of the true mixture and of the comparison,
  the settings, the candidates: :func:`prepare_session`) — and then replaces the points (one undo
  step), the settings and the history in one go, so a file that cannot be shown changes nothing;
  the error names the file.
- The true mixture is saved with the true label of every point sampled from it; a session without
  one opens with no truth (the truth belongs to the session, as the points do).
- The Choose K sweep and the restarts are saved with every candidate's mixture, so a click after
  opening loads it without fitting again (:mod:`gmmviz.gui.model.candidates_file`); a session without
  them opens with the panels' defaults.
- The labels beside the points (the known labels of a label column and the painted ones) are saved
  per point and come back on the points opened; a session without them opens with none.
- Each iteration's value is saved with its kind (log-likelihood or log posterior: the prior can be
  turned on or off between steps) and with where the history's curve breaks (the points or the
  objective changed), and with what changed since the last step (the points, the objective: the next
  step starts the curve anew), so they come back as they were; a session without them opens with
  every value of its settings' kind, breaks at restarts only and nothing changed.
- The points' weights are saved per point (only when some point has one), and the noise setting (a
  volume kept as it is, :mod:`gmmviz.gui.model.settings`) and the locks with the settings; a session
  without them opens unweighted, without noise and unlocked.
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np

from gmmviz.core import Prior
from gmmviz.core.errors import GmmvizError
from gmmviz.gui.model.prior_values import PriorValues
from gmmviz.gui.model.candidates_file import apply_candidates, candidates_record, read_candidates
from gmmviz.gui.model.settings import CURRENT_PARAMETERS, MAX_COMPONENTS, WindowSettings
from gmmviz.gui.model.truth import NO_LABEL
from gmmviz.io.session import Session


def to_session(fit) -> Session:
    """The points, settings and history of ``fit`` (a FitSession) as a :class:`Session`."""
    settings = fit.settings
    history = fit.history
    stored = fit.fit_settings()
    live = fit.live
    states, positions = half_steps(history, len(fit.points), settings.tol, live)
    if fit.shown_index is None and live is not None and live.phase == "e":
        current = len(states) - 1
    else:
        current = positions[fit.shown_position()] if len(history) else 0
    given = not isinstance(stored.init, str) and settings.init != CURRENT_PARAMETERS
    return Session(points=fit.points.X, settings=stored, history=states, current=current,
                   initialisation=settings.init if given else None, candidates=candidates_record(fit),
                   columns=fit.points.columns, truth=truth_of(fit), compare=fit.comparison.to_dict(),
                   labels=fit.labels.to_record(), sample_weight=fit.weights.for_points(),
                   log_posterior=tuple(np.flatnonzero(history.posterior()).tolist()),
                   breaks=tuple(sorted(history.breaks)),
                   changed_since_fit=tuple(name for name, changed in (("points", fit.points_changed),
                                                                      ("objective", fit.objective_changed)) if changed))


def truth_of(fit):
    """``fit.truth`` as a session's ``truth`` (a mixture and the labels of the points), or None without one."""
    truth = fit.truth
    if truth.mixture is None:
        return None
    labels = truth.labels_of(fit.points.ids)
    return {"mixture": truth.mixture, "labels": labels if (labels != NO_LABEL).any() else None}


def restore_truth(fit, stored):
    """Give ``fit`` the truth of a session (None: no truth), its labels to the points as they are now."""
    fit.truth.set_mixture(None if stored is None else stored["mixture"])
    if stored is not None and stored["labels"] is not None:
        labelled = stored["labels"] != NO_LABEL
        fit.truth.remember_labels(fit.points.ids[labelled], stored["labels"][labelled])


def half_steps(history, n_samples, tol, live=None):
    """Every half-step of ``history`` (one EMState per iteration) as EMStates.

    The E-step of iteration i is rebuilt from the M-step of iteration i + 1, which carries that
    E-step's log-likelihood, change and convergence; otherwise (the last iteration, one EM
    restarted or went on with another objective after, or one whose value a file gave the E-step
    alone) from ``live`` when that is the E-step, or from the history's log-likelihood of iteration i.

    Returns
    -------
    states : list of EMState
    positions : list of int
        Index in ``states`` of each history entry.
    """
    log_likelihoods = history.log_likelihoods()
    breaks = history.breaks
    n_samples = max(n_samples, 1)
    states, positions = [], []
    for i, state in enumerate(history):
        positions.append(len(states))
        states.append(state)
        after = history[i + 1] if i + 1 < len(history) else None
        # The M-step after carries this E-step, unless EM went on from it afresh with another objective,
        # which leaves its value out (a break), or a file gave the two another value: the history's own then.
        carried = after is not None and after.phase == "m" and (
            after.log_likelihood == log_likelihoods[i] or not math.isfinite(log_likelihoods[i]))
        if carried:
            e_state = replace(after, iteration=state.iteration, phase="e", mixture=state.mixture,
                              warnings=(), degenerate=state.degenerate)
        elif after is None and live is not None and live.phase == "e" and live.iteration == state.iteration:
            e_state = replace(live, resp=None)
        elif math.isfinite(log_likelihoods[i]):
            mean = log_likelihoods[i] / n_samples
            previous = log_likelihoods[i - 1] / n_samples if i and i not in breaks else math.nan
            change = mean - previous if math.isfinite(previous) else math.nan
            e_state = replace(state, phase="e", log_likelihood=float(log_likelihoods[i]),
                              mean_log_likelihood=mean, change=change,
                              converged=bool(abs(change) < tol), warnings=())
        else:
            continue
        states.append(e_state)
    return states, positions


def check_components(session: Session) -> None:
    """GmmvizError when a mixture of ``session`` has more components than the window has colours."""
    result = (session.compare or {}).get("result")
    counts = {"fit": [session.settings.n_components] + [s.mixture.n_components for s in session.history],
              "true mixture": [] if session.truth is None else [session.truth["mixture"].n_components],
              "comparison": [] if result is None else [result["initial"].n_components]}
    for what, ks in counts.items():
        if max(ks, default=0) > MAX_COMPONENTS:
            raise GmmvizError(f"the session's {what} has {max(ks)} components, more than the {MAX_COMPONENTS} "
                              "the window shows")


def window_settings(session: Session) -> WindowSettings:
    """The window's settings for ``session``; GmmvizError when the window cannot show it."""
    stored = session.settings
    check_components(session)
    return WindowSettings(
        n_components=stored.n_components,
        covariance_type=stored.covariance_type,
        init=stored.init if isinstance(stored.init, str) else session.initialisation or CURRENT_PARAMETERS,
        seed=stored.seed,
        reg_covar=stored.reg_covar,
        tol=stored.tol,
        max_iter=stored.max_iter,
        prior=stored.prior is not None,
        prior_values=PriorValues.from_prior(stored.prior, session.points, stored.n_components, session.sample_weight)
        if isinstance(stored.prior, Prior) else PriorValues(),
        noise=False if stored.noise is None else stored.noise,
        freeze=stored.freeze,
    )


def prepare_session(session: Session):
    """``(WindowSettings, candidates)`` of ``session``: all the window computes and checks before it shows it.

    Raises
    ------
    GmmvizError
        If the window cannot show the session (K above its colours, a setting or candidate it refuses).
    """
    return window_settings(session), read_candidates(session.candidates)


def apply_session(fit, session: Session, path=None) -> None:
    """Make ``fit`` (a FitSession) show ``session`` (read from ``path``): points, settings, history, what is shown.

    Raises
    ------
    GmmvizError
        Before anything changes, if the window cannot show the session; naming ``path`` when given.
    """
    try:
        settings, candidates = prepare_session(session)
    except GmmvizError as exc:
        raise GmmvizError(str(exc) if path is None else f"cannot open {path} in the window: {exc}") from None
    live = session.history[-1] if session.history else None
    shown_state = session.history[session.current] if session.history else None
    fit.load_points(session.points, session.columns, "Open session")
    fit.set_settings(settings)
    fit.restore(session.history, None if shown_state is None else shown_state.iteration, live,
                given_start=not isinstance(session.settings.init, str), log_posterior=session.log_posterior,
                breaks=session.breaks, changed=session.changed_since_fit)
    restore_truth(fit, session.truth)
    apply_candidates(fit, candidates)
    fit.labels.restore(session.labels)
    fit.weights.restore(fit.points.ids, session.sample_weight)
    fit.comparison.restore(session.compare)
    # A session is a new document, as a file opened in an editor: nothing before it is undone. One step could
    # not take back its settings, labels and truth, and redone it would bring the points without their fit.
    fit.undo_stack.clear()
