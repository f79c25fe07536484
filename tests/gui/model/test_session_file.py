"""Opening a session in the window's model: what the window cannot show is refused before anything changes."""

import json

import numpy as np
import pytest

from gmmviz.core import GmmvizError, Mixture, fit
from gmmviz.core.settings import FitSettings
from gmmviz.gui.model.fit_session import FitSession
from gmmviz.gui.model.points import AddPointsCommand
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


@pytest.mark.parametrize("change", ["prior", "points"])
def test_a_change_after_the_last_step_is_still_a_break_after_the_session_is_opened(change, tmp_path):
    def changed_then_stepped(model, session_path=None):
        if session_path is not None:
            apply_session(model, load_session(session_path), session_path)
        drive(model, "step")
        return model.history.breaks, model.history.log_likelihoods()

    model = FitSession()
    model.load_points(*old_faithful(), "Open old_faithful.csv")
    for command in ("initialise", "step", "step"):
        drive(model, command)
    if change == "prior":
        model.set_setting("prior", True)
    else:
        model.undo_stack.push(AddPointsCommand(model.points, [[1.0, 100.0], [5.5, 40.0]], "Add points"))
    assert model.is_stale
    path = tmp_path / "changed.gmmviz"
    save_session(path, to_session(model))
    opened = FitSession()
    apply_session(opened, load_session(path), path)
    assert opened.is_stale and opened.points_changed == (change == "points")
    breaks, values = changed_then_stepped(model)
    opened_breaks, opened_values = changed_then_stepped(opened)
    assert breaks and opened_breaks == breaks
    np.testing.assert_allclose(opened_values, values, rtol=1e-12)


def test_an_e_step_value_after_a_break_is_not_compared_with_the_one_before(tmp_path):
    model = FitSession()
    model.load_points(*old_faithful(), "Open old_faithful.csv")
    for command in ("initialise", "step", "step"):
        drive(model, command)
    model.set_setting("prior", True)
    drive(model, "step")
    model.set_setting("prior", False)
    drive(model, "step")
    states = to_session(model).history
    after_break = [s for s in states if s.phase == "e" and s.iteration in model.history.breaks]
    assert after_break and all(np.isnan(s.change) and not s.converged for s in after_break)


def test_a_value_a_file_gives_an_e_step_is_the_one_saved_again(tmp_path):
    X = np.random.default_rng(0).normal(size=(40, 2))
    run = fit(X, 2, seed=0, keep_history=True)
    path = tmp_path / "edited.gmmviz"
    save_session(path, Session(points=X, settings=FitSettings(n_components=2, seed=0), history=list(run.history)))
    document = json.loads(path.read_text())
    document["history"][1]["log_likelihood"] = -100.0          # the E-step of iteration 0, edited by hand
    path.write_text(json.dumps(document))
    model = FitSession()
    apply_session(model, load_session(path), path)
    save_session(path, to_session(model))
    again = FitSession()
    apply_session(again, load_session(path), path)
    assert model.history.log_likelihoods()[0] == again.history.log_likelihoods()[0] == -100.0
