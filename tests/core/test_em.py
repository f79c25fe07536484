"""The stepwise EM engine: agreement with scikit-learn, monotonicity, half-steps, degenerate data."""

import dataclasses
import math
import typing
import warnings

import numpy as np
import pytest

from gmmviz.core import COVARIANCE_TYPES, EM, EMState, GmmvizError, GmmvizWarning, Mixture

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


@pytest.mark.parametrize("n_components", [5, 10**20])      # more than any array could hold, too
def test_more_components_than_points_is_an_error(n_components):
    with pytest.raises(GmmvizError, match=f"at least {n_components} points"):
        EM(np.array([[0.0, 0.0], [1.0, 1.0], [2.0, 0.0]]), n_components, freeze={0: {"mean"}})


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


# -- resuming and the one loop ------------------------------------------------------------------


def _same_states(a, b):
    """Two EMState sequences agree in every number (nan equal to nan)."""
    assert len(a) == len(b)
    for x, y in zip(a, b):
        assert (x.iteration, x.phase, x.converged, x.warnings, x.degenerate) == \
            (y.iteration, y.phase, y.converged, y.warnings, y.degenerate)
        np.testing.assert_array_equal(x.mixture.means, y.mixture.means)
        np.testing.assert_array_equal(x.mixture.covariances, y.mixture.covariances)
        np.testing.assert_array_equal(x.mixture.weights, y.mixture.weights)
        np.testing.assert_array_equal([x.log_likelihood, x.change], [y.log_likelihood, y.change])
        if x.resp is not None and y.resp is not None:
            np.testing.assert_array_equal(x.resp, y.resp)


@pytest.mark.parametrize("covariance_type", COVARIANCE_TYPES)
@pytest.mark.parametrize("prior", [None, True])
def test_resuming_from_any_half_step_gives_the_uninterrupted_run(covariance_type, prior):
    X = old_faithful()
    settings = dict(covariance_type=covariance_type, tol=1e-5, prior=prior)
    em = EM(X, 3, init="random_from_data", seed=5, **settings)
    run = [em.state, *em.half_steps()]
    assert run[-1].converged and len(run) >= 7
    last = len(run) - 2
    for k in sorted({0, 1, 2, 3, last // 2, last // 2 + 1, last - 1, last}):
        # with its responsibilities, and without them as a state read from a session has
        for state in (run[k], run[k].lean()):
            resumed = EM(X, 3, init=state, **settings)
            assert resumed.state.iteration == run[k].iteration
            _same_states(list(resumed.half_steps()), run[k + 1:])


def test_resuming_after_the_points_changed_starts_a_new_comparison():
    X = old_faithful()
    em = EM(X, 2, seed=0)
    after_m = em.step()
    moved = X + [0.0, 1.0]
    fresh = EM(moved, 2, init=dataclasses.replace(after_m, mean_log_likelihood=math.nan)).e_step()
    assert math.isnan(fresh.change) and not fresh.converged and fresh.iteration == 1
    compared = EM(X, 2, init=after_m).e_step()
    assert compared.change == em.e_step().change and math.isfinite(compared.change)


def test_resuming_an_e_step_on_other_points_recomputes_its_responsibilities():
    X = old_faithful()
    after_e = EM(X, 2, seed=0).e_step()
    moved = X[:-10]
    resumed = EM(moved, 2, init=after_e)
    assert resumed.state.phase == "e" and resumed.state.resp.shape == (len(moved), 2)
    np.testing.assert_array_equal(resumed.state.resp, after_e.mixture.predict_proba(moved))
    assert math.isnan(resumed.state.change)
    assert resumed.m_step().iteration == 1


def test_resuming_projects_onto_the_covariance_type_and_needs_the_same_k():
    after_m = EM(blobs(), 3, seed=0).step()
    resumed = EM(blobs(), 3, covariance_type="diag", init=after_m)
    assert resumed.state.mixture.covariance_type == "diag" and resumed.state.iteration == 1
    with pytest.raises(GmmvizError, match="n_components=3"):
        EM(blobs(), 2, init=after_m)


def test_half_steps_alternate_and_stop_after_the_m_step_of_convergence():
    em = EM(old_faithful(), 2, seed=0)
    states = list(em.half_steps())
    assert [s.phase for s in states] == ["e", "m"] * (len(states) // 2)
    assert [s.iteration for s in states[1::2]] == list(range(1, len(states) // 2 + 1))
    assert states[-1].converged and not any(s.converged for s in states[:-2])
    assert [s.iteration for s in EM(old_faithful(), 2, seed=0).run()] == [s.iteration for s in states[1::2]]


def test_max_iter_counts_from_the_state_a_run_starts_at():
    em = EM(blobs(), 3, init="random", seed=0, tol=0.0, max_iter=4)
    assert [s.iteration for s in em.run()] == [1, 2, 3, 4]
    assert [s.iteration for s in em.run()] == [5, 6, 7, 8]
    em.e_step()
    assert [(s.iteration, s.phase) for s in em.half_steps()][:2] == [(9, "m"), (9, "e")]
    assert em.state.iteration == 12
    assert list(EM(blobs(), 3, seed=0, max_iter=0).half_steps()) == []


def test_pause_is_asked_between_half_steps_and_stops_the_loop():
    asked = []

    def pause(state):
        asked.append((state.iteration, state.phase))
        return len(asked) == 3

    em = EM(blobs(), 3, init="random", seed=0, tol=0.0)
    states = list(em.half_steps(pause))
    assert [(s.iteration, s.phase) for s in states] == [(0, "e"), (1, "m"), (1, "e")] == asked
    assert em.state is states[-1]


def test_pause_is_not_asked_after_the_last_half_step():
    asked = []
    states = list(EM(old_faithful(), 2, seed=0).half_steps(lambda state: asked.append(state) and False))
    assert asked == states[:-1]


def test_states_are_values_with_a_typed_phase():
    state = EM(blobs(), 2, seed=0).e_step()
    with pytest.raises(dataclasses.FrozenInstanceError):
        state.iteration = 3
    assert state == state and state != dataclasses.replace(state)   # identity: arrays make == meaningless
    assert state.lean().resp is None and state.lean().mixture is state.mixture
    assert typing.get_args(EMState.__annotations__["phase"]) == ("init", "e", "m")


@pytest.mark.parametrize("covariance_type", ["full", "tied", "diag", "spherical"])
@pytest.mark.parametrize("prior", [None, True])
def test_m_step_of_given_responsibilities_is_the_engines_m_step(covariance_type, prior):
    from gmmviz.core import m_step
    from gmmviz.io.datasets import old_faithful

    X, _ = old_faithful()
    weight = np.arange(len(X)) % 3 + 0.5
    engine = EM(X, 3, covariance_type=covariance_type, seed=0, prior=prior, sample_weight=weight)
    resp = engine.e_step().resp
    expected = engine.m_step().mixture
    mixture = m_step(X, resp, covariance_type, prior=prior, sample_weight=weight)
    # the engine's sums come from its E-step kernel, these from resp: equal up to round-off
    for name in ("weights", "means", "covariances"):
        np.testing.assert_allclose(getattr(mixture, name), getattr(expected, name), rtol=1e-12, err_msg=name)


def test_points_too_far_apart_for_their_covariances_say_so():
    """At 1e154 the squares overflow: it was 'an ill-defined covariance (too few or identical points)'."""
    X = np.random.default_rng(0).normal(size=(100, 2))
    with pytest.raises(GmmvizError, match="lie up to 2.*e\\+154 from their mean, too far for their covariances"):
        EM(X * 1e154, 2, seed=0)
    assert list(EM(X * 1e150, 2, seed=0).run())[-1].converged       # far, but their squares still fit
