"""The compiled kernels: sums equal plain numpy, chunked runs are deterministic."""

import numpy as np
import pytest

from gmmviz.core import kernels

from .conftest import example_mixture


def numpy_e_step(X, mixture):
    """Reference responsibilities and sums from scikit-learn's log density."""
    from scipy.special import logsumexp

    gm = mixture.to_sklearn()
    weighted = gm._estimate_weighted_log_prob(X)
    log_density = logsumexp(weighted, axis=1)
    resp = np.exp(weighted - log_density[:, None])
    return log_density, resp


@pytest.mark.parametrize("n_samples", [0, 1, 1000, 2 * kernels.CHUNK + 17])
def test_e_step_and_moments_equal_numpy(n_samples):
    mixture = example_mixture()
    X = np.random.default_rng(2).normal(0.0, 3.0, (n_samples, 2))
    resp = np.empty((n_samples, 3))
    log_density = np.empty(n_samples)
    total, nk, sum_x = kernels.e_step(X, mixture.weights, mixture.means, mixture._packed, resp, log_density)
    expected_density, expected_resp = numpy_e_step(X, mixture)
    np.testing.assert_allclose(log_density, expected_density, rtol=1e-13)
    np.testing.assert_allclose(resp, expected_resp, atol=1e-14)
    assert total == pytest.approx(expected_density.sum(), rel=1e-12, abs=1e-12)
    np.testing.assert_allclose(nk, expected_resp.sum(axis=0), rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(sum_x, expected_resp.T @ X, rtol=1e-12, atol=1e-10)

    centres = np.array([[0.5, 0.5], [1.0, -1.0], [0.0, 2.0]])
    first, scatter = kernels.moments(X, resp, centres)
    np.testing.assert_allclose(first, np.stack([resp[:, k] @ (X - centres[k]) for k in range(3)]),
                               rtol=1e-12, atol=1e-10)
    expected = np.stack([(resp[:, k, None] * (X - centres[k])).T @ (X - centres[k]) for k in range(3)])
    np.testing.assert_allclose(scatter, expected, rtol=1e-12, atol=1e-9)


@pytest.mark.parametrize("n_samples", [1, 1000, 2 * kernels.CHUNK + 17])
def test_weighted_sums_with_a_noise_term_equal_numpy(n_samples):
    mixture = example_mixture()
    rng = np.random.default_rng(3)
    X = rng.normal(0.0, 3.0, (n_samples, 2))
    w = rng.uniform(0.0, 2.0, n_samples)
    noise_weight, volume = 0.2, 80.0
    resp = np.empty((n_samples, 4))
    log_density = np.empty(n_samples)
    total, nk, sum_x = kernels.e_step(X, (1 - noise_weight) * mixture.weights, mixture.means, mixture._packed,
                                      resp, log_density, sample_weight=w,
                                      noise_log_density=np.log(noise_weight / volume))
    joint = np.column_stack([(1 - noise_weight) * mixture.weights * np.exp(
        [mixture.with_noise(0.0, None).to_sklearn()._estimate_log_prob(X)[:, k] for k in range(3)]).T,
        np.full(n_samples, noise_weight / volume)])
    expected_resp = joint / joint.sum(axis=1, keepdims=True)
    np.testing.assert_allclose(log_density, np.log(joint.sum(axis=1)), rtol=1e-12)
    np.testing.assert_allclose(resp, expected_resp, atol=1e-13)
    assert total == pytest.approx(w @ np.log(joint.sum(axis=1)), rel=1e-12)
    np.testing.assert_allclose(nk, w @ expected_resp, rtol=1e-12)
    np.testing.assert_allclose(sum_x, (expected_resp[:, :3] * w[:, None]).T @ X, rtol=1e-11, atol=1e-10)
    centres = mixture.means
    first, scatter = kernels.moments(X, resp, centres, sample_weight=w)
    expected = np.stack([((w * resp[:, k])[:, None] * (X - centres[k])).T @ (X - centres[k]) for k in range(3)])
    np.testing.assert_allclose(scatter, expected, rtol=1e-12)


def test_moments_far_from_the_origin_keep_every_digit_of_the_spread():
    mixture = example_mixture()
    X = np.random.default_rng(2).normal(0.0, 3.0, (1000, 2))
    resp = mixture.predict_proba(X)
    offset = 1e9
    first, scatter = kernels.moments(X, resp, mixture.means)
    first_far, scatter_far = kernels.moments(X + offset, resp, mixture.means + offset)
    # What remains is the rounding of the shifted points, half an ulp of 1e9 (6e-8) each.
    np.testing.assert_allclose(first_far, first, atol=6e-8 * len(X))
    np.testing.assert_allclose(scatter_far, scatter, rtol=1e-7)


def test_chunked_results_do_not_depend_on_the_number_of_threads(monkeypatch):
    mixture = example_mixture()
    X = np.random.default_rng(5).normal(0.0, 3.0, (3 * kernels.CHUNK + 5, 2))

    def run():
        resp = np.empty((len(X), 3))
        total, nk, sum_x = kernels.e_step(X, mixture.weights, mixture.means, mixture._packed, resp)
        return (total, nk, sum_x) + kernels.moments(X, resp, mixture.means)

    parallel = run()
    monkeypatch.setattr(kernels.os, "cpu_count", lambda: 1)
    serial = run()
    for a, b in zip(parallel, serial):
        np.testing.assert_array_equal(a, b)


def test_warm_up_runs():
    kernels.warm_up()
