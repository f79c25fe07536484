"""Data far from the origin (map coordinates, timestamps) fit exactly as the same data at the origin."""

import numpy as np
import pytest

from gmmviz.core import COVARIANCE_TYPES, EM, fit
from gmmviz.core.init import INIT_METHODS

#: Offsets where float64 still resolves a unit spread to 1e-7 or better (UTM northings are ~5e6).
OFFSETS = [0.0, 1e6, 5e6, 1e8, 3e8, 1e9]


def two_clusters():
    """Two overlapping unit-spread clusters."""
    rng = np.random.default_rng(1)
    return np.concatenate([rng.standard_normal((200, 2)), rng.standard_normal((200, 2)) * [1.0, 0.7] + [4.0, 3.0]])


@pytest.fixture(scope="module")
def at_origin():
    X = two_clusters()
    return {(covariance_type, init): fit(X, 2, covariance_type=covariance_type, init=init, seed=0, tol=1e-8)
            for covariance_type in COVARIANCE_TYPES for init in INIT_METHODS}


@pytest.mark.parametrize("offset", OFFSETS)
@pytest.mark.parametrize("init", INIT_METHODS)
@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
def test_shifted_data_give_the_shifted_fit(at_origin, covariance_type, init, offset):
    here = at_origin[covariance_type, init]
    shift = np.array([offset, -0.5 * offset])
    there = fit(two_clusters() + shift, 2, covariance_type=covariance_type, init=init, seed=0, tol=1e-8)
    assert there.n_iter == here.n_iter and there.converged
    np.testing.assert_allclose(there.mixture.weights, here.mixture.weights, atol=1e-7)
    # The spread is 1, so these are relative to it; half an ulp of 1e9 (6e-8) is the data's own rounding.
    np.testing.assert_allclose(there.mixture.means - shift, here.mixture.means, atol=1e-6)
    np.testing.assert_allclose(there.mixture.covariances, here.mixture.covariances, rtol=1e-6, atol=1e-6)
    assert there.mean_log_likelihood == pytest.approx(here.mean_log_likelihood, abs=1e-6)


@pytest.mark.parametrize("offset", [1e14, 1e15])
@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
def test_log_likelihood_never_falls_even_at_the_last_digits(covariance_type, offset):
    """At 1e15 the points are rounded to 1/8 of their spread; EM still climbs, by round-off at most down."""
    em = EM(two_clusters() + offset, 2, covariance_type=covariance_type, seed=0, tol=0.0, max_iter=40)
    log_likelihoods = np.array([state.mean_log_likelihood for state in em.run()])
    assert np.all(np.diff(log_likelihoods) >= -1e-12)
    # Close to the fit at the origin: what is lost is the rounding of the points themselves.
    here = fit(two_clusters(), 2, covariance_type=covariance_type, seed=0, tol=1e-8)
    assert log_likelihoods[-1] == pytest.approx(here.mean_log_likelihood, abs=0.05)
