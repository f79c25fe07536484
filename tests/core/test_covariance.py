"""Covariance types: M-step estimates and Cholesky factors equal scikit-learn's."""

import numpy as np
import pytest

from gmmviz.core import COVARIANCE_TYPES, GmmvizError
from gmmviz.core.covariance import (
    covariances_from_scatter,
    n_parameters,
    packed_precision_cholesky,
    precisions_cholesky_of_type,
    sklearn_initial_tied_covariance,
)

from .conftest import old_faithful


@pytest.fixture
def soft_assignment():
    X = old_faithful()
    resp = np.random.default_rng(0).dirichlet(np.ones(3), size=len(X))
    return X, resp


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
def test_estimates_equal_sklearn(soft_assignment, covariance_type):
    from sklearn.mixture._gaussian_mixture import _compute_precision_cholesky, _estimate_gaussian_parameters

    X, resp = soft_assignment
    nk_ref, means_ref, covariances_ref = _estimate_gaussian_parameters(X, resp, 1e-6, covariance_type)
    nk = resp.sum(axis=0) + 10 * np.finfo(float).eps
    means = resp.T @ X / nk[:, None]
    scatter = np.stack([(resp[:, k, None] * (X - means[k])).T @ (X - means[k]) for k in range(3)])
    covariances = covariances_from_scatter(nk, scatter, covariance_type, 1e-6)
    np.testing.assert_allclose(covariances, covariances_ref, rtol=1e-10)

    full = covariances if covariance_type == "full" else None
    if full is None:
        from gmmviz.core.covariance import to_full

        full = to_full(covariances, covariance_type, 3)
    packed = packed_precision_cholesky(full)
    np.testing.assert_allclose(
        precisions_cholesky_of_type(packed, covariance_type),
        _compute_precision_cholesky(covariances_ref, covariance_type),
        rtol=1e-9,
    )


def test_sklearn_initial_tied_covariance_matches_sklearn_for_one_point_responsibilities():
    from sklearn.mixture._gaussian_mixture import _estimate_gaussian_parameters

    X = old_faithful()
    resp = np.zeros((len(X), 2))
    resp[[3, 100], [0, 1]] = 1.0
    nk, means, expected = _estimate_gaussian_parameters(X, resp, 1e-6, "tied")
    np.testing.assert_allclose(sklearn_initial_tied_covariance(X, nk, means, 1e-6), expected, rtol=1e-12)


def test_not_positive_definite_is_the_ill_defined_error():
    with pytest.raises(GmmvizError, match="reduce the number of components, increase reg_covar, or rescale"):
        packed_precision_cholesky(np.array([[[1.0, 1.0], [1.0, 1.0]]]))


@pytest.mark.parametrize("covariance_type, expected", [("full", 17), ("tied", 11), ("diag", 14), ("spherical", 11)])
def test_parameter_counts_match_sklearn(covariance_type, expected):
    from sklearn.mixture import GaussianMixture

    gm = GaussianMixture(3, covariance_type=covariance_type)
    gm.means_ = np.zeros((3, 2))
    assert n_parameters(covariance_type, 3) == gm._n_parameters() == expected
