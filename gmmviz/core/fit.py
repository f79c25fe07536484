"""Fit a mixture to convergence, with restarts, as ``GaussianMixture.fit`` does.

``fit(X, K, seed=s, n_init=m, init=method, …)`` reproduces
``GaussianMixture(n_components=K, random_state=s, n_init=m, init_params=method, …).fit(X)``:
one ``RandomState`` is shared by the restarts, each restart runs EM until convergence or
``max_iter``, and the restart with the largest final mean log-likelihood (log posterior with a
prior) is kept (scikit-learn's rule: ties keep the first). The result then describes the FINAL
mixture, as scikit-learn's closing E-step does: ``log_likelihood`` is its total data
log-likelihood (never including the prior, so BIC and AIC keep their meaning), ``resp`` its
responsibilities, ``bic``/``aic`` scikit-learn's definitions (lower is better).
"""

import math
from dataclasses import dataclass, field

import numpy as np

from gmmviz.core.em import EM
from gmmviz.core.errors import GmmvizError
from gmmviz.core.init import random_state
from gmmviz.core.mixture import Mixture, aic_score, bic_score


@dataclass
class FitResult:
    """Outcome of :func:`fit`.

    Attributes
    ----------
    mixture : Mixture
    log_likelihood : float
        Total data log-likelihood of ``mixture``.
    mean_log_likelihood : float
        ``log_likelihood / n_samples`` (scikit-learn's ``score``).
    bic, aic : float
        Lower is better.
    n_iter : int
        EM iterations of the kept restart.
    converged : bool
    resp : ndarray of shape (n_samples, n_components)
        Responsibilities under ``mixture``.
    n_samples : int
    settings : dict
        covariance_type, init, n_init, seed, tol, reg_covar, max_iter, prior (dict or None).
    """

    mixture: Mixture
    log_likelihood: float
    mean_log_likelihood: float
    bic: float
    aic: float
    n_iter: int
    converged: bool
    resp: np.ndarray
    n_samples: int
    settings: dict = field(default_factory=dict)


def fit(X, n_components, covariance_type="full", init="kmeans", n_init=1, reg_covar=1e-6, tol=1e-3,
        max_iter=100, seed=None, prior=None):
    """Fit a Gaussian mixture by EM (MAP with ``prior``); see :class:`gmmviz.core.em.EM` for the arguments.

    ``n_init`` restarts are drawn from one random state seeded by ``seed``; with a Mixture as
    ``init`` there is nothing random and a single run is done. Not converging within
    ``max_iter`` is reported by ``FitResult.converged`` rather than warned about.
    """
    if not isinstance(n_init, (int, np.integer)) or isinstance(n_init, bool) or n_init < 1:
        raise GmmvizError(f"n_init must be a positive integer, got {n_init!r}")
    if isinstance(init, Mixture):
        n_init = 1
    rs = random_state(seed)
    max_lower_bound, best = -math.inf, None
    for _ in range(n_init):
        em = EM(X, n_components, covariance_type=covariance_type, init=init, reg_covar=reg_covar, tol=tol,
                max_iter=max_iter, seed=rs, prior=prior)
        state = em.state
        for state in em.run():
            pass
        lower_bound = state.mean_log_likelihood if state.phase != "init" else -math.inf
        # scikit-learn's rule, including its quirk that with max_iter=0 the last restart is kept.
        if lower_bound > max_lower_bound or max_lower_bound == -math.inf:
            max_lower_bound = lower_bound
            # Keep the parameters only, so the engines' responsibility buffers are freed.
            best = (state.mixture, state.iteration, state.converged, em.X, em.prior)
        del em, state
    mixture, n_iter, converged, X, used_prior = best
    n_samples = X.shape[0]
    resp = np.empty((n_samples, mixture.n_components))
    log_likelihood = float(mixture._e_step(X, resp=resp)[0])
    return FitResult(
        mixture=mixture,
        log_likelihood=log_likelihood,
        mean_log_likelihood=log_likelihood / n_samples,
        bic=bic_score(log_likelihood, mixture.n_parameters, n_samples),
        aic=aic_score(log_likelihood, mixture.n_parameters),
        n_iter=n_iter,
        converged=converged,
        resp=resp,
        n_samples=n_samples,
        settings={
            "covariance_type": covariance_type,
            "init": init if isinstance(init, str) else "mixture",
            "n_init": int(n_init),
            "seed": seed if seed is None or isinstance(seed, (int, np.integer)) else None,
            "tol": float(tol),
            "reg_covar": float(reg_covar),
            "max_iter": int(max_iter),
            "prior": used_prior.to_dict() if used_prior is not None else None,
        },
    )
