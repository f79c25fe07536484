"""Fit a mixture to convergence, with restarts, as ``GaussianMixture.fit`` does.

``fit(X, K, seed=s, n_init=m, init=method, …)`` reproduces
``GaussianMixture(n_components=K, random_state=s, n_init=m, init_params=method, …).fit(X)``:
one ``RandomState`` is shared by the restarts, each restart runs EM until convergence or
``max_iter`` (:meth:`gmmviz.core.em.EM.half_steps`, the one EM loop), and the restart with the
largest final mean log-likelihood (log posterior with a prior) is kept (scikit-learn's rule: ties
keep the first). This is the only restart loop in gmmviz. The result then describes the FINAL
mixture, as scikit-learn's closing E-step does: ``log_likelihood`` is its total data
log-likelihood (never including the prior, so BIC, AIC and ICL keep their meaning), ``resp`` its
responsibilities, ``bic``/``aic`` scikit-learn's definitions and ``icl`` BIC plus twice the
classification entropy of ``resp`` (:func:`gmmviz.core.mixture.icl_score`; lower is better for all
three, mclust reports ICL with the opposite sign).

Decisions:

- ``FitResult`` is a value: frozen, its ``resp`` read-only, its ``settings`` a
  :class:`~gmmviz.core.settings.FitSettings` with the prior resolved (mclust's default prior
  computed from the data when ``prior=True``), so the result says exactly what was fitted;
  ``init`` is the method name or the Mixture EM started from, ``seed`` None when a RandomState
  was passed (it cannot be written down).
- Weighted points (``sample_weight``) count ``w_i`` times: ``mean_log_likelihood`` is the total over
  Σ w, and BIC and ICL use n = Σ w (AIC has no n), as for the data with each point repeated
  ``w_i`` times. ``n_samples`` stays the number of points; ``sample_weight`` keeps the weights.
- ``noise`` and ``freeze`` are settings like the rest (kept in ``settings``); with noise, ``resp``
  has the noise column last and BIC/AIC count π₀ (``Mixture.n_parameters``).
- ``keep_history=True`` keeps every half-step of the kept restart, from its iteration 0, as
  states without responsibilities: what a replay (the GIF of a fit) needs, without fitting again.
- ``restarts`` says where every restart ended (:class:`RestartOutcome`, in the order they ran): the
  restarts share one random state, so a restart has no seed of its own to be run again by.
"""

import math
from dataclasses import dataclass, replace

import numpy as np

from gmmviz.core.em import DEFAULTS, EM, resolve_prior
from gmmviz.core.init import random_state
from gmmviz.core.mixture import Mixture, aic_score, as_points, bic_score, icl_score
from gmmviz.core.settings import FitSettings
from gmmviz.core.weights import as_sample_weight, total_weight


@dataclass(frozen=True)
class RestartOutcome:
    """Where one restart of :func:`fit` ended: its final mixture's total data log-likelihood, its iterations."""

    log_likelihood: float
    n_iter: int
    converged: bool


@dataclass(frozen=True, eq=False)
class FitResult:
    """Outcome of :func:`fit`, or the description of any mixture on data (:meth:`of`).

    Attributes
    ----------
    mixture : Mixture
    log_likelihood : float
        Total data log-likelihood of ``mixture``.
    mean_log_likelihood : float
        ``log_likelihood / Σ w`` (scikit-learn's ``score``; Σ w = n_samples without weights).
    bic, aic : float
        Lower is better.
    icl : float
        ``bic`` + 2 × the classification entropy of ``resp`` (lower is better; mclust's sign is the
        opposite, see :func:`gmmviz.core.mixture.icl_score`).
    n_iter : int
        EM iterations of the kept restart.
    converged : bool
    resp : ndarray of shape (n_samples, n_components)
        Read-only responsibilities under ``mixture`` (a last column for a noise component).
    n_samples : int
        Number of points (Σ w is what they count as, see ``sample_weight``).
    settings : FitSettings
        The settings of the fit, ``prior`` resolved to a Prior or None.
    history : tuple of EMState or None
        With ``keep_history``: every half-step of the kept restart from iteration 0
        (``resp`` None); else None.
    sample_weight : ndarray of shape (n_samples,) or None
        The points' weights, read-only; None when unweighted.
    restarts : tuple of RestartOutcome
        Every restart of :func:`fit`, in order (empty for :meth:`of`).
    """

    mixture: Mixture
    log_likelihood: float
    mean_log_likelihood: float
    bic: float
    aic: float
    icl: float
    n_iter: int
    converged: bool
    resp: np.ndarray
    n_samples: int
    settings: FitSettings
    history: tuple | None = None
    sample_weight: np.ndarray | None = None
    restarts: tuple = ()

    @classmethod
    def of(cls, X, mixture, settings, n_iter=0, converged=False, history=None, sample_weight=None):
        """The result describing ``mixture`` on the points ``X`` (the closing E-step of a fit).

        Parameters
        ----------
        X : array-like of shape (n_samples, 2)
        mixture : Mixture
        settings : FitSettings
            ``prior=True`` is resolved to mclust's default prior for ``X``.
        n_iter : int
        converged : bool
        history : sequence of EMState, optional
        sample_weight : array-like of shape (n_samples,), optional
        """
        X = as_points(X)
        n_samples = X.shape[0]
        sample_weight = as_sample_weight(sample_weight, n_samples)
        n = total_weight(sample_weight, n_samples)
        resp = np.empty((n_samples, mixture.n_components + mixture.has_noise))
        log_likelihood = float(mixture._e_step(X, resp=resp, sample_weight=sample_weight)[0])
        resp.setflags(write=False)
        return cls(
            mixture=mixture,
            log_likelihood=log_likelihood,
            mean_log_likelihood=log_likelihood / n,
            bic=bic_score(log_likelihood, mixture.n_parameters, n),
            aic=aic_score(log_likelihood, mixture.n_parameters),
            icl=icl_score(log_likelihood, mixture.n_parameters, n, resp, sample_weight),
            n_iter=int(n_iter),
            converged=bool(converged),
            resp=resp,
            n_samples=n_samples,
            settings=settings.replace(prior=resolve_prior(settings.prior, X, mixture.n_components, sample_weight)),
            history=None if history is None else tuple(history),
            sample_weight=sample_weight,
        )


def fit(X, n_components, covariance_type=DEFAULTS.covariance_type, init=DEFAULTS.init, n_init=DEFAULTS.n_init,
        reg_covar=DEFAULTS.reg_covar, tol=DEFAULTS.tol, max_iter=DEFAULTS.max_iter, seed=DEFAULTS.seed,
        prior=DEFAULTS.prior, noise=DEFAULTS.noise, freeze=DEFAULTS.freeze, sample_weight=None, keep_history=False):
    """Fit a Gaussian mixture by EM (MAP with ``prior``); see :class:`gmmviz.core.em.EM` for the arguments.

    ``n_init`` restarts are drawn from one random state seeded by ``seed``; with a Mixture as
    ``init`` there is nothing random and a single run is done. Not converging within
    ``max_iter`` is reported by ``FitResult.converged`` rather than warned about.
    ``keep_history`` fills ``FitResult.history`` (see the module docstring). ``sample_weight``
    (n_samples,) gives every point a frequency weight (:mod:`gmmviz.core.weights`).
    """
    passed_state = isinstance(seed, np.random.RandomState)
    settings = FitSettings(
        n_components=n_components, covariance_type=covariance_type, init=init,
        seed=None if passed_state else seed, reg_covar=reg_covar, tol=tol, max_iter=max_iter,
        n_init=1 if isinstance(init, Mixture) else n_init, prior=prior, noise=noise, freeze=freeze,
    )
    rs = random_state(seed)
    max_lower_bound, best, outcomes = -math.inf, None, []
    for _ in range(settings.n_init):
        em = EM(X, n_components, covariance_type=covariance_type, init=init, reg_covar=reg_covar, tol=tol,
                max_iter=max_iter, seed=rs, prior=prior, noise=noise, freeze=freeze, sample_weight=sample_weight)
        history = [em.state.lean()]
        for state in em.half_steps():
            if keep_history:
                history.append(state.lean())
        state = em.state
        outcomes.append(RestartOutcome(state.mixture.log_likelihood(em.X, em.sample_weight), state.iteration,
                                       state.converged))
        lower_bound = state.mean_log_likelihood if state.phase != "init" else -math.inf
        # scikit-learn's rule, including its quirk that with max_iter=0 the last restart is kept.
        if lower_bound > max_lower_bound or max_lower_bound == -math.inf:
            max_lower_bound = lower_bound
            # Keep the parameters only, so the engines' responsibilities are freed.
            best = (state.mixture, state.iteration, state.converged, em.X, em.prior, history, em.sample_weight)
        del em, state
    mixture, n_iter, converged, X, used_prior, history, weights = best
    result = FitResult.of(X, mixture, settings.replace(prior=used_prior), n_iter, converged,
                          history if keep_history else None, weights)
    return replace(result, restarts=tuple(outcomes))
