"""Covariance types: M-step estimates and Cholesky factors equal scikit-learn's."""

import numpy as np
import pytest

from gmmviz.core import COVARIANCE_TYPES, GmmvizError
from gmmviz.core.covariance import (
    check_positive_definite,
    cholesky_2x2,
    covariances_from_scatter,
    moments_about_means,
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


def scatter_about(X, resp, means):
    return np.stack([(resp[:, k, None] * (X - means[k])).T @ (X - means[k]) for k in range(resp.shape[1])])


@pytest.mark.parametrize("offset", [0.0, 1e9])
def test_initial_tied_covariance_is_sklearns_measured_from_the_data_mean(offset):
    """One-point responsibilities: scikit-learn counts the other points from the origin, gmmviz from the data mean."""
    from sklearn.mixture._gaussian_mixture import _estimate_gaussian_parameters

    X = old_faithful()
    X = X - X.mean(axis=0)
    resp = np.zeros((len(X), 2))
    resp[[3, 100], [0, 1]] = 1.0
    nk, means, expected = _estimate_gaussian_parameters(X, resp, 1e-6, "tied")
    shifted = X + offset
    covariance = sklearn_initial_tied_covariance(shifted, resp, nk, scatter_about(shifted, resp, means + offset), 1e-6)
    np.testing.assert_allclose(covariance, expected, rtol=1e-12 if offset == 0 else 1e-7)


def test_initial_tied_covariance_is_the_tied_estimate_when_rows_sum_to_one(soft_assignment):
    X, resp = soft_assignment
    nk = resp.sum(axis=0) + 10 * np.finfo(float).eps
    scatter = scatter_about(X, resp, resp.T @ X / nk[:, None])
    np.testing.assert_allclose(sklearn_initial_tied_covariance(X, resp, nk, scatter, 1e-6),
                               covariances_from_scatter(nk, scatter, "tied", 1e-6), rtol=1e-12)


def test_moments_about_rough_means_give_the_means_and_their_scatter():
    rng = np.random.default_rng(4)
    X = rng.standard_normal((500, 2)) * [2.0, 0.5]
    resp = rng.dirichlet(np.ones(2), size=500)
    nk = resp.sum(axis=0)
    exact = resp.T @ X / nk[:, None]
    centres = exact + [[0.3, -0.2], [-0.1, 0.4]]
    first = np.stack([resp[:, k] @ (X - centres[k]) for k in range(2)])
    means, scatter = moments_about_means(nk, centres, first, scatter_about(X, resp, centres))
    np.testing.assert_allclose(means, exact, rtol=1e-13)
    np.testing.assert_allclose(scatter, scatter_about(X, resp, exact), rtol=1e-12)


def test_not_positive_definite_is_the_ill_defined_error():
    with pytest.raises(GmmvizError, match="reduce the number of components, increase reg_covar, or rescale"):
        packed_precision_cholesky(np.array([[[1.0, 1.0], [1.0, 1.0]]]))


#: Positive definite by the closed-form Cholesky, refused by LAPACK's (within round-off of singular).
NEAR_SINGULAR = [[3.5597270543593074, 0.6261522158024466], [0.6261522158024466, 0.11013951108250891]]


def test_the_closed_form_decides_positive_definiteness():
    full = np.array([np.eye(2), NEAR_SINGULAR])
    np.testing.assert_array_equal(check_positive_definite(full), packed_precision_cholesky(full))
    lower = cholesky_2x2(full)
    l00, l10, l11 = lower[1]
    np.testing.assert_allclose([[l00**2, l00 * l10], [l00 * l10, l10**2 + l11**2]], NEAR_SINGULAR, rtol=1e-12)


@pytest.mark.parametrize("matrix", [
    [[1.0, 1.0], [1.0, 1.0]],
    [[0.0, 0.0], [0.0, 1.0]],
    [[1.0, 0.0], [0.0, -1e-300]],
    [[1e-300, 1e10], [1e10, 1e300]],  # l10² overflows
    [[np.inf, 0.0], [0.0, 1.0]],  # a factor of the precision is 0
])
def test_a_covariance_the_closed_form_rejects_is_refused_naming_the_component(matrix):
    with pytest.raises(GmmvizError, match=r"^the covariance matrix of component 2 is not positive definite[^.]*$"):
        check_positive_definite(np.array([np.eye(2), matrix]))


@pytest.mark.parametrize("covariance_type, expected", [("full", 17), ("tied", 11), ("diag", 14), ("spherical", 11)])
def test_parameter_counts_match_sklearn(covariance_type, expected):
    from sklearn.mixture import GaussianMixture

    gm = GaussianMixture(3, covariance_type=covariance_type)
    gm.means_ = np.zeros((3, 2))
    assert n_parameters(covariance_type, 3) == gm._n_parameters() == expected
