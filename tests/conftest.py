"""Shared test set-up: Qt always renders offscreen, and nothing touches the user's settings."""

import atexit
import itertools
import os
import shutil
import sys
import tempfile

import pytest

# Set before any test module imports Qt; a real display would make GUI tests flaky and pop up windows.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
# gmmviz keeps its layout, recent files, presentation and starting settings under the XDG configuration
# folder (see gmmviz.gui.stored_settings); the tests, and the programs they start, use a scratch one.
_SCRATCH_CONFIG = tempfile.mkdtemp(prefix="gmmviz-test-config-")
atexit.register(shutil.rmtree, _SCRATCH_CONFIG, True)
os.environ["XDG_CONFIG_HOME"] = _SCRATCH_CONFIG
_each_test = itertools.count()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item):
    """Widgets a test closed are deleted before the next test starts.

    pytest-qt closes a test's widgets and asks Qt to delete them later, but a deletion asked for outside
    an event loop waits for a loop that a test suite never returns to: every window of the run would
    stay alive, and each test after it would build its window among all of theirs, ever more slowly.
    """
    yield
    qt_core = sys.modules.get("PySide6.QtCore")      # a test that never loaded Qt has nothing to delete
    if qt_core is not None and qt_core.QCoreApplication.instance() is not None:
        qt_core.QCoreApplication.sendPostedEvents(None, qt_core.QEvent.Type.DeferredDelete)


@pytest.fixture(scope="session")
def qapp():
    """The QApplication as gmmviz makes it (pytest-qt's qtbot uses this one instead of making its own)."""
    from gmmviz.gui.application import ensure_app

    return ensure_app(offscreen=True)


@pytest.fixture(autouse=True)
def user_settings(monkeypatch):
    """Each test starts with no stored settings: a window one test closes leaves nothing for the next.

    Each test has its own configuration folder, made only when something is written to it; a ``tmp_path``
    for every test would cost more than many tests take (pytest scans its folder of them to number each).
    """
    monkeypatch.setenv("XDG_CONFIG_HOME", os.path.join(_SCRATCH_CONFIG, f"config-{next(_each_test)}"))


@pytest.fixture
def iris_csv(tmp_path):
    """iris as a CSV file: its four measurements and a ``species`` column of names, every row labelled."""
    import csv

    from sklearn.datasets import load_iris

    data = load_iris()
    path = tmp_path / "iris.csv"
    with open(path, "w", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["sepal_length", "sepal_width", "petal_length", "petal_width", "species"])
        for row, target in zip(data.data, data.target):
            writer.writerow([*row, data.target_names[target]])
    return path


@pytest.fixture
def at_screenshot(monkeypatch):
    """``at_screenshot(look)``: a dict that ``look(window)`` fills from the window on screen as its screenshot is
    written."""

    def watch(look):
        from PySide6 import QtWidgets

        from gmmviz.gui.export import image
        from gmmviz.gui.main_window import MainWindow

        seen = {}
        write_png = image.write_png

        def look_then_write(picture, path):
            window = next(w for w in QtWidgets.QApplication.topLevelWidgets()
                          if isinstance(w, MainWindow) and w.isVisible())
            seen.update(look(window))
            write_png(picture, path)

        monkeypatch.setattr(image, "write_png", look_then_write)
        return seen

    return watch
