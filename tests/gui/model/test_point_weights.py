"""Weights beside the points, by id: they follow the points through erasing, undo and redo."""

import numpy as np

from gmmviz.gui.model.fit_session import FitSession
from gmmviz.gui.model.points import DeletePointsCommand


def test_weights_follow_their_points_and_drawn_points_weigh_one():
    session = FitSession()
    session.load_points(np.arange(10.0).reshape(5, 2))
    session.weights.set_known(session.points.ids, [1.0, 2.0, 3.0, 4.0, 5.0], "count")
    session.undo_stack.push(DeletePointsCommand(session.points, np.array([0, 1]), session.points.X[[0, 1]]))
    assert session.weights.for_points().tolist() == [3.0, 4.0, 5.0]
    session.add_points(np.array([[9.0, 9.0]]))
    assert session.weights.for_points().tolist() == [3.0, 4.0, 5.0, 1.0]
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert session.weights.for_points().tolist() == [1.0, 2.0, 3.0, 4.0, 5.0]


def test_points_without_weights_are_unweighted_and_a_restore_replaces_the_weights():
    session = FitSession()
    session.load_points(np.arange(6.0).reshape(3, 2))
    assert session.weights.for_points() is None
    session.weights.set_known(session.points.ids, [2.0, 2.0, 2.0])
    session.load_points(np.ones((4, 2)) * np.arange(4.0)[:, None])
    assert session.weights.for_points() is None
    session.weights.restore(session.points.ids, np.array([1.0, 0.0, 1.0, 3.0]))
    assert session.weights.for_points().tolist() == [1.0, 0.0, 1.0, 3.0]
    session.weights.restore(session.points.ids, None)
    assert session.weights.for_points() is None


def test_a_job_gets_the_weights_the_noise_and_the_locks():
    session = FitSession()
    X = np.random.default_rng(0).normal(size=(60, 2))
    session.load_points(X)
    session.weights.set_known(session.points.ids, np.linspace(0.0, 2.0, 60))
    session.set_setting("noise", True)
    session.set_setting("freeze", {0: {"mean"}, 3: {"weight"}})      # component 4 waits for K = 4
    states = list(session.plan("step")(cancel=_NeverCancelled()))
    first = states[0].mixture
    assert first.has_noise and states[-1].mixture.has_noise
    np.testing.assert_array_equal(states[-1].mixture.means[0], first.means[0])
    assert session.settings.fit_settings().freeze == {0: frozenset({"mean"})}


class _NeverCancelled:
    def is_set(self):
        return False

    def wait(self, seconds):
        return False
