"""The stepwise EM engine: agreement with scikit-learn, monotonicity, half-steps, degenerate data."""

import warnings

import numpy as np
import pytest

from gmmviz.core import COVARIANCE_TYPES, EM, GmmvizError, GmmvizWarning, Mixture

from .conftest import assert_same_mixture, blobs, fit_sklearn, old_faithful, sklearn_from


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
@pytest.mark.parametrize("n_iter", [1, 5, 50])
def test_iterations_agree_with_sklearn_from_the_same_start(data, covariance_type, n_iter):
    start = EM(data, 3, covariance_type=covariance_type, init="kmeans", seed=0).state.mixture
    em = EM(data, 3, covariance_type=covariance_type, init=start, tol=0.0)
    for _ in range(n_iter):
        state = em.step()

    gm = fit_sklearn(sklearn_from(start, max_iter=n_iter, tol=0.0), data)

    assert state.iteration == n_iter == gm.n_iter_
    assert_same_mixture(state.mixture, gm)
    assert state.mean_log_likelihood == pytest.approx(gm.lower_bound_, rel=1e-8, abs=1e-8)
    assert state.log_likelihood == pytest.approx(gm.lower_bound_ * len(data), rel=1e-8)


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
def test_run_stops_where_sklearn_converges(covariance_type):
    X = old_faithful()
    start = EM(X, 2, covariance_type=covariance_type, seed=1).state.mixture
    states = list(EM(X, 2, covariance_type=covariance_type, init=start, tol=1e-3).run())
    gm = fit_sklearn(sklearn_from(start, tol=1e-3), X)

    assert states[-1].converged and gm.converged_
    assert len(states) == gm.n_iter_
    assert [s.iteration for s in states] == list(range(1, len(states) + 1))
    assert_same_mixture(states[-1].mixture, gm)


def test_run_stops_at_max_iter_without_convergence():
    states = list(EM(blobs(), 3, init="random", seed=0, tol=0.0, max_iter=7).run())
    assert len(states) == 7
    assert not states[-1].converged


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
@pytest.mark.parametrize("prior", [None, True])
def test_objective_never_decreases(covariance_type, prior):
    """Log-likelihood (MLE) or log posterior (MAP) is non-decreasing, to 1e-9 relative."""
    for X in (old_faithful(), blobs()):
        em = EM(X, 4, covariance_type=covariance_type, init="random", seed=2, tol=0.0, prior=prior)
        values = [em.step().log_likelihood for _ in range(60)]
        drops = np.diff(values)
        assert np.all(drops >= -1e-9 * np.abs(values[1:])), drops.min()


def test_first_e_step_has_no_change_and_is_not_converged():
    state = EM(blobs(), 2, seed=0).e_step()
    assert np.isnan(state.change) and not state.converged
    assert state.iteration == 0 and state.phase == "e"


def test_initial_state():
    state = EM(blobs(), 3, seed=0).state
    assert (state.iteration, state.phase, state.resp) == (0, "init", None)
    assert np.isnan(state.log_likelihood) and np.isnan(state.mean_log_likelihood)
    assert not state.converged


def test_half_steps_are_real():
    em = EM(blobs(), 3, seed=0)
    initial = em.state.mixture
    after_e = em.e_step()
    assert after_e.mixture is initial
    np.testing.assert_allclose(after_e.resp, initial.predict_proba(em.X))
    assert after_e.log_likelihood == pytest.approx(initial.log_likelihood(em.X))
    resp_copy = after_e.resp.copy()

    after_m = em.m_step()
    assert after_m.phase == "m" and after_m.iteration == 1
    assert after_m.mixture != initial
    assert after_m.resp is after_e.resp
    np.testing.assert_array_equal(after_m.resp, resp_copy)
    assert after_m.log_likelihood == after_e.log_likelihood


def test_m_step_needs_an_e_step():
    em = EM(blobs(), 3, seed=0)
    with pytest.raises(GmmvizError, match="e_step"):
        em.m_step()
    em.step()
    with pytest.raises(GmmvizError, match="e_step"):
        em.m_step()


def test_repeated_e_step_changes_nothing():
    em = EM(blobs(), 3, seed=0)
    em.step()
    first = em.e_step()
    assert em.e_step() is first


def test_handed_out_responsibilities_never_change():
    em = EM(blobs(), 3, seed=0, tol=0.0)
    kept = [em.step() for _ in range(6)]
    snapshots = [state.resp.copy() for state in kept]
    for _ in range(6):
        em.step()
    for state, snapshot in zip(kept, snapshots):
        np.testing.assert_array_equal(state.resp, snapshot)
    with pytest.raises(ValueError):
        kept[-1].resp[0, 0] = 0.5


def test_duplicate_points_are_handled_by_reg_covar():
    X = np.repeat(np.array([[0.0, 0.0], [1.0, 1.0], [5.0, 5.0], [5.0, 6.0]]), 25, axis=0)
    states = list(EM(X, 3, seed=0).run())
    mixture = states[-1].mixture
    assert np.all(np.isfinite(mixture.means)) and np.all(np.isfinite(states[-1].log_likelihood))
    assert states[-1].degenerate  # the components on a single duplicated point have collapsed


def test_collinear_points_fit_with_covariances_flat_across_the_line():
    t = np.linspace(0.0, 1.0, 200)
    X = np.column_stack([t, 2.0 * t + 1.0])
    final = list(EM(X, 2, seed=0).run())[-1]
    eigenvalues = np.linalg.eigvalsh(final.mixture.full_covariances)
    assert np.all(np.isfinite(final.log_likelihood))
    assert np.all(eigenvalues[:, 0] < 1e-5) and np.all(eigenvalues[:, 0] > 0)


def test_more_components_than_points_is_an_error():
    with pytest.raises(GmmvizError, match="at least 5 points"):
        EM(np.array([[0.0, 0.0], [1.0, 1.0], [2.0, 0.0]]), 5)


def test_more_components_than_distinct_points_is_an_error():
    X = np.repeat(np.array([[0.0, 0.0], [1.0, 1.0]]), 50, axis=0)
    with pytest.raises(GmmvizError, match="distinct points"):
        EM(X, 3)


def test_an_emptied_component_is_reseeded_with_a_warning():
    X = blobs()
    start = Mixture(
        [0.45, 0.45, 0.1],
        [[-5.0, 0.0], [5.0, 0.0], [1e4, 1e4]],
        [np.eye(2) * 20, np.eye(2) * 20, np.eye(2) * 1e-3],
    )
    em = EM(X, 3, init=start, tol=0.0)
    with pytest.warns(GmmvizWarning, match="component 3 lost all its points"):
        state = em.step()
    assert state.warnings == ("component 3 lost all its points and was re-seeded at the worst-explained point",)
    assert 2 in state.degenerate
    worst = np.argmin(start.score_samples(X))
    np.testing.assert_array_equal(state.mixture.means[2], X[worst])
    with warnings.catch_warnings():
        warnings.simplefilter("error", GmmvizWarning)
        for _ in range(30):
            state = em.step()
    assert state.warnings == () and 2 not in state.degenerate
    assert state.mixture.weights[2] > 0.05


def test_ordinary_fits_never_reseed():
    with warnings.catch_warnings():
        warnings.simplefilter("error", GmmvizWarning)
        for covariance_type in COVARIANCE_TYPES:
            for state in EM(old_faithful(), 6, covariance_type=covariance_type, init="random", seed=3).run():
                assert state.warnings == ()


def test_ill_defined_covariance_is_an_error_that_keeps_the_state():
    X = np.vstack([np.zeros((10, 2)), np.random.default_rng(0).normal(5.0, 1.0, (50, 2))])
    start = Mixture([0.2, 0.8], [[0.0, 0.0], [5.0, 5.0]], [np.eye(2) * 1e-4, np.eye(2)])
    em = EM(X, 2, init=start, reg_covar=0.0)
    em.e_step()
    before = em.state
    with pytest.raises(GmmvizError, match="reg_covar"):
        em.m_step()
    assert em.state is before


def test_initialisation_without_regularisation_can_be_ill_defined():
    with pytest.raises(GmmvizError, match="increase reg_covar"):
        EM(blobs(), 3, init="random_from_data", reg_covar=0.0, seed=0)


@pytest.mark.parametrize(
    "settings, message",
    [
        ({"covariance_type": "banana"}, "covariance_type must be one of full, tied, diag, spherical, got 'banana'"),
        ({"init": "best"}, "init must be one of kmeans, .*read_mixture"),
        ({"reg_covar": -1.0}, "reg_covar"),
        ({"max_iter": -1}, "max_iter"),
        ({"tol": -1.0}, "tol"),
        ({"seed": "x"}, "seed"),
        ({"prior": 3}, "prior"),
    ],
)
def test_bad_settings_are_one_line_errors(settings, message):
    with pytest.raises(GmmvizError, match=message):
        EM(blobs(), 2, **settings)


def test_bad_points_are_errors():
    with pytest.raises(GmmvizError, match="shape"):
        EM(np.zeros((10, 3)), 2)
    with pytest.raises(GmmvizError, match="NaN"):
        EM(np.array([[0.0, np.nan], [1.0, 1.0], [2.0, 2.0]]), 2)


def test_initial_mixture_of_another_type_is_projected():
    X = blobs()
    start = EM(X, 3, seed=0).state.mixture
    em = EM(X, 3, covariance_type="diag", init=start)
    np.testing.assert_allclose(em.state.mixture.covariances, start.full_covariances[:, [0, 1], [0, 1]])
    with pytest.raises(GmmvizError, match="components"):
        EM(X, 4, init=start)


def test_a_worker_thread_gives_the_same_fit_while_the_main_thread_scores():
    from concurrent.futures import ThreadPoolExecutor

    X = np.random.default_rng(3).normal(0.0, 2.0, (140_000, 2))
    start = EM(X, 4, init="random_from_data", seed=0).state.mixture

    def run():
        return [state.log_likelihood for state in EM(X, 4, init=start, tol=0.0, max_iter=8).run()]

    with ThreadPoolExecutor(1) as worker:
        future = worker.submit(run)
        densities = [start.score_samples(X) for _ in range(5)]
        threaded = future.result()
    assert threaded == run()
    for density in densities:
        np.testing.assert_array_equal(density, densities[0])
