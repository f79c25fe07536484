"""A uniform noise component for outliers (mclust's ``Vinv`` / ``hypvol``, Banfield and Raftery 1993).

With noise the mixture density is::

    p(x) = π₀ / V + (1 − π₀) Σ_k w_k N(x; μ_k, Σ_k)

where V is the area the noise is spread over, π₀ the noise weight (estimated by EM as its share
of the points, ``π₀ = n₀ / n``) and the Gaussian weights ``w_k`` sum to 1 as without noise.

Decisions:

- ``weights`` stay the Gaussian components' shares of the points that are not noise, summing to 1,
  so every mixture keeps the one weight rule (files, scikit-learn, the window); a component's share of
  all points is ``(1 − π₀) w_k``. mclust's ``pro`` lists the unconditional shares instead.
- ``noise=True`` spreads the noise over the bounding box of the points (of positive weight):
  V = (max x − min x)(max y − min y). mclust's ``hypvol`` takes the smaller of that box and the box
  along the principal axes; the axis box is what a reader of the plot sees. A number is taken as V
  itself. V is a fixed setting, not estimated: it adds no parameter. π₀ adds one to BIC and AIC.
  A V so small that 1/V is infinite (below about 5.6e-309) is refused: the density would be too.
- A volume has no place, so :meth:`Mixture.sample <gmmviz.core.mixture.Mixture.sample>` draws
  the Gaussian part only, and a mixture with noise has no scikit-learn equivalent.
- EM starts with π₀ = :data:`INITIAL_WEIGHT` and the Gaussian part of the initialisation (or the
  given mixture's π₀ when it has noise over the same volume). An initialisation method (k-means, …) sees
  only the :func:`core_points`, so that no component starts on the outliers (as mclust initialises
  the Gaussians on the points its nearest-neighbour cleaning keeps): on Old Faithful with 30 outliers
  20 seeds of 20 then find the two clusters, against 10 of 20 when k-means sees every point.
- ``predict`` labels a point −1 when the noise is its most probable component;
  ``predict_proba`` has the noise's probability as its last column.
"""

import math

import numpy as np

from gmmviz.core.errors import GmmvizError

#: π₀ of the first E-step: a tenth of the points as outliers.
INITIAL_WEIGHT = 0.1


def check_noise_parameters(weight, volume):
    """``(weight, volume)`` of a mixture as floats, or GmmvizError; ``volume`` None is no noise (weight 0)."""
    if volume is None:
        if weight:
            raise GmmvizError(f"a noise weight ({weight!r}) needs a noise volume: give noise_volume too")
        return 0.0, None
    try:
        weight, volume = float(weight), float(volume)
    except (TypeError, ValueError):
        raise GmmvizError("the noise weight and volume must be numbers") from None
    if not (math.isfinite(volume) and volume > 0):
        raise GmmvizError(f"the noise volume must be a finite number greater than 0, got {volume!r}")
    if math.isinf(1.0 / volume):
        raise GmmvizError(f"the noise volume {volume!r} is so small that its density 1/V is infinite: "
                          "give a volume of at least 1e-308")
    if not (math.isfinite(weight) and 0.0 <= weight < 1.0):
        raise GmmvizError(f"the noise weight must be at least 0 and less than 1, got {weight!r}")
    return weight, volume


def bounding_box_volume(X, sample_weight=None):
    """Area of the bounding box of the points of positive weight, X of shape (n_samples, 2).

    Raises
    ------
    GmmvizError
        When the box has no area (the points share an x or a y).
    """
    points = X if sample_weight is None else X[sample_weight > 0]
    with np.errstate(over="ignore"):
        volume = float(np.prod(points.max(axis=0) - points.min(axis=0)))
    if not (math.isfinite(volume) and volume > 0):
        raise GmmvizError("the points' bounding box has no area (or one too large for double precision), "
                          "so it cannot hold the noise: give the noise volume as a number")
    return volume


def noise_volume(noise, X, sample_weight=None):
    """The volume V of a ``noise`` setting (None, True or a volume) for the points X, or None."""
    if noise is None:
        return None
    return bounding_box_volume(X, sample_weight) if noise is True else float(noise)


#: A point is a core point when its ``CORE_NEIGHBOUR``-th nearest neighbour is within ``CORE_FACTOR``
#: times the median of that distance; at most ``CORE_SAMPLE`` evenly spaced points are looked at.
CORE_NEIGHBOUR = 5
CORE_FACTOR = 3.0
CORE_SAMPLE = 20_000


def core_points(X):
    """Which points the initialisation looks at with noise, bool of shape (n_samples,): points in dense regions.

    The distance of each point to its ``CORE_NEIGHBOUR``-th nearest neighbour, in coordinates divided by
    their median absolute deviations (so the axes' units do not matter and outliers do not stretch them),
    must be at most ``CORE_FACTOR`` times the median of those distances. Of more than ``CORE_SAMPLE``
    points only every j-th is looked at (the first, the (j+1)-th, …), which keeps this under a second for
    a million points and is all k-means needs to start. With too few points every point is a core point.
    """
    n_samples = X.shape[0]
    if n_samples <= CORE_NEIGHBOUR:
        return np.ones(n_samples, dtype=bool)
    from scipy.spatial import cKDTree

    looked_at = np.arange(0, n_samples, -(-n_samples // CORE_SAMPLE))
    sample = X[looked_at]
    spread = np.median(np.abs(sample - np.median(sample, axis=0)), axis=0)
    scaled = sample / np.where(spread > 0, spread, 1.0)
    distance = cKDTree(scaled).query(scaled, k=CORE_NEIGHBOUR + 1)[0][:, CORE_NEIGHBOUR]
    core = np.zeros(n_samples, dtype=bool)
    core[looked_at[distance <= CORE_FACTOR * np.median(distance)]] = True
    return core


def noise_log_density(weight, volume):
    """``log(π₀ / V)``, the noise component's weighted log density (−inf when π₀ = 0)."""
    return math.log(weight) - math.log(volume) if weight > 0 else -math.inf
