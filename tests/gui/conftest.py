"""Fixtures for the window tests: a real MainWindow on the offscreen platform, real engine."""

from pathlib import Path

import numpy as np
import pytest
from PySide6 import QtCore


@pytest.fixture
def window(qtbot):
    from gmmviz.gui.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


@pytest.fixture
def faithful():
    from gmmviz.io.datasets import old_faithful

    return old_faithful()[0]


def drive_job(job):
    """Run a job generator (gui/engine) to its end: the fractions it yielded and what it returned."""
    fractions = []
    try:
        while True:
            fractions.append(next(job))
    except StopIteration as stop:
        return fractions, stop.value


def wait_idle(qtbot, win, timeout=30000):
    """Wait until the window's EM job has finished and its last state is drawn."""
    qtbot.waitUntil(lambda: not win.runner.is_running, timeout=timeout)
    QtCore.QCoreApplication.processEvents()


def threads_named(name):
    """The ids of this process's threads that the operating system knows by ``name``.

    Qt names the system thread of a QThread after its object name (``gmmviz-em`` for the EM worker),
    so a test sees whether that thread still runs the way ``top -H`` would.
    """
    tasks = Path("/proc/self/task")
    if not tasks.is_dir():
        pytest.skip("needs Linux's /proc to list threads")
    named = set()
    for task in tasks.iterdir():
        try:
            if (task / "comm").read_text().strip() == name:
                named.add(int(task.name))
        except FileNotFoundError:       # the thread ended while the folder was read
            pass
    return named


def new_thread_named(qtbot, name, before):
    """The id of the one thread called ``name`` that is not among ``before``, once it has started."""
    qtbot.waitUntil(lambda: len(threads_named(name) - before) == 1)
    (new,) = threads_named(name) - before
    return new


def click_at(qtbot, plot, x, y, button=QtCore.Qt.MouseButton.LeftButton):
    """Click the plot at data coordinates (x, y)."""
    scene_pos = plot.view_box.mapViewToScene(QtCore.QPointF(x, y))
    pos = plot.mapFromScene(scene_pos)
    qtbot.mouseClick(plot.viewport(), button, pos=pos)


def widget_pos(plot, x, y):
    """Pixel of the data point (x, y) in a grab of the plot widget."""
    pos = plot.mapFromScene(plot.view_box.mapViewToScene(QtCore.QPointF(x, y)))
    return int(pos.x()), int(pos.y())


def two_clusters(n_per_cluster=150, seed=0):
    rng = np.random.default_rng(seed)
    return np.concatenate([rng.normal([-3, 0], 0.7, (n_per_cluster, 2)),
                           rng.normal([3, 1], 1.0, (n_per_cluster, 2))])
