"""Data sets and helpers shared by the core tests: scikit-learn is the reference."""

import warnings
from importlib.resources import files

import numpy as np
import pytest

from gmmviz.core import Mixture


def old_faithful():
    text = files("gmmviz").joinpath("resources/old_faithful.csv").read_text()
    return np.loadtxt(text.splitlines()[1:], delimiter=",")


def blobs():
    from sklearn.datasets import make_blobs

    X, _ = make_blobs(n_samples=400, centers=3, cluster_std=[1.0, 1.5, 0.6], random_state=3)
    return X


def anisotropic_blobs():
    from sklearn.datasets import make_blobs

    X, _ = make_blobs(n_samples=500, centers=3, random_state=170)
    return X @ np.array([[0.6, -0.64], [-0.41, 0.85]])


def big_offset():
    """Well-separated clusters a thousand units away from the origin."""
    rng = np.random.default_rng(7)
    centers = np.array([[1000.0, -500.0], [1004.0, -497.0], [998.0, -494.0]])
    return centers[rng.integers(0, 3, 300)] + rng.standard_normal((300, 2)) * [1.0, 0.7]


DATA_SETS = {
    "old_faithful": old_faithful,
    "blobs": blobs,
    "anisotropic": anisotropic_blobs,
    "big_offset": big_offset,
}


@pytest.fixture(params=sorted(DATA_SETS))
def data(request):
    return DATA_SETS[request.param]()


@pytest.fixture
def faithful():
    return old_faithful()


def sklearn_precisions(mixture):
    """scikit-learn's ``precisions_init`` for a mixture (inverse covariances in the type's shape)."""
    covariances = np.asarray(mixture.covariances)
    if mixture.covariance_type in ("full", "tied"):
        return np.linalg.inv(covariances)
    return 1.0 / covariances


def sklearn_from(mixture, **settings):
    """An unfitted GaussianMixture starting from ``mixture``."""
    from sklearn.mixture import GaussianMixture

    return GaussianMixture(
        n_components=mixture.n_components,
        covariance_type=mixture.covariance_type,
        weights_init=np.array(mixture.weights),
        means_init=np.array(mixture.means),
        precisions_init=sklearn_precisions(mixture),
        **settings,
    )


def fit_sklearn(model, X):
    from sklearn.exceptions import ConvergenceWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return model.fit(X)


def assert_same_mixture(mixture, gm, tol=1e-8):
    """Weights, means and covariances agree with a fitted GaussianMixture to ``tol``."""
    np.testing.assert_allclose(mixture.weights, gm.weights_, rtol=tol, atol=tol)
    np.testing.assert_allclose(mixture.means, gm.means_, rtol=tol, atol=tol)
    np.testing.assert_allclose(mixture.covariances, gm.covariances_, rtol=tol, atol=tol)


def example_mixture(covariance_type="full"):
    full = np.array([[[1.0, 0.3], [0.3, 0.5]], [[0.4, -0.1], [-0.1, 0.9]], [[2.0, 0.0], [0.0, 2.0]]])
    covariances = {
        "full": full,
        "tied": full[0],
        "diag": full[:, [0, 1], [0, 1]],
        "spherical": np.array([1.0, 0.4, 2.0]),
    }[covariance_type]
    return Mixture([0.5, 0.3, 0.2], [[0.0, 0.0], [3.0, 1.0], [-2.0, 4.0]], covariances, covariance_type)
