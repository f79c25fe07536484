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

from dataclasses import dataclass

import numpy as np

from gmmviz.core.covariance import N_FEATURES
from gmmviz.core.errors import GmmvizError


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
        try:
            mean = np.array(self.mean, dtype=np.float64).reshape(N_FEATURES)
            scale = np.array(self.scale, dtype=np.float64).reshape(N_FEATURES, N_FEATURES)
            shrinkage, dof, dirichlet = float(self.shrinkage), float(self.dof), float(self.dirichlet)
        except (TypeError, ValueError):
            raise GmmvizError("prior: mean must have 2 numbers, scale 2×2 numbers, the others be numbers") from None
        if not np.all(np.isfinite(mean)):
            raise GmmvizError("prior: the mean must be finite")
        if not shrinkage > 0:
            raise GmmvizError(f"prior: shrinkage must be positive, got {shrinkage}")
        if not dof > N_FEATURES - 1:
            raise GmmvizError(f"prior: degrees of freedom must be greater than 1, got {dof}")
        if not dirichlet >= 1:
            raise GmmvizError(f"prior: the Dirichlet parameter must be at least 1, got {dirichlet}")
        if not (np.all(np.isfinite(scale)) and np.allclose(scale, scale.T) and np.all(np.linalg.eigvalsh(scale) > 0)):
            raise GmmvizError("prior: the scale must be a symmetric positive definite 2×2 matrix")
        mean.setflags(write=False)
        scale.setflags(write=False)
        object.__setattr__(self, "mean", mean)
        object.__setattr__(self, "scale", scale)
        object.__setattr__(self, "shrinkage", shrinkage)
        object.__setattr__(self, "dof", dof)
        object.__setattr__(self, "dirichlet", dirichlet)

    @classmethod
    def default(cls, X, n_components, **overrides):
        """mclust's ``defaultPrior`` for data X (n_samples, 2) and K components; keywords override."""
        X = np.asarray(X, dtype=np.float64)
        if X.ndim != 2 or X.shape[1] != N_FEATURES or X.shape[0] < 2:
            raise GmmvizError("the default prior needs at least 2 points of shape (n_samples, 2)")
        values = dict(
            mean=X.mean(axis=0),
            shrinkage=0.01,
            dof=N_FEATURES + 2.0,
            scale=np.cov(X, rowvar=False) / n_components ** (2.0 / N_FEATURES),
            dirichlet=1.0,
        )
        unknown = set(overrides) - set(values)
        if unknown:
            raise GmmvizError(f"unknown prior setting(s): {', '.join(sorted(unknown))}")
        values.update({key: value for key, value in overrides.items() if value is not None})
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
        try:
            return cls(
                mean=d["mean"], shrinkage=d["shrinkage"], dof=d["dof"], scale=d["scale"],
                dirichlet=d.get("dirichlet", 1.0),
            )
        except (KeyError, TypeError, AttributeError) as error:
            raise GmmvizError(f"prior: missing or invalid entry {error}") from None

    # -- MAP M-step -------------------------------------------------------------------------

    def weights(self, nk):
        """Posterior-mode weights (n_components,) from soft counts nk."""
        alpha = self.dirichlet
        return (nk + alpha - 1.0) / (nk.sum() + nk.size * (alpha - 1.0))

    def means_and_covariances(self, nk, sum_x, scatter, covariance_type, reg_covar):
        """Posterior-mode means (K, 2) and covariances (type shape).

        Parameters
        ----------
        nk : ndarray of shape (n_components,)
        sum_x : ndarray of shape (n_components, 2)
            ``Σ_i r_ik x_i``.
        scatter : ndarray of shape (n_components, 2, 2)
            W_k, centered at x̄_k = sum_x / nk.
        """
        kappa, nu, d = self.shrinkage, self.dof, N_FEATURES
        x_bar = sum_x / nk[:, np.newaxis]
        means = (sum_x + kappa * self.mean) / (nk + kappa)[:, np.newaxis]
        offset = x_bar - self.mean
        between = (kappa * nk / (kappa + nk))[:, np.newaxis, np.newaxis] * np.einsum("ki,kj->kij", offset, offset)
        spread = scatter + between
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
            full = mixture.full_covariances
            precisions = np.linalg.inv(full)
            log_dets = np.linalg.slogdet(full)[1]
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
