"""A lesson driven through the window's model alone, with Qt unable to load."""

import importlib
import math
import sys
import threading

import numpy as np
import pytest

import gmmviz
from gmmviz.core import GmmvizError
from gmmviz.io.datasets import old_faithful


@pytest.fixture
def model(monkeypatch):
    """``gmmviz.gui.model`` and ``gmmviz.gui.engine.jobs`` imported afresh while PySide6 and pyqtgraph cannot be."""
    for name in list(sys.modules):
        if name.startswith("gmmviz.gui"):
            monkeypatch.delitem(sys.modules, name)
    # The fresh import rebinds gmmviz.gui; give the tests after this one the modules they imported.
    monkeypatch.delattr(gmmviz, "gui", raising=False)      # not imported yet when this file runs alone
    for name in ("PySide6", "pyqtgraph", "shiboken6"):
        monkeypatch.setitem(sys.modules, name, None)     # import raises ImportError
    before = set(sys.modules)
    yield importlib.import_module("gmmviz.gui.model.fit_session")
    for name in set(sys.modules) - before:      # fresh copies of modules no test had imported yet go too
        if name.startswith("gmmviz.gui"):
            del sys.modules[name]


def drive(session, command, **kwargs):
    """Run ``command``'s job to the end, as the worker would; returns the states it yielded."""
    job = session.plan(command, **kwargs)
    if job is None:
        return None
    states = []
    for state in job(threading.Event()):
        session.record(state)
        states.append(state)
    if states:
        session.set_live(states[-1])
    return states


def test_a_lesson_through_the_model_without_qt(model):
    messages = []
    session = model.FitSession()
    session.message.connect(messages.append)
    X, columns = old_faithful()

    assert drive(session, "step") is None and "no points" in messages[-1]
    session.load_points(X, columns, "Open old_faithful.csv")
    assert session.points.axis_names == ("eruptions", "waiting") and not session.has_unsaved_points()

    [initial] = drive(session, "initialise")
    assert initial.iteration == 0 and session.resp_on_screen() is None      # no colours before an E-step
    assert drive(session, "m_step") is None and "E-step" in messages[-1]
    [e_state] = drive(session, "e_step")
    assert e_state.phase == "e" and session.resp_on_screen() is e_state.resp
    [m_state] = drive(session, "m_step")
    assert m_state.iteration == 1 and session.live is m_state
    drive(session, "step")
    drive(session, "step")
    assert [state.iteration for state in session.history] == [0, 1, 2, 3]
    values = session.history.log_likelihoods()
    assert np.all(np.diff(values[:3]) > 0) and math.isnan(values[3])

    # back in the history, then step on from there: the later iterations go
    session.step_history(-2)
    assert session.shown_index == 1 and session.mixture_on_screen() is session.history[1].mixture
    drive(session, "step")
    assert len(session.history) == 3 and session.shown_index is None

    # a point edit keeps the fit; the next step continues from it and marks the break
    before = len(session.history)
    points = importlib.import_module("gmmviz.gui.model.points")
    session.undo_stack.push(points.AddPointsCommand(session.points, [[3.0, 70.0]], "Add point"))
    assert session.has_unsaved_points()
    assert session.resp_on_screen().shape == (len(X) + 1, 2)
    drive(session, "step")
    assert len(session.history) == before + 1 and (before - 1) in session.history.breaks
    session.undo_stack.undo()
    assert len(session.points) == len(X) and not session.has_unsaved_points()

    # a new K: the next command starts over from the initialisation setting
    session.set_setting("n_components", 3)
    drive(session, "step")
    assert session.history[0].mixture.n_components == 3 and len(session.history) == 2
    with pytest.raises(GmmvizError, match="at most 20 components"):
        session.set_setting("n_components", 25)
    assert session.settings.n_components == 3
    assert "PySide6" not in sys.modules or sys.modules["PySide6"] is None


def test_the_fit_is_out_of_date_while_k_or_the_covariance_type_is_another_than_its_own(model):
    readouts = importlib.import_module("gmmviz.gui.model.readouts")
    session = model.FitSession()
    session.load_points(*old_faithful())
    drive(session, "run")
    assert not session.is_stale and readouts.stale_notice(session) is None
    session.set_setting("n_components", 3)
    assert session.is_stale and readouts.stale_notice(session).startswith("K is now 3: the fit has 2 components.")
    session.set_setting("init", "current parameters")
    assert "choose an initialisation other than current parameters" in readouts.stale_notice(session)
    session.set_setting("n_components", 2)
    session.set_setting("covariance_type", "diag")
    assert session.is_stale and "now diag" in readouts.stale_notice(session)
    session.set_setting("covariance_type", "full")
    assert not session.is_stale
    session.show_iteration(1)           # an earlier iteration is of the fit's model too
    assert not session.is_stale
    session.add_points([[3.0, 70.0]])
    assert readouts.stale_notice(session) == readouts.POINTS_CHANGED
    session.undo_stack.undo()           # back to the very points of the fit: up to date again, colours and all
    assert not session.is_stale and session.resp_on_screen() is not None
    session.undo_stack.redo()
    assert session.is_stale


def test_run_continues_from_the_iteration_shown_and_agrees_with_fit(model):
    from gmmviz.core import fit

    session = model.FitSession()
    X, columns = old_faithful()
    session.load_points(X, columns)
    session.set_setting("seed", 0)
    drive(session, "run")
    final = session.live
    expected = fit(X, 2, seed=0)
    np.testing.assert_allclose(final.mixture.means, expected.mixture.means, rtol=1e-12)
    assert final.converged and final.iteration == expected.n_iter

    session.reset()
    assert len(session.history) == 1
    drive(session, "run")
    np.testing.assert_array_equal(session.live.mixture.means, final.mixture.means)


def test_seeds_up_to_2_32_and_tiny_tolerances_are_kept_exactly(model):
    session = model.FitSession()
    session.set_setting("seed", 2**32 - 1)
    session.set_setting("tol", 1e-300)
    session.set_setting("reg_covar", 0.0)
    assert (session.settings.seed, session.settings.tol, session.settings.reg_covar) == (2**32 - 1, 1e-300, 0.0)
    with pytest.raises(GmmvizError, match="seed"):
        session.set_setting("seed", 2**32)
    assert session.settings.seed == 2**32 - 1


def _recorded_init(session):
    init = session.fit_settings().init
    return init if isinstance(init, str) else "parameters"


def test_a_fit_from_given_parameters_is_recorded_so_through_undo_and_a_session_file(model):
    from gmmviz.core import Mixture
    from gmmviz.gui.model.session_file import apply_session, to_session

    two = Mixture([0.5, 0.5], [[2.0, 55.0], [4.5, 80.0]], [[[0.1, 0.0], [0.0, 30.0]], [[0.2, 0.0], [0.0, 30.0]]])
    three = Mixture([0.3, 0.3, 0.4], [[2.0, 55.0], [3.5, 70.0], [4.5, 82.0]],
                    [[[0.1, 0.0], [0.0, 30.0]], [[0.3, 0.0], [0.0, 20.0]], [[0.2, 0.5], [0.5, 30.0]]])
    session = model.FitSession()
    session.load_points(*old_faithful())
    drive(session, "initialise", start=two)
    drive(session, "step")
    assert _recorded_init(session) == "parameters"
    session.edit_mixture(three, "Add component")
    session.set_setting("n_components", 2)
    drive(session, "initialise")                    # k-means: a new fit
    assert _recorded_init(session) == "kmeans"
    session.undo_stack.undo()                       # the edited fit from given parameters is back
    assert session.history[0].mixture is two and _recorded_init(session) == "parameters"

    opened = model.FitSession()
    apply_session(opened, to_session(session))
    opened.set_setting("init", "kmeans")            # the next initialisation's method, not this fit's start
    assert _recorded_init(opened) == "parameters"


def test_another_covariance_type_breaks_the_curve_instead_of_counting_as_a_decrease(model):
    session = model.FitSession()
    session.load_points(*old_faithful(), "Open old_faithful.csv")
    session.set_setting("covariance_type", "tied")
    drive(session, "run")
    last = len(session.history) - 1                 # the converged tied fit, its value not yet computed
    session.set_setting("covariance_type", "diag")
    drive(session, "step")                          # its value is the diag mixture's, lower than tied's
    values = session.history.log_likelihoods()
    assert values[last] < values[last - 1] and session.history.breaks == {last}


def test_going_on_from_an_earlier_iteration_of_another_type_breaks_the_curve_there(model):
    session = model.FitSession()
    session.load_points(*old_faithful(), "Open old_faithful.csv")
    session.set_setting("covariance_type", "diag")
    for command in ("initialise", "step", "step", "step"):
        drive(session, command)
    session.set_setting("covariance_type", "tied")
    drive(session, "step")
    session.show_iteration(2)                       # a diag iteration, EM going on from it with tied
    drive(session, "step")
    assert 2 in session.history.breaks
