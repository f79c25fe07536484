"""Covariance types: shapes, conversions, M-step estimates and Cholesky factors of precisions.

gmmviz is two-dimensional only (``n_features = 2``) and works in float64. Every covariance
type keeps scikit-learn's parameter shapes:

=============  ======================  ==========================================
type           covariances             meaning
=============  ======================  ==========================================
``full``       (n_components, 2, 2)    one general covariance per component
``tied``       (2, 2)                  one general covariance shared by all
``diag``       (n_components, 2)       one diagonal covariance per component
``spherical``  (n_components,)         one variance per component
=============  ======================  ==========================================

Internally the numeric kernels see every type the same way: a full (n_components, 2, 2)
matrix per component, and its precision Cholesky factor packed as (n_components, 3) upper
triangles ``[u00, u01, u11]``. One kernel therefore serves all four types.

The 2×2 Cholesky factors are computed in closed form (vectorised over components); they agree
with scikit-learn's ``_compute_precision_cholesky`` to round-off.
"""

import numpy as np

from gmmviz.core.errors import GmmvizError

COVARIANCE_TYPES = ("full", "tied", "diag", "spherical")

N_FEATURES = 2

ILL_DEFINED_MESSAGE = (
    "a component has an ill-defined covariance (too few or identical points): "
    "reduce the number of components, increase reg_covar, or rescale the data"
)


def check_covariance_type(covariance_type):
    """Return ``covariance_type`` or raise GmmvizError naming the valid choices."""
    if covariance_type not in COVARIANCE_TYPES:
        raise GmmvizError(
            f"unknown covariance type {covariance_type!r}: use one of {', '.join(COVARIANCE_TYPES)}"
        )
    return covariance_type


def type_shape(covariance_type, n_components):
    """Shape of the covariances of ``covariance_type`` for ``n_components`` components."""
    return {
        "full": (n_components, N_FEATURES, N_FEATURES),
        "tied": (N_FEATURES, N_FEATURES),
        "diag": (n_components, N_FEATURES),
        "spherical": (n_components,),
    }[covariance_type]


def to_full(covariances, covariance_type, n_components):
    """Expand type-shaped covariances to full matrices, shape (n_components, 2, 2)."""
    if covariance_type == "full":
        return np.array(covariances, dtype=np.float64)
    if covariance_type == "tied":
        return np.repeat(np.asarray(covariances, dtype=np.float64)[np.newaxis], n_components, axis=0)
    if covariance_type == "diag":
        full = np.zeros((n_components, N_FEATURES, N_FEATURES))
        full[:, [0, 1], [0, 1]] = covariances
        return full
    full = np.zeros((n_components, N_FEATURES, N_FEATURES))
    full[:, [0, 1], [0, 1]] = np.asarray(covariances)[:, np.newaxis]
    return full


def from_full(full, covariance_type, weights=None):
    """Project full matrices (n_components, 2, 2) onto ``covariance_type``'s parameters.

    The projection is exact when ``full`` already has the type's structure; otherwise it keeps
    the diagonal (``diag``), the mean of the diagonal (``spherical``) or the weight-averaged
    matrix (``tied``, weights default to equal).
    """
    full = np.asarray(full, dtype=np.float64)
    if covariance_type == "full":
        return full.copy()
    if covariance_type == "tied":
        if weights is None:
            weights = np.full(full.shape[0], 1.0 / full.shape[0])
        return np.einsum("k,kij->ij", weights, full)
    diagonal = full[:, [0, 1], [0, 1]]
    if covariance_type == "diag":
        return diagonal
    return diagonal.mean(axis=1)


def has_structure(full, covariance_type, rtol=1e-9):
    """True when full matrices (n_components, 2, 2) have the structure of ``covariance_type``."""
    scale = np.abs(full).max(initial=0.0)
    atol = rtol * scale
    if covariance_type == "full":
        return True
    if covariance_type == "tied":
        return bool(np.all(np.abs(full - full[:1]) <= atol))
    off_diagonal_zero = bool(np.all(np.abs(full[:, 0, 1]) <= atol) and np.all(np.abs(full[:, 1, 0]) <= atol))
    if covariance_type == "diag":
        return off_diagonal_zero
    return off_diagonal_zero and bool(np.all(np.abs(full[:, 0, 0] - full[:, 1, 1]) <= atol))


def cholesky_2x2(full):
    """Lower Cholesky factors of symmetric matrices (m, 2, 2), as (m, 3) ``[l00, l10, l11]``.

    Returns None when a matrix is not positive definite (the same cases in which
    ``numpy.linalg.cholesky`` fails).
    """
    with np.errstate(invalid="ignore", divide="ignore"):
        a00 = full[:, 0, 0]
        l00 = np.sqrt(a00)
        l10 = full[:, 1, 0] / l00
        schur = full[:, 1, 1] - l10 * l10
        l11 = np.sqrt(schur)
    if not (np.all(a00 > 0.0) and np.all(schur > 0.0)):
        return None
    return np.stack([l00, l10, l11], axis=1)


def packed_precision_cholesky(full):
    """Upper Cholesky factors U of the precisions (U Uᵀ = Σ⁻¹), packed (m, 3) ``[u00, u01, u11]``.

    U = (L⁻¹)ᵀ with L the lower Cholesky factor of the covariance, exactly as scikit-learn's
    ``_compute_precision_cholesky``. Raises GmmvizError when a covariance is not positive definite.
    """
    lower = cholesky_2x2(full)
    if lower is None:
        raise GmmvizError(ILL_DEFINED_MESSAGE)
    l00, l10, l11 = lower.T
    return np.stack([1.0 / l00, -l10 / (l00 * l11), 1.0 / l11], axis=1)


def unpack_upper(packed):
    """Packed (m, 3) upper triangles to matrices (m, 2, 2)."""
    matrices = np.zeros((packed.shape[0], N_FEATURES, N_FEATURES))
    matrices[:, 0, 0] = packed[:, 0]
    matrices[:, 0, 1] = packed[:, 1]
    matrices[:, 1, 1] = packed[:, 2]
    return matrices


def precisions_cholesky_of_type(packed, covariance_type):
    """scikit-learn's ``precisions_cholesky_`` (type shape) from packed full factors (K, 3)."""
    if covariance_type == "full":
        return unpack_upper(packed)
    if covariance_type == "tied":
        return unpack_upper(packed[:1])[0]
    diagonal = packed[:, [0, 2]]
    if covariance_type == "diag":
        return diagonal
    return diagonal[:, 0].copy()


def n_parameters(covariance_type, n_components):
    """Number of free parameters, exactly scikit-learn's ``GaussianMixture._n_parameters``."""
    cov_params = {
        "full": n_components * N_FEATURES * (N_FEATURES + 1) / 2.0,
        "diag": n_components * N_FEATURES,
        "tied": N_FEATURES * (N_FEATURES + 1) / 2.0,
        "spherical": n_components,
    }[covariance_type]
    mean_params = N_FEATURES * n_components
    return int(cov_params + mean_params + n_components - 1)


def covariances_from_scatter(nk, scatter, covariance_type, reg_covar):
    """Maximum-likelihood covariances (type shape) from the M-step sufficient statistics.

    Parameters
    ----------
    nk : ndarray of shape (n_components,)
        Soft counts ``Σ_i r_ik + 10·eps`` (scikit-learn's guard against empty components).
    scatter : ndarray of shape (n_components, 2, 2)
        Centered scatter ``S_k = Σ_i r_ik (x_i − μ_k)(x_i − μ_k)ᵀ``.
    covariance_type : str
    reg_covar : float
        Added to the diagonal, as scikit-learn does.

    Notes
    -----
    full ``S_k / nk + reg``; tied ``Σ_k S_k / Σ_k nk + reg``; diag ``diag(S_k) / nk + reg``;
    spherical the mean of the diag variances. These equal scikit-learn's estimates; for diag,
    tied and spherical scikit-learn uses the uncentered form ``E[x²] − μ²``, which agrees to
    round-off on ordinary data and is less accurate far from the origin.
    """
    if covariance_type == "full":
        covariances = scatter / nk[:, np.newaxis, np.newaxis]
        covariances[:, [0, 1], [0, 1]] += reg_covar
        return covariances
    if covariance_type == "tied":
        covariance = scatter.sum(axis=0) / nk.sum()
        covariance[[0, 1], [0, 1]] += reg_covar
        return covariance
    diag = scatter[:, [0, 1], [0, 1]] / nk[:, np.newaxis] + reg_covar
    if covariance_type == "diag":
        return diag
    return diag.mean(axis=1)


def sklearn_initial_tied_covariance(X, nk, means, reg_covar):
    """scikit-learn's tied estimate ``(XᵀX − Σ_k nk μ_k μ_kᵀ) / Σ nk + reg``, used at initialisation only.

    It equals the centered form when every row of the responsibilities sums to 1. The one-point
    initialisations (``k-means++``, ``random_from_data``) give rows of zeros, and then this form
    counts every point — a broad starting covariance that gmmviz reproduces so that fits with a
    seed stay identical to scikit-learn's.
    """
    covariance = X.T @ X - (nk * means.T) @ means
    covariance /= nk.sum()
    covariance[[0, 1], [0, 1]] += reg_covar
    return covariance
