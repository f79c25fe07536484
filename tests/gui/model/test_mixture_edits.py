"""A mixture edited by hand: one undo step, a restart in the history, and EM continuing from it."""

import math

import numpy as np
import pytest

from gmmviz.core import EM, GmmvizError, Mixture
from gmmviz.gui.model.fit_session import FitSession
from gmmviz.gui.model.session_file import apply_session, to_session
from gmmviz.io.datasets import old_faithful
from gmmviz.io.session import load_session, save_session
from tests.gui.model.test_fit_session import drive

THREE = Mixture([0.3, 0.3, 0.4], [[2.0, 55.0], [3.5, 70.0], [4.5, 82.0]],
                [[[0.1, 0.0], [0.0, 30.0]], [[0.3, 0.0], [0.0, 20.0]], [[0.2, 0.5], [0.5, 30.0]]])


@pytest.fixture
def stepped():
    """Old Faithful, K = 2, initialised and stepped twice: iterations 0, 1, 2 (2 not yet evaluated)."""
    session = FitSession()
    X, columns = old_faithful()
    session.load_points(X, columns)
    drive(session, "initialise")
    drive(session, "step")
    drive(session, "step")
    return session


def history_of(session):
    """(iteration, phase, K) of every entry, the values (NaN as None) and the breaks."""
    values = [None if math.isnan(v) else v for v in session.history.log_likelihoods()]
    return [(s.iteration, s.phase, s.mixture.n_components) for s in session.history], values, session.history.breaks


def test_step_after_an_edit_continues_from_exactly_the_edited_mixture(stepped):
    X = stepped.points.X
    stepped.edit_mixture(THREE, "Add component")
    assert stepped.settings.n_components == 3 and stepped.mixture_on_screen() is THREE
    assert history_of(stepped)[0][-1] == (3, "init", 3) and 3 in stepped.history.breaks
    assert stepped.undo_stack.undo_text() == "Add component"

    drive(stepped, "step")
    assert [s.iteration for s in stepped.history] == [0, 1, 2, 3, 4]
    assert stepped.history[3].mixture is THREE
    assert stepped.history.log_likelihoods()[3] == pytest.approx(THREE.log_likelihood(X), rel=1e-12)
    expected = EM(X, 3, init=THREE)
    expected.step()
    np.testing.assert_array_equal(stepped.live.mixture.means, expected.state.mixture.means)
    np.testing.assert_array_equal(stepped.live.mixture.full_covariances, expected.state.mixture.full_covariances)


def test_undo_restores_the_mixture_history_and_k_and_redo_edits_again(stepped):
    before = history_of(stepped)
    shown_before = stepped.mixture_on_screen()
    stepped.edit_mixture(THREE, "Add component")
    drive(stepped, "step")
    stepped.undo_stack.undo()
    assert history_of(stepped) == before
    assert stepped.mixture_on_screen() is shown_before and stepped.settings.n_components == 2
    assert not stepped.is_stale

    stepped.undo_stack.redo()
    assert stepped.mixture_on_screen() is THREE and stepped.settings.n_components == 3
    assert history_of(stepped)[0][-1] == (3, "init", 3)


def test_an_edit_of_an_earlier_iteration_branches_there_and_undo_shows_that_iteration_again(stepped):
    before = history_of(stepped)
    stepped.show_iteration(1)
    stepped.edit_mixture(THREE)
    assert history_of(stepped)[0] == [(0, "init", 2), (1, "m", 2), (2, "init", 3)]
    assert stepped.shown_index is None
    stepped.undo_stack.undo()
    assert history_of(stepped) == before and stepped.shown_index == 1


def test_an_edit_of_points_changed_since_the_fit_is_no_longer_out_of_date(stepped):
    stepped.add_points([[3.0, 70.0]])
    assert stepped.is_stale
    stepped.edit_mixture(THREE)
    assert not stepped.is_stale
    stepped.undo_stack.undo()
    assert stepped.is_stale


def test_a_mixture_the_window_cannot_show_is_refused_and_changes_nothing(stepped):
    means = np.column_stack([np.linspace(0, 5, 21), np.full(21, 70.0)])
    many = Mixture(np.full(21, 1 / 21), means, np.ones(21), "spherical")
    before = history_of(stepped)
    with pytest.raises(GmmvizError, match="at most 20 components"):
        stepped.edit_mixture(many)
    assert history_of(stepped) == before and stepped.undo_stack.undo_text() != "Edit mixture"


def test_an_edit_without_a_fit_is_iteration_0_and_the_next_step_continues_from_it():
    session = FitSession()
    session.load_points(old_faithful()[0])
    session.edit_mixture(THREE, "Add component")
    assert history_of(session)[0] == [(0, "init", 3)]
    drive(session, "step")
    assert session.history[0].mixture is THREE and len(session.history) == 2


def test_a_covariance_type_changed_after_an_edit_keeps_the_edit_a_restart(stepped, tmp_path):
    stepped.edit_mixture(THREE)
    stepped.set_setting("covariance_type", "diag")
    drive(stepped, "step")
    assert history_of(stepped)[0][3:] == [(3, "init", 3), (4, "m", 3)]
    save_session(tmp_path / "diag.gmmviz", to_session(stepped))     # the history is one EM can make


def test_a_session_with_an_edit_round_trips_with_its_k_and_its_break(stepped, tmp_path):
    stepped.edit_mixture(THREE, "Add component")
    drive(stepped, "step")
    path = tmp_path / "edited.gmmviz"
    save_session(path, to_session(stepped))
    opened = FitSession()
    apply_session(opened, load_session(path))
    assert history_of(opened) == history_of(stepped)
    assert opened.settings.n_components == 3
    np.testing.assert_array_equal(opened.history[3].mixture.means, THREE.means)


def test_an_edit_undone_is_not_redone_once_em_has_gone_on_but_a_points_edit_still_is(stepped):
    from gmmviz.gui.model.points import AddPointsCommand

    stepped.undo_stack.push(AddPointsCommand(stepped.points, [[3.0, 70.0]], "Add point"))
    stepped.undo_stack.undo()
    stepped.edit_mixture(THREE, "Add component")
    stepped.undo_stack.undo()
    assert stepped.undo_stack.redo_text() == "Add component"
    drive(stepped, "step")                          # EM goes on from the two components on screen
    assert not stepped.undo_stack.can_redo() and stepped.settings.n_components == 2
    stepped.undo_stack.push(AddPointsCommand(stepped.points, [[3.0, 70.0]], "Add point"))
    stepped.undo_stack.undo()
    drive(stepped, "step")
    assert stepped.undo_stack.redo_text() == "Add point"
    stepped.undo_stack.redo()
    stepped.edit_mixture(THREE, "Add component")
    stepped.undo_stack.push(AddPointsCommand(stepped.points, [[4.0, 80.0]], "Add another point"))
    stepped.undo_stack.undo()
    stepped.undo_stack.undo()
    drive(stepped, "step")                          # the edit goes; the points edit after it stays
    assert stepped.undo_stack.redo_text() == "Add another point"


def test_undoing_a_load_brings_back_the_points_and_the_fit_and_redo_loads_again(stepped):
    """A data set chosen by mistake over a prepared run: the run came back without its fit ("No fit yet")."""
    before, shown, X = history_of(stepped), stepped.mixture_on_screen(), stepped.points.X
    stepped.load_points(np.zeros((5, 2)) + np.arange(5)[:, None], ("a", "b"), "Load blobs")
    assert len(stepped.history) == 0 and stepped.mixture_on_screen() is None
    stepped.undo_stack.undo()
    np.testing.assert_array_equal(stepped.points.X, X)
    assert history_of(stepped) == before and stepped.mixture_on_screen() is shown
    assert not stepped.is_stale                 # on its own points again
    drive(stepped, "step")                      # and EM goes on from it
    assert len(stepped.history) == 4
    stepped.undo_stack.redo()
    assert len(stepped.points) == 5 and len(stepped.history) == 0


def test_a_setting_changed_after_the_load_leaves_the_fit_brought_back_out_of_date(stepped):
    """The collapse example turns the prior off as it loads: undone, the fit was current with no break."""
    stepped.set_setting("prior", True)
    drive(stepped, "step")                           # a MAP fit on screen
    stepped.load_points(np.arange(10.0).reshape(5, 2), ("a", "b"), "Load the collapse example")
    stepped.set_setting("prior", False)
    stepped.undo_stack.undo()
    assert stepped.is_stale                          # its values are log posteriors; the prior is off now
    last = len(stepped.history) - 1
    drive(stepped, "step")
    assert last in stepped.history.breaks            # its value, now a log-likelihood, is not joined to a posterior


def test_opening_a_session_leaves_nothing_to_undo(stepped, tmp_path):
    """Undone, the session's settings stayed over the old points; redone, its points came without their fit."""
    save_session(tmp_path / "s.gmmviz", to_session(stepped))
    other = FitSession()
    other.add_points(np.arange(10.0).reshape(5, 2))
    apply_session(other, load_session(tmp_path / "s.gmmviz"))
    assert not other.undo_stack.can_undo() and not other.undo_stack.can_redo()
    assert len(other.history) == len(stepped.history)
