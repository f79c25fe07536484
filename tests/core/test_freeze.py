"""Frozen parameters: the M-step keeps them, the free ones are the constrained estimates, EM stays monotone."""

import numpy as np
import pytest

from gmmviz.core import COVARIANCE_TYPES, EM, GmmvizError, fit
from gmmviz.core.freeze import PARAMETERS, check_freeze, from_json, parse_text, to_json, to_text

from .conftest import blobs, example_mixture, old_faithful


def random_freeze(rng, n_components):
    freeze = {}
    for k in range(n_components):
        names = {name for name in PARAMETERS if rng.random() < 0.35}
        if names:
            freeze[k] = names
    return freeze


@pytest.mark.parametrize("freeze", [None, {}, {0: set()}])
@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
def test_nothing_frozen_gives_the_numbers_of_the_engine_without_freeze(freeze, covariance_type):
    X = blobs()
    a = fit(X, 3, covariance_type=covariance_type, seed=0, freeze=freeze)
    b = fit(X, 3, covariance_type=covariance_type, seed=0)
    assert a.mixture == b.mixture and a.log_likelihood == b.log_likelihood and a.settings.freeze is None


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
@pytest.mark.parametrize("prior", [None, True])
def test_random_freezes_keep_their_parameters_and_never_lower_the_objective(covariance_type, prior):
    rng = np.random.default_rng(12)
    X = blobs()
    start = example_mixture(covariance_type)
    for _ in range(8):
        freeze = random_freeze(rng, 3)
        em = EM(X, 3, covariance_type=covariance_type, init=start, tol=0.0, prior=prior, freeze=freeze)
        values = [em.step().log_likelihood for _ in range(50)]
        drops = np.diff(values)
        assert np.all(drops >= -1e-9 * np.abs(values[1:])), (freeze, drops.min())
        mixture = em.state.mixture
        for k, names in freeze.items():
            if "mean" in names:
                np.testing.assert_array_equal(mixture.means[k], start.means[k])
            if "covariance" in names:
                np.testing.assert_array_equal(mixture.full_covariances[k], start.full_covariances[k])
            if "weight" in names:
                assert mixture.weights[k] == pytest.approx(start.weights[k], rel=1e-15)
        assert mixture.weights.sum() == pytest.approx(1.0)


def test_free_weights_share_the_mass_the_frozen_leave():
    X = blobs()
    start = example_mixture()
    frozen = EM(X, 3, init=start, freeze={0: {"weight"}}).step().mixture
    free = EM(X, 3, init=start).step().mixture
    assert frozen.weights[0] == pytest.approx(0.5, rel=1e-15)
    np.testing.assert_allclose(frozen.weights[1:], 0.5 * free.weights[1:] / free.weights[1:].sum(), rtol=1e-12)
    np.testing.assert_array_equal(frozen.means, free.means)


def test_a_frozen_mean_with_a_free_covariance_takes_the_scatter_about_the_frozen_mean():
    X = old_faithful()
    start = EM(X, 2, seed=0).state.mixture
    em = EM(X, 2, init=start, freeze={1: {"mean"}}, reg_covar=1e-6)
    resp = em.e_step().resp
    mixture = em.m_step().mixture
    r = resp[:, 1]
    d = X - start.means[1]
    expected = (r[:, None] * d).T @ d / r.sum() + 1e-6 * np.eye(2)
    np.testing.assert_allclose(mixture.full_covariances[1], expected, rtol=1e-10)
    np.testing.assert_array_equal(mixture.means[1], start.means[1])


def test_a_frozen_mean_under_the_prior_takes_the_covariance_mode_given_that_mean():
    X = old_faithful()
    start = EM(X, 2, seed=0).state.mixture
    em = EM(X, 2, init=start, freeze={0: {"mean"}}, prior=True)
    resp = em.e_step().resp
    mixture = em.m_step().mixture
    prior = em.prior
    r = resp[:, 0]
    nk = r.sum()
    mu = start.means[0]
    d = X - mu
    spread = (r[:, None] * d).T @ d + prior.shrinkage * np.outer(mu - prior.mean, mu - prior.mean)
    expected = (prior.scale + spread) / (prior.dof + nk + 2 + 2) + 1e-6 * np.eye(2)
    np.testing.assert_allclose(mixture.full_covariances[0], expected, rtol=1e-8)


def test_a_frozen_covariance_of_a_tied_fit_freezes_the_shared_one():
    X = blobs()
    start = example_mixture("tied")
    mixture = fit(X, 3, covariance_type="tied", init=start, freeze={2: {"covariance"}}).mixture
    np.testing.assert_array_equal(mixture.covariances, start.covariances)


def test_a_fit_keeps_what_was_frozen_in_its_settings():
    result = fit(blobs(), 3, init=example_mixture(), freeze={1: ["mean", "weight"], 0: "all"})
    assert result.settings.freeze == {0: frozenset(PARAMETERS), 1: frozenset({"mean", "weight"})}


@pytest.mark.parametrize("freeze, message", [
    ({0: {"means"}}, "freeze: unknown parameter 'means': use weight, mean, covariance or all"),
    ({-1: {"mean"}}, "freeze: components are numbered from 0, got -1"),
    ({3: {"mean"}}, "freeze names component 3 but the mixture has components 0 to 2: freeze only components that exist"),
    ([0], "freeze must be a dict {component: {'weight', 'mean', 'covariance'}} or None, got list"),
])
def test_bad_freezes_are_one_sentence(freeze, message):
    with pytest.raises(GmmvizError) as error:
        EM(blobs(), 3, freeze=freeze)
    assert str(error.value) == message


def test_the_command_line_and_file_forms_number_components_from_one():
    freeze = parse_text("1:mean,2:all,1:weight")
    assert freeze == {0: frozenset({"mean", "weight"}), 1: frozenset(PARAMETERS)}
    assert to_text(freeze) == "1:weight+mean,2:all"
    assert parse_text(to_text(freeze)) == freeze
    assert to_json(freeze) == {"1": ["weight", "mean"], "2": ["weight", "mean", "covariance"]}
    assert from_json(to_json(freeze)) == freeze
    assert to_json(None) is None and from_json(None) is None and check_freeze({}) is None
    for text in ("0:mean", "1", "a:mean", "1:means"):
        with pytest.raises(GmmvizError):
            parse_text(text)
