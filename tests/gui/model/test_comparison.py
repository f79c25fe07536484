"""MLE against MAP: the comparison job's two fits are the core's, and the collapse example collapses only without the prior."""

import numpy as np
import pytest

from gmmviz.core import EM, Prior, fit
from gmmviz.core.em import collapsed_components
from gmmviz.gui.engine.comparison_job import comparison_job
from gmmviz.gui.model.comparison import Comparison
from gmmviz.gui.model.fit_session import FitSession
from gmmviz.gui.model.prior_values import PriorValues
from gmmviz.gui.model.settings import WindowSettings
from gmmviz.io.datasets import COLLAPSE_POINT, collapse, old_faithful

from ..conftest import drive_job


def test_both_fits_are_core_fits_from_one_initial_mixture():
    X = old_faithful()[0]
    settings = WindowSettings(n_components=2, seed=3, prior_values=PriorValues(shrinkage=0.2))
    fractions, result = drive_job(comparison_job(X, settings))
    assert fractions[-1] == 1.0
    initial = EM(X, 2, seed=3).state.mixture
    assert result.initial == initial
    prior = Prior.default(X, 2, shrinkage=0.2)
    mle, map_ = fit(X, 2, init=initial), fit(X, 2, init=initial, prior=prior)
    assert result.mle.mixture == mle.mixture and result.map.mixture == map_.mixture
    assert result.mle.objective == mle.log_likelihood
    assert result.map.log_likelihood == map_.log_likelihood
    assert result.map.objective == pytest.approx(map_.log_likelihood + prior.log_density(map_.mixture), rel=1e-12)


def test_map_keeps_the_component_on_the_repeated_point_from_collapsing():
    X, _ = collapse()
    settings = WindowSettings(n_components=3, seed=0)
    _, result = drive_job(comparison_job(X, settings))
    on_point = [np.argmin(np.linalg.norm(f.mixture.means - COLLAPSE_POINT, axis=1)) for f in (result.mle, result.map)]
    assert result.mle.degenerate == (on_point[0],)
    assert np.allclose(result.mle.mixture.means[on_point[0]], COLLAPSE_POINT)
    assert result.map.degenerate == ()
    assert not collapsed_components(result.map.mixture, settings.reg_covar).size
    assert np.linalg.det(result.map.mixture.full_covariances[on_point[1]]) > 1e-3
    # the collapse is what makes MLE's value high: far above the MAP fit's log-likelihood
    assert result.mle.objective > result.map.log_likelihood + 30


def test_the_result_goes_with_the_points_and_settings_but_not_with_the_prior_switch():
    session = FitSession()
    session.load_points(collapse()[0])
    _, result = drive_job(comparison_job(session.points.X, session.settings))
    session.comparison.set_result(result)
    session.set_setting("prior", True)
    assert session.comparison.result is result
    session.set_setting("prior_values", PriorValues(dof=9))
    assert session.comparison.result is None
    session.comparison.set_result(result)
    session.points.append([[0.0, 0.0]])
    assert session.comparison.result is None


def test_to_dict_and_restore_give_the_same_comparison():
    X, _ = collapse()
    _, result = drive_job(comparison_job(X, WindowSettings(n_components=3, seed=0)))
    comparison = Comparison()
    comparison.set_result(result)
    comparison.set_mode(True)
    comparison.set_front("mle")
    again = Comparison()
    again.restore(comparison.to_dict())
    assert (again.mode, again.front) == (True, "mle")
    assert again.result.map.mixture == result.map.mixture and again.result.mle.degenerate == result.mle.degenerate
    assert Comparison().to_dict() is None
