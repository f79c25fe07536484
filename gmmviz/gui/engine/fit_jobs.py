"""Many fits as one job: generators that yield the fraction done (0..1) and return every result.

These are the jobs of :func:`gmmviz.gui.engine.background.run_with_progress`, which drives a generator on a
thread of its own with a progress dialog and Cancel, and returns the generator's return value. They are
plain Python (no Qt), so a test drives them with a loop.

Reuse: any feature that fits a few mixtures while the window waits writes its job with
:func:`each_with_progress`, one item per fit, and runs it with ``run_with_progress``::

    job = each_with_progress([mle_settings, map_settings], lambda s: fit(X, **s.kwargs()))
    done, results = run_with_progress(job, window, "Fitting MLE and MAP…")   # (False, None) on Cancel
    if done:
        mle, map_ = results

Cancel takes effect between two items (one fit each), so an item should be one fit, not a loop of them.

Decisions:

- The Choose K sweep fits candidate by candidate through :func:`gmmviz.core.select` itself, so its numbers
  are those of ``gmmviz select`` with the same data and settings; the best is chosen by the same rule
  (:func:`gmmviz.core.selection.rank`). Like ``gmmviz select`` it initialises with k-means, whatever the
  Mixture panel's initialisation is. A candidate that cannot be fitted is a row with its ``error``.
- Restarts are single runs with seeds ``s, s + 1, …``, so restart ``s + i`` is exactly
  ``gmmviz fit --seed s+i`` (``--n-init N`` instead shares one random state between its restarts, as
  scikit-learn does; its fit record lists each restart's log-likelihood).
- Both fit the points with their weights (``sample_weight``, the window's weight column) and with the
  Mixture panel's noise component, as ``gmmviz select|fit --weights --noise`` do. The locks hold in the
  restarts (every restart is ``gmmviz fit --freeze`` from its own start), not in a sweep: a lock names a
  component of one K, and ``gmmviz select`` has no ``--freeze`` either.
"""

from __future__ import annotations

import math
from typing import Callable, Generator, Iterable

from gmmviz.core import fit, select
from gmmviz.core.em import collapsed_components
from gmmviz.core.errors import GmmvizError
from gmmviz.core.selection import SelectionRow
from gmmviz.gui.model.restarts import Restart


def each_with_progress(items: Iterable, work: Callable) -> Generator[float, None, list]:
    """``[work(item) for item in items]``, yielding the fraction of items done after each.

    Parameters
    ----------
    items : iterable
        Turned into a list first, to know how many there are.
    work : callable
        Called once per item, in order, on the job's thread.

    Returns
    -------
    list
        The results, as the generator's return value.
    """
    items = list(items)
    results = []
    for item in items:
        results.append(work(item))
        yield len(results) / len(items)
    return results


def candidate(X, n_components, covariance_type, settings, sample_weight=None):
    """One candidate of a sweep: its :class:`SelectionRow` and its fitted mixture (None when it failed).

    Parameters
    ----------
    X : ndarray of shape (n_samples, 2)
    n_components : int
    covariance_type : str
    settings : FitSettings
        ``n_init``, ``seed``, ``reg_covar``, ``tol``, ``max_iter``, ``prior`` and ``noise`` of every candidate.
    sample_weight : ndarray of shape (n_samples,), optional
        The points' weights (None: unweighted).
    """
    try:
        result = select(X, [n_components], (covariance_type,), n_init=settings.n_init, seed=settings.seed,
                        reg_covar=settings.reg_covar, tol=settings.tol, max_iter=settings.max_iter,
                        prior=settings.prior, noise=settings.noise, sample_weight=sample_weight)
    except GmmvizError as error:
        nan = math.nan
        return SelectionRow(n_components, covariance_type, nan, nan, nan, nan, 0, False, str(error)), None
    return result.rows[0], result.best_fit.mixture


def sweep_job(X, n_components, covariance_types, settings, sample_weight=None):
    """Fit every (K, covariance type), K by K as ``gmmviz select`` does (``sample_weight`` (n_samples,) or None).

    Returns
    -------
    list of (SelectionRow, Mixture or None)
        As the generator's return value.
    """
    pairs = [(k, t) for k in n_components for t in covariance_types]
    return each_with_progress(pairs, lambda pair: candidate(X, *pair, settings, sample_weight))


def restart(X, settings, seed, sample_weight=None):
    """One restart: a single EM run of ``settings`` (with its noise and locks) from ``seed``, of weighted points.

    Returns
    -------
    Restart
        Where it ended (:class:`gmmviz.gui.model.restarts.Restart`).
    """
    result = fit(X, sample_weight=sample_weight, **settings.replace(seed=seed, n_init=1).kwargs())
    return Restart(seed, result.log_likelihood, result.n_iter, result.converged, result.mixture,
                   tuple(int(k) for k in collapsed_components(result.mixture, settings.reg_covar)))


def restarts_job(X, settings, first_seed, n_restarts, sample_weight=None):
    """``n_restarts`` single runs of ``settings`` with seeds ``first_seed, first_seed + 1, …`` (weights as :func:`restart`).

    Returns
    -------
    list of Restart
        One :func:`restart` each, as the generator's return value.
    """
    seeds = range(first_seed, first_seed + n_restarts)
    return each_with_progress(seeds, lambda seed: restart(X, settings, seed, sample_weight))
