"""A stepwise EM engine that reproduces scikit-learn's ``GaussianMixture`` numerics.

Numerics (identical to ``sklearn/mixture/_gaussian_mixture.py`` up to round-off, ~1e-12):

* E-step: log densities from the Cholesky factor of the precision (log-det from it),
  log-sum-exp, responsibilities ``r_ik``; the monitored value is the mean per-sample
  log-likelihood (scikit-learn's ``lower_bound_``), plus the log prior density divided by
  n_samples for a MAP fit (:mod:`gmmviz.core.prior`).
* M-step: ``nk = Σ_i r_ik + 10·eps`` (weighted: 10·eps times the smallest positive weight); means
  ``Σ_i r_ik x_i / nk``; covariances from the centered scatter
  (:func:`gmmviz.core.covariance.covariances_from_scatter`) with ``reg_covar`` added to the diagonal;
  weights ``nk / Σ nk``. With a prior, the posterior mode instead.
* Convergence, exactly scikit-learn's rule: after each E-step,
  ``change = mean_ll − previous mean_ll`` and the fit has converged when ``|change| < tol``
  (the first E-step has no previous value: not converged).

Stepping: :meth:`EM.e_step` computes responsibilities and the log-likelihood of the current
mixture without changing it; :meth:`EM.m_step` re-estimates the mixture from those
responsibilities without changing them (it requires a preceding E-step); :meth:`EM.step` is E
then M. :meth:`EM.half_steps` is the one loop: it yields the state after every half-step and
stops after the M-step of the iteration whose E-step converged (as scikit-learn, whose final
parameters come from that M-step) or after ``max_iter`` iterations; an optional ``pause``
called between half-steps paces or stops it. :meth:`EM.run` yields its M-step states.

Resuming: ``EM(X, K, init=state)`` continues from an :class:`EMState` — the state carries what
the next step needs. Decisions:

- Iterations are numbered on from ``state.iteration``, and :meth:`EM.half_steps` does at most
  ``max_iter`` iterations counted from the state it starts at, so Run to convergence resumed at
  iteration 3 does at most ``max_iter`` more (from a fresh engine: exactly scikit-learn's count).
- After an "m" state the next E-step's ``change`` is computed against the state's
  ``mean_log_likelihood`` (the value of the previous mixture); it is nan when that is nan, so a
  caller that changed the points passes ``dataclasses.replace(state, mean_log_likelihood=nan)``
  to break the comparison. After an "init" state there is no previous value (nan).
- From an "e" state the engine continues with the M-step. It first recomputes that E-step for
  the state's mixture on its points, with or without ``state.resp`` given (a state from a
  session has none): the M-step then uses exactly the responsibilities and sums an uninterrupted
  run would use, and never stale ones. The state's ``change`` and ``converged`` are kept when the
  recomputed mean log-likelihood is the state's, else ``change`` is nan.
- A state whose mixture has another covariance type is projected onto ``covariance_type``.

Degenerate data: fewer points (or distinct points) than components is an error; duplicates and
collinear points are handled by ``reg_covar``; a component whose ``nk`` falls below 1e-6 of one
point (``EMPTY_COMPONENT_NK`` times the smallest positive weight,
:func:`~gmmviz.core.weights.smallest_weight`: 1e-6 without weights, and multiplying every weight by a
constant changes nothing) has lost all its points and is re-seeded at the point the mixture explains worst, with covariance cov(X)/K + reg_covar and
an average point's weight 1/n₊ before renormalising, and a GmmvizWarning; a component whose
smallest variance (along any direction) is below ``2·reg_covar`` (the data's own spread there is
smaller than the regularisation: it has collapsed onto a line or a point) is reported in
``EMState.degenerate``.
An ill-defined covariance (Cholesky fails, which includes one that is not finite) raises GmmvizError
and leaves the state unchanged. No threshold or re-seed weight is absolute, so weights of any finite
scale (1e-320 each as 1e300: :mod:`gmmviz.core.weights`) give finite mixture weights.

Weighted points (``sample_weight``, :mod:`gmmviz.core.weights`) count ``w_i`` times in every sum,
including n: the monitored value is ``Σ w log p / Σ w``, so convergence reads as for repeated
points. Frozen parameters (``freeze``, :mod:`gmmviz.core.freeze`) keep the values of the mixture
the engine starts from. A noise component (``noise``, :mod:`gmmviz.core.noise`) is one more
column of ``resp`` (the last) and its weight π₀ = n₀ / n is estimated with the rest; a starting
mixture without noise gets π₀ = ``INITIAL_WEIGHT``, one with noise over another volume keeps its
π₀ over the engine's volume, and an engine without noise drops a starting mixture's noise.

Memory: every E-step writes a new (n_samples, n_components) responsibilities array that is
then made read-only, so a consumer on another thread never sees a handed-out ``resp`` change and
an array is freed as soon as no state refers to it; no two E-steps share memory.
The price, measured against reusing one buffer (K = 5, the data of ``benchmarks/bench_em.py``):
nothing at 1e4 points, about 0.5 ms of a 20 ms iteration at 1e5 and 15 ms of a 200 ms iteration
at 1e6 (the first writes to fresh memory) — small next to the clarity of values that own their
arrays.
"""

import math
import warnings
from dataclasses import dataclass, replace
from typing import Literal

import numpy as np

from gmmviz.core.covariance import (
    covariances_from_scatter,
    from_full,
    sklearn_initial_tied_covariance,
)
from gmmviz.core.errors import GmmvizError, GmmvizWarning
from gmmviz.core.freeze import check_components, frozen_weights, masks
from gmmviz.core.init import initial_resp, random_state
from gmmviz.core.mixture import Mixture, as_points
from gmmviz.core.noise import INITIAL_WEIGHT, core_points, noise_volume
from gmmviz.core.prior import Prior
from gmmviz.core.settings import FitSettings, check_setting
from gmmviz.core.weights import as_sample_weight, average_weight, smallest_weight, total_weight

#: A component is empty when its soft count is below this fraction of the smallest positive weight.
EMPTY_COMPONENT_NK = 1e-6

DEFAULTS = FitSettings()


@dataclass(frozen=True, eq=False)
class EMState:
    """The engine's state after a half-step.

    Attributes
    ----------
    iteration : int
        Number of completed M-steps (0 = initial parameters).
    phase : {"init", "e", "m"}
        The last half-step done ("init": initial parameters, or given parameters EM restarted from).
    mixture : Mixture
        Current parameters (after the last M-step or the initialisation).
    resp : ndarray of shape (n_samples, n_components) or None
        Read-only responsibilities from the last E-step (None before the first); with a noise
        component one column more, the noise's last.
    log_likelihood : float
        Total log-likelihood (log posterior with a prior) computed by the last E-step, i.e. of
        the mixture that produced ``resp``; nan before the first E-step.
    mean_log_likelihood : float
        ``log_likelihood / n_samples`` (scikit-learn's ``lower_bound_``).
    change : float
        Change of ``mean_log_likelihood`` since the previous E-step (nan at the first).
    converged : bool
        ``abs(change) < tol``; an M-step state keeps the flag of the E-step before it.
    warnings : tuple of str
        Recoveries during this step (a re-seeded component; messages number components from 1,
        as users see them).
    degenerate : tuple of int
        Indices of components that are collapsed or emptied right now.
    """

    iteration: int
    phase: Literal["init", "e", "m"]
    mixture: Mixture
    resp: np.ndarray | None
    log_likelihood: float
    mean_log_likelihood: float
    change: float
    converged: bool
    warnings: tuple = ()
    degenerate: tuple = ()

    def lean(self):
        """This state without ``resp`` (what a history keeps: the rest is a few numbers per component)."""
        return self if self.resp is None else replace(self, resp=None)


def resolve_prior(prior, X, n_components, sample_weight=None):
    """A ``prior`` setting (see :data:`gmmviz.core.settings.SETTINGS`) → Prior or None (True: mclust's default)."""
    prior = check_setting("prior", prior)
    return Prior.default(X, n_components, sample_weight) if prior is True else prior


def check_data(X, n_components, sample_weight=None):
    """Raise GmmvizError unless X has at least ``n_components`` distinct points (of positive weight)."""
    if sample_weight is not None:
        X = X[sample_weight > 0]
    n_samples = X.shape[0]
    if n_samples < n_components:
        raise GmmvizError(f"{n_components} components need at least {n_components} points but there are "
                          f"{n_samples}: use fewer components")
    # A covariance sums squares of distances from a mean: past this spread they overflow, and the covariance
    # would be refused as ill-defined, which says nothing of the cause.
    spread = float(np.max(np.abs(X - X.mean(axis=0)), initial=0.0))
    if spread > math.sqrt(np.finfo(float).max / (4 * max(n_samples, 1))):
        raise GmmvizError(f"the points lie up to {spread:.3g} from their mean, too far for their covariances in "
                          "floating point: divide the data by a power of ten first")
    # Counting distinct rows sorts them; a prefix usually already has enough.
    for prefix in (X[: 50 * n_components], X):
        n_distinct = np.unique(prefix, axis=0).shape[0]
        if n_distinct >= n_components:
            return
    raise GmmvizError(f"{n_components} components need at least {n_components} distinct points but there are "
                      f"{n_distinct}: use fewer components")


def collapsed_components(mixture, reg_covar):
    """Indices of components collapsed onto a point or a line: the smallest eigenvalue of the covariance is
    below 2·reg_covar, i.e. the regularisation added by the M-step is more than the data's own variance
    in some direction (a point: in every direction).

    Computed as √det·(√det/λ_max) with √det = σ₀σ₁√(1 − ρ²), which neither cancels nor overflows for any
    finite covariance (the determinant itself overflows from about 1e154 on). Nothing else is compared
    with reg_covar (a variance in the data's units): a test of √det against 100·reg_covar flagged every
    component of data spread over 0.01 (GPS degrees), and select chose K = 1 over two clear clusters.
    """
    full = mixture.full_covariances
    sigmas = np.sqrt(full[:, 0, 0]) * np.sqrt(full[:, 1, 1])
    rho = full[:, 0, 1] / sigmas
    root_det = sigmas * np.sqrt(np.maximum(1.0 - rho * rho, 0.0))
    largest = 0.5 * (full[:, 0, 0] + full[:, 1, 1]) + np.hypot(0.5 * (full[:, 0, 0] - full[:, 1, 1]), full[:, 0, 1])
    smallest = root_det * (root_det / largest)
    return np.flatnonzero(smallest < 2.0 * reg_covar)


def m_step(X, resp, covariance_type=DEFAULTS.covariance_type, reg_covar=DEFAULTS.reg_covar, prior=DEFAULTS.prior,
           sample_weight=None):
    """The mixture one M-step makes of given responsibilities: :meth:`EM.m_step` without an engine.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
    resp : array-like of shape (n_samples, n_components)
        Responsibilities P(k | x); a row need not sum to 1 (a row of zeros takes no part, as an
        unlabelled point in :func:`gmmviz.core.label_init.mixture_from_labels`).
    covariance_type, reg_covar, prior, sample_weight
        As :class:`EM` takes them (``prior=True``: mclust's default prior for X and n_components).

    Returns
    -------
    Mixture
        Without a noise component; every parameter free.
    """
    X = np.array(as_points(X), dtype=np.float64, order="C")
    resp = np.ascontiguousarray(resp, dtype=np.float64)
    if resp.ndim != 2 or resp.shape[0] != X.shape[0] or resp.shape[1] < 1:
        raise GmmvizError(f"responsibilities of shape {resp.shape} do not match {X.shape[0]} points; "
                          "give an (n_samples, n_components) array")
    sample_weight = as_sample_weight(sample_weight, X.shape[0])
    prior = resolve_prior(prior, X, resp.shape[1], sample_weight)
    return _estimate(X, resp, *_first_sums(X, resp, sample_weight), check_setting("covariance_type", covariance_type),
                     check_setting("reg_covar", reg_covar), prior, sample_weight,
                     one_point=smallest_weight(sample_weight))


def _first_sums(X, resp, sample_weight):
    """``nk`` (n_components,) and ``sum_x`` (n_components, 2): the (weighted) sums of ``resp`` and ``resp`` x."""
    if sample_weight is None:
        return resp.sum(axis=0), resp.T @ X
    return sample_weight @ resp, (resp * sample_weight[:, np.newaxis]).T @ X


def _estimate(X, resp, nk, sum_x, covariance_type, reg_covar, prior, sample_weight, initial=False, frozen=None,
              previous=None, noise_nk=None, noise_volume=None, *, one_point):
    """M-step: the mixture estimated from responsibilities and their first-order sums.

    ``initial`` marks initial responsibilities, whose rows need not sum to 1 (one-point
    inits): the tied covariance then follows scikit-learn's formula, which counts every point.
    The means are the rough ``sum_x / nk`` corrected by moments about them, so data far from
    the origin fit as data at it do; scikit-learn's 10·eps guard on nk only scales the
    correction (in ``sum_x / (nk + 10·eps)`` it pulls a nearly empty component towards the
    origin, by an amount that grows with the distance from it).

    ``frozen`` (:func:`gmmviz.core.freeze.masks`, or None) marks the parameters of ``previous`` that are kept.
    A frozen mean is the centre of the moments, so the one pass over the points gives the
    scatter about it. ``noise_nk`` is the noise component's soft count (None without noise). ``one_point``
    is what one point weighs (:func:`gmmviz.core.weights.smallest_weight`), the unit of the guard on nk.
    """
    from gmmviz.core import kernels
    from gmmviz.core.covariance import moments_about_means

    centres = sum_x / np.where(nk > 0, nk, 1.0)[:, np.newaxis]
    if frozen is not None:
        centres[frozen["mean"]] = previous.means[frozen["mean"]]
    nk = nk + 10 * np.finfo(np.float64).eps * one_point
    first, scatter = kernels.moments(X, resp, centres, sample_weight)
    sample_means, about_means = moments_about_means(nk, centres, first, scatter)
    kept = None if frozen is None else (frozen["mean"], centres, scatter)
    if prior is None:
        weights = nk / nk.sum()
        means = sample_means
        if kept is not None:
            means[kept[0]] = centres[kept[0]]
            about_means[kept[0]] = scatter[kept[0]]
        if initial and covariance_type == "tied":
            covariances = sklearn_initial_tied_covariance(X, resp, nk, about_means, reg_covar, sample_weight)
        else:
            covariances = covariances_from_scatter(nk, about_means, covariance_type, reg_covar)
    else:
        weights = prior.weights(nk)
        means, covariances = prior.means_and_covariances(nk, sample_means, about_means, covariance_type, reg_covar,
                                                         kept)
    if frozen is not None:
        weights = frozen_weights(weights, previous.weights, frozen["weight"])
        covariances = _frozen_covariances(covariances, previous, frozen["covariance"], covariance_type)
    noise_weight = 0.0 if noise_nk is None else noise_nk / (noise_nk + nk.sum())
    return Mixture._from_estimates(weights, means, covariances, covariance_type, noise_weight,
                                   None if noise_nk is None else noise_volume)


def _frozen_covariances(covariances, previous, frozen, covariance_type):
    """``covariances`` (type shape) with ``previous``'s where ``frozen``; tied's one covariance if any is."""
    if not frozen.any():
        return covariances
    if covariance_type == "tied":
        return np.array(previous.covariances)
    covariances[frozen] = previous.covariances[frozen]
    return covariances


class EM:
    """Expectation-maximisation for a 2-D Gaussian mixture, one half-step at a time.

    Parameters
    ----------
    X : array-like of shape (n_samples, 2)
        Copied; finite float64.
    n_components : int
    covariance_type : {"full", "tied", "diag", "spherical"}
    init : {"kmeans", "k-means++", "random", "random_from_data"}, Mixture or EMState
        How the initial parameters are obtained (as scikit-learn's ``init_params``), a mixture
        used as is (projected to ``covariance_type`` if it differs), or a state to resume from
        (see the module docstring).
    reg_covar : float
        Non-negative, added to the covariance diagonals.
    tol : float
        Convergence threshold on the change of the mean log-likelihood.
    max_iter : int
        Iterations done by :meth:`half_steps` and :meth:`run` at most (:meth:`step` may go beyond).
    seed : int, None or numpy.random.RandomState
        Random state of the initialisation (scikit-learn's ``random_state``).
    prior : None, True, Prior or dict
        MAP estimation with this conjugate prior (True: mclust's default); None: maximum likelihood.
    noise : None, True or float
        A uniform noise component over the points' bounding box (True) or this area.
    freeze : dict, optional
        ``{k: {"weight", "mean", "covariance"}}``, components from 0: parameters kept as they start.
    sample_weight : array-like of shape (n_samples,), optional
        Non-negative frequency weights (copied); None: every point weighs 1.

    Every setting is checked against :data:`gmmviz.core.settings.SETTINGS`; a RandomState as
    ``seed`` is the one addition (how :func:`gmmviz.core.fit.fit`'s restarts share one stream).
    """

    def __init__(self, X, n_components, covariance_type=DEFAULTS.covariance_type, init=DEFAULTS.init,
                 reg_covar=DEFAULTS.reg_covar, tol=DEFAULTS.tol, max_iter=DEFAULTS.max_iter, seed=DEFAULTS.seed,
                 prior=DEFAULTS.prior, noise=DEFAULTS.noise, freeze=DEFAULTS.freeze, sample_weight=None):
        self._n_components = check_setting("n_components", n_components)
        self._noise = check_setting("noise", noise)
        self._freeze = check_setting("freeze", freeze)
        check_components(self._freeze, self._n_components)
        self._covariance_type = check_setting("covariance_type", covariance_type)
        self._reg_covar = check_setting("reg_covar", reg_covar)
        self._tol = check_setting("tol", tol)
        self._max_iter = check_setting("max_iter", max_iter)
        if not isinstance(seed, np.random.RandomState):
            check_setting("seed", seed)
        if not isinstance(init, EMState):
            try:
                check_setting("init", init)
            except GmmvizError as error:
                raise GmmvizError(f"{error}; gmmviz.read_mixture(path)[0] reads a Mixture from a mixture JSON file") \
                    from None
        self._X = np.array(as_points(X), dtype=np.float64, order="C")
        self._sample_weight = as_sample_weight(sample_weight, self._X.shape[0])
        self._n_weighted = total_weight(self._sample_weight, self._X.shape[0])
        self._one_point = smallest_weight(self._sample_weight)
        self._empty_nk = EMPTY_COMPONENT_NK * self._one_point
        check_data(self._X, self._n_components, self._sample_weight)     # before any array of K entries
        self._frozen = masks(self._freeze, self._n_components)
        self._noise_volume = noise_volume(self._noise, self._X, self._sample_weight)
        self._init = init
        self._prior = resolve_prior(prior, self._X, self._n_components, self._sample_weight)
        self._stats = None
        if isinstance(init, EMState):
            self._state = self._resumed(init)
            return
        if isinstance(init, Mixture):
            self._check_components(init, "the initial mixture")
            mixture = self._with_noise(init.with_covariance_type(self._covariance_type))
        else:
            resp = self._initial_resp(init, random_state(seed))
            mixture = self._with_noise(self._estimate(resp, *_first_sums(self._X, resp, self._sample_weight),
                                                      initial=True))
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
    def sample_weight(self):
        """The points' weights (read-only, shape (n_samples,)), or None when unweighted."""
        return self._sample_weight

    @property
    def n_weighted(self):
        """Σ w, the number of points the weighted points count as (n_samples without weights)."""
        return self._n_weighted

    @property
    def noise(self):
        """The noise setting: None, True or a volume."""
        return self._noise

    @property
    def freeze(self):
        """The frozen parameters (canonical, components from 0), or None."""
        return self._freeze

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
        previous = state.mean_log_likelihood if state.phase == "m" else math.nan
        self._state = self._evaluated(state, previous)
        return self._state

    def m_step(self):
        """Re-estimate the mixture from the last E-step's responsibilities (which stay unchanged)."""
        state = self._state
        if state.phase != "e":
            raise GmmvizError("m_step() needs the responsibilities of an e_step() first: call e_step() or step()")
        nk, sum_x = self._stats
        noise_nk = nk[self._n_components] if nk.size > self._n_components else None
        nk = nk[:self._n_components]
        # A component with anything frozen is never re-seeded: that would move what was frozen.
        anything_frozen = self._frozen["weight"] | self._frozen["mean"] | self._frozen["covariance"]
        empty = np.flatnonzero((nk < self._empty_nk) & ~anything_frozen)
        mixture = self._estimate(state.resp, nk, sum_x, previous=state.mixture, noise_nk=noise_nk)
        messages = ()
        if empty.size:
            mixture, messages = self._reseed(mixture, empty, state.mixture)
        emptied = np.flatnonzero(nk < self._empty_nk)
        degenerate = set(emptied.tolist()) | set(collapsed_components(mixture, self._reg_covar).tolist())
        self._state = replace(
            state, iteration=state.iteration + 1, phase="m", mixture=mixture, warnings=messages,
            degenerate=tuple(sorted(int(k) for k in degenerate)),
        )
        return self._state

    def step(self):
        """One full EM iteration (E then M); returns the state after the M-step."""
        self.e_step()
        return self.m_step()

    def half_steps(self, pause=None):
        """The EM loop: generator of the state after every half-step (E, M, E, M, …) from the current one.

        Stops after the M-step of the iteration whose E-step converged, or once ``max_iter``
        iterations were done since the state it started from.

        Parameters
        ----------
        pause : callable, optional
            ``pause(state) -> bool``, called after every yielded state but the last; True stops
            the loop (a caller pacing the run waits in it).
        """
        limit = self._state.iteration + self._max_iter
        while self._state.iteration < limit:
            state = self.m_step() if self._state.phase == "e" else self.e_step()
            yield state
            if state.phase == "m" and (state.converged or state.iteration >= limit):
                return
            if pause is not None and pause(state):
                return

    def run(self):
        """Generator of the state after every iteration (the M-steps of :meth:`half_steps`)."""
        for state in self.half_steps():
            if state.phase == "m":
                yield state

    # -- internals --------------------------------------------------------------------------

    def _estimate(self, resp, nk, sum_x, initial=False, previous=None, noise_nk=None):
        """The M-step (:func:`_estimate`) with the engine's points and settings; ``previous`` holds the frozen."""
        frozen = self._frozen if previous is not None and self._freeze else None
        return _estimate(self._X, resp, nk, sum_x, self._covariance_type, self._reg_covar, self._prior,
                         self._sample_weight, initial, frozen, previous, noise_nk, self._noise_volume,
                         one_point=self._one_point)

    def _initial_resp(self, method, rs):
        """Initial responsibilities by ``method``; with noise, of the core points only (the rest rows of 0)."""
        X, weights = self._X, self._sample_weight
        if self._noise_volume is None:
            return initial_resp(X, self._n_components, method, rs, weights)
        core = core_points(X)
        try:
            check_data(X[core], self._n_components, None if weights is None else weights[core])
        except GmmvizError:     # too few core points for K components: every point takes part
            return initial_resp(X, self._n_components, method, rs, weights)
        resp = np.zeros((X.shape[0], self._n_components))
        resp[core] = initial_resp(X[core], self._n_components, method, rs, None if weights is None else weights[core])
        return resp

    def _with_noise(self, mixture):
        """``mixture`` with the engine's noise component (see the module docstring), or without any."""
        if self._noise_volume is None:
            return mixture.with_noise(0.0, None) if mixture.has_noise else mixture
        if mixture.noise_volume == self._noise_volume:
            return mixture
        return mixture.with_noise(mixture.noise_weight if mixture.has_noise else INITIAL_WEIGHT, self._noise_volume)

    def _reseed(self, mixture, empty, previous):
        """Move emptied components to the worst-explained points; returns (mixture, messages)."""
        explained = previous.score_samples(self._X)
        if self._sample_weight is not None:
            explained[self._sample_weight == 0] = np.inf  # a point that counts for nothing is no seed
        worst = np.argsort(explained, kind="stable")[: empty.size]
        data_covariance = np.cov(self._X, rowvar=False, bias=True) / self._n_components
        data_covariance[[0, 1], [0, 1]] += self._reg_covar
        weights = np.array(mixture.weights)
        means = np.array(mixture.means)
        full = np.array(mixture.full_covariances)
        weights[empty] = average_weight(self._sample_weight) / self._n_weighted
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
        return Mixture._from_estimates(weights, means, covariances, self._covariance_type, mixture.noise_weight,
                                       mixture.noise_volume), messages

    def _evaluated(self, state, previous):
        """The E-step of ``state``'s mixture: an "e" state whose ``change`` is against ``previous``.

        The sums for the M-step are kept with it.
        """
        resp = np.empty((self.n_samples, self._n_components + state.mixture.has_noise))
        total, nk, sum_x = state.mixture._e_step(self._X, resp=resp, sample_weight=self._sample_weight)
        resp.setflags(write=False)
        if self._prior is not None:
            total += self._prior.log_density(state.mixture)
        mean = total / self._n_weighted
        change = mean - previous
        self._stats = (nk, sum_x)
        return replace(
            state, phase="e", resp=resp, log_likelihood=float(total), mean_log_likelihood=float(mean),
            change=float(change), converged=bool(abs(change) < self._tol), warnings=(),
        )

    def _resumed(self, state):
        """The engine's state when it resumes from ``state`` (see the module docstring)."""
        self._check_components(state.mixture, "the state to resume from")
        mixture = self._with_noise(state.mixture.with_covariance_type(self._covariance_type))
        resp = state.resp
        if resp is not None and resp.shape != (self.n_samples, self._n_components + mixture.has_noise):
            resp = None
        state = replace(state, mixture=mixture, resp=resp)
        if state.phase != "e":
            return state
        evaluated = self._evaluated(state, math.nan)
        if evaluated.mean_log_likelihood == state.mean_log_likelihood:
            return replace(evaluated, change=state.change, converged=state.converged)
        return evaluated

    def _check_components(self, mixture, what):
        if mixture.n_components != self._n_components:
            raise GmmvizError(
                f"{what} has {mixture.n_components} components but {self._n_components} were asked for: "
                f"give n_components={mixture.n_components}"
            )
