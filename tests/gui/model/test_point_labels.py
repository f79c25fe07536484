"""Known and painted labels go with the points by id, through erasing, undo and redo."""

import numpy as np

from gmmviz.gui.model.fit_session import FitSession
from gmmviz.gui.model.point_labels import PaintLabelsCommand
from gmmviz.gui.model.points import DeletePointsCommand


def iris_like_session():
    """Four points, two of them at the same coordinates with different known labels."""
    session = FitSession()
    session.load_points([[0.0, 0.0], [4.8, 1.8], [4.8, 1.8], [9.0, 9.0]], ("a", "b"), "Load")
    session.labels.set_known(session.points.ids, ["setosa", "versicolor", "virginica", ""], "species")
    return session


def test_known_labels_follow_their_points_and_duplicates_keep_their_own():
    session = iris_like_session()
    labels = session.labels
    assert labels.known().tolist() == ["setosa", "versicolor", "virginica", ""]
    session.undo_stack.push(DeletePointsCommand(session.points, [0, 1], session.points.X[[0, 1]]))
    assert labels.known().tolist() == ["virginica", ""]
    session.undo_stack.undo()
    assert labels.known().tolist() == ["setosa", "versicolor", "virginica", ""]
    session.load_points([[1.0, 1.0], [2.0, 2.0]], None, "Load other points")
    assert labels.known() is None
    session.undo_stack.undo()
    assert labels.known().tolist() == ["setosa", "versicolor", "virginica", ""]


def test_a_paint_command_is_one_undo_step_and_redo_paints_again():
    session = iris_like_session()
    labels, ids = session.labels, session.points.ids
    session.undo_stack.push(PaintLabelsCommand(labels, ids[[1, 2]], 0, labels.painted(ids[[1, 2]])))
    session.undo_stack.push(PaintLabelsCommand(labels, ids[[2, 3]], 1, labels.painted(ids[[2, 3]])))
    assert labels.painted().tolist() == [-1, 0, 1, 1]
    assert session.undo_stack.undo_text() == "Paint 2 points as component 2"
    session.undo_stack.undo()
    assert labels.painted().tolist() == [-1, 0, 0, -1]
    session.undo_stack.undo()
    assert labels.painted().tolist() == [-1, -1, -1, -1] and not labels.has_painted()
    session.undo_stack.redo()
    session.undo_stack.redo()
    assert labels.painted().tolist() == [-1, 0, 1, 1]


def test_the_record_of_a_session_gives_the_same_labels_back():
    session = iris_like_session()
    session.labels.paint(session.points.ids[[0, 3]], [2, 0])
    record = session.labels.to_record()
    other = FitSession()
    other.load_points(session.points.X, ("a", "b"), "Open session")
    other.labels.restore(record)
    assert other.labels.known().tolist() == session.labels.known().tolist()
    np.testing.assert_array_equal(other.labels.painted(), [2, -1, -1, 0])
    assert other.labels.known_column == "species"
    other.labels.restore(None)
    assert other.labels.known() is None


def test_undoing_a_load_with_labels_of_its_own_gives_back_the_earlier_labels_and_redo_the_newer():
    session = iris_like_session()
    labels = session.labels
    session.load_points([[1.0, 1.0], [2.0, 2.0]], None, "Load other points")
    labels.set_known(session.points.ids, ["b", "a"], "group")
    assert labels.known().tolist() == ["b", "a"] and labels.known_column == "group"
    session.undo_stack.undo()
    assert labels.known().tolist() == ["setosa", "versicolor", "virginica", ""]
    assert labels.known_column == "species" and labels.known_codes()[1] == ("setosa", "versicolor", "virginica")
    session.undo_stack.redo()
    assert labels.known().tolist() == ["b", "a"] and labels.known_codes()[1] == ("a", "b")
