"""The uniform noise component: outliers go to it, the Gaussians stay where the clean data put them."""

import math

import numpy as np
import pytest

from gmmviz.core import COVARIANCE_TYPES, EM, GmmvizError, Mixture, fit, select
from gmmviz.io.datasets import old_faithful

from .conftest import blobs, example_mixture


def faithful_with_outliers(n_outliers=30, seed=0):
    """Old Faithful and points uniform over a box 5 times as wide and high, centred on the data's box."""
    X, _ = old_faithful()
    low, high = X.min(axis=0), X.max(axis=0)
    rng = np.random.default_rng(seed)
    outliers = (low + high) / 2 + (rng.uniform(size=(n_outliers, 2)) - 0.5) * 5 * (high - low)
    return X, np.vstack([X, outliers])


def test_outliers_go_to_the_noise_and_the_means_stay_those_of_the_clean_fit():
    clean_X, X = faithful_with_outliers()
    clean = fit(clean_X, 2, seed=0).mixture
    noisy = fit(X, 2, seed=0, noise=True).mixture
    order = [int(np.argmin(np.abs(noisy.means[:, 0] - mean[0]))) for mean in clean.means]
    for k, j in enumerate(order):
        sd = np.sqrt(np.diag(clean.full_covariances[k]))
        assert np.all(np.abs(noisy.means[j] - clean.means[k]) < 0.1 * sd)
    labels = noisy.predict(X)
    assert np.sum(labels[len(clean_X):] == -1) >= 25
    without = fit(X, 2, seed=0).mixture
    assert np.max(np.abs(without.means - clean.means) / np.sqrt(np.diag(clean.full_covariances[0]))) > 0.1


def test_predict_proba_has_the_noise_last_and_predict_labels_it_minus_one():
    mixture = example_mixture().with_noise(0.2, 400.0)
    X = np.array([[0.0, 0.0], [60.0, -60.0]])
    proba = mixture.predict_proba(X)
    assert proba.shape == (2, 4)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    assert proba[1, 3] == pytest.approx(1.0) and proba[0, 3] < 0.1
    assert mixture.predict(X).tolist() == [0, -1]


def test_the_density_is_the_noise_over_its_volume_plus_the_gaussian_part():
    gaussians = example_mixture()
    mixture = gaussians.with_noise(0.25, 50.0)
    X = blobs()[:40]
    expected = np.log(0.25 / 50.0 + 0.75 * gaussians.pdf(X))
    np.testing.assert_allclose(mixture.score_samples(X), expected, rtol=1e-12)


def test_bic_and_aic_count_the_noise_weight():
    X = blobs()
    result = fit(X, 3, seed=0, noise=True)
    assert result.mixture.n_parameters == example_mixture().n_parameters + 1
    p, n = result.mixture.n_parameters, len(X)
    assert result.bic == pytest.approx(-2 * result.log_likelihood + p * math.log(n))
    assert result.aic == pytest.approx(-2 * result.log_likelihood + 2 * p)
    assert result.settings.noise is True


def test_noise_is_spread_over_the_bounding_box_or_the_given_volume():
    X = blobs()
    box = np.prod(X.max(axis=0) - X.min(axis=0))
    assert EM(X, 3, seed=0, noise=True).state.mixture.noise_volume == pytest.approx(box)
    em = EM(X, 3, seed=0, noise=1234.5)
    assert em.state.mixture.noise_volume == 1234.5 and em.state.mixture.noise_weight == 0.1
    assert fit(X, 3, seed=0, noise=1234.5).mixture.noise_volume == 1234.5


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
def test_em_with_noise_never_lowers_the_log_likelihood(covariance_type):
    _, X = faithful_with_outliers()
    em = EM(X, 2, covariance_type=covariance_type, seed=1, tol=0.0, noise=True)
    values = [em.step().log_likelihood for _ in range(40)]
    assert np.all(np.diff(values) >= -1e-9 * np.abs(values[1:]))
    assert em.state.resp.shape == (len(X), 3)


def test_weighted_points_with_noise_fit_as_the_repeated_points():
    _, X = faithful_with_outliers()
    w = np.random.default_rng(5).integers(0, 3, len(X))
    start = EM(X, 2, seed=0).state.mixture
    a = fit(X, 2, init=start, noise=True, sample_weight=w).mixture
    b = fit(np.repeat(X, w, axis=0), 2, init=start, noise=float(np.prod(np.ptp(X[w > 0], axis=0)))).mixture
    np.testing.assert_allclose(a.means, b.means, rtol=1e-10)
    assert a.noise_weight == pytest.approx(b.noise_weight, rel=1e-10)


def test_an_engine_without_noise_drops_a_starting_mixture_s_noise_and_one_with_noise_keeps_it():
    X = blobs()
    start = example_mixture().with_noise(0.3, 500.0)
    assert not EM(X, 3, init=start).state.mixture.has_noise
    kept = EM(X, 3, init=start, noise=500.0).state.mixture
    assert kept.noise_weight == 0.3
    moved = EM(X, 3, init=start, noise=900.0).state.mixture
    assert (moved.noise_weight, moved.noise_volume) == (0.3, 900.0)


def test_select_fits_every_candidate_with_noise():
    result = select(blobs(), n_components=[2, 3], covariance_types=["full"], seed=0, noise=True)
    assert result.best_fit.mixture.has_noise and result.best.n_components == 3


@pytest.mark.parametrize("weight, volume, message", [
    (0.1, None, "a noise weight (0.1) needs a noise volume: give noise_volume too"),
    (0.1, -2.0, "the noise volume must be a finite number greater than 0, got -2.0"),
    (0.1, 5e-324, "the noise volume 5e-324 is so small that its density 1/V is infinite: give a volume of at "
                  "least 1e-308"),
    (0.1, 5.5e-309, "the noise volume 5.5e-309 is so small that its density 1/V is infinite: give a volume of at "
                    "least 1e-308"),
    (1.0, 2.0, "the noise weight must be at least 0 and less than 1, got 1.0"),
])
def test_bad_noise_parameters_are_one_sentence(weight, volume, message):
    with pytest.raises(GmmvizError) as error:
        Mixture([1.0], [[0.0, 0.0]], [np.eye(2)], noise_weight=weight, noise_volume=volume)
    assert str(error.value) == message


def test_bad_noise_settings_and_flat_data_are_errors():
    with pytest.raises(GmmvizError, match="noise must be None, True"):
        EM(blobs(), 2, noise=-1.0)
    flat = np.column_stack([np.arange(10.0), np.zeros(10)])
    with pytest.raises(GmmvizError, match="bounding box has no area"):
        EM(flat, 2, noise=True)


def test_a_mixture_with_noise_compares_by_its_noise_and_samples_its_gaussian_part():
    mixture = example_mixture()
    assert mixture.with_noise(0.1, 5.0) != mixture and mixture.with_noise(0.1, 5.0) == mixture.with_noise(0.1, 5.0)
    X, labels = mixture.with_noise(0.1, 5.0).sample(100, seed=0)
    np.testing.assert_array_equal(X, mixture.sample(100, seed=0)[0])
    with pytest.raises(GmmvizError, match="no noise component"):
        mixture.with_noise(0.1, 5.0).to_sklearn()


def test_every_seed_finds_the_two_clusters_among_the_outliers():
    clean_X, X = faithful_with_outliers()
    clean = fit(clean_X, 2, seed=0).mixture
    for seed in range(20):
        means = fit(X, 2, seed=seed, noise=True).mixture.means
        np.testing.assert_allclose(np.sort(means[:, 0]), np.sort(clean.means[:, 0]), atol=0.1)


def test_core_points_leave_out_the_isolated_ones():
    from gmmviz.core.noise import core_points

    clean_X, X = faithful_with_outliers()
    core = core_points(X)
    assert not core[len(clean_X):].any() and core[:len(clean_X)].mean() > 0.9
    assert core_points(X[:4]).all()


def test_of_many_points_the_initialisation_looks_at_evenly_spaced_ones():
    from gmmviz.core.noise import CORE_SAMPLE, core_points

    X = np.random.default_rng(1).normal(size=(3 * CORE_SAMPLE + 5, 2))
    core = core_points(X)
    step = 4        # 3 × CORE_SAMPLE + 5 points: every fourth is looked at
    assert not core[np.arange(len(X)) % step != 0].any()
    assert 0.9 * len(X) / step < core.sum() <= CORE_SAMPLE
