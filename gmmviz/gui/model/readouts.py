"""The window's read-outs as text: what the status line says about the fit on screen (no Qt).

Decisions:

- A value is named with the iteration it belongs to: after an M-step the log-likelihood shown is
  the previous iteration's (a mixture's value is known after the next E-step).
- "change" is per point (scikit-learn's ``lower_bound_`` change, which ``tol`` is compared with).
- A fit that is out of date (points or settings changed since) shows no numbers, only that.
- Whether EM converged is said once a change has been measured: before the second E-step (a new fit,
  or a fitted mixture just loaded) there is nothing to judge it by, and "not converged" would be wrong
  for a Choose K candidate that its own fit took to convergence.
"""

from __future__ import annotations

import math

from gmmviz.core.covariance import regularisation_is_large
from gmmviz.gui.model.settings import CURRENT_PARAMETERS

#: The notice when the points change under a fit.
POINTS_CHANGED = ("The points changed: the fit on screen is out of date. Step (Space) continues from it, "
                  "Initialise (I) starts over.")

#: The read-outs, in the order they are shown.
FIELDS = ("points", "iteration", "objective", "change", "converged", "warnings")

_PHASE_NAMES = {"init": "initialised", "e": "after E-step", "m": "after M-step"}


def status_fields(session, n_decreases=0) -> dict:
    """``{field: text}`` for every name in :data:`FIELDS` ("" when there is nothing to say).

    Parameters
    ----------
    session : FitSession
    n_decreases : int
        Falls of the objective the history shows (a maximum-likelihood fit should have none).
    """
    fields = dict.fromkeys(FIELDS, "")
    n_points = len(session.points)
    fields["points"] = f"{n_points} point{'s' * (n_points != 1)}"
    state = session.state_on_screen()
    if state is None:
        fields["iteration"] = "no fit: press Initialise (I) or Step (Space)"
        return fields
    if session.is_stale:
        fields["iteration"] = f"iteration {state.iteration}: out of date (points or settings changed)"
        return fields
    live = session.shown_index is None
    fields["iteration"] = f"iteration {state.iteration} ({_PHASE_NAMES[state.phase] if live else 'history'})"
    value = session.value_on_screen()
    evaluated = state.iteration - 1 if live and state.phase == "m" else state.iteration
    objective = session.history.objective_name(evaluated, session.settings.prior)
    fields["objective"] = (f"{objective} of iteration {evaluated}: {value:.6g}" if math.isfinite(value)
                           else f"{objective}: not computed yet (E-step)")
    if live and math.isfinite(state.change):
        fields["change"] = f"change per point {state.change:.3g}"
    if live and (state.converged or math.isfinite(state.change)):
        fields["converged"] = "converged" if state.converged else "not converged"
    messages = list(state.warnings) if live else []
    if state.degenerate:
        names = ", ".join(str(k + 1) for k in state.degenerate)
        reg_covar = session.settings.reg_covar
        change = (f"reg_covar {reg_covar:g} is large for data of this spread: a smaller one"
                  if regularisation_is_large(session.points.X, reg_covar)
                  else "use fewer components, a larger reg_covar, the prior or more points")
        messages.append(f"degenerate component{'s' * (len(state.degenerate) > 1)}: {names} ({change})")
    if n_decreases and not session.settings.prior:
        messages.append("the log-likelihood decreased")
    fields["warnings"] = "; ".join(messages)
    return fields


def stale_notice(session) -> str | None:
    """The notice that the fit on screen is out of date (K or its covariance type, else the points), or None.

    None too without points (nothing to continue with) and when only the objective changed (the status
    says so; the prior's own panel is where that was done).
    """
    if not len(session.points):
        return None
    if session.model_changed:
        live, settings = session.live.mixture, session.settings
        k = settings.n_components
        if live.n_components != k:
            start = ("Step (Space) or Initialise (I) starts a new fit" if settings.init != CURRENT_PARAMETERS
                     else "choose an initialisation other than current parameters to start a new fit")
            return f"K is now {k}: the fit has {live.n_components} components. {start} with {k}."
        kind = settings.covariance_type
        return (f"The covariance type is now {kind}: Step (Space) continues from the fit with {kind} covariances, "
                "Initialise (I) starts over.")
    return POINTS_CHANGED if session.points_changed else None
