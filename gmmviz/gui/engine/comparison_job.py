"""The comparison of MAP with maximum likelihood as a job: a generator of the fraction done that returns both fits.

Plain Python (no Qt), run by :func:`gmmviz.gui.engine.background.run_with_progress` with progress and
Cancel, one fit per step (:func:`gmmviz.gui.engine.fit_jobs.each_with_progress`). What the two fits
start from and maximise is said in :mod:`gmmviz.gui.model.comparison`.

Decision: both fits are of the points with their weights (the prior's defaults count them too), with the
Mixture panel's noise component and locks, as the window's own EM would fit them; only the prior differs.
"""

from __future__ import annotations

from gmmviz.core import EM, fit
from gmmviz.core.em import collapsed_components
from gmmviz.gui.engine.fit_jobs import each_with_progress
from gmmviz.gui.model.comparison import ComparisonFit, ComparisonResult


def fit_one(X, initial, settings, prior, sample_weight=None) -> ComparisonFit:
    """One fit of the comparison: EM from ``initial`` with ``settings`` (FitSettings), MAP with ``prior`` (or None).

    ``sample_weight`` (n_samples,) weighs the points (None: unweighted); the settings carry the noise and locks.
    """
    result = fit(X, initial.n_components, covariance_type=settings.covariance_type, init=initial,
                 reg_covar=settings.reg_covar, tol=settings.tol, max_iter=settings.max_iter, prior=prior,
                 noise=settings.noise, freeze=settings.freeze, sample_weight=sample_weight)
    objective = result.log_likelihood
    if prior is not None:
        objective += prior.log_density(result.mixture)
    degenerate = tuple(int(k) for k in collapsed_components(result.mixture, settings.reg_covar))
    return ComparisonFit(result.mixture, float(objective), float(result.log_likelihood), result.n_iter,
                         result.converged, degenerate)


def comparison_job(X, settings, start=None, sample_weight=None):
    """Fit MLE and MAP from one initial mixture, yielding the fraction done (0..1).

    Parameters
    ----------
    X : ndarray of shape (n_samples, 2)
    settings : WindowSettings
        K, covariance type, initialisation and seed (unless ``start``), reg_covar, tol, maximum
        iterations and the prior's values.
    start : Mixture, optional
        The initial mixture of both fits (else drawn by the initialisation setting).
    sample_weight : ndarray of shape (n_samples,), optional
        The points' weights (None: unweighted).

    Returns
    -------
    ComparisonResult
        As the generator's return value.

    Raises
    ------
    GmmvizError
        When the points cannot be fitted or give no default prior.
    """
    prior = settings.prior_values.prior(X, settings.n_components, sample_weight)
    fit_settings = settings.changed(prior=False).fit_settings(start)
    if start is None:
        initial = EM(X, settings.n_components, covariance_type=settings.covariance_type, init=fit_settings.init,
                     reg_covar=settings.reg_covar, seed=settings.seed, noise=fit_settings.noise,
                     sample_weight=sample_weight).state.mixture
    else:
        initial = start
    yield 0.0
    mle, map_ = yield from each_with_progress((None, prior),
                                              lambda p: fit_one(X, initial, fit_settings, p, sample_weight))
    return ComparisonResult(initial, prior, mle, map_)
