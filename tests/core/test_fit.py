"""fit(): same seed and settings give scikit-learn's GaussianMixture fit."""

import dataclasses
import math

import numpy as np
import pytest

from gmmviz.core import COVARIANCE_TYPES, EM, FitResult, GmmvizError, fit
from gmmviz.core.init import INIT_METHODS
from gmmviz.core.settings import FitSettings

from .conftest import assert_same_mixture, blobs, fit_sklearn, old_faithful


def sklearn_fit(X, n_components, **settings):
    from sklearn.mixture import GaussianMixture

    return fit_sklearn(GaussianMixture(n_components, **settings), X)


@pytest.mark.parametrize("init", INIT_METHODS)
@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
def test_fit_reproduces_sklearn_for_each_init(init, covariance_type):
    X = old_faithful()
    result = fit(X, 3, covariance_type=covariance_type, init=init, seed=42)
    if covariance_type == "tied" and init in ("k-means++", "random_from_data"):
        # scikit-learn's initial tied covariance counts the points no component starts with from
        # the origin; gmmviz counts them from the data mean (README, Decisions), which equals
        # scikit-learn on centred data.
        centre = X.mean(axis=0)
        gm = sklearn_fit(X - centre, 3, covariance_type=covariance_type, init_params=init, random_state=42)
        gm.means_ = gm.means_ + centre
    else:
        gm = sklearn_fit(X, 3, covariance_type=covariance_type, init_params=init, random_state=42)
    assert_same_mixture(result.mixture, gm)
    assert result.n_iter == gm.n_iter_ and result.converged == gm.converged_
    assert result.log_likelihood == pytest.approx(gm.score(X) * len(X), rel=1e-10)
    assert result.bic == pytest.approx(gm.bic(X), rel=1e-10)
    assert result.aic == pytest.approx(gm.aic(X), rel=1e-10)
    np.testing.assert_allclose(result.resp, gm.predict_proba(X), atol=1e-8)


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
def test_restarts_keep_the_best_as_sklearn(covariance_type):
    X = blobs()
    result = fit(X, 4, covariance_type=covariance_type, init="random", n_init=3, seed=0, max_iter=200)
    gm = sklearn_fit(X, 4, covariance_type=covariance_type, init_params="random", n_init=3, random_state=0,
                     max_iter=200)
    assert_same_mixture(result.mixture, gm)
    assert result.n_iter == gm.n_iter_


def test_result_describes_the_final_mixture():
    X = old_faithful()
    result = fit(X, 2, seed=0, max_iter=3, tol=0.0)
    assert isinstance(result, FitResult)
    assert result.n_iter == 3 and not result.converged
    assert result.log_likelihood == pytest.approx(result.mixture.log_likelihood(X), rel=1e-12)
    assert result.mean_log_likelihood == pytest.approx(result.log_likelihood / len(X))
    assert result.bic == pytest.approx(result.mixture.bic(X), rel=1e-12)
    np.testing.assert_allclose(result.resp, result.mixture.predict_proba(X))
    assert result.n_samples == len(X)
    assert result.settings == FitSettings(n_components=2, seed=0, tol=0.0, max_iter=3)


def test_max_iter_zero_returns_the_initial_mixture():
    from gmmviz.core import EM

    X = old_faithful()
    result = fit(X, 2, seed=1, max_iter=0)
    assert result.n_iter == 0 and not result.converged
    assert result.mixture == EM(X, 2, seed=1).state.mixture


def test_a_mixture_as_init_is_used_as_is():
    X = old_faithful()
    start = fit(X, 2, seed=0, max_iter=2).mixture
    result = fit(X, 2, init=start, n_init=5, max_iter=0)
    assert result.mixture == start and result.settings.init == start


def test_same_seed_same_fit():
    X = blobs()
    a = fit(X, 3, init="random", seed=9)
    b = fit(X, 3, init="random", seed=9)
    assert a.mixture == b.mixture and a.log_likelihood == b.log_likelihood


def test_prior_fit_reports_data_log_likelihood_and_prior_settings():
    X = old_faithful()
    result = fit(X, 2, seed=0, prior=True)
    assert result.log_likelihood == pytest.approx(result.mixture.log_likelihood(X))
    assert result.settings.prior.shrinkage == 0.01
    assert math.isfinite(result.bic)


def test_bad_n_init_is_an_error():
    with pytest.raises(GmmvizError, match="n_init"):
        fit(blobs(), 2, n_init=0)


def test_restarts_without_iterations_keep_the_last_as_sklearn():
    X = old_faithful()
    result = fit(X, 2, init="random", n_init=3, seed=0, max_iter=0)
    gm = sklearn_fit(X, 2, init_params="random", n_init=3, random_state=0, max_iter=0)
    assert_same_mixture(result.mixture, gm)


def test_result_is_a_read_only_value():
    result = fit(old_faithful(), 2, seed=0)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.n_iter = 0
    with pytest.raises(ValueError):
        result.resp[0, 0] = 1.0
    assert isinstance(result.settings, FitSettings) and result.history is None


@pytest.mark.parametrize("n_init", [1, 3])
def test_kept_history_is_the_kept_restarts_run_from_iteration_0(n_init):
    X = old_faithful()
    result = fit(X, 3, init="random", n_init=n_init, seed=4, keep_history=True)
    history = result.history
    half_steps = [step for i in range(result.n_iter) for step in ((i, "e"), (i + 1, "m"))]
    assert [(s.iteration, s.phase) for s in history] == [(0, "init"), *half_steps]
    assert all(s.resp is None for s in history)
    np.testing.assert_array_equal(history[-1].mixture.means, result.mixture.means)
    # the same run as the engine makes from the kept restart's initial parameters
    replay = [s.mixture.means for s in EM(X, 3, init=history[0].mixture).half_steps() if s.phase == "m"]
    np.testing.assert_array_equal(replay, [s.mixture.means for s in history if s.phase == "m"])
    assert fit(X, 3, init="random", n_init=n_init, seed=4).mixture == result.mixture


def test_a_result_describes_any_mixture_on_data():
    X = old_faithful()
    result = fit(X, 2, seed=0)
    again = FitResult.of(X, result.mixture, result.settings, result.n_iter, result.converged)
    assert (again.log_likelihood, again.bic, again.aic) == (result.log_likelihood, result.bic, result.aic)
    described = FitResult.of(X, result.mixture, FitSettings(prior=True))
    assert described.settings.prior.shrinkage == 0.01


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
def test_icl_is_bic_plus_twice_the_entropy_of_resp(covariance_type):
    X = old_faithful()
    result = fit(X, 3, covariance_type=covariance_type, seed=0)
    resp = np.asarray(result.resp)
    entropy = -np.sum(np.where(resp > 0, resp * np.log(np.where(resp > 0, resp, 1.0)), 0.0))
    assert entropy > 0  # three components on two clusters share points: ICL is not BIC
    assert result.icl == pytest.approx(result.bic + 2 * entropy, rel=1e-12)
    assert result.icl == pytest.approx(result.mixture.icl(X), rel=1e-12)
