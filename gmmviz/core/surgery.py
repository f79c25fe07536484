"""Component surgery: a mixture's parameters with a component added, removed, split or merged.

Pure functions on parameter arrays — ``weights`` (K,), ``means`` (K, 2) and full covariance
matrices ``full`` (K, 2, 2) of a mixture of ``covariance_type`` — that return new arrays of the
same kinds; :class:`gmmviz.core.Mixture`'s ``with_component_added``, ``without_component``,
``split_component`` and ``merge_components`` build the new mixture from them (and validate it).
Components are numbered from 0.

Decisions (w, μ, Σ are a component's weight, mean and covariance; "moments" are the weight, mean
and second moment E[x xᵀ] of the part of the mixture concerned):

- **Add**: a new last component; weight 1/(K + 1) unless given, the other weights scaled by
  (1 − weight) so they keep their proportions; covariance the weight-averaged covariance of the
  existing components unless given (which has every type's structure; for ``tied`` it is the shared
  one, and a ``tied`` mixture refuses any other, since its components share one covariance).
- **Remove**: the other weights are renormalised; the rest is unchanged.
- **Merge** i and j (moment matching): one component of weight wᵢ + wⱼ at the weighted mean, with
  the covariance that gives the pair's second moment, Σ = Σ_{a∈{i,j}} (w_a / w)(Σ_a + (μ_a − μ)(μ_a − μ)ᵀ).
  It takes the lower index; the components after the higher one move down by one. Where the type
  cannot hold that Σ, the nearest it can is kept: ``diag`` the diagonal (each coordinate's second
  moment is preserved, not the correlation), ``spherical`` the mean of the diagonal (the second
  moment's trace is preserved), and ``tied`` keeps the pair's weight and mean and adds the spread
  between the two means, (wᵢwⱼ / w) d dᵀ with d = μᵢ − μⱼ, to the shared covariance, which keeps the
  *whole mixture's* second moment (the pair's own cannot be kept without changing the others).
- **Split** k along its major axis u (unit eigenvector of the largest variance λ): the
  component is cut by the line through its mean across u, and each half is replaced by the Gaussian
  with that half's moments: weights w/2, means μ ± a u with a = √(2/π)·√λ (the mean of a half
  normal), covariance Σ − a² u uᵀ (the variance along u becomes λ(1 − 2/π), across u unchanged). The
  two together have exactly the weight, mean and covariance of the component, for ``full`` and
  ``diag`` (whose major axis is the coordinate axis of the larger variance, x when equal).
  ``spherical`` splits along x and keeps each child round with variance σ²(1 − 1/π), which
  preserves the trace of the second moment; ``tied`` moves the means the same way along the shared
  covariance's major axis and takes w a² u uᵀ off the shared covariance, which keeps the whole
  mixture's second moment (the tied merge's rule, so merging the two halves gives the component back
  for every type). The child at μ − a u keeps index k (u points to positive x, or positive y when
  across it), the other becomes the last component, so every other component keeps its number and
  colour.
"""

from __future__ import annotations

import math
import operator

import numpy as np

from gmmviz.core.covariance import N_FEATURES, has_structure, to_full
from gmmviz.core.errors import GmmvizError

#: Half the distance between the two halves of a split, in standard deviations along the major axis.
SPLIT_OFFSET = math.sqrt(2.0 / math.pi)


def add_component(weights, means, full, covariance_type, mean, covariance=None, weight=None):
    """The parameters with a new last component at ``mean``.

    Parameters
    ----------
    weights : ndarray of shape (K,)
    means : ndarray of shape (K, 2)
    full : ndarray of shape (K, 2, 2)
    covariance_type : {"full", "tied", "diag", "spherical"}
    mean : array-like of shape (2,)
    covariance : array-like of shape (2, 2), optional
        Or the type's own shape for one component: (2,) variances for ``diag``, one variance for
        ``spherical``. Default: the weight-averaged covariance of the components.
    weight : float, optional
        In (0, 1); default 1 / (K + 1).

    Returns
    -------
    weights, means, full : ndarrays of shapes (K + 1,), (K + 1, 2), (K + 1, 2, 2)
    """
    n_components = len(weights)
    mean = _point(mean)
    weight = 1.0 / (n_components + 1) if weight is None else _weight(weight)
    if covariance is None:
        new = np.einsum("k,kij->ij", weights, full)
    else:
        new = _covariance(covariance, covariance_type)
        if covariance_type == "tied" and not has_structure(np.stack([full[0], new]), "tied"):
            raise GmmvizError("the components of a tied mixture share one covariance: add the component "
                              "without a covariance, or use another covariance type")
    return (np.append(np.asarray(weights) * (1.0 - weight), weight), np.vstack([means, mean]),
            np.concatenate([full, new[np.newaxis]]))


def remove_component(weights, means, full, k):
    """The parameters without component ``k``, the other weights renormalised.

    Returns
    -------
    weights, means, full : ndarrays of shapes (K - 1,), (K - 1, 2), (K - 1, 2, 2)
    """
    k = _index(k, len(weights), "remove")
    if len(weights) == 1:
        raise GmmvizError("a mixture needs at least one component: add another before removing this one")
    rest = np.delete(weights, k)
    if not rest.sum() > 0:
        raise GmmvizError(f"the components other than component {k} have no weight: give one of them weight first")
    return rest / rest.sum(), np.delete(means, k, axis=0), np.delete(full, k, axis=0)


def merge_components(weights, means, full, covariance_type, i, j):
    """The parameters with components ``i`` and ``j`` merged into one at the lower index, moment matched.

    Returns
    -------
    weights, means, full : ndarrays of shapes (K - 1,), (K - 1, 2), (K - 1, 2, 2)
    """
    i, j = sorted((_index(i, len(weights), "merge"), _index(j, len(weights), "merge")))
    if i == j:
        raise GmmvizError(f"cannot merge component {i} with itself: choose two different components")
    weight, mean, covariance = pair_moments(weights[[i, j]], means[[i, j]], full[[i, j]])
    weights, means, full = np.array(weights, dtype=float), np.array(means, dtype=float), np.array(full, dtype=float)
    if covariance_type == "tied":
        difference = means[i] - means[j]
        between = weights[i] * weights[j] / weight if weight > 0 else 0.0
        full[:] = full[0] + between * np.outer(difference, difference)
    else:
        full[i] = _structured(covariance, covariance_type)
    weights[i], means[i] = weight, mean
    return np.delete(weights, j), np.delete(means, j, axis=0), np.delete(full, j, axis=0)


def split_component(weights, means, full, covariance_type, k):
    """The parameters with component ``k`` split in two along its major axis (see the module docstring).

    Returns
    -------
    weights, means, full : ndarrays of shapes (K + 1,), (K + 1, 2), (K + 1, 2, 2)
    """
    k = _index(k, len(weights), "split")
    variance, axis = major_axis(full[k], covariance_type)
    offset = SPLIT_OFFSET * math.sqrt(variance)
    spread = offset**2 * np.outer(axis, axis)        # the covariance of the two means about the old one
    weights, means, full = np.array(weights, dtype=float), np.array(means, dtype=float), np.array(full, dtype=float)
    if covariance_type == "tied":
        full[:] = full[k] - weights[k] * spread
    elif covariance_type == "spherical":
        full[k] -= np.trace(spread) / N_FEATURES * np.eye(N_FEATURES)
    else:
        full[k] -= spread
    centre = means[k].copy()
    weights[k] /= 2.0
    means[k] = centre - offset * axis
    return (np.append(weights, weights[k]), np.vstack([means, centre + offset * axis]),
            np.concatenate([full, full[k][np.newaxis]]))


def pair_moments(weights, means, full):
    """Weight, mean and covariance of the moment-matched Gaussian of components (a mixture's part).

    Parameters
    ----------
    weights : ndarray of shape (m,)
    means : ndarray of shape (m, 2)
    full : ndarray of shape (m, 2, 2)

    Returns
    -------
    weight : float
    mean : ndarray of shape (2,)
    covariance : ndarray of shape (2, 2)
        Σ (w_a / w)(Σ_a + (μ_a − μ)(μ_a − μ)ᵀ); equal shares when every weight is 0.
    """
    weights = np.asarray(weights, dtype=float)
    weight = float(weights.sum())
    shares = weights / weight if weight > 0 else np.full(len(weights), 1.0 / len(weights))
    mean = shares @ means
    deviations = means - mean
    covariance = np.einsum("a,aij->ij", shares, full) + np.einsum("a,ai,aj->ij", shares, deviations, deviations)
    return weight, mean, 0.5 * (covariance + covariance.T)


def major_axis(covariance, covariance_type):
    """The largest variance of a 2×2 covariance and its unit direction (see the module docstring).

    Returns
    -------
    variance : float
    axis : ndarray of shape (2,)
        Pointing to positive x (positive y when it is the y axis).
    """
    a, b, c = covariance[0, 0], covariance[0, 1], covariance[1, 1]
    if covariance_type in ("diag", "spherical") or b == 0:
        return (float(a), np.array([1.0, 0.0])) if a >= c else (float(c), np.array([0.0, 1.0]))
    variance = 0.5 * (a + c) + math.hypot(0.5 * (a - c), b)
    angle = 0.5 * math.atan2(2.0 * b, a - c)       # in (-π/2, π/2]: cos ≥ 0
    return float(variance), np.array([math.cos(angle), math.sin(angle)])


# -- helpers --------------------------------------------------------------------------------------


def _structured(covariance, covariance_type):
    """The nearest covariance ``covariance_type`` holds: all of it, its diagonal, or its mean variance."""
    if covariance_type == "diag":
        return np.diag(np.diag(covariance))
    if covariance_type == "spherical":
        return np.trace(covariance) / N_FEATURES * np.eye(N_FEATURES)
    return covariance


def _index(k, n_components, verb):
    try:
        k = operator.index(k)
    except TypeError:
        raise GmmvizError(f"a component to {verb} is given by its index (an integer), got {k!r}") from None
    if not 0 <= k < n_components:
        raise GmmvizError(f"there is no component {k} to {verb}: the components are 0 to {n_components - 1}")
    return k


def _point(mean):
    try:
        mean = np.asarray(mean, dtype=float)
    except (TypeError, ValueError):
        raise GmmvizError("the new component's mean must be two numbers (x, y)") from None
    if mean.shape != (N_FEATURES,) or not np.all(np.isfinite(mean)):
        raise GmmvizError(f"the new component's mean must be two finite numbers (x, y), got {mean.tolist()!r}")
    return mean


def _weight(weight):
    try:
        weight = float(weight)
    except (TypeError, ValueError):
        raise GmmvizError(f"the new component's weight must be a number between 0 and 1, got {weight!r}") from None
    if not 0.0 < weight < 1.0:
        raise GmmvizError(f"the new component's weight must lie strictly between 0 and 1, got {weight!r}")
    return weight


def _covariance(covariance, covariance_type):
    """A 2×2 matrix from a full matrix or the type's own shape for one component (Mixture checks the rest)."""
    try:
        covariance = np.asarray(covariance, dtype=float)
    except (TypeError, ValueError):
        raise GmmvizError("the new component's covariance must be a 2×2 matrix of numbers") from None
    own = {"diag": (N_FEATURES,), "spherical": ()}.get(covariance_type)
    if covariance.shape == own:
        return to_full(covariance[np.newaxis], covariance_type, 1)[0]
    if covariance.shape != (N_FEATURES, N_FEATURES):
        raise GmmvizError(f"the new component's covariance must be a 2×2 matrix, got shape {covariance.shape}")
    return covariance
