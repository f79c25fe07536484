"""MAP against maximum likelihood, without Qt: compare mode, which fit is in front, and the two fits.

:class:`Comparison` (``FitSession.comparison``) holds whether the window compares, which of the two
fits is drawn in front, and the last :class:`ComparisonResult`: a maximum-likelihood fit and a MAP
fit from the same initial mixture. The plot draws both over the points (MLE solid, MAP dashed),
the Prior panel shows both objective values; the job is
:func:`gmmviz.gui.engine.comparison_job.comparison_job`, run with
:func:`gmmviz.gui.engine.background.run_with_progress`.

Decisions:

- Both fits start from the same initial mixture: iteration 0 of the run in the window when it has
  the settings' K (the mixture the user initialised, read or edited), else the Mixture panel's
  initialisation with its seed (drawn once, by maximum likelihood, and given to both). Each is then
  exactly ``gmmviz.fit(X, K, init=that mixture, …)`` with the panel's covariance type, reg_covar,
  tol and maximum iterations, without and with the prior (``prior_values``, whether the prior is
  on or off: the comparison is of the two).
- Each fit's objective is what its EM maximises: the log-likelihood for MLE, the log posterior
  (log-likelihood + log prior, :mod:`gmmviz.core.prior`) for MAP; the MAP fit's log-likelihood is
  kept too. A component collapsed onto a point or a line is marked as the core finds it
  (:func:`gmmviz.core.em.collapsed_components`).
- The result belongs to its points and settings: it is dropped when the points change and when a
  setting but the prior's on/off changes (the two fits do not depend on it), and compare mode ends
  with it, so a press of Compare after new points fits both rather than ending a mode showing nothing.
  New prior values are the exception: the mode stays and the window fits both with them again (the
  prior's ellipse is dragged in compare mode). The front always stays.
- A session stores the mode, the front and the result (two mixtures and a few numbers): opening a
  session shows the comparison at once instead of fitting twice more.
"""

from __future__ import annotations

from dataclasses import dataclass

from gmmviz.core import Mixture, Prior
from gmmviz.core.errors import GmmvizError
from gmmviz.gui.model.events import Event

#: The two fits, in the order the job fits them.
KINDS = ("mle", "map")
#: The numbers kept of each fit (the fields of ComparisonFit).
_FIT_FIELDS = ("mixture", "objective", "log_likelihood", "n_iter", "converged", "degenerate")
#: What each fit's objective is called.
OBJECTIVE_NAMES = {"mle": "log-likelihood", "map": "log posterior"}


@dataclass(frozen=True, eq=False)
class ComparisonFit:
    """Where one of the two fits ended.

    Attributes
    ----------
    mixture : Mixture
    objective : float
        What its EM maximised: the log-likelihood (MLE) or the log posterior (MAP).
    log_likelihood : float
        The log-likelihood of the points under ``mixture``.
    n_iter : int
    converged : bool
    degenerate : tuple of int
        0-based indices of collapsed components.
    """

    mixture: Mixture
    objective: float
    log_likelihood: float
    n_iter: int
    converged: bool
    degenerate: tuple = ()


@dataclass(frozen=True, eq=False)
class ComparisonResult:
    """A maximum-likelihood fit and a MAP fit from the same ``initial`` mixture, with the ``prior`` of the MAP one."""

    initial: Mixture
    prior: Prior
    mle: ComparisonFit
    map: ComparisonFit

    def fit(self, kind) -> ComparisonFit:
        """The fit ``kind`` ("mle" or "map")."""
        return self.mle if kind == "mle" else self.map


def fit_summary(kind, fit):
    """One line for fit ``kind`` ("mle" or "map"): its objective value, and which components collapsed."""
    text = f"{kind.upper()}: {OBJECTIVE_NAMES[kind]} {fit.objective:.6g}"
    if fit.degenerate:
        text += f", component {', '.join(str(k + 1) for k in fit.degenerate)} degenerate"
    return text


class Comparison:
    """Compare mode, the fit in front and the last result.

    Events
    ------
    changed()
        The mode, the front or the result changed.
    """

    def __init__(self):
        self.changed = Event()
        self._mode = False
        self._front = "map"
        self._result = None

    @property
    def mode(self) -> bool:
        """True while the window compares MLE with MAP."""
        return self._mode

    @property
    def front(self) -> str:
        """The fit drawn in front, "mle" or "map"."""
        return self._front

    @property
    def result(self) -> ComparisonResult | None:
        return self._result

    def set_mode(self, on):
        if bool(on) != self._mode:
            self._mode = bool(on)
            self.changed.emit()

    def set_front(self, kind):
        """Draw fit ``kind`` ("mle" or "map") in front; GmmvizError for another name."""
        if kind not in KINDS:
            raise GmmvizError(f"the fit in front is mle or map, got {kind!r}")
        if kind != self._front:
            self._front = kind
            self.changed.emit()

    def set_result(self, result):
        """Show ``result`` (a :class:`ComparisonResult`, or None for none)."""
        self._result = result
        self.changed.emit()

    def clear(self, *_):
        """Drop the result and leave compare mode (its points or settings changed: nothing is compared)."""
        if self._result is not None or self._mode:
            self._result, self._mode = None, False
            self.changed.emit()

    def to_dict(self):
        """The session file's form (:class:`gmmviz.io.session.Session` ``compare``), None when there is nothing to keep."""
        result = self._result
        if not self._mode and result is None:
            return None
        fits = {} if result is None else {kind: {name: getattr(result.fit(kind), name) for name in _FIT_FIELDS}
                                          for kind in KINDS}
        return {"mode": self._mode, "front": self._front,
                "result": None if result is None else {"initial": result.initial, "prior": result.prior, **fits}}

    def restore(self, stored):
        """Show what :meth:`to_dict` gave (read from a session file); None: no comparison, mode off."""
        stored = stored or {"mode": False, "front": "map", "result": None}
        result = stored["result"]
        self._mode, self._front = stored["mode"], stored["front"]
        self._result = None if result is None else ComparisonResult(
            result["initial"], result["prior"], *(ComparisonFit(**result[kind]) for kind in KINDS))
        self.changed.emit()

    def on_setting_changed(self, name):
        """Drop the result unless only the prior's on/off changed; the mode stays for new prior values, which
        the window fits both with again (see the module docstring)."""
        if name == "prior_values":
            self.set_result(None)
        elif name != "prior":
            self.clear()
