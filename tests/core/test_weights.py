"""Weighted points: integer weights give the fit of the repeated points, and weights are checked."""

import math
import warnings

import numpy as np
import pytest

from gmmviz.core import COVARIANCE_TYPES, EM, GmmvizError, GmmvizWarning, Mixture, fit

from .conftest import blobs, example_mixture, old_faithful


def repeated(X, weights):
    return np.repeat(X, weights, axis=0)


def integer_weights(n_samples, seed=0):
    return np.random.default_rng(seed).integers(0, 4, n_samples)


def assert_close_mixtures(a, b, tol=1e-10):
    np.testing.assert_allclose(a.weights, b.weights, rtol=tol, atol=tol)
    np.testing.assert_allclose(a.means, b.means, rtol=tol, atol=tol)
    np.testing.assert_allclose(a.covariances, b.covariances, rtol=tol, atol=tol)
    assert a.noise_weight == pytest.approx(b.noise_weight, rel=tol, abs=tol)


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
@pytest.mark.parametrize("prior", [None, True])
def test_integer_weights_fit_as_the_repeated_points(covariance_type, prior):
    X = blobs()
    w = integer_weights(len(X))
    start = example_mixture(covariance_type)
    weighted = fit(X, 3, covariance_type=covariance_type, init=start, prior=prior, tol=1e-8, sample_weight=w)
    copies = fit(repeated(X, w), 3, covariance_type=covariance_type, init=start, prior=prior, tol=1e-8)

    assert weighted.n_iter == copies.n_iter > 5
    assert_close_mixtures(weighted.mixture, copies.mixture)
    for score in ("log_likelihood", "mean_log_likelihood", "bic", "aic", "icl"):
        assert getattr(weighted, score) == pytest.approx(getattr(copies, score), rel=1e-10), score
    assert weighted.n_samples == len(X) and copies.n_samples == w.sum()


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
def test_every_half_step_of_the_weighted_engine_is_the_repeated_one(covariance_type):
    X = old_faithful()
    w = integer_weights(len(X), seed=1)
    start = EM(X, 2, covariance_type=covariance_type, seed=0).state.mixture
    weighted = EM(X, 2, covariance_type=covariance_type, init=start, sample_weight=w)
    copies = EM(repeated(X, w), 2, covariance_type=covariance_type, init=start)
    for _ in range(20):
        a, b = weighted.step(), copies.step()
        assert_close_mixtures(a.mixture, b.mixture)
        assert a.mean_log_likelihood == pytest.approx(b.mean_log_likelihood, rel=1e-12)


def test_weighted_kmeans_start_fits_as_the_repeated_points_on_separated_data():
    X = blobs()
    w = integer_weights(len(X), seed=2)
    weighted = fit(X, 3, seed=0, sample_weight=w)
    copies = fit(repeated(X, w), 3, seed=0)
    order = np.argsort(weighted.mixture.means[:, 0]), np.argsort(copies.mixture.means[:, 0])
    np.testing.assert_allclose(weighted.mixture.means[order[0]], copies.mixture.means[order[1]], rtol=1e-6)
    assert weighted.bic == pytest.approx(copies.bic, rel=1e-8)


def test_bic_counts_the_sum_of_the_weights():
    X = old_faithful()
    w = np.full(len(X), 2.5)
    result = fit(X, 2, seed=0, sample_weight=w)
    n = 2.5 * len(X)
    assert result.bic == pytest.approx(-2 * result.log_likelihood + result.mixture.n_parameters * math.log(n))
    assert result.mean_log_likelihood == pytest.approx(result.log_likelihood / n)
    assert result.mixture.bic(X, sample_weight=w) == pytest.approx(result.bic)
    assert result.mixture.aic(X, sample_weight=w) == pytest.approx(result.aic)
    assert result.mixture.icl(X, sample_weight=w) == pytest.approx(result.icl)


def test_weighted_score_is_the_score_of_the_repeated_points():
    mixture = example_mixture()
    X = blobs()[:50]
    w = integer_weights(len(X), seed=3)
    assert mixture.score(X, sample_weight=w) == pytest.approx(mixture.score(repeated(X, w)), rel=1e-13)
    assert mixture.log_likelihood(X, sample_weight=w) == pytest.approx(mixture.log_likelihood(repeated(X, w)))


def test_points_of_weight_zero_count_for_nothing():
    X = blobs()
    w = np.ones(len(X))
    w[::3] = 0.0
    start = example_mixture()
    weighted = fit(X, 3, init=start, sample_weight=w)
    subset = fit(X[w > 0], 3, init=start)
    assert_close_mixtures(weighted.mixture, subset.mixture, tol=1e-12)
    assert weighted.resp.shape == (len(X), 3)


def test_weights_of_one_give_the_unweighted_numbers_exactly():
    X = blobs()
    start = example_mixture()
    a = EM(X, 3, init=start, sample_weight=np.ones(len(X)))
    b = EM(X, 3, init=start)
    for _ in range(5):
        assert a.step().mixture == b.step().mixture
    assert a.state.log_likelihood == b.state.log_likelihood


@pytest.mark.parametrize("weights, message", [
    (np.ones(5), "sample_weight has 5 values but there are 272 points: give one weight per point"),
    (np.full(272, -1.0), "sample_weight must be at least 0, but point 1 has weight -1"),
    (np.full(272, np.nan), "sample_weight contains NaN or infinite values: give every point a finite weight"),
    (np.zeros(272), "sample_weight is 0 for every point: give at least one point a positive weight"),
    (np.ones((272, 2)), "sample_weight must be one number per point (a 1-D array of numbers)"),
    (["a"] * 272, "sample_weight must be one number per point (a 1-D array of numbers)"),
    (np.full(272, 1e308), "the weights add up to more than double precision holds (above 1.8e308): "
                          "divide them all by the same number"),
])
def test_bad_weights_are_one_sentence(weights, message):
    X = old_faithful()
    for call in (lambda: fit(X, 2, sample_weight=weights), lambda: EM(X, 2, sample_weight=weights),
                 lambda: example_mixture().score(X, sample_weight=weights)):
        with pytest.raises(GmmvizError) as error:
            call()
        assert str(error.value) == message


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
@pytest.mark.parametrize("scale", [1e-300, 1e-8, 1e8, 1e300])
def test_multiplying_every_weight_by_a_constant_gives_the_same_mixture(scale, covariance_type):
    X = blobs()
    w = integer_weights(len(X), seed=2).astype(float)
    # The third component starts far from every point: it is emptied and re-seeded at the first M-step.
    start = Mixture([0.45, 0.45, 0.1], [[-5.0, 0.0], [5.0, 0.0], [1e4, 1e4]],
                    [np.eye(2) * 20, np.eye(2) * 20, np.eye(2) * 1e-3]).with_covariance_type(covariance_type)
    fits, told = [], []
    for factor in (1.0, scale):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", GmmvizWarning)
            fits.append(fit(X, 3, covariance_type=covariance_type, init=start, tol=1e-8, sample_weight=w * factor))
        told.append([str(warning.message) for warning in caught])
    unit, scaled = fits
    assert told[0] == told[1] == ["component 3 lost all its points and was re-seeded at the worst-explained point"]
    assert scaled.n_iter == unit.n_iter and scaled.converged
    assert_close_mixtures(scaled.mixture, unit.mixture, tol=1e-7)


def test_an_m_step_on_weights_of_1e_320_gives_finite_weights_that_sum_to_1():
    X = blobs()
    em = EM(X, 3, init=example_mixture(), sample_weight=np.full(len(X), 1e-320))
    for _ in range(3):
        weights = em.step().mixture.weights
        assert np.isfinite(weights).all() and weights.sum() == pytest.approx(1.0)


def test_k_components_need_k_distinct_points_of_positive_weight():
    X = blobs()[:10]
    w = np.zeros(10)
    w[:2] = 1.0
    with pytest.raises(GmmvizError, match="3 components need at least 3 points but there are 2"):
        EM(X, 3, sample_weight=w)


def test_the_default_prior_counts_weighted_points():
    X = old_faithful()
    w = integer_weights(len(X), seed=4)
    weighted = EM(X, 2, prior=True, sample_weight=w).prior
    copies = EM(repeated(X, w), 2, prior=True).prior
    np.testing.assert_allclose(weighted.mean, copies.mean, rtol=1e-13)
    np.testing.assert_allclose(weighted.scale, copies.scale, rtol=1e-12)
    with pytest.raises(GmmvizError, match="the default prior needs weights that sum to more than 1"):
        EM(X, 2, prior=True, sample_weight=np.full(len(X), 1e-3))


def test_a_mixture_scores_unweighted_points_as_before():
    mixture = Mixture([0.5, 0.5], [[0, 0], [3, 3]], [np.eye(2), np.eye(2)])
    X = blobs()
    assert mixture.score(X) == mixture.log_likelihood(X) / len(X)


def test_one_huge_weight_leaves_the_other_points_a_component_of_their_own():
    # One point weighs 1e12, 55 weigh 1: the component of the 55 holds 55e-12 of the mass, which is
    # little, but every one of its points is a whole point (it was "emptied" and re-seeded every iteration).
    rng = np.random.default_rng(0)
    X = np.concatenate([[[0.0, 0.0]], rng.normal([5.0, 5.0], 1.0, (55, 2))])
    w = np.ones(len(X))
    w[0] = 1e12
    start = Mixture([0.5, 0.5], [[0.0, 0.0], [5.0, 5.0]], [np.eye(2), np.eye(2)])
    with warnings.catch_warnings():
        warnings.simplefilter("error", GmmvizWarning)
        result = fit(X, 2, init=start, sample_weight=w)
    assert result.converged
    np.testing.assert_allclose(result.mixture.weights[1], 55 / (1e12 + 55), rtol=1e-6)
    np.testing.assert_allclose(result.mixture.means[1], X[1:].mean(axis=0), atol=1e-9)


def test_light_points_among_heavy_ones_keep_a_component_of_their_own():
    # the mirror case: 55 points weigh 1e12, 10 weigh 1 (the median weight made their component "empty")
    rng = np.random.default_rng(1)
    X = np.concatenate([rng.normal([0.0, 0.0], 1.0, (55, 2)), rng.normal([8.0, 8.0], 1.0, (10, 2))])
    w = np.r_[np.full(55, 1e12), np.ones(10)]
    start = Mixture([0.5, 0.5], [[0.0, 0.0], [8.0, 8.0]], [np.eye(2), np.eye(2)])
    with warnings.catch_warnings():
        warnings.simplefilter("error", GmmvizWarning)
        result = fit(X, 2, init=start, sample_weight=w)
    np.testing.assert_allclose(result.mixture.weights[1], 10 / (55e12 + 10), rtol=1e-6)
    np.testing.assert_allclose(result.mixture.means[1], X[55:].mean(axis=0), atol=1e-9)
