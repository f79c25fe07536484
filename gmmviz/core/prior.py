"""Conjugate prior for MAP estimation (Fraley & Raftery 2007, as mclust's ``priorControl``).

The prior is a Dirichlet(α, …, α) on the weights and a Normal-inverse-Wishart on each
component's mean and covariance::

    μ_k | Σ_k ~ N(μ₀, Σ_k / κ),        Σ_k ~ IW(ν, Λ)     (density ∝ |Σ|^(−(ν+d+1)/2) exp(−tr(Λ Σ⁻¹)/2))

with d = 2. For the constrained types the covariance prior is restricted consistently:
``tied`` shares one Σ with one IW(ν, Λ) prior; ``diag`` puts an inverse-gamma(ν/2, Λ_jj/2)
prior on each variance σ²_kj (the d = 1 inverse-Wishart); ``spherical`` puts an
inverse-gamma(ν/2, ς²/2) on σ²_k with ς² = tr(Λ)/d.

:meth:`Prior.default` gives mclust's ``defaultPrior``: μ₀ = data mean, κ = 0.01, ν = d + 2 = 4,
Λ = cov(data) / K^(2/d) = cov(data) / K, α = 1 (a flat Dirichlet, so weights are nk / n).

M-step (posterior mode), with nk = Σ_i r_ik, x̄_k = Σ_i r_ik x_i / nk,
W_k = Σ_i r_ik (x_i − x̄_k)(x_i − x̄_k)ᵀ and B_k = κ nk / (κ + nk) (x̄_k − μ₀)(x̄_k − μ₀)ᵀ::

    μ_k      = (nk x̄_k + κ μ₀) / (nk + κ)
    full     Σ_k   = (Λ + W_k + B_k) / (ν + nk + d + 2)
    tied     Σ     = (Λ + Σ_k (W_k + B_k)) / (ν + n + d + 1 + K)
    diag     σ²_kj = (Λ_jj + (W_k + B_k)_jj) / (ν + nk + 3)
    spherical σ²_k = (ς² + tr(W_k + B_k)) / (ν + (nk + 1) d + 2)
    w_k      = (nk + α − 1) / (n + K (α − 1))

reg_covar is then added to the diagonal as in the maximum-likelihood M-step.

Log prior density: only the parameter-dependent terms are kept (normalising constants do not
change which parameters are better, and leaving them out keeps the log posterior comparable
with the log-likelihood)::

    (α − 1) Σ_k log w_k
    full/tied: Σ_k [−½ log|Σ_k| − κ/2 (μ_k − μ₀)ᵀ Σ_k⁻¹ (μ_k − μ₀)]
               − (ν + d + 1)/2 log|Σ| − ½ tr(Λ Σ⁻¹)      (once per distinct Σ)
    diag:      Σ_kj [−½ log σ²_kj − κ (μ_kj − μ₀j)² / (2σ²_kj) − (ν/2 + 1) log σ²_kj − Λ_jj / (2σ²_kj)]
    spherical: Σ_k [−(d/2) log σ²_k − κ |μ_k − μ₀|² / (2σ²_k) − (ν/2 + 1) log σ²_k − ς² / (2σ²_k)]

The monitored quantity of a MAP fit is the log posterior = log-likelihood + log prior.
"""

import math
from collections.abc import Mapping
from dataclasses import dataclass
from numbers import Real

import numpy as np

from gmmviz.core.covariance import N_FEATURES, cholesky_2x2, packed_precision_cholesky, unpack_upper
from gmmviz.core.errors import GmmvizError


def _shown(value):
    """``value`` for a one-line message (arrays as nested lists)."""
    try:
        return repr(np.asarray(value).tolist())
    except ValueError:
        return repr(value)


def _number(name, value, low, allowed, inclusive=False):
    """``value`` as a float, or GmmvizError naming the hyperparameter and its allowed range."""
    if isinstance(value, Real) and not isinstance(value, bool):
        number = float(value)
        if math.isfinite(number) and (number >= low if inclusive else number > low):
            return number
    raise GmmvizError(f"prior: {name} must be {allowed}, got {_shown(value)}")


def _numbers(name, value, shape, allowed):
    """``value`` as a float64 array of ``shape``, or GmmvizError naming the hyperparameter."""
    try:
        array = np.asarray(value)
    except ValueError:  # ragged nesting
        array = np.empty(0, dtype=object)
    if array.dtype.kind not in "iuf" or array.shape != shape or not np.all(np.isfinite(array)):
        raise GmmvizError(f"prior: {name} must be {allowed}, got {_shown(value)}")
    return np.array(array, dtype=np.float64)


def data_moments(X, sample_weight=None):
    """The data mean (2,) and covariance (2, 2) :meth:`Prior.default` is made of.

    Point i of X (n_samples, 2) counts ``sample_weight[i]`` times (shape (n_samples,); None: once each),
    and ``Σ w − 1`` stands for n − 1. GmmvizError when the points give none.
    """
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 2 or X.shape[1] != N_FEATURES or X.shape[0] < 2:
        raise GmmvizError("the default prior needs at least 2 points of shape (n_samples, 2)")
    if sample_weight is None:
        return X.mean(axis=0), np.cov(X, rowvar=False)
    n = sample_weight.sum()
    if not n > 1.0:
        raise GmmvizError(f"the default prior needs weights that sum to more than 1, got {n:.9g}: "
                          "scale the weights up or fit without the prior")
    mean = sample_weight @ X / n
    centred = X - mean
    with np.errstate(over="ignore", invalid="ignore"):
        return mean, (sample_weight[:, np.newaxis] * centred).T @ centred / (n - 1.0)


def _data_scale(X, n_components, covariance):
    """mclust's default scale cov(X) / K^(2/d), or GmmvizError saying why the points give none."""
    with np.errstate(over="ignore", invalid="ignore"):
        scale = covariance / n_components ** (2.0 / N_FEATURES)
    if cholesky_2x2(scale[np.newaxis]) is not None:
        return scale
    if not np.all(np.isfinite(scale)):
        raise GmmvizError("the default prior takes its scale from the spread of the points, which is too large "
                          "for double precision: rescale the points or fit without the prior")
    spread = "are all identical" if np.all(X == X[0]) else "lie on one line"
    raise GmmvizError(f"the default prior takes its scale from the spread of the points, but they {spread}: "
                      "fit without the prior or use points that vary in both coordinates")


@dataclass(frozen=True)
class Prior:
    """Hyperparameters of the conjugate prior (see the module docstring).

    Attributes
    ----------
    mean : ndarray of shape (2,)
        μ₀, the prior mean of the component means.
    shrinkage : float
        κ > 0, how many pseudo-points the prior mean is worth.
    dof : float
        ν > d − 1 = 1, degrees of freedom of the inverse-Wishart.
    scale : ndarray of shape (2, 2)
        Λ, symmetric positive definite.
    dirichlet : float
        α ≥ 1 (α = 1 is flat; α < 1 would allow negative modes).
    """

    mean: np.ndarray
    shrinkage: float
    dof: float
    scale: np.ndarray
    dirichlet: float = 1.0

    def __post_init__(self):
        mean = _numbers("mean", self.mean, (N_FEATURES,), "2 finite numbers [x, y]")
        scale = _numbers("scale", self.scale, (N_FEATURES, N_FEATURES), "a 2×2 matrix of finite numbers")
        if not np.allclose(scale, scale.T) or cholesky_2x2(scale[np.newaxis]) is None:
            raise GmmvizError("prior: the scale must be a symmetric positive definite 2×2 matrix")
        shrinkage = _number("shrinkage", self.shrinkage, 0.0, "a finite number greater than 0")
        dof = _number("dof (degrees of freedom)", self.dof, N_FEATURES - 1.0, "a finite number greater than 1")
        dirichlet = _number("dirichlet (the Dirichlet parameter)", self.dirichlet, 1.0,
                            "a finite number of at least 1", inclusive=True)
        mean.setflags(write=False)
        scale.setflags(write=False)
        object.__setattr__(self, "mean", mean)
        object.__setattr__(self, "scale", scale)
        object.__setattr__(self, "shrinkage", shrinkage)
        object.__setattr__(self, "dof", dof)
        object.__setattr__(self, "dirichlet", dirichlet)

    @classmethod
    def default(cls, X, n_components, sample_weight=None, moments=None, **overrides):
        """mclust's ``defaultPrior`` for data X (n_samples, 2) and K components; keywords override.

        With ``sample_weight`` (n_samples,) the mean and covariance count point i ``w_i`` times.
        ``moments`` are :func:`data_moments` of the same X and weights, when the caller has them (a
        window changing K on a million points need not pass over them again); X is then only read to
        say why the points give no scale, and not checked again.
        """
        X = np.asarray(X, dtype=np.float64)
        data_mean, data_covariance = data_moments(X, sample_weight) if moments is None else moments
        values = dict(
            mean=data_mean,
            shrinkage=0.01,
            dof=N_FEATURES + 2.0,
            scale=None,
            dirichlet=1.0,
        )
        unknown = set(overrides) - set(values)
        if unknown:
            raise GmmvizError(f"unknown prior setting(s): {', '.join(sorted(unknown))}")
        values.update({key: value for key, value in overrides.items() if value is not None})
        if overrides.get("scale") is None:
            values["scale"] = _data_scale(X, n_components, data_covariance)
        return cls(**values)

    def to_dict(self):
        """Plain-JSON form: ``{"mean", "shrinkage", "dof", "scale", "dirichlet"}``."""
        return {
            "mean": self.mean.tolist(),
            "shrinkage": self.shrinkage,
            "dof": self.dof,
            "scale": self.scale.tolist(),
            "dirichlet": self.dirichlet,
        }

    @classmethod
    def from_dict(cls, d):
        """Inverse of :meth:`to_dict`; raises GmmvizError on missing or bad entries."""
        if not isinstance(d, Mapping):
            raise GmmvizError(f"prior: expected an object with mean, shrinkage, dof, scale and dirichlet, "
                              f"got {type(d).__name__}")
        missing = [key for key in ("mean", "shrinkage", "dof", "scale") if key not in d]
        if missing:
            raise GmmvizError(f"prior: missing entry {', '.join(missing)} (it needs mean, shrinkage, dof and scale)")
        return cls(mean=d["mean"], shrinkage=d["shrinkage"], dof=d["dof"], scale=d["scale"],
                   dirichlet=d.get("dirichlet", 1.0))

    # -- MAP M-step -------------------------------------------------------------------------

    def weights(self, nk):
        """Posterior-mode weights (n_components,) from soft counts nk."""
        alpha = self.dirichlet
        return (nk + alpha - 1.0) / (nk.sum() + nk.size * (alpha - 1.0))

    def means_and_covariances(self, nk, x_bar, scatter, covariance_type, reg_covar, kept=None):
        """Posterior-mode means (K, 2) and covariances (type shape).

        Parameters
        ----------
        nk : ndarray of shape (n_components,)
        x_bar : ndarray of shape (n_components, 2)
            Sample means ``Σ_i r_ik x_i / nk``.
        scatter : ndarray of shape (n_components, 2, 2)
            W_k, centered at x̄_k.
        kept : (mask, means, scatter), optional
            Frozen means: a bool mask (n_components,), the means (n_components, 2) kept where it is
            True and the scatter (n_components, 2, 2) about them. A kept mean μ_k replaces the mode,
            and the covariance is the mode given μ_k, whose spread is ``S_k(μ_k) + κ (μ_k − μ₀)(μ_k − μ₀)ᵀ``
            (equal to ``W_k + B_k`` when μ_k is the mode).
        """
        kappa, nu, d = self.shrinkage, self.dof, N_FEATURES
        offset = x_bar - self.mean
        # (nk x̄ + κ μ₀) / (nk + κ), written as a small step from x̄ (exact far from the origin too).
        means = x_bar - (kappa / (nk + kappa))[:, np.newaxis] * offset
        between = (kappa * nk / (kappa + nk))[:, np.newaxis, np.newaxis] * np.einsum("ki,kj->kij", offset, offset)
        spread = scatter + between
        if kept is not None:
            mask, kept_means, kept_scatter = kept
            kept_offset = kept_means[mask] - self.mean
            means[mask] = kept_means[mask]
            spread[mask] = kept_scatter[mask] + kappa * np.einsum("ki,kj->kij", kept_offset, kept_offset)
        if covariance_type == "full":
            covariances = (self.scale + spread) / (nu + nk + d + 2.0)[:, np.newaxis, np.newaxis]
            covariances[:, [0, 1], [0, 1]] += reg_covar
        elif covariance_type == "tied":
            covariances = (self.scale + spread.sum(axis=0)) / (nu + nk.sum() + d + 1.0 + nk.size)
            covariances[[0, 1], [0, 1]] += reg_covar
        elif covariance_type == "diag":
            covariances = (np.diag(self.scale) + spread[:, [0, 1], [0, 1]]) / (nu + nk + 3.0)[:, np.newaxis]
            covariances += reg_covar
        else:
            trace = spread[:, 0, 0] + spread[:, 1, 1]
            covariances = (np.trace(self.scale) / d + trace) / (nu + (nk + 1.0) * d + 2.0)
            covariances += reg_covar
        return means, covariances

    # -- log prior density ------------------------------------------------------------------

    def log_density(self, mixture):
        """Parameter-dependent part of the log prior density of ``mixture`` (see module docstring)."""
        kappa, nu, d = self.shrinkage, self.dof, N_FEATURES
        with np.errstate(divide="ignore"):
            log_weights = np.log(mixture.weights)
        total = (self.dirichlet - 1.0) * log_weights.sum() if self.dirichlet != 1.0 else 0.0
        offset = mixture.means - self.mean
        covariance_type = mixture.covariance_type
        if covariance_type in ("full", "tied"):
            # From the kernels' closed-form factors, which exist for every valid mixture.
            upper = unpack_upper(packed_precision_cholesky(mixture.full_covariances))
            precisions = upper @ np.swapaxes(upper, 1, 2)
            log_dets = -2.0 * np.log(upper[:, 0, 0] * upper[:, 1, 1])
            quadratic = np.einsum("ki,kij,kj->k", offset, precisions, offset)
            total += np.sum(-0.5 * log_dets - 0.5 * kappa * quadratic)
            distinct = slice(0, 1) if covariance_type == "tied" else slice(None)
            total += np.sum(
                -0.5 * (nu + d + 1.0) * log_dets[distinct]
                - 0.5 * np.einsum("ij,kji->k", self.scale, precisions[distinct])
            )
            return float(total)
        if covariance_type == "diag":
            variances = mixture.covariances
            scale = np.diag(self.scale)[np.newaxis, :]
            squared = offset**2
            exponent_count = 0.5 + 0.5 * nu + 1.0
        else:
            variances = mixture.covariances
            scale = np.trace(self.scale) / d
            squared = (offset**2).sum(axis=1)
            exponent_count = 0.5 * d + 0.5 * nu + 1.0
        total += np.sum(-exponent_count * np.log(variances) - (kappa * squared + scale) / (2.0 * variances))
        return float(total)
