"""Drag handles: a mean moves by exactly the drag, an axis end stretches and turns the covariance."""

import math

import numpy as np
import pytest
from PySide6 import QtCore

from gmmviz.core import Mixture
from gmmviz.gui.plot.handles import MixtureHandles, dragged_axis, handle_positions
from tests.gui.conftest import two_clusters, widget_pos
from tests.gui.plot.test_legend import _drag
from tests.gui.plot.test_mixture_plot import MIXTURE, plot  # noqa: F401 (plot is the fixture)


@pytest.fixture
def handled(qtbot, plot):
    """The plot shown with MIXTURE and handles on it; ``edits`` collects what the handles report."""
    plot.show()
    qtbot.waitExposed(plot)
    plot.set_points(two_clusters())          # (no hint text over the middle of an empty plot)
    plot.view_box.setRange(xRange=(-6, 6), yRange=(-4, 5), padding=0)
    plot.show_state(MIXTURE, None)
    edits = []
    handles = MixtureHandles(plot.plot_item, on_edit=lambda mixture, text: edits.append((mixture, text)))
    handles.set_mixture(MIXTURE)
    qtbot.wait(100)        # the axes take their width for the new range before pixels are picked
    return plot, handles, edits


def data_at(plot, pixel):
    """The data coordinates of a widget pixel (QPoint)."""
    point = plot.view_box.mapSceneToView(plot.mapToScene(pixel))
    return np.array([point.x(), point.y()])


def test_dragging_a_mean_moves_it_by_the_drag_in_data_coordinates_and_does_not_pan(qtbot, handled):
    plot, handles, edits = handled
    view = plot.view_box.viewRect()
    start = QtCore.QPoint(*widget_pos(plot, *MIXTURE.means[1]))
    end = start + QtCore.QPoint(-70, 45)
    _drag(qtbot, plot, start, end)
    [(moved, text)] = edits
    assert text == "Move mean 2"
    np.testing.assert_allclose(moved.means[1] - MIXTURE.means[1], data_at(plot, end) - data_at(plot, start),
                               rtol=1e-9)
    np.testing.assert_array_equal(moved.means[0], MIXTURE.means[0])
    np.testing.assert_array_equal(moved.full_covariances, MIXTURE.full_covariances)
    assert plot.view_box.viewRect() == view


def test_dragging_an_axis_end_turns_and_stretches_that_axis_and_keeps_the_other(qtbot, handled):
    plot, handles, edits = handled
    k, role = 0, 1                                   # component 1, the + end of its major axis
    end_point = handle_positions(MIXTURE)[k, role]
    start = QtCore.QPoint(*widget_pos(plot, *end_point))
    end = start + QtCore.QPoint(30, -50)
    _drag(qtbot, plot, start, end)
    [(dragged, text)] = edits
    assert text == "Drag axis of component 1"
    # by hand: the dragged semi-axis a runs from the mean to where the end was dropped, the minor
    # semi-axis b stays as it was (eigenvalue 0.4 along (1, -1)/√2), and Σ = a aᵀ + b bᵀ
    a = end_point + data_at(plot, end) - data_at(plot, start) - MIXTURE.means[k]
    b = math.sqrt(0.4) * np.array([-1.0, 1.0]) / math.sqrt(2)
    np.testing.assert_allclose(dragged.full_covariances[k], np.outer(a, a) + np.outer(b, b), rtol=1e-9)
    # the new 1σ ellipse goes through the dropped end
    assert a @ np.linalg.solve(dragged.full_covariances[k], a) == pytest.approx(1.0)
    np.testing.assert_array_equal(dragged.means, MIXTURE.means)
    np.testing.assert_array_equal(dragged.full_covariances[1], MIXTURE.full_covariances[1])


def test_a_drag_off_the_handles_pans_as_before_and_edits_nothing(qtbot, handled):
    plot, handles, edits = handled
    plot.view_box.tool = None                      # not a point tool: the view box pans
    view = plot.view_box.viewRect()
    start = QtCore.QPoint(*widget_pos(plot, 0.0, 4.0))
    _drag(qtbot, plot, start, start + QtCore.QPoint(60, 0))
    assert edits == [] and plot.view_box.viewRect() != view


def test_a_locked_parameter_does_not_drag(qtbot, plot):
    plot.show()
    qtbot.waitExposed(plot)
    plot.set_points(two_clusters())
    plot.view_box.setRange(xRange=(-6, 6), yRange=(-4, 5), padding=0)
    edits, refused = [], []
    handles = MixtureHandles(plot.plot_item, on_edit=lambda *edit: edits.append(edit),
                             locked=lambda k, parameter: parameter == "mean",
                             on_refused=lambda *lock: refused.append(lock))
    handles.set_mixture(MIXTURE)
    qtbot.wait(100)
    view = plot.view_box.viewRect()
    start = QtCore.QPoint(*widget_pos(plot, *MIXTURE.means[0]))
    _drag(qtbot, plot, start, start + QtCore.QPoint(40, 40))
    assert edits == [] and plot.view_box.viewRect() == view and refused == [(0, "mean")]   # the window says so
    start = QtCore.QPoint(*widget_pos(plot, *handle_positions(MIXTURE)[0, 3]))
    _drag(qtbot, plot, start, start + QtCore.QPoint(20, 0))
    assert [text for _, text in edits] == ["Drag axis of component 1"]


@pytest.mark.parametrize("covariance_type, covariances, target, expected", [
    # diag: the dragged axis' coordinate only; the end at (1 + 2, 0) dragged to (4, 7): x variance 3²
    ("diag", [[4.0, 1.0]], [4.0, 7.0], [[9.0, 0.0], [0.0, 1.0]]),
    # spherical: the distance to the mean is the new standard deviation, |(3, 4)| = 5
    ("spherical", [4.0], [4.0, 4.0], [[25.0, 0.0], [0.0, 25.0]]),
    # tied: as full, on the shared covariance: the major semi-axis (2, 0) dragged to a = (2, 3), the
    # minor (0, 1) kept: a aᵀ + b bᵀ
    ("tied", [[4.0, 0.0], [0.0, 1.0]], [3.0, 3.0], [[4.0, 6.0], [6.0, 10.0]]),
])
def test_axis_drags_of_the_structured_types(covariance_type, covariances, target, expected):
    n = len(covariances) if covariance_type != "tied" else 1
    mixture = Mixture([1.0 / n] * n, [[1.0, 0.0]] * n, covariances, covariance_type)
    if covariance_type == "tied":
        mixture = Mixture([0.5, 0.5], [[1.0, 0.0], [5.0, 5.0]], covariances, "tied")
    dragged = dragged_axis(mixture, 0, 0, target)
    assert dragged.covariance_type == covariance_type
    np.testing.assert_allclose(dragged.full_covariances, [expected] * dragged.n_components, atol=1e-12)


def test_no_axis_gets_shorter_than_the_minimum_nor_onto_the_other_axis():
    dragged = dragged_axis(MIXTURE, 1, 0, MIXTURE.means[1], minimum=0.01)
    assert np.linalg.eigvalsh(dragged.full_covariances[1])[0] == pytest.approx(1e-4)
    # component 2's axes are x and y (length 1): its x end dragged onto the y axis, at (3, 1 + 2)
    dragged = dragged_axis(MIXTURE, 1, 0, MIXTURE.means[1] + [0.0, 2.0], minimum=0.01)
    np.testing.assert_allclose(dragged.full_covariances[1], [[1e-4, 0.02], [0.02, 5.0]], rtol=1e-12)
