"""File ▸ Open recent lists data files and sessions, however they were opened; a big file loads off the GUI thread."""

import numpy as np
import pytest
from PySide6 import QtCore, QtGui, QtWidgets

from gmmviz.gui.commands.recent_files import MAX_RECENT

N_BIG = 1_000_000


def listed(window):
    """The paths File ▸ Open recent offers, newest first (as the menu shows them when it opens)."""
    menu = window.file_commands.recent.menu
    menu.aboutToShow.emit()
    return [action.statusTip() for action in menu.actions() if action.statusTip()]


def write_csv(path, n=4):
    path.write_text("u,v\n" + "".join(f"{i}.5,{2 * i}\n" for i in range(n)))
    return path


def drop(window, path):
    mime = QtCore.QMimeData()
    mime.setUrls([QtCore.QUrl.fromLocalFile(str(path))])
    event = QtGui.QDropEvent(QtCore.QPointF(20, 20), QtCore.Qt.DropAction.CopyAction, mime,
                             QtCore.Qt.MouseButton.NoButton, QtCore.Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)


def test_a_data_file_opened_with_file_open_is_listed_and_reopens(qtbot, window, tmp_path):
    path = write_csv(tmp_path / "lecture.csv")
    assert window.file_commands.open_path(str(path))
    assert listed(window) == [str(path.resolve())]
    window.set_points(np.zeros((3, 2)))
    entry = next(a for a in window.file_commands.recent.menu.actions() if a.toolTip() == str(path.resolve()))
    entry.trigger()
    assert window.session.points.X.tolist() == [[0.5, 0], [1.5, 2], [2.5, 4], [3.5, 6]]


def test_a_dropped_data_file_is_listed_with_sessions_newest_first(qtbot, window, tmp_path):
    session = tmp_path / "lesson.gmmviz"
    write_csv(tmp_path / "first.csv")
    window.file_commands.open_path(str(tmp_path / "first.csv"))
    window.file_commands.save_session(session)
    dropped = write_csv(tmp_path / "dropped.csv")
    drop(window, dropped)
    assert len(window.session.points) == 4
    assert listed(window) == [str(p.resolve()) for p in (dropped, session, tmp_path / "first.csv")]


def test_the_list_keeps_the_last_ten_files_without_failed_or_cancelled_opens(qtbot, window, tmp_path):
    paths = [write_csv(tmp_path / f"data{i}.csv") for i in range(MAX_RECENT + 2)]
    for path in paths:
        assert window.file_commands.open_path(str(path))
    bad = tmp_path / "bad.csv"
    bad.write_text("one column\n1\n2\n")
    assert not window.file_commands.open_path(str(bad))
    assert listed(window) == [str(p.resolve()) for p in reversed(paths)][:MAX_RECENT]


@pytest.fixture(scope="module")
def big_csv(tmp_path_factory):
    path = tmp_path_factory.mktemp("big") / "million.csv"
    rng = np.random.default_rng(0)
    X = rng.normal(size=(N_BIG, 2)).round(6)
    path.write_text("a,b\n" + "\n".join(f"{x!r},{y!r}" for x, y in X.tolist()) + "\n")
    return path, X


def test_a_million_rows_load_while_the_window_stays_responsive_and_busy(qtbot, window, big_csv):
    path, X = big_csv
    seen = []     # (override cursor shape, progress dialogs) at every tick during the load
    timer = QtCore.QTimer(interval=10)

    def tick():
        cursor = QtWidgets.QApplication.overrideCursor()
        seen.append((cursor.shape() if cursor else None, len(window.findChildren(QtWidgets.QProgressDialog))))

    timer.timeout.connect(tick)
    timer.start()
    try:
        assert window.file_commands.open_path(str(path))
    finally:
        timer.stop()
    assert seen, "no timer fired while the file was read: the window was blocked"
    assert all(shape == QtCore.Qt.CursorShape.BusyCursor and dialogs == 1 for shape, dialogs in seen)
    assert QtWidgets.QApplication.overrideCursor() is None
    np.testing.assert_array_equal(window.session.points.X, X)
    assert window.session.points.columns == ("a", "b")
    assert listed(window) == [str(path.resolve())]


def test_cancelling_the_load_leaves_the_points_as_they_were(qtbot, window, big_csv, faithful):
    path, _ = big_csv
    window.set_points(faithful, ("eruptions", "waiting"))
    undo_text = window.session.undo_stack.undo_text()

    def cancel():
        for dialog in window.findChildren(QtWidgets.QProgressDialog):
            dialog.cancel()

    QtCore.QTimer.singleShot(0, cancel)
    assert not window.file_commands.open_path(str(path))
    np.testing.assert_array_equal(window.session.points.X, faithful)
    assert window.session.points.columns == ("eruptions", "waiting")
    assert window.session.undo_stack.undo_text() == undo_text
    assert QtWidgets.QApplication.overrideCursor() is None
    assert str(path.resolve()) not in listed(window)


def test_a_file_opened_while_another_is_read_is_refused_in_one_line(qtbot, window, big_csv, tmp_path):
    path, X = big_csv
    other = write_csv(tmp_path / "other.csv")
    second = []
    QtCore.QTimer.singleShot(0, lambda: second.append(window.file_commands.open_path(str(other))))
    assert window.file_commands.open_path(str(path))
    assert second == [False]
    assert window.last_error_box.text() == (
        "million.csv is still being read; wait for it or cancel it, then open other.csv")
    np.testing.assert_array_equal(window.session.points.X, X)
    assert listed(window) == [str(path.resolve())]
