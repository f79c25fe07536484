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
- ``keep_history=True`` keeps every half-step of the kept restart, from its iteration 0, as
  states without responsibilities: what a replay (the GIF of a fit) needs, without fitting again.
"""

import math
from dataclasses import dataclass

import numpy as np

from gmmviz.core.em import DEFAULTS, EM, resolve_prior
from gmmviz.core.init import random_state
from gmmviz.core.mixture import Mixture, aic_score, as_points, bic_score, icl_score
from gmmviz.core.settings import FitSettings


@dataclass(frozen=True, eq=False)
class FitResult:
    """Outcome of :func:`fit`, or the description of any mixture on data (:meth:`of`).

    Attributes
    ----------
    mixture : Mixture
    log_likelihood : float
        Total data log-likelihood of ``mixture``.
    mean_log_likelihood : float
        ``log_likelihood / n_samples`` (scikit-learn's ``score``).
    bic, aic : float
        Lower is better.
    icl : float
        ``bic`` + 2 × the classification entropy of ``resp`` (lower is better; mclust's sign is the
        opposite, see :func:`gmmviz.core.mixture.icl_score`).
    n_iter : int
        EM iterations of the kept restart.
    converged : bool
    resp : ndarray of shape (n_samples, n_components)
        Read-only responsibilities under ``mixture``.
    n_samples : int
    settings : FitSettings
        The settings of the fit, ``prior`` resolved to a Prior or None.
    history : tuple of EMState or None
        With ``keep_history``: every half-step of the kept restart from iteration 0
        (``resp`` None); else None.
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

    @classmethod
    def of(cls, X, mixture, settings, n_iter=0, converged=False, history=None):
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
        """
        X = as_points(X)
        n_samples = X.shape[0]
        resp = np.empty((n_samples, mixture.n_components))
        log_likelihood = float(mixture._e_step(X, resp=resp)[0])
        resp.setflags(write=False)
        return cls(
            mixture=mixture,
            log_likelihood=log_likelihood,
            mean_log_likelihood=log_likelihood / n_samples,
            bic=bic_score(log_likelihood, mixture.n_parameters, n_samples),
            aic=aic_score(log_likelihood, mixture.n_parameters),
            icl=icl_score(log_likelihood, mixture.n_parameters, n_samples, resp),
            n_iter=int(n_iter),
            converged=bool(converged),
            resp=resp,
            n_samples=n_samples,
            settings=settings.replace(prior=resolve_prior(settings.prior, X, mixture.n_components)),
            history=None if history is None else tuple(history),
        )


def fit(X, n_components, covariance_type=DEFAULTS.covariance_type, init=DEFAULTS.init, n_init=DEFAULTS.n_init,
        reg_covar=DEFAULTS.reg_covar, tol=DEFAULTS.tol, max_iter=DEFAULTS.max_iter, seed=DEFAULTS.seed,
        prior=DEFAULTS.prior, keep_history=False):
    """Fit a Gaussian mixture by EM (MAP with ``prior``); see :class:`gmmviz.core.em.EM` for the arguments.

    ``n_init`` restarts are drawn from one random state seeded by ``seed``; with a Mixture as
    ``init`` there is nothing random and a single run is done. Not converging within
    ``max_iter`` is reported by ``FitResult.converged`` rather than warned about.
    ``keep_history`` fills ``FitResult.history`` (see the module docstring).
    """
    passed_state = isinstance(seed, np.random.RandomState)
    settings = FitSettings(
        n_components=n_components, covariance_type=covariance_type, init=init,
        seed=None if passed_state else seed, reg_covar=reg_covar, tol=tol, max_iter=max_iter,
        n_init=1 if isinstance(init, Mixture) else n_init, prior=prior,
    )
    rs = random_state(seed)
    max_lower_bound, best = -math.inf, None
    for _ in range(settings.n_init):
        em = EM(X, n_components, covariance_type=covariance_type, init=init, reg_covar=reg_covar, tol=tol,
                max_iter=max_iter, seed=rs, prior=prior)
        history = [em.state.lean()]
        for state in em.half_steps():
            if keep_history:
                history.append(state.lean())
        state = em.state
        lower_bound = state.mean_log_likelihood if state.phase != "init" else -math.inf
        # scikit-learn's rule, including its quirk that with max_iter=0 the last restart is kept.
        if lower_bound > max_lower_bound or max_lower_bound == -math.inf:
            max_lower_bound = lower_bound
            # Keep the parameters only, so the engines' responsibilities are freed.
            best = (state.mixture, state.iteration, state.converged, em.X, em.prior, history)
        del em, state
    mixture, n_iter, converged, X, used_prior, history = best
    return FitResult.of(X, mixture, settings.replace(prior=used_prior), n_iter, converged,
                        history if keep_history else None)
