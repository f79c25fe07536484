"""The conjugate prior: mclust's defaults, the MAP M-step is the posterior mode, serialisation."""

import numpy as np
import pytest

from gmmviz.core import COVARIANCE_TYPES, EM, GmmvizError, Mixture, Prior
from gmmviz.core.prior import data_moments

from .conftest import blobs, old_faithful


def test_default_is_mclust_default_prior():
    X = old_faithful()
    prior = Prior.default(X, 3)
    np.testing.assert_allclose(prior.mean, X.mean(axis=0))
    np.testing.assert_allclose(prior.scale, np.cov(X, rowvar=False) / 3)
    assert (prior.shrinkage, prior.dof, prior.dirichlet) == (0.01, 4.0, 1.0)


def test_the_default_from_moments_known_already_is_the_default():
    X = old_faithful()
    w = np.arange(len(X)) % 4 + 0.5
    for weights in (None, w):
        moments = data_moments(X, weights)
        for k in (1, 3):
            assert Prior.default(X, k, weights, moments).to_dict() == Prior.default(X, k, weights).to_dict()
    with pytest.raises(GmmvizError, match="at least 2 points"):
        data_moments(X[:1])


def test_overrides_and_dict_round_trip():
    prior = Prior.default(old_faithful(), 2, shrinkage=0.5, dirichlet=2.0)
    assert prior.shrinkage == 0.5 and prior.dirichlet == 2.0
    again = Prior.from_dict(prior.to_dict())
    assert again.to_dict() == prior.to_dict()
    import json

    json.dumps(prior.to_dict())


@pytest.mark.parametrize(
    "settings, message",
    [
        ({"shrinkage": 0.0}, "shrinkage"),
        ({"dof": 1.0}, "degrees of freedom"),
        ({"dirichlet": 0.5}, "Dirichlet"),
        ({"scale": [[1.0, 2.0], [2.0, 1.0]]}, "positive definite"),
        ({"mean": [1.0]}, "mean"),
        ({"tilt": 1.0}, "unknown prior setting"),
    ],
)
def test_invalid_hyperparameters_are_errors(settings, message):
    with pytest.raises(GmmvizError, match=message):
        Prior.default(old_faithful(), 2, **settings)


def test_from_dict_reports_missing_entries():
    with pytest.raises(GmmvizError, match="prior"):
        Prior.from_dict({"mean": [0, 0]})


def expected_complete_log_posterior(X, resp, mixture, prior):
    """Σ_ik r_ik [log w_k + log N(x_i | μ_k, Σ_k)] + log prior (the quantity an M-step maximises)."""
    from scipy.stats import multivariate_normal

    log_prob = np.column_stack([
        multivariate_normal(mixture.means[k], mixture.full_covariances[k]).logpdf(X)
        for k in range(mixture.n_components)
    ])
    return float(np.sum(resp * (log_prob + np.log(mixture.weights)))) + prior.log_density(mixture)


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
def test_map_m_step_is_the_posterior_mode(covariance_type):
    """Without reg_covar, no small perturbation of the MAP M-step improves the objective."""
    X = blobs()
    prior = Prior.default(X, 3, shrinkage=2.0, dirichlet=3.0)
    em = EM(X, 3, covariance_type=covariance_type, init="kmeans", seed=0, reg_covar=0.0, prior=prior)
    resp = em.e_step().resp
    best = em.m_step().mixture
    top = expected_complete_log_posterior(X, resp, best, prior)
    rng = np.random.default_rng(0)
    for _ in range(40):
        weights = best.weights * np.exp(1e-3 * rng.standard_normal(3))
        factors = np.exp(1e-3 * rng.standard_normal(np.shape(best.covariances)))
        covariances = best.covariances * factors
        if covariance_type in ("full", "tied"):
            covariances = (covariances + np.swapaxes(covariances, -1, -2)) / 2
        other = Mixture(weights / weights.sum(), best.means + 1e-3 * rng.standard_normal((3, 2)), covariances,
                        covariance_type)
        assert expected_complete_log_posterior(X, resp, other, prior) < top


def test_map_full_update_matches_the_formula():
    X = old_faithful()
    prior = Prior.default(X, 2)
    em = EM(X, 2, seed=0, prior=prior, reg_covar=0.0)
    resp = em.e_step().resp
    mixture = em.m_step().mixture
    nk = resp.sum(axis=0)
    x_bar = resp.T @ X / nk[:, None]
    for k in range(2):
        d = X - x_bar[k]
        W = (resp[:, k, None] * d).T @ d
        o = x_bar[k] - prior.mean
        B = 0.01 * nk[k] / (0.01 + nk[k]) * np.outer(o, o)
        np.testing.assert_allclose(mixture.full_covariances[k], (prior.scale + W + B) / (4 + nk[k] + 4), rtol=1e-10)
        np.testing.assert_allclose(mixture.means[k], (nk[k] * x_bar[k] + 0.01 * prior.mean) / (nk[k] + 0.01))
    np.testing.assert_allclose(mixture.weights, nk / len(X), rtol=1e-12)


def test_prior_keeps_single_point_components_proper():
    """Where maximum likelihood needs reg_covar, the prior alone keeps covariances positive definite."""
    X = old_faithful()
    state = EM(X, 4, init="random_from_data", seed=0, reg_covar=0.0, prior=True).state
    assert np.all(np.linalg.eigvalsh(state.mixture.full_covariances) > 1e-3)


def test_prior_log_posterior_is_monitored():
    X = old_faithful()
    em = EM(X, 2, seed=0, prior=True)
    state = em.e_step()
    expected = state.mixture.log_likelihood(X) + em.prior.log_density(state.mixture)
    assert state.log_likelihood == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize(
    "settings, message",
    [
        ({"dof": np.inf}, r"prior: dof \(degrees of freedom\) must be a finite number greater than 1, got inf"),
        ({"dirichlet": np.inf}, r"prior: dirichlet \(the Dirichlet parameter\) must be a finite number of at least 1, "
                                r"got inf"),
        ({"shrinkage": np.inf}, "prior: shrinkage must be a finite number greater than 0, got inf"),
        ({"shrinkage": np.nan}, "prior: shrinkage must be a finite number greater than 0, got nan"),
        ({"dof": "4"}, r"prior: dof \(degrees of freedom\) must be a finite number greater than 1, got '4'"),
        ({"dirichlet": True}, r"prior: dirichlet \(the Dirichlet parameter\) must be .*, got True"),
        ({"mean": [0.0, np.inf]}, r"prior: mean must be 2 finite numbers \[x, y\], got \[0.0, inf\]"),
        ({"scale": [[np.inf, 0.0], [0.0, 1.0]]}, r"prior: scale must be a 2×2 matrix of finite numbers, got .*"),
    ],
)
def test_each_hyperparameter_is_checked_with_its_own_message(settings, message):
    with pytest.raises(GmmvizError, match=f"^{message}$"):
        Prior.default(old_faithful(), 2, **settings)


def test_a_stored_prior_with_an_infinity_is_refused():
    """A session or JSON file read by Python's json module gives float('inf') for Infinity."""
    import json

    text = '{"mean": [0, 0], "shrinkage": 0.01, "dof": 4, "scale": [[1, 0], [0, 1]], "dirichlet": Infinity}'
    stored = json.loads(text)
    with pytest.raises(GmmvizError, match=r"^prior: dirichlet \(the Dirichlet parameter\) must be"):
        Prior.from_dict(stored)
    with pytest.raises(GmmvizError, match="^prior: missing entry dof, scale"):
        Prior.from_dict({"mean": [0, 0], "shrinkage": 0.01})
    with pytest.raises(GmmvizError, match="^prior: expected an object"):
        Prior.from_dict([1, 2])


@pytest.mark.parametrize("X, spread", [
    (np.ones((10, 2)), "are all identical"),
    (np.column_stack([np.ones(10), np.arange(10.0)]), "lie on one line"),
])
def test_the_default_prior_says_what_is_wrong_with_points_without_spread(X, spread):
    with pytest.raises(GmmvizError, match=rf"^the default prior takes its scale from the spread of the points, but "
                                          rf"they {spread}: fit without the prior"):
        EM(X, 1, prior=True)
