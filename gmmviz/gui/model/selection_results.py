"""The Choose K sweep of the window, without Qt: what to fit, and the candidates fitted.

:class:`SelectionResults` (``FitSession.selection``) holds the :class:`SweepRequest` the Choose K panel is
set to and the last :class:`Sweep`, and announces changes with ``changed``; the panel shows it, and the
job that fits the candidates is :func:`gmmviz.gui.engine.fit_jobs.sweep_job`.

Decisions:

- The criterion only ranks: every candidate carries BIC, AIC and ICL, so choosing another criterion
  after a sweep marks another best without fitting again.
- A sweep belongs to the points it was fitted to: any change of the points (an edit, an undo, new data)
  drops it, so what the panel plots always describes the points on screen.
- The tolerance, reg_covar, maximum iterations, prior and noise component are the Mixture panel's at the
  time of the sweep (kept in :attr:`Sweep.settings`); K, the covariance types, n_init and the seed are the
  panel's own. The candidates are fitted to the points with their weights; the locks take no part (they
  name components of one K).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from gmmviz.core.covariance import COVARIANCE_TYPES
from gmmviz.core.errors import GmmvizError
from gmmviz.core.selection import CRITERIA, rank
from gmmviz.core.settings import FitSettings, check_setting
from gmmviz.gui.model.events import Event
from gmmviz.gui.model.settings import MAX_COMPONENTS


@dataclass(frozen=True)
class SweepRequest:
    """What the next sweep fits: K = 1…``max_k`` × ``covariance_types``, ranked by ``criterion``."""

    max_k: int = 6
    covariance_types: tuple = COVARIANCE_TYPES
    criterion: str = "bic"
    n_init: int = 1
    seed: int = 0

    def __post_init__(self):
        max_k = check_setting("n_components", self.max_k)
        if max_k > MAX_COMPONENTS:
            raise GmmvizError(f"Choose K goes up to K = {MAX_COMPONENTS}, got {max_k}: use gmmviz select for more")
        types = tuple(t for t in COVARIANCE_TYPES if t in self.covariance_types)
        unknown = set(self.covariance_types) - set(types)
        if unknown or not types:
            raise GmmvizError(f"choose one or more covariance types of {', '.join(COVARIANCE_TYPES)}, "
                              f"got {', '.join(map(str, self.covariance_types)) or 'none'}")
        if self.criterion not in CRITERIA:
            raise GmmvizError(f"unknown criterion {self.criterion!r}: use bic, aic or icl")
        object.__setattr__(self, "max_k", max_k)
        object.__setattr__(self, "covariance_types", types)
        object.__setattr__(self, "n_init", check_setting("n_init", self.n_init))
        object.__setattr__(self, "seed", check_setting("seed", self.seed))

    @property
    def n_components(self) -> range:
        return range(1, self.max_k + 1)

    def fit_settings(self, window_settings) -> FitSettings:
        """The settings every candidate shares: this request's n_init and seed, the rest from ``window_settings``."""
        shared = window_settings.fit_settings()
        return FitSettings(n_init=self.n_init, seed=self.seed, reg_covar=shared.reg_covar, tol=shared.tol,
                           max_iter=shared.max_iter, prior=shared.prior, noise=shared.noise)


@dataclass(frozen=True, eq=False)
class Sweep:
    """The candidates of one sweep.

    Attributes
    ----------
    settings : FitSettings
        What every candidate shared (n_init, seed, reg_covar, tol, max_iter, prior, noise).
    rows : tuple of SelectionRow
        K by K, the covariance types in :data:`COVARIANCE_TYPES` order within each K.
    mixtures : tuple of Mixture or None
        The fitted mixture of each row (None where the row has an ``error``).
    """

    settings: FitSettings
    rows: tuple
    mixtures: tuple

    def __post_init__(self):
        if len(self.rows) != len(self.mixtures):
            raise ValueError("a sweep needs one mixture (or None) per row")

    @classmethod
    def of(cls, settings, candidates):
        """A sweep from ``(row, mixture)`` pairs, as :func:`~gmmviz.gui.engine.fit_jobs.sweep_job` returns."""
        rows, mixtures = zip(*candidates) if candidates else ((), ())
        return cls(settings, tuple(rows), tuple(mixtures))

    def best(self, criterion) -> int | None:
        """Index of the best row by ``criterion`` (:func:`gmmviz.core.selection.rank`), None if none was fitted."""
        fitted = [i for i, row in enumerate(self.rows) if row.error is None]
        return min(fitted, key=lambda i: rank(self.rows[i], criterion)) if fitted else None


class SelectionResults:
    """The Choose K panel's request and the last sweep.

    Events
    ------
    changed()
        The request or the sweep changed.
    """

    def __init__(self):
        self.changed = Event()
        self._request = SweepRequest()
        self._sweep = None

    @property
    def request(self) -> SweepRequest:
        return self._request

    @property
    def sweep(self) -> Sweep | None:
        return self._sweep

    def best(self) -> int | None:
        """Index of the best row of the sweep by the request's criterion, or None."""
        return None if self._sweep is None else self._sweep.best(self._request.criterion)

    def set_request(self, **changes):
        """Change the request (checked: a bad value raises GmmvizError and changes nothing)."""
        request = replace(self._request, **changes)
        if request != self._request:
            self._request = request
            self.changed.emit()

    def set_sweep(self, sweep):
        """Show ``sweep`` (a :class:`Sweep`, or None for none)."""
        self._sweep = sweep
        self.changed.emit()

    def clear(self):
        """Drop the sweep (the points it was fitted to changed); the request stays."""
        if self._sweep is not None:
            self.set_sweep(None)
