"""The prior's values in the window's settings: the core's defaults, the user's values, the core's checks."""

import numpy as np
import pytest

from gmmviz.core import GmmvizError, Prior
from gmmviz.gui.model.fit_session import FitSession
from gmmviz.gui.model.prior_values import PriorValues
from gmmviz.gui.model.settings import WindowSettings

X = np.random.RandomState(0).normal([1.0, -2.0], [1.0, 3.0], (40, 2))


def test_no_values_is_the_core_default_prior():
    assert PriorValues().prior(X, 3).to_dict() == Prior.default(X, 3).to_dict()
    assert WindowSettings(prior=True).fit_settings(points=X).prior is True


def test_set_values_complete_the_default_and_reach_the_fit_settings():
    values = PriorValues(shrinkage=0.5, mean=(0, 1))
    settings = WindowSettings(prior=True, n_components=3, prior_values=values)
    prior = settings.fit_settings(points=X).prior
    assert prior.to_dict() == Prior.default(X, 3, shrinkage=0.5, mean=[0.0, 1.0]).to_dict()
    assert WindowSettings(prior=False, prior_values=values).fit_settings(points=X).prior is None


@pytest.mark.parametrize("changes, message", [
    ({"shrinkage": -1}, "prior: shrinkage must be a finite number greater than 0, got -1"),
    ({"dof": 0.5}, "prior: dof (degrees of freedom) must be a finite number greater than 1, got 0.5"),
    ({"scale": ((1, 2), (2, 1))}, "prior: the scale must be a symmetric positive definite 2×2 matrix"),
    ({"dirichlet": 0.5}, "prior: dirichlet (the Dirichlet parameter) must be a finite number of at least 1, got 0.5"),
])
def test_values_are_checked_by_the_core(changes, message):
    with pytest.raises(GmmvizError) as error:
        PriorValues().changed(**changes)
    assert str(error.value) == message
    with pytest.raises(GmmvizError):
        Prior.default(X, 2, **changes)


def test_a_stored_prior_gives_back_only_what_differs_from_the_default():
    assert PriorValues.from_prior(Prior.default(X, 2), X, 2).is_default
    values = PriorValues.from_prior(Prior.default(X, 2, dof=7), X, 2)
    assert values.overrides() == {"dof": 7.0}


def test_editing_values_marks_the_fit_out_of_date_only_with_the_prior_on():
    session = FitSession()
    session.load_points(X)
    session.record(_initial_state(session))
    session.set_setting("prior_values", PriorValues(shrinkage=2.0))
    assert not session.is_stale
    session.set_setting("prior", True)
    assert session.is_stale


def _initial_state(session):
    from gmmviz.core import EM

    return EM(session.points.X, 2, seed=0).state


def test_settings_without_the_points_refuse_values_they_cannot_complete():
    settings = WindowSettings(prior=True, prior_values=PriorValues(dof=9))
    with pytest.raises(GmmvizError, match="reset the prior to its defaults"):
        settings.fit_settings()
    assert WindowSettings(prior=True).fit_settings().prior is True
