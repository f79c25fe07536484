"""Initialisation reproduces scikit-learn's for every method and seed."""

import numpy as np
import pytest

from gmmviz.core import COVARIANCE_TYPES, EM, GmmvizError
from gmmviz.core.init import INIT_METHODS, initial_resp, random_state

from .conftest import anisotropic_blobs, fit_sklearn, old_faithful


@pytest.mark.parametrize("init", INIT_METHODS)
@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
def test_initial_parameters_equal_sklearn(init, covariance_type):
    from sklearn.mixture import GaussianMixture

    # Centred at the origin, where scikit-learn's one-point tied start (which counts the other points
    # from the origin) is gmmviz's (which counts them from the data mean).
    X = anisotropic_blobs()
    X = X - X.mean(axis=0)
    state = EM(X, 3, covariance_type=covariance_type, init=init, seed=11).state
    gm = fit_sklearn(GaussianMixture(3, covariance_type=covariance_type, init_params=init, random_state=11,
                                     max_iter=0), X)
    # scikit-learn leaves one-point initial weights un-normalised (nk / n); gmmviz normalises them.
    np.testing.assert_allclose(state.mixture.weights, gm.weights_ / gm.weights_.sum(), rtol=1e-12)
    np.testing.assert_allclose(state.mixture.means, gm.means_, rtol=1e-12, atol=1e-12)
    # Absolute tolerance: scikit-learn's diag variances E[x²] − μ² lose ~1e-14 to cancellation.
    np.testing.assert_allclose(state.mixture.covariances, gm.covariances_, rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("init", INIT_METHODS)
def test_same_seed_same_start_and_different_seed_different_start(init):
    X = old_faithful()
    first = EM(X, 3, init=init, seed=5).state.mixture
    assert EM(X, 3, init=init, seed=5).state.mixture == first
    assert EM(X, 3, init=init, seed=6).state.mixture != first


def test_random_state_follows_sklearn():
    from sklearn.utils import check_random_state

    assert random_state(3).randint(1000) == check_random_state(3).randint(1000)
    shared = np.random.RandomState(0)
    assert random_state(shared) is shared
    assert random_state(None) is check_random_state(None)
    with pytest.raises(GmmvizError, match="seed"):
        random_state(-1)


def test_initial_responsibilities_are_distributions():
    X = old_faithful()
    for init in INIT_METHODS:
        resp = initial_resp(X, 4, init, np.random.RandomState(0))
        assert resp.shape == (len(X), 4)
        np.testing.assert_allclose(resp.sum(axis=1)[resp.sum(axis=1) > 0], 1.0)
        assert np.all(resp.sum(axis=0) > 0)


def test_one_point_initialisations_are_proper_with_default_reg_covar():
    state = EM(old_faithful(), 3, init="random_from_data", seed=0).state
    np.testing.assert_allclose(state.mixture.covariances, np.repeat(np.eye(2)[None] * 1e-6, 3, axis=0), atol=1e-20)
    assert state.degenerate == (0, 1, 2)


@pytest.mark.parametrize("init", INIT_METHODS)
@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
def test_initial_parameters_do_not_depend_on_where_the_data_lie(init, covariance_type):
    X = anisotropic_blobs()
    offset = np.array([5e8, -3e8])
    here = EM(X, 3, covariance_type=covariance_type, init=init, seed=11).state.mixture
    there = EM(X + offset, 3, covariance_type=covariance_type, init=init, seed=11).state.mixture
    np.testing.assert_allclose(there.weights, here.weights, rtol=1e-9)
    np.testing.assert_allclose(there.means - offset, here.means, atol=1e-7)
    # The shifted points are rounded to 6e-8: relative to a spread of 1, that is the accuracy left.
    np.testing.assert_allclose(there.covariances, here.covariances, rtol=1e-6, atol=1e-6)
