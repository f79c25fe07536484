"""The local optima of the window, without Qt: ``n`` restarts with seeds ``s, s + 1, …`` and where each ended.

:class:`Restarts` (``FitSession.restarts``) holds how many restarts to run and the last :class:`RestartRun`,
and announces changes with ``changed``; the restarts panel shows it, and the job is
:func:`gmmviz.gui.engine.fit_jobs.restarts_job`.

Decisions:

- A run takes the Mixture panel's settings (K, covariance type, initialisation, reg_covar, tol, maximum
  iterations, prior), and its seed as the first seed ``s``: restart ``s + i`` is ``gmmviz fit --seed s+i``
  with those settings, so the same seed gives the same list. "Current parameters" is refused: a start
  that is not random ends in one place.
- Final log-likelihoods that agree to ``SAME_OPTIMUM`` (relative) are the same optimum: the strip stacks
  them, so how often each optimum is found can be read off.
- Like a sweep, a run belongs to its points and is dropped when they change.
- :class:`Restart` stays a record of its own beside the comparison's ``ComparisonFit`` and the core's
  ``RestartOutcome``: it alone has a seed, ``ComparisonFit`` alone the objective, and ``RestartOutcome``
  (a fit record's list) has no mixture, so one record for all three would carry fields each leaves empty.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from gmmviz.core import Mixture
from gmmviz.core.errors import GmmvizError
from gmmviz.core.settings import SETTINGS, FitSettings
from gmmviz.gui.model.events import Event

#: Relative difference below which two final log-likelihoods are the same optimum.
SAME_OPTIMUM = 1e-6
#: Restarts one run may have.
MAX_RESTARTS = 1000


@dataclass(frozen=True, eq=False)
class Restart:
    """Where one restart ended.

    Attributes
    ----------
    seed : int
    log_likelihood : float
        Total log-likelihood of the final mixture.
    n_iter : int
    converged : bool
    mixture : Mixture
    degenerate : tuple of int
        0-based indices of collapsed components.
    """

    seed: int
    log_likelihood: float
    n_iter: int
    converged: bool
    mixture: Mixture
    degenerate: tuple = ()


@dataclass(frozen=True, eq=False)
class RestartRun:
    """The restarts of one run, in seed order, with the settings they shared (``settings.seed`` the first)."""

    settings: FitSettings
    restarts: tuple

    @classmethod
    def of(cls, settings, restarts):
        """A run of ``restarts`` (:class:`Restart`, what :func:`~gmmviz.gui.engine.fit_jobs.restarts_job` returns)."""
        return cls(settings, tuple(restarts))

    def best(self) -> int | None:
        """Index of the restart with the largest final log-likelihood (the first of equals), or None."""
        values = [r.log_likelihood for r in self.restarts]
        finite = [i for i, v in enumerate(values) if math.isfinite(v)]
        return max(finite, key=lambda i: (values[i], -i)) if finite else None

    def optima(self) -> list[int]:
        """For each restart, the number of the optimum it found: 0 for the best value, 1 for the next, …"""
        order = sorted(range(len(self.restarts)), key=lambda i: -self.restarts[i].log_likelihood)
        labels, level, previous = [0] * len(order), -1, None
        for i in order:
            value = self.restarts[i].log_likelihood
            if previous is None or not same_optimum(value, previous):
                level += 1
                previous = value
            labels[i] = level
        return labels


def same_optimum(a: float, b: float) -> bool:
    """True when two final log-likelihoods agree to :data:`SAME_OPTIMUM` (relative)."""
    return abs(a - b) <= SAME_OPTIMUM * max(abs(a), abs(b), 1.0)


class Restarts:
    """How many restarts to run, and the last run.

    Events
    ------
    changed()
        The count or the run changed.
    """

    def __init__(self):
        self.changed = Event()
        self._count = 10
        self._run = None

    @property
    def count(self) -> int:
        return self._count

    @property
    def run(self) -> RestartRun | None:
        return self._run

    def set_count(self, count):
        """Restarts of the next run, 2 to :data:`MAX_RESTARTS` (GmmvizError otherwise)."""
        if isinstance(count, bool) or not isinstance(count, int) or not 2 <= count <= MAX_RESTARTS:
            raise GmmvizError(f"the number of restarts must be a whole number from 2 to {MAX_RESTARTS}, got {count!r}")
        if count != self._count:
            self._count = count
            self.changed.emit()

    def run_settings(self, window_settings, points=None, sample_weight=None) -> FitSettings:
        """The settings of a run from the Mixture panel's ``window_settings``; GmmvizError when none can run.

        ``points`` (n_samples, 2), weighted by ``sample_weight`` (n_samples,) or None, complete prior values
        the user set (see ``WindowSettings.fit_settings``).
        """
        if window_settings.init not in SETTINGS["init"].choices:
            raise GmmvizError("restarts need a random start (kmeans, k-means++, random or random_from_data): "
                              "choose one as the initialisation")
        settings = window_settings.fit_settings(points=points, sample_weight=sample_weight)
        seed = settings.seed if settings.seed is not None else 0
        last = seed + self._count - 1
        if last > SETTINGS["seed"].high:
            raise GmmvizError(f"the last restart's seed {last} is above {SETTINGS['seed'].high}: choose a smaller seed")
        return settings.replace(seed=seed, n_init=1)

    def set_run(self, run):
        """Show ``run`` (a :class:`RestartRun`, or None for none)."""
        self._run = run
        self.changed.emit()

    def clear(self):
        """Drop the run (the points it was fitted to changed)."""
        if self._run is not None:
            self.set_run(None)
