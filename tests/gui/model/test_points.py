import numpy as np
import pytest
from PySide6 import QtGui

from gmmviz.gui.model.points import AddPointsCommand, DeletePointsCommand, PointStore, ReplacePointsCommand
from gmmviz.gui.plot.point_tools import points_within, spray_points


@pytest.fixture
def store(qtbot):
    store = PointStore()
    store.replace(np.arange(10, dtype=float).reshape(5, 2))
    return store


def test_add_delete_replace_undo_and_redo(store):
    stack = QtGui.QUndoStack()
    original = store.X.copy()
    stack.push(AddPointsCommand(store, [[100.0, 100.0]]))
    assert len(store.X) == 6 and (store.X[-1] == 100).all()
    stack.push(DeletePointsCommand(store, [1, 3], store.X[[1, 3]]))
    assert len(store.X) == 4
    stack.push(ReplacePointsCommand(store, np.zeros((2, 2)), "Clear"))
    assert len(store.X) == 2
    stack.undo()
    stack.undo()
    assert len(store.X) == 6 and (store.X[:5] == original).all()
    stack.undo()
    np.testing.assert_array_equal(store.X, original)
    stack.redo()
    stack.redo()
    np.testing.assert_array_equal(store.X, np.delete(np.vstack([original, [[100, 100]]]), [1, 3], axis=0))


def test_a_stroke_applied_live_is_not_applied_twice(store):
    stack = QtGui.QUndoStack()
    store.append([[7.0, 7.0], [8.0, 8.0]])
    stack.push(AddPointsCommand(store, [[7.0, 7.0], [8.0, 8.0]], applied=True))
    assert len(store.X) == 7
    stack.undo()
    assert len(store.X) == 5


def test_spray_stays_inside_the_brush_and_erase_finds_points():
    rng = np.random.default_rng(0)
    points = spray_points((1.0, 2.0), (0.5, 2.0), 1000, rng)
    assert points_within(points, (1.0, 2.0), (0.5, 2.0)).all()
    assert not points_within(np.array([[1.6, 2.0]]), (1.0, 2.0), (0.5, 2.0)).any()
