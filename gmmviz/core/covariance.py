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
with scikit-learn's ``_compute_precision_cholesky`` to round-off. That closed form is the one
definition of "positive definite" in gmmviz: a covariance is usable when its factors exist and
are finite (:func:`check_positive_definite`), which is what the kernels need. LAPACK's Cholesky
decides differently on a few matrices within round-off of singular, so nothing in gmmviz calls
``numpy.linalg.cholesky`` on a covariance (sampling uses :func:`cholesky_2x2` too).

Data far from the origin: every estimate is formed from differences to nearby centres, never
from raw moments (``XᵀX − n μμᵀ`` loses every digit of the spread once the offset is ~1e8 times
it). The M-step means are the rough means ``Σ r x / Σ r`` corrected by the first moment about
them (:func:`moments_about_means`), which rounds them to the nearest representable value or
next to it; the initial tied covariance measures unassigned points from the data mean
(:func:`sklearn_initial_tied_covariance`).
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


def _closed_form_factors(full):
    """Closed-form factors of symmetric matrices (m, 2, 2), and which of them are usable.

    Returns
    -------
    lower : ndarray of shape (m, 3)
        Lower Cholesky factors L of the covariances, packed ``[l00, l10, l11]``.
    upper : ndarray of shape (m, 3)
        Upper factors U = (L⁻¹)ᵀ of the precisions (U Uᵀ = Σ⁻¹), packed ``[u00, u01, u11]``.
    usable : ndarray of shape (m,), bool
        Both factors exist and are finite.
    """
    with np.errstate(all="ignore"):
        a00 = full[:, 0, 0]
        l00 = np.sqrt(a00)
        l10 = full[:, 1, 0] / l00
        schur = full[:, 1, 1] - l10 * l10
        l11 = np.sqrt(schur)
        lower = np.stack([l00, l10, l11], axis=1)
        upper = np.stack([1.0 / l00, -l10 / (l00 * l11), 1.0 / l11], axis=1)
    usable = (a00 > 0.0) & (schur > 0.0) & np.isfinite(lower).all(axis=1) & np.isfinite(upper).all(axis=1)
    return lower, upper, usable


def cholesky_2x2(full):
    """Lower Cholesky factors of symmetric matrices (m, 2, 2), as (m, 3) ``[l00, l10, l11]``.

    Returns None when a matrix is not positive definite in the closed form's arithmetic.
    """
    lower, _, usable = _closed_form_factors(full)
    return lower if usable.all() else None


def packed_precision_cholesky(full):
    """Upper Cholesky factors U of the precisions (U Uᵀ = Σ⁻¹), packed (m, 3) ``[u00, u01, u11]``.

    U = (L⁻¹)ᵀ with L the lower Cholesky factor of the covariance, exactly as scikit-learn's
    ``_compute_precision_cholesky``. Raises GmmvizError (the fit's ill-defined message) when a
    covariance is not positive definite.
    """
    _, upper, usable = _closed_form_factors(full)
    if not usable.all():
        raise GmmvizError(ILL_DEFINED_MESSAGE)
    return upper


def check_positive_definite(full):
    """Packed precision factors (m, 3) of covariances given by a user, or GmmvizError naming the first bad one.

    The test is the kernels' own closed-form Cholesky, so whatever passes can be evaluated,
    sampled and drawn.
    """
    _, upper, usable = _closed_form_factors(full)
    if not usable.all():
        k = int(np.flatnonzero(~usable)[0])
        raise GmmvizError(
            f"the covariance matrix of component {k + 1} is not positive definite to double precision: "
            "give it positive variances whose product exceeds the squared covariance"
        )
    return upper


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


def moments_about_means(nk, centres, first, scatter):
    """Means and the scatter about them, from moments about nearby centres.

    Parameters
    ----------
    nk : ndarray of shape (n_components,)
        Soft counts, with scikit-learn's 10·eps.
    centres : ndarray of shape (n_components, 2)
        Rough means (a plain sum ``Σ_i r_ik x_i`` loses digits far from the origin).
    first : ndarray of shape (n_components, 2)
        ``f_k = Σ_i r_ik (x_i − c_k)``.
    scatter : ndarray of shape (n_components, 2, 2)
        ``Σ_i r_ik (x_i − c_k)(x_i − c_k)ᵀ``.

    Returns
    -------
    means : ndarray of shape (n_components, 2)
        ``c_k + f_k / nk``: the centres moved by a small, accurately summed step.
    scatter : ndarray of shape (n_components, 2, 2)
        About those means, by the exact shift ``s_k = μ_k − c_k``: ``S − s fᵀ − f sᵀ + nk s sᵀ``
        (every correction is small next to S, so nothing cancels). A component made of one
        point whose centre is that point has f = S = 0 and keeps a zero scatter exactly.
    """
    means = centres + first / nk[:, np.newaxis]
    shift = means - centres
    cross = np.einsum("ki,kj->kij", shift, first)
    outer = np.einsum("ki,kj->kij", shift, shift)
    return means, scatter - cross - np.swapaxes(cross, 1, 2) + nk[:, np.newaxis, np.newaxis] * outer


def sklearn_initial_tied_covariance(X, resp, nk, scatter, reg_covar, sample_weight=None):
    """scikit-learn's initial tied estimate, with unassigned points measured from the data mean.

    scikit-learn computes ``(XᵀX − Σ_k nk μ_k μ_kᵀ) / Σ nk + reg``, which is
    ``(Σ_k S_k + Σ_i (1 − Σ_k r_ik) x_i x_iᵀ) / Σ nk + reg``. When every row of the
    responsibilities sums to 1 the second sum vanishes and this is the usual tied estimate. The
    one-point initialisations (``k-means++``, ``random_from_data``) give rows of zeros, and then
    scikit-learn counts every unassigned point from the origin — a broad start that depends on
    where the origin is (and cancels to nothing far from it). gmmviz counts them from the data
    mean instead: identical to scikit-learn for data centred at the origin, the same start
    wherever the data lie.

    Parameters
    ----------
    X : ndarray of shape (n_samples, 2)
    resp : ndarray of shape (n_samples, n_components)
    nk : ndarray of shape (n_components,)
    scatter : ndarray of shape (n_components, 2, 2)
        Centered scatter about the means.
    reg_covar : float
    sample_weight : ndarray of shape (n_samples,), optional
        Point i counts ``w_i`` times (in the data mean too).
    """
    unassigned = 1.0 - resp.sum(axis=1)
    if sample_weight is None:
        centred = X - X.mean(axis=0)
    else:
        unassigned = unassigned * sample_weight
        centred = X - sample_weight @ X / sample_weight.sum()
    covariance = (scatter.sum(axis=0) + (unassigned[:, np.newaxis] * centred).T @ centred) / nk.sum()
    covariance[[0, 1], [0, 1]] += reg_covar
    return covariance


def regularisation_is_large(X, reg_covar) -> bool:
    """Whether ``reg_covar`` is at least a hundredth of the points' variance along an axis, ``X`` (n, 2).

    Then a component it holds up is not one collapsed by EM but one the regularisation keeps wide, and a
    larger reg_covar would hold more of them up: the advice for such a fit is a smaller one (or rescaled
    data), not a larger one.
    """
    variances = np.var(np.asarray(X, dtype=float), axis=0) if len(X) else np.zeros(N_FEATURES)
    return bool(reg_covar >= 0.01 * float(variances.min()))
