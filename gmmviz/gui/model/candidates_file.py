"""The Choose K sweep and the restarts of a :class:`FitSession` to and from a session file's ``candidates``.

The file's side is :mod:`gmmviz.io.session_candidates`; this module turns the window's model objects
(:mod:`gmmviz.gui.model.selection_results`, :mod:`gmmviz.gui.model.restarts`) into its plain values and back.
Reading checks the window's own limits too (K up to 20, 2 to 1000 restarts) before anything changes, as the
rest of a session is checked (:func:`gmmviz.gui.model.session_file.apply_session`).
"""

from __future__ import annotations

from dataclasses import asdict

from gmmviz.core.errors import GmmvizError
from gmmviz.gui.model.restarts import Restart, RestartRun, Restarts
from gmmviz.gui.model.selection_results import Sweep, SweepRequest
from gmmviz.gui.model.settings import MAX_COMPONENTS


def candidates_record(fit) -> dict:
    """The ``candidates`` of ``fit`` (a FitSession), as :func:`gmmviz.io.session_candidates.candidates_to_json` takes them."""
    selection, restarts = fit.selection, fit.restarts
    sweep, run = selection.sweep, restarts.run
    return {
        "choose_k": {"request": asdict(selection.request),
                     "sweep": None if sweep is None else {"settings": sweep.settings, "rows": sweep.rows,
                                                         "mixtures": sweep.mixtures}},
        "restarts": {"count": restarts.count,
                     "run": None if run is None else {"settings": run.settings,
                                                     "restarts": [_restart_values(r) for r in run.restarts]}},
    }


def read_candidates(record):
    """``(SweepRequest, Sweep or None, restart count, RestartRun or None)`` of a file's ``candidates``.

    ``record`` None (a file without them) gives the defaults. Raises GmmvizError when the window cannot show them.
    """
    if record is None:
        return SweepRequest(), None, Restarts().count, None
    choose_k, restarts = record["choose_k"], record["restarts"]
    request = SweepRequest(**choose_k["request"])
    sweep = choose_k["sweep"]
    if sweep is not None:
        largest = max((row.n_components for row in sweep["rows"]), default=1)
        if largest > MAX_COMPONENTS:
            raise GmmvizError(f"the session's Choose K sweep goes to K = {largest}, more than the "
                              f"{MAX_COMPONENTS} the window shows: compare such K with gmmviz select")
        sweep = Sweep(sweep["settings"], tuple(sweep["rows"]), tuple(sweep["mixtures"]))
    Restarts().set_count(restarts["count"])      # checked as the panel checks it
    run = restarts["run"]
    if run is not None:
        if run["settings"].n_components > MAX_COMPONENTS:
            raise GmmvizError(f"the session's restarts have {run['settings'].n_components} components, more "
                              f"than the {MAX_COMPONENTS} the window shows: run them with gmmviz fit --n-init")
        run = RestartRun.of(run["settings"], (Restart(**values) for values in run["restarts"]))
    return request, sweep, restarts["count"], run


def apply_candidates(fit, candidates):
    """Show what :func:`read_candidates` returned in ``fit`` (after its points are loaded)."""
    request, sweep, count, run = candidates
    fit.selection.set_request(**asdict(request))
    fit.selection.set_sweep(sweep)
    fit.restarts.set_count(count)
    fit.restarts.set_run(run)


def _restart_values(restart) -> dict:
    return {"seed": restart.seed, "log_likelihood": restart.log_likelihood, "n_iter": restart.n_iter,
            "converged": restart.converged, "degenerate": restart.degenerate, "mixture": restart.mixture}
