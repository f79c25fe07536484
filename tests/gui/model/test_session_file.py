"""Opening a session in the window's model: what the window cannot show is refused before anything changes."""

import numpy as np
import pytest

from gmmviz.core import GmmvizError, Mixture, fit
from gmmviz.core.settings import FitSettings
from gmmviz.gui.model.fit_session import FitSession
from gmmviz.gui.model.session_file import apply_session, to_session
from gmmviz.io.datasets import old_faithful
from gmmviz.io.session import Session, load_session, save_session
from tests.gui.model.test_fit_session import drive


def shown(model):
    """What a user sees of ``model``: points, settings, history, truth and the undo step."""
    return (model.points.X.tobytes(), model.settings, len(model.history), model.truth.mixture,
            model.undo_stack.undo_text())


def test_a_session_whose_truth_the_window_cannot_show_changes_nothing_and_the_error_names_the_file(tmp_path):
    model = FitSession()
    model.load_points(np.random.default_rng(1).normal(size=(30, 2)), text="Load points")
    model.set_setting("n_components", 3)
    model.truth.set_mixture(Mixture([0.5, 0.5], [[0, 0], [1, 1]], [np.eye(2), np.eye(2)]))
    before = shown(model)
    X = np.random.default_rng(0).normal(size=(40, 2))
    run = fit(X, 2, seed=0, keep_history=True)
    truth = Mixture([0.04] * 25, [[i, 0] for i in range(25)], [np.eye(2)] * 25)
    path = tmp_path / "many.gmmviz"
    save_session(path, Session(points=X, settings=FitSettings(n_components=2, seed=0), history=list(run.history),
                               current=0, truth={"mixture": truth, "labels": None}))
    with pytest.raises(GmmvizError) as info:
        apply_session(model, load_session(path), path)
    message = str(info.value)
    assert str(path) in message and "true mixture has 25 components, more than the 20" in message, message
    assert shown(model) == before


def test_a_noise_volume_survives_opening_and_saving_again(tmp_path):
    X = np.random.default_rng(0).normal(size=(40, 2))
    path = tmp_path / "volume.gmmviz"
    save_session(path, Session(points=X, settings=FitSettings(n_components=2, seed=0, noise=2500.0)))
    model = FitSession()
    apply_session(model, load_session(path), path)
    assert model.settings.fit_settings().noise == 2500.0
    save_session(path, to_session(model))
    assert load_session(path).settings.noise == 2500.0


def test_a_noise_volume_of_1_is_not_taken_for_the_bounding_box(tmp_path):
    X = np.random.default_rng(0).normal(size=(40, 2))
    path = tmp_path / "unit.gmmviz"
    save_session(path, Session(points=X, settings=FitSettings(n_components=2, seed=0, noise=1.0)))
    model = FitSession()
    model.set_setting("noise", True)
    apply_session(model, load_session(path), path)
    assert model.settings.fit_settings().noise == 1.0 and model.settings.fit_settings().noise is not True


def test_which_values_are_log_posteriors_and_where_the_curve_breaks_survive_a_session_file(tmp_path):
    model = FitSession()
    model.load_points(*old_faithful(), "Open old_faithful.csv")
    for command in ("initialise", "step", "step"):
        drive(model, command)
    model.set_setting("prior", True)            # MAP from here on: the values change kind, and the curve breaks
    drive(model, "step")
    drive(model, "step")
    posterior, breaks = model.history.posterior(), model.history.breaks
    assert posterior.any() and not posterior.all() and breaks
    path = tmp_path / "both.gmmviz"
    save_session(path, to_session(model))
    opened = FitSession()
    apply_session(opened, load_session(path), path)
    np.testing.assert_array_equal(opened.history.posterior(), posterior)
    assert opened.history.breaks == breaks
    assert opened.history.objective_name() == "log-likelihood and log posterior"
    np.testing.assert_array_equal(opened.history.log_likelihoods(), model.history.log_likelihoods())


def test_a_session_without_the_kinds_of_its_values_takes_its_settings_kind(tmp_path):
    X = np.random.default_rng(0).normal(size=(40, 2))
    run = fit(X, 2, seed=0, prior=True, keep_history=True)
    path = tmp_path / "older.gmmviz"
    save_session(path, Session(points=X, settings=FitSettings(n_components=2, seed=0, prior=True),
                               history=list(run.history)))
    model = FitSession()
    apply_session(model, load_session(path), path)
    evaluated = np.isfinite(model.history.log_likelihoods())
    assert evaluated.sum() >= 3 and model.history.posterior()[evaluated].all() and model.history.breaks == frozenset()
