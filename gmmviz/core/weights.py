"""Weighted points: a non-negative frequency weight per point (scikit-learn's ``sample_weight``).

A weight ``w_i`` counts point i as ``w_i`` points: an integer weight gives exactly the fit of the
data with that point repeated ``w_i`` times (the kernels multiply every term of their sums by
``w_i``, :mod:`gmmviz.core.kernels`). Everything that counts points counts ``Σ w_i`` instead: the
mean log-likelihood and the convergence test, BIC's ``log n`` and the default prior's mean and
covariance (``n − 1`` becomes ``Σ w − 1``, as for repeated points).

Decisions:

- Weights must be finite and at least 0, one per point, and not all 0; anything else is one
  GmmvizError sentence. ``None`` means every point weighs 1, and then no weight array exists at all
  (the unweighted numbers are unchanged bit for bit).
- Weights whose sum is not a finite number (every weight 1e308) are refused, not rescaled: Σ w is
  the number of points BIC and the prior count, which a rescaling would change without a word.
- Only the weights' ratios shape the mixture: multiplying every weight by a constant gives the same
  fit (the engine's thresholds on a component's count are fractions of :func:`smallest_weight`).
- A point of weight 0 is there and has responsibilities, but counts for nothing: not for the
  estimates, not for the likelihood, and not as one of the distinct points K components need.
- Initialisations see the weights where scikit-learn's k-means can (``kmeans`` and ``k-means++``
  pass them as its ``sample_weight``); ``random`` ignores them, ``random_from_data`` picks only
  points of positive weight.
"""

import numpy as np

from gmmviz.core.errors import GmmvizError


def as_sample_weight(sample_weight, n_samples):
    """Validated weights, float64 of shape (n_samples,), or None for unweighted points.

    Raises
    ------
    GmmvizError
        One sentence: not numbers, the wrong length, negative, not finite, all zero, or a sum that is not finite.
    """
    if sample_weight is None:
        return None
    try:
        weights = np.asarray(sample_weight)
    except (TypeError, ValueError):
        weights = np.empty(0, dtype=object)
    if weights.dtype.kind not in "iuf" or weights.ndim != 1:
        raise GmmvizError("sample_weight must be one number per point (a 1-D array of numbers)")
    if weights.shape[0] != n_samples:
        raise GmmvizError(f"sample_weight has {weights.shape[0]} values but there are {n_samples} points: "
                          "give one weight per point")
    weights = np.array(weights, dtype=np.float64)
    if not np.all(np.isfinite(weights)):
        raise GmmvizError("sample_weight contains NaN or infinite values: give every point a finite weight")
    if np.any(weights < 0):
        i = int(np.flatnonzero(weights < 0)[0])
        raise GmmvizError(f"sample_weight must be at least 0, but point {i + 1} has weight {weights[i]:.9g}")
    if not np.any(weights > 0):
        raise GmmvizError("sample_weight is 0 for every point: give at least one point a positive weight")
    with np.errstate(over="ignore"):
        total = weights.sum()
    if not np.isfinite(total):
        raise GmmvizError("the weights add up to more than double precision holds (above 1.8e308): "
                          "divide them all by the same number")
    weights.setflags(write=False)
    return weights


def average_weight(sample_weight):
    """``Σ w_i`` over the number of points of positive weight: an average point's weight (1 without weights)."""
    if sample_weight is None:
        return 1.0
    return float(sample_weight.sum()) / int(np.count_nonzero(sample_weight))


def smallest_weight(sample_weight):
    """The smallest positive weight (1 without weights): what one whole point weighs, at the least.

    The engine's small counts (a component emptied, scikit-learn's 10·eps guard on nk) are fractions of
    it, so a component that holds one whole point is never "emptied", however heavy the others are
    (with the average, one point of weight 1e20 made a component of 55 points of weight 1 empty at
    every iteration; with the median, 55 heavy points did it to 10 light ones). Multiplying every
    weight by a constant changes nothing, and integer weights count as many repeated points.
    """
    if sample_weight is None:
        return 1.0
    return float(sample_weight[sample_weight > 0].min())


def total_weight(sample_weight, n_samples):
    """``Σ w_i``, the number of points the weighted points count as (``n_samples`` without weights)."""
    return float(n_samples) if sample_weight is None else float(sample_weight.sum())
