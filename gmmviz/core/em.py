"""A stepwise EM engine that reproduces scikit-learn's ``GaussianMixture`` numerics.

Numerics (identical to ``sklearn/mixture/_gaussian_mixture.py`` up to round-off, ~1e-12):

* E-step: log densities from the Cholesky factor of the precision (log-det from it),
  log-sum-exp, responsibilities ``r_ik``; the monitored value is the mean per-sample
  log-likelihood (scikit-learn's ``lower_bound_``), plus the log prior density divided by
  n_samples for a MAP fit (:mod:`gmmviz.core.prior`).
* M-step: ``nk = Σ_i r_ik + 10·eps``; means ``Σ_i r_ik x_i / nk``; covariances from the centered
  scatter (:func:`gmmviz.core.covariance.covariances_from_scatter`) with ``reg_covar`` added to
  the diagonal; weights ``nk / Σ nk``. With a prior, the posterior mode instead.
* Convergence, exactly scikit-learn's rule: after each E-step,
  ``change = mean_ll − previous mean_ll`` and the fit has converged when ``|change| < tol``
  (the first E-step has no previous value: not converged).

Stepping: :meth:`EM.e_step` computes responsibilities and the log-likelihood of the current
mixture without changing it; :meth:`EM.m_step` re-estimates the mixture from those
responsibilities without changing them (it requires a preceding E-step); :meth:`EM.step` is E
then M; :meth:`EM.run` yields the state after every full iteration and stops at convergence or
at ``max_iter`` iterations — as scikit-learn, whose final parameters come from the M-step of the
iteration that detected convergence.

Degenerate data: fewer points (or distinct points) than components is an error; duplicates and
collinear points are handled by ``reg_covar``; a component whose ``nk`` falls below 1e-6 (it lost
all its points) is re-seeded at the point the mixture explains worst, with covariance
cov(X)/K + reg_covar and weight 1/n before renormalising, and a GmmvizWarning; a component whose
covariance determinant is below ``(100·reg_covar)²`` is reported in ``EMState.degenerate``.
An ill-defined covariance (Cholesky fails) raises GmmvizError and leaves the state unchanged.

Memory: the responsibilities live in at most two (n_samples, n_components) buffers that are
reused only when no earlier EMState (or view of its ``resp``) is still referenced; handed-out
``resp`` arrays are read-only, so a consumer on another thread never sees them change.
"""

import math
import sys
import warnings
from dataclasses import dataclass, replace

import numpy as np

from gmmviz.core.covariance import (
    check_covariance_type,
    covariances_from_scatter,
    from_full,
    sklearn_initial_tied_covariance,
)
from gmmviz.core.errors import GmmvizError, GmmvizWarning
from gmmviz.core.init import INIT_METHODS, initial_resp, random_state
from gmmviz.core.mixture import Mixture, as_points
from gmmviz.core.prior import Prior

EMPTY_COMPONENT_NK = 1e-6


@dataclass(frozen=True)
class EMState:
    """The engine's state after a half-step.

    Attributes
    ----------
    iteration : int
        Number of completed M-steps (0 = initial parameters).
    phase : {"init", "e", "m"}
        The last half-step done.
    mixture : Mixture
        Current parameters (after the last M-step or the initialisation).
    resp : ndarray of shape (n_samples, n_components) or None
        Read-only responsibilities from the last E-step (None before the first).
    log_likelihood : float
        Total log-likelihood (log posterior with a prior) computed by the last E-step, i.e. of
        the mixture that produced ``resp``; nan before the first E-step.
    mean_log_likelihood : float
        ``log_likelihood / n_samples`` (scikit-learn's ``lower_bound_``).
    change : float
        Change of ``mean_log_likelihood`` since the previous E-step (nan at the first).
    converged : bool
        ``abs(change) < tol``.
    warnings : tuple of str
        Recoveries during this step (a re-seeded component; messages number components from 1,
        as users see them).
    degenerate : tuple of int
        Indices of components that are collapsed or emptied right now.
    """

    iteration: int
    phase: str
    mixture: Mixture
    resp: np.ndarray | None
    log_likelihood: float
    mean_log_likelihood: float
    change: float
    converged: bool
    warnings: tuple = ()
    degenerate: tuple = ()


def resolve_prior(prior, X, n_components):
    """None | True | False | Prior | dict → Prior or None (True means mclust's default)."""
    if prior is None or prior is False:
        return None
    if prior is True:
        return Prior.default(X, n_components)
    if isinstance(prior, Prior):
        return prior
    if isinstance(prior, dict):
        return Prior.from_dict(prior)
    raise GmmvizError(f"prior must be None, True or a Prior, got {type(prior).__name__}")


def check_data(X, n_components):
    """Raise GmmvizError unless X has at least ``n_components`` distinct points."""
    if not isinstance(n_components, (int, np.integer)) or isinstance(n_components, bool) or n_components < 1:
        raise GmmvizError(f"the number of components must be a positive integer, got {n_components!r}")
    n_samples = X.shape[0]
    if n_samples < n_components:
        raise GmmvizError(
            f"{n_components} components need at least {n_components} points but there are {n_samples}: "
            "use fewer components"
        )
    # Counting distinct rows sorts them; a prefix usually already has enough.
    for prefix in (X[: 50 * n_components], X):
        n_distinct = np.unique(prefix, axis=0).shape[0]
        if n_distinct >= n_components:
            return
    raise GmmvizError(
        f"{n_components} components need at least {n_components} distinct points but there are "
        f"{n_distinct}: use fewer components"
    )


def collapsed_components(mixture, reg_covar):
    """Indices of components whose covariance determinant is below (100·reg_covar)²."""
    full = mixture.full_covariances
    det = full[:, 0, 0] * full[:, 1, 1] - full[:, 0, 1] * full[:, 1, 0]
    return np.flatnonzero(det < (100.0 * reg_covar) ** 2)


class EM:
    """Expectation-maximisation for a 2-D Gaussian mixture, one half-step at a time.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
        Copied; finite float64.
    n_components : int
    covariance_type : {"full", "tied", "diag", "spherical"}
    init : {"kmeans", "k-means++", "random", "random_from_data"} or Mixture
        How the initial parameters are obtained (as scikit-learn's ``init_params``), or a
        mixture used as is (projected to ``covariance_type`` if it differs).
    reg_covar : float
        Non-negative, added to the covariance diagonals.
    tol : float
        Convergence threshold on the change of the mean log-likelihood.
    max_iter : int
        Iterations done by :meth:`run` at most (:meth:`step` may go beyond).
    seed : int, None or numpy.random.RandomState
        Random state of the initialisation (scikit-learn's ``random_state``).
    prior : None, True, Prior or dict
        MAP estimation with this conjugate prior (True: mclust's default); None: maximum likelihood.
    """

    def __init__(self, X, n_components, covariance_type="full", init="kmeans", reg_covar=1e-6, tol=1e-3,
                 max_iter=100, seed=None, prior=None):
        check_covariance_type(covariance_type)
        self._X = np.array(as_points(X), dtype=np.float64, order="C")
        check_data(self._X, n_components)
        if not (isinstance(reg_covar, (int, float, np.floating)) and reg_covar >= 0 and math.isfinite(reg_covar)):
            raise GmmvizError(f"reg_covar must be a non-negative number, got {reg_covar!r}")
        if not (isinstance(tol, (int, float, np.floating)) and tol >= 0):
            raise GmmvizError(f"tol must be a non-negative number, got {tol!r}")
        if not isinstance(max_iter, (int, np.integer)) or isinstance(max_iter, bool) or max_iter < 0:
            raise GmmvizError(f"max_iter must be a non-negative integer, got {max_iter!r}")
        self._n_components = int(n_components)
        self._covariance_type = covariance_type
        self._reg_covar = float(reg_covar)
        self._tol = float(tol)
        self._max_iter = int(max_iter)
        self._init = init
        self._prior = resolve_prior(prior, self._X, self._n_components)
        self._resp_buffers = []
        self._stats = None
        self._previous_mean = -np.inf
        if isinstance(init, Mixture):
            if init.n_components != self._n_components:
                raise GmmvizError(
                    f"the initial mixture has {init.n_components} components but {self._n_components} were asked for"
                )
            mixture = init.with_covariance_type(covariance_type)
        elif isinstance(init, str) and init in INIT_METHODS:
            resp = initial_resp(self._X, self._n_components, init, random_state(seed))
            mixture = self._estimate(resp, resp.sum(axis=0), resp.T @ self._X, initial=True)
        else:
            raise GmmvizError(f"unknown init {init!r}: use one of {', '.join(INIT_METHODS)} or a Mixture "
                              "(gmmviz.read_mixture(path)[0] reads one from a mixture JSON file)")
        self._state = EMState(
            iteration=0, phase="init", mixture=mixture, resp=None, log_likelihood=math.nan,
            mean_log_likelihood=math.nan, change=math.nan, converged=False,
            degenerate=tuple(int(k) for k in collapsed_components(mixture, self._reg_covar)),
        )

    # -- read-only settings -----------------------------------------------------------------

    @property
    def X(self):
        """The data (read-only view), shape (n_samples, 2)."""
        view = self._X.view()
        view.setflags(write=False)
        return view

    @property
    def n_samples(self):
        return self._X.shape[0]

    @property
    def n_components(self):
        return self._n_components

    @property
    def covariance_type(self):
        return self._covariance_type

    @property
    def init(self):
        return self._init

    @property
    def reg_covar(self):
        return self._reg_covar

    @property
    def prior(self):
        """The Prior of a MAP fit, or None."""
        return self._prior

    @property
    def tol(self):
        return self._tol

    @property
    def max_iter(self):
        return self._max_iter

    @property
    def state(self):
        """The current EMState."""
        return self._state

    # -- steps ------------------------------------------------------------------------------

    def e_step(self):
        """Responsibilities and log-likelihood of the current mixture (the mixture is unchanged).

        A second E-step without an M-step in between returns the same state.
        """
        state = self._state
        if state.phase == "e":
            return state
        resp = self._free_resp_buffer()
        resp.setflags(write=True)
        total, nk, sum_x = state.mixture._e_step(self._X, resp=resp)
        resp.setflags(write=False)
        if self._prior is not None:
            total += self._prior.log_density(state.mixture)
        mean = total / self.n_samples
        change = mean - self._previous_mean if math.isfinite(self._previous_mean) else math.nan
        self._previous_mean = mean
        self._stats = (nk, sum_x)
        self._state = replace(
            state, phase="e", resp=resp, log_likelihood=float(total), mean_log_likelihood=float(mean),
            change=float(change), converged=bool(abs(change) < self._tol), warnings=(),
        )
        return self._state

    def m_step(self):
        """Re-estimate the mixture from the last E-step's responsibilities (which stay unchanged)."""
        state = self._state
        if state.phase != "e":
            raise GmmvizError("m_step() needs the responsibilities of an e_step() first: call e_step() or step()")
        nk, sum_x = self._stats
        empty = np.flatnonzero(nk < EMPTY_COMPONENT_NK)
        mixture = self._estimate(state.resp, nk, sum_x)
        messages = ()
        if empty.size:
            mixture, messages = self._reseed(mixture, empty, state.mixture)
        degenerate = set(empty.tolist()) | set(collapsed_components(mixture, self._reg_covar).tolist())
        self._state = replace(
            state, iteration=state.iteration + 1, phase="m", mixture=mixture, warnings=messages,
            degenerate=tuple(sorted(int(k) for k in degenerate)),
        )
        return self._state

    def step(self):
        """One full EM iteration (E then M); returns the state after the M-step."""
        self.e_step()
        return self.m_step()

    def run(self):
        """Generator of the state after every iteration; stops at convergence or ``max_iter``."""
        while self._state.iteration < self._max_iter:
            state = self.step()
            yield state
            if state.converged:
                return

    # -- internals --------------------------------------------------------------------------

    def _estimate(self, resp, nk, sum_x, initial=False):
        """M-step: the mixture estimated from responsibilities and their first-order sums.

        ``initial`` marks initial responsibilities, whose rows need not sum to 1 (one-point
        inits): the tied covariance then follows scikit-learn's formula, which counts every point.
        """
        from gmmviz.core import kernels

        nk = nk + 10 * np.finfo(np.float64).eps
        sample_means = sum_x / nk[:, np.newaxis]
        scatter = kernels.scatter(self._X, resp, sample_means)
        if self._prior is None:
            weights = nk / nk.sum()
            means = sample_means
            if initial and self._covariance_type == "tied":
                covariances = sklearn_initial_tied_covariance(self._X, nk, means, self._reg_covar)
            else:
                covariances = covariances_from_scatter(nk, scatter, self._covariance_type, self._reg_covar)
        else:
            weights = self._prior.weights(nk)
            means, covariances = self._prior.means_and_covariances(
                nk, sum_x, scatter, self._covariance_type, self._reg_covar
            )
        return Mixture._from_estimates(weights, means, covariances, self._covariance_type)

    def _reseed(self, mixture, empty, previous):
        """Move emptied components to the worst-explained points; returns (mixture, messages)."""
        worst = np.argsort(previous.score_samples(self._X), kind="stable")[: empty.size]
        data_covariance = np.cov(self._X, rowvar=False, bias=True) / self._n_components
        data_covariance[[0, 1], [0, 1]] += self._reg_covar
        weights = np.array(mixture.weights)
        means = np.array(mixture.means)
        full = np.array(mixture.full_covariances)
        weights[empty] = 1.0 / self.n_samples
        means[empty] = self._X[worst]
        if self._covariance_type != "tied":
            full[empty] = data_covariance
        weights /= weights.sum()
        covariances = from_full(full, self._covariance_type, weights) if self._covariance_type != "tied" \
            else mixture.covariances
        messages = tuple(
            f"component {k + 1} lost all its points and was re-seeded at the worst-explained point" for k in empty
        )
        for message in messages:
            warnings.warn(message, GmmvizWarning, stacklevel=3)
        return Mixture._from_estimates(weights, means, covariances, self._covariance_type), messages

    def _free_resp_buffer(self):
        """A responsibilities buffer no EMState or view still refers to (else a new one)."""
        # References to a free buffer: the list, the loop variable and getrefcount's argument.
        for buffer in self._resp_buffers:
            if sys.getrefcount(buffer) <= 3:
                return buffer
        buffer = np.empty((self.n_samples, self._n_components))
        buffer.setflags(write=False)
        self._resp_buffers = [b for b in self._resp_buffers if b is self._state.resp][-1:] + [buffer]
        return buffer
