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
- A volume has no place, so :meth:`Mixture.sample <gmmviz.core.mixture.Mixture.sample>` draws
  the Gaussian part only, and a mixture with noise has no scikit-learn equivalent.
- EM starts with π₀ = :data:`INITIAL_WEIGHT` and the Gaussian part of the initialisation (or the
  given mixture's π₀ when it has noise over the same volume).
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


def noise_log_density(weight, volume):
    """``log(π₀ / V)``, the noise component's weighted log density (−inf when π₀ = 0)."""
    return math.log(weight) - math.log(volume) if weight > 0 else -math.inf
