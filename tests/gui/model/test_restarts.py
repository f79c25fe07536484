"""Restarts in the window's model: which settings a run takes, and the optima it found."""

import pytest

from gmmviz.core import GmmvizError
from gmmviz.core.settings import FitSettings
from gmmviz.gui.model.fit_session import FitSession
from gmmviz.gui.model.restarts import Restart, RestartRun
from gmmviz.gui.model.settings import CURRENT_PARAMETERS, WindowSettings


def run_of(values):
    return RestartRun(FitSettings(), tuple(Restart(seed, value, 3, True, None) for seed, value in enumerate(values)))


def test_restarts_that_end_at_the_same_value_are_one_optimum_and_the_first_highest_is_best():
    run = run_of([-10.0, -12.0, -10.0 * (1 + 1e-9), -11.0, -10.0])
    assert run.optima() == [0, 2, 0, 1, 0]
    assert run.best() == 0


def test_a_run_takes_the_mixture_settings_with_their_seed_first():
    session = FitSession()
    settings = session.restarts.run_settings(WindowSettings(n_components=3, init="random", seed=7, tol=1e-4))
    assert settings == FitSettings(n_components=3, init="random", seed=7, tol=1e-4)


def test_a_run_completes_prior_values_the_user_set_from_the_points(faithful):
    from gmmviz.core import Prior
    from gmmviz.gui.model.prior_values import PriorValues

    window = WindowSettings(n_components=2, prior=True, prior_values=PriorValues(shrinkage=0.5))
    settings = FitSession().restarts.run_settings(window, faithful)
    expected = Prior.default(faithful, 2, shrinkage=0.5)
    assert settings.prior.to_dict() == expected.to_dict()


def test_a_start_that_is_not_random_is_refused():
    with pytest.raises(GmmvizError, match="random start"):
        FitSession().restarts.run_settings(WindowSettings(init=CURRENT_PARAMETERS))


def test_seeds_past_the_largest_are_refused():
    with pytest.raises(GmmvizError, match="smaller seed"):
        FitSession().restarts.run_settings(WindowSettings(seed=2**32 - 5))


def test_the_count_is_checked():
    restarts = FitSession().restarts
    for bad in (1, 1001, 2.5, True):
        with pytest.raises(GmmvizError):
            restarts.set_count(bad)
    restarts.set_count(25)
    assert restarts.count == 25
