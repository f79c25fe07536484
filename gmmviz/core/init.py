"""Initial responsibilities, drawn exactly as scikit-learn's ``BaseMixture._initialize_parameters``.

The random state is ``numpy.random.RandomState`` (scikit-learn's ``check_random_state``): an
int seed, None (numpy's global state) or a RandomState instance that is consumed in place —
which is how ``n_init`` restarts share one stream, so ``fit(X, K, seed=s, n_init=m, init=…)``
reproduces ``GaussianMixture(n_components=K, random_state=s, n_init=m, init_params=…)``.
The initial parameters are then obtained from these responsibilities by the M-step
(:mod:`gmmviz.core.em`). One deliberate difference: scikit-learn leaves the initial weights as
nk / n, which for the one-point inits (``k-means++``, ``random_from_data``) sum to K / n; gmmviz
normalises them. Responsibilities and every later iterate are the same; only the first E-step's
log-likelihood differs (by log(n / K)), which cannot change when EM stops.
Another: k-means and k-means++ see the data centred at its mean. scikit-learn's ``KMeans`` does
that itself, but ``kmeans_plusplus`` computes distances as |x|² − 2x·c + |c|², which cancels far
from the origin (map coordinates, timestamps); centred, the choice is the same wherever the data
lie, and at ordinary offsets it is scikit-learn's (barring exact ties).
k-means and k-means++ are :mod:`gmmviz.core.kmeans`, scikit-learn's algorithms without importing
scikit-learn.
"""

import numpy as np

from gmmviz.core.errors import GmmvizError
from gmmviz.core.kmeans import kmeans_labels, kmeans_plusplus

INIT_METHODS = ("kmeans", "k-means++", "random", "random_from_data")


def random_state(seed):
    """scikit-learn's ``check_random_state``: int | None | RandomState → RandomState."""
    if seed is None:
        return np.random.mtrand._rand
    if isinstance(seed, np.random.RandomState):
        return seed
    if isinstance(seed, (int, np.integer)) and not isinstance(seed, bool):
        if not 0 <= seed < 2**32:
            raise GmmvizError(f"the seed must be between 0 and 2**32 - 1, got {seed}")
        return np.random.RandomState(seed)
    raise GmmvizError(f"the seed must be an integer or None, got {seed!r}")


def initial_resp(X, n_components, method, rs, sample_weight=None):
    """Initial responsibilities (n_samples, n_components) by ``method`` (one of INIT_METHODS).

    ``sample_weight`` (n_samples,) reaches k-means and k-means++ as scikit-learn's ``sample_weight``;
    ``random_from_data`` then picks only points of positive weight (:mod:`gmmviz.core.weights`).
    """
    n_samples = X.shape[0]
    if method in ("kmeans", "k-means++"):
        X = X - X.mean(axis=0)
    if method == "kmeans":
        labels = kmeans_labels(X, n_components, rs, sample_weight)
        resp = np.zeros((n_samples, n_components))
        resp[np.arange(n_samples), labels] = 1.0
    elif method == "k-means++":
        _, indices = kmeans_plusplus(X, n_components, rs, sample_weight)
        resp = np.zeros((n_samples, n_components))
        resp[indices, np.arange(n_components)] = 1.0
    elif method == "random":
        resp = rs.uniform(size=(n_samples, n_components))
        resp /= resp.sum(axis=1)[:, np.newaxis]
    elif method == "random_from_data":
        candidates = n_samples if sample_weight is None else np.flatnonzero(sample_weight > 0)
        indices = rs.choice(candidates, size=n_components, replace=False)
        resp = np.zeros((n_samples, n_components))
        resp[indices, np.arange(n_components)] = 1.0
    else:
        raise GmmvizError(f"unknown init {method!r}: use one of {', '.join(INIT_METHODS)} or a mixture")
    return resp
