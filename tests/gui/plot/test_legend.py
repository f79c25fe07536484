"""The legend over the mixture plot: its key, its place, dragging it, clicks on it."""

import numpy as np
import pytest
from PySide6 import QtCore, QtGui, QtWidgets

from tests.gui.conftest import two_clusters
from tests.gui.plot.test_mixture_plot import MIXTURE, plot  # noqa: F401 (plot is the fixture)
from gmmviz.core import Mixture


def _drag(qtbot, plot, start, end, steps=10):
    """Drag with the left button from widget pixel ``start`` to ``end`` (QPoints), as a mouse does."""
    viewport = plot.viewport()
    left, none = QtCore.Qt.MouseButton.LeftButton, QtCore.Qt.MouseButton.NoButton

    def send(kind, pos, button, buttons):
        event = QtGui.QMouseEvent(kind, QtCore.QPointF(pos), QtCore.QPointF(viewport.mapToGlobal(pos)),
                                  button, buttons, QtCore.Qt.KeyboardModifier.NoModifier)
        QtWidgets.QApplication.sendEvent(viewport, event)
        qtbot.wait(25)      # pyqtgraph drops mouse moves that come faster than its rate limit

    send(QtCore.QEvent.Type.MouseMove, start, none, none)
    send(QtCore.QEvent.Type.MouseButtonPress, start, left, left)
    for i in range(1, steps + 1):
        send(QtCore.QEvent.Type.MouseMove, start + (end - start) * (i / steps), none, left)
    send(QtCore.QEvent.Type.MouseButtonRelease, end, left, none)


def _legend_pixels(plot):
    """Where the legend is on the widget, as a QRectF in scene pixels."""
    return plot.view_box.mapViewToScene(plot.legend_rect).boundingRect()


def _points_under_legend(plot):
    rect = plot.legend_rect
    X = plot.points
    return int(np.count_nonzero((X[:, 0] >= rect.left()) & (X[:, 0] <= rect.right())
                                & (X[:, 1] >= rect.top()) & (X[:, 1] <= rect.bottom())))


def test_the_legend_has_a_key_to_the_ellipses_and_contours(plot):
    plot.set_points(two_clusters())
    plot.show_state(MIXTURE, None)
    assert plot.legend_entries == ["1: π = 0.400", "2: π = 0.600", "1σ, 2σ, 3σ ellipses",
                                   "density contours:<br>25/50/75/95 % of mass"]
    plot.set_layers(ellipses=False)
    assert plot.legend_entries[2:] == ["density contours:<br>25/50/75/95 % of mass"]
    plot.set_layers(ellipses=True, contours=False)
    assert plot.legend_entries[2:] == ["1σ, 2σ, 3σ ellipses"]
    plot.set_layers(legend=False)
    assert plot.legend_entries == []


def test_the_legend_goes_where_it_hides_no_points(qtbot, plot):
    """Points fill the view but for its bottom-left corner: the legend goes there, not top right."""
    X = np.random.default_rng(1).uniform(0, 10, (2000, 2))
    X = X[(X[:, 0] > 5) | (X[:, 1] > 5)]
    plot.set_points(X)
    plot.view_box.setRange(xRange=(0, 10), yRange=(0, 10), padding=0)
    plot.show_state(Mixture([1.0], [[5.0, 5.0]], [np.eye(2)]), None)
    assert plot.legend_corner == "bottom-left"
    assert _points_under_legend(plot) == 0


def test_the_legend_keeps_clear_of_the_lines_of_the_fits_compared(plot):
    """The fits of a comparison replace the plot's ellipses: the legend avoids their lines as it avoids points."""
    X = np.random.default_rng(1).uniform(0, 10, (2000, 2))
    plot.set_points(X[(X[:, 0] > 5) | (X[:, 1] > 5)])       # the bottom-left corner is free of points
    plot.view_box.setRange(xRange=(0, 10), yRange=(0, 10), padding=0)
    plot.show_state(Mixture([1.0], [[5.0, 5.0]], [np.eye(2)]), None)
    plot.set_layers(ellipses=False)
    assert plot.legend_corner == "bottom-left"
    angle = np.linspace(0.0, 2.0 * np.pi, 2000)
    ring = np.column_stack([1.2 + 0.6 * np.cos(angle), 1.0 + 0.6 * np.sin(angle)])     # a fit's 1σ there
    plot.set_legend_entries("comparison", [(lambda scale, theme: None, "MAP: log posterior -1")], ring)
    assert plot.legend_corner != "bottom-left"
    plot.set_legend_entries("comparison", [])
    assert plot.legend_corner == "bottom-left"


def test_a_dragged_legend_stays_where_it_was_put(qtbot, plot):
    plot.show()
    qtbot.waitExposed(plot)
    X = two_clusters()
    plot.set_points(X)
    plot.fit_view()
    plot.show_state(MIXTURE, MIXTURE.predict_proba(X))
    qtbot.wait(100)         # the axes take their width for the new range (it moves the view) before pixels are picked
    before = _legend_pixels(plot)
    start = plot.mapFromScene(before.center())
    across = -150 if start.x() > plot.width() / 2 else 150        # towards the middle, from whichever corner
    _drag(qtbot, plot, start, start + QtCore.QPoint(across, 60))
    assert plot.legend_corner is None
    moved = _legend_pixels(plot)
    assert (moved.x() - before.x(), moved.y() - before.y()) == pytest.approx((across, 60), abs=3)
    # a new fit and a new view leave it where the user put it
    plot.show_state(Mixture([0.5, 0.5], [[-3, 3], [3, -3]], [np.eye(2), np.eye(2)]), None)
    plot.fit_view()
    assert (_legend_pixels(plot).x(), _legend_pixels(plot).y()) == pytest.approx((moved.x(), moved.y()), abs=1)
    # a double-click gives it back to the automatic placement
    qtbot.mouseDClick(plot.viewport(), QtCore.Qt.MouseButton.LeftButton,
                      pos=plot.mapFromScene(_legend_pixels(plot).center()))
    assert plot.legend_corner is not None


def test_the_legend_stays_below_a_strip_over_the_top_of_the_plot(plot):
    X = np.random.default_rng(1).uniform(0, 10, (2000, 2))
    X = X[(X[:, 0] < 5) | (X[:, 1] < 5)]                # the top right is empty
    plot.set_points(X)
    plot.view_box.setRange(xRange=(0, 10), yRange=(0, 10), padding=0)
    plot.show_state(Mixture([1.0], [[5.0, 5.0]], [np.eye(2)]), None)
    assert plot.legend_corner == "top-right"
    plot.set_top_inset(60)
    assert plot.legend_corner == "top-right"
    assert plot.mapFromScene(_legend_pixels(plot).topLeft()).y() == pytest.approx(60 + 10, abs=1)
    plot.set_top_inset(0)
    assert plot.mapFromScene(_legend_pixels(plot).topLeft()).y() < 30


def test_a_click_on_the_legend_adds_no_point(qtbot, plot):
    from gmmviz.gui.plot.point_tools import Tool

    plot.show()
    qtbot.waitExposed(plot)
    plot.view_box.tool = Tool.ADD
    clicks = []
    plot.view_box.clicked.connect(lambda x, y: clicks.append((x, y)))
    plot.set_points(two_clusters())
    plot.show_state(MIXTURE, None)
    centre = plot.mapFromScene(_legend_pixels(plot).center())
    qtbot.mouseClick(plot.viewport(), QtCore.Qt.MouseButton.LeftButton, pos=centre)
    assert clicks == []
    assert plot.legend_entries[:2] == ["1: π = 0.400", "2: π = 0.600"]


def test_the_legend_grows_with_the_presentation_scale_up_to_twice_its_size(plot):
    plot.set_points(two_clusters())
    plot.show_state(MIXTURE, None)
    sizes = {}
    for scale in (1.0, 2.0, 3.0):
        plot.set_style(scale=scale)
        plot.show_state(MIXTURE, None)
        rect = _legend_pixels(plot)
        sizes[scale] = (rect.width(), rect.height())
    assert sizes[2.0][0] > 1.6 * sizes[1.0][0] and sizes[2.0][1] > 1.6 * sizes[1.0][1]
    assert sizes[3.0] == sizes[2.0]         # at 3× the same size as at 2×: a third of the plot was hidden
