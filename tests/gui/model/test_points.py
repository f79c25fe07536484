import numpy as np
import pytest

from gmmviz.gui.model.points import AddPointsCommand, DeletePointsCommand, PointSet, ReplacePointsCommand, values_by_id
from gmmviz.gui.model.undo import UndoStack


@pytest.fixture
def store():
    store = PointSet()
    store.replace(np.arange(10, dtype=float).reshape(5, 2))
    return store


def test_add_delete_replace_undo_and_redo(store):
    stack = UndoStack()
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
    stack = UndoStack()
    store.append([[7.0, 7.0], [8.0, 8.0]])
    stack.push(AddPointsCommand(store, [[7.0, 7.0], [8.0, 8.0]], applied=True), applied=True)
    assert len(store.X) == 7
    stack.undo()
    assert len(store.X) == 5


def test_replacing_keeps_the_column_names_with_the_points_and_undo_brings_both_back(store):
    stack = UndoStack()
    stack.push(ReplacePointsCommand(store, np.ones((3, 2)), "Open", ("eruptions", "waiting")))
    assert store.columns == ("eruptions", "waiting") and store.axis_names == ("eruptions", "waiting")
    store.append([[2.0, 2.0]])       # drawing more keeps the names
    assert store.columns == ("eruptions", "waiting")
    stack.undo()
    assert store.columns is None and store.axis_names == ("x", "y") and len(store) == 5


def test_the_stack_knows_what_is_unsaved_and_forgets_beyond_its_limit(store):
    stack = UndoStack(limit=2)
    assert stack.is_clean() and not stack.can_undo()
    stack.push(AddPointsCommand(store, [[1.0, 1.0]], "Add point"))
    assert not stack.is_clean() and stack.undo_text() == "Add point"
    stack.set_clean()
    stack.push(AddPointsCommand(store, [[2.0, 2.0]]))
    stack.push(AddPointsCommand(store, [[3.0, 3.0]]))
    stack.undo()
    stack.undo()
    assert not stack.can_undo() and len(store) == 6     # the first add fell off the stack
    assert stack.is_clean()                             # ... into the state that was saved


def test_ids_follow_the_points_through_erasing_undo_and_redo(store):
    stack = UndoStack()
    ids = store.ids.copy()
    stack.push(AddPointsCommand(store, [[100.0, 100.0]]))
    added = store.ids[-1]
    assert added not in ids
    stack.push(DeletePointsCommand(store, [1, 3], store.X[[1, 3]]))
    assert store.ids.tolist() == [ids[0], ids[2], ids[4], added]
    stack.push(ReplacePointsCommand(store, np.zeros((2, 2)), "Clear"))
    loaded = store.ids.copy()
    assert not set(loaded) & set(ids)
    stack.undo()
    stack.undo()
    assert store.ids.tolist() == ids.tolist() + [added]
    stack.redo()
    stack.redo()
    assert store.ids.tolist() == loaded.tolist()
    stack.undo()
    stack.undo()
    stack.undo()
    stack.redo()
    assert store.ids.tolist() == ids.tolist() + [added]


def test_values_by_id_answers_in_the_order_asked_with_the_missing_value_for_unknown_ids():
    ids, values = np.array([2, 5, 9], dtype=np.int64), np.array([20, 50, 90])
    assert values_by_id(ids, values, [9, 0, 5, 10, 2], -1).tolist() == [90, -1, 50, -1, 20]
    assert values_by_id(ids[:0], values[:0], [1, 2], 7).tolist() == [7, 7]
