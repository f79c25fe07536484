import numpy as np
import pytest
from PySide6 import QtGui, QtWidgets

from tests.gui.conftest import two_clusters, widget_pos
from gmmviz.core import Mixture
from gmmviz.gui.render.palette import UNASSIGNED_RGBA, component_colors, mix_colors
from gmmviz.gui.plot.mixture_plot import MixturePlot
from gmmviz.gui.plot.points_layer import SCATTER_MAX_POINTS

MIXTURE = Mixture([0.4, 0.6], [[-3, 0], [3, 1]], [[[0.5, 0.1], [0.1, 0.5]], [[1.0, 0.0], [0.0, 1.0]]])


@pytest.fixture
def plot(qtbot):
    widget = MixturePlot()
    qtbot.addWidget(widget)
    widget.resize(640, 480)
    return widget


def _pixel(image, x, y):
    color = QtGui.QColor(image.pixel(x, y))
    return np.array([color.red(), color.green(), color.blue()])


def test_points_are_grey_until_there_are_responsibilities(plot):
    X = two_clusters()
    plot.set_points(X)
    plot.show_state(MIXTURE, None)
    assert (plot.colors == UNASSIGNED_RGBA).all()
    resp = MIXTURE.predict_proba(X)
    plot.show_state(MIXTURE, resp)
    np.testing.assert_array_equal(plot.colors, mix_colors(resp, component_colors(2)))


def test_hard_labels_use_the_most_probable_component(plot):
    X = np.array([[-0.2, 0.4], [0.3, 0.5]])       # between the clusters: blended colours
    resp = MIXTURE.predict_proba(X)
    plot.set_points(X)
    plot.show_state(MIXTURE, resp)
    plot.set_hard_labels(True)
    np.testing.assert_array_equal(plot.colors, component_colors(2)[resp.argmax(axis=1)])


def test_ellipses_follow_the_mixture(plot):
    plot.set_points(two_clusters())
    plot.show_state(MIXTURE, None)
    assert plot.ellipses.shape[:2] == (2, 3)
    # the closed outline repeats its first vertex
    np.testing.assert_allclose(plot.ellipses[:, 0, :-1].mean(axis=1), MIXTURE.means, atol=1e-9)
    plot.show_state(None, None)
    assert plot.ellipses is None


@pytest.mark.parametrize("n_per_cluster", [100, SCATTER_MAX_POINTS])
def test_an_unshown_plot_draws_points_in_their_component_colour(plot, n_per_cluster):
    """Both the symbol path (few points) and the raster path (many) show the colours."""
    X = two_clusters(n_per_cluster)
    plot.set_points(X)
    plot.show_state(MIXTURE, MIXTURE.predict_proba(X))
    plot.set_layers(contours=False, ellipses=False, legend=False)
    plot.fit_view()
    assert plot.uses_raster == (len(X) > SCATTER_MAX_POINTS)
    image = plot.grab().toImage()
    assert image.width() == 640
    colors = component_colors(2)[:, :3].astype(int)
    for centre, color in zip(MIXTURE.means, colors):
        # The pixel at a dense spot of the cluster is close to the component colour.
        x, y = widget_pos(plot, *centre)
        found = min(np.abs(_pixel(image, x + dx, y + dy) - color).sum()
                    for dx in range(-15, 16) for dy in range(-15, 16))
        assert found < 60


def test_read_out_gives_density_and_responsibilities(plot):
    plot.set_points(two_clusters())
    assert plot.readout_at(0.0, 0.0) == (None, None)
    plot.show_state(MIXTURE, None)
    density, proba = plot.readout_at(-2.5, 0.2)
    assert density == pytest.approx(MIXTURE.pdf(np.array([[-2.5, 0.2]]))[0])
    np.testing.assert_allclose(proba, MIXTURE.predict_proba(np.array([[-2.5, 0.2]]))[0])


def test_dark_style_changes_the_background(plot):
    plot.set_points(two_clusters())
    plot.show_state(MIXTURE, None)
    light = _pixel(plot.grab().toImage(), 630, 470)
    plot.set_style(scale=2.0, dark=True)
    dark = _pixel(plot.grab().toImage(), 630, 470)
    assert light.sum() > 700 and dark.sum() < 150


def _rgb(image):
    image = image.convertToFormat(QtGui.QImage.Format.Format_RGB888)
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())
    return rows[:, : 3 * image.width()].reshape(image.height(), image.width(), 3).astype(int)


def test_contours_are_drawn_around_both_components(plot):
    X = two_clusters()
    plot.set_points(X)
    plot.fit_view()
    plot.show_state(MIXTURE, MIXTURE.predict_proba(X))
    with_contours = _rgb(plot.grab().toImage())
    plot.set_layers(contours=False)
    without = _rgb(plot.grab().toImage())
    # the contour lines are the pixels that change when they are hidden, around each mean
    changed = np.abs(with_contours - without).sum(axis=2) > 60
    for mean in MIXTURE.means:
        x, y = widget_pos(plot, *mean)
        around = changed[max(y - 120, 0): y + 120, max(x - 120, 0): x + 120]
        assert around.sum() > 150


# -- legibility: the empty plot, degenerate components (the legend: test_legend.py) ---------------

def _dark_pixels(image, rect):
    """How many pixels of ``image`` inside ``rect`` (x0, y0, x1, y1) are text-dark."""
    return sum(_pixel(image, x, y).sum() < 300 for x in range(rect[0], rect[2], 2) for y in range(rect[1], rect[3], 2))


def test_an_empty_plot_says_how_to_get_points(plot):
    plot.fit_view()
    assert "Click to add points" in plot.hint_text and "Data ▸ Old Faithful" in plot.hint_text
    image = plot.grab().toImage()
    cx, cy = widget_pos(plot, *plot.view_box.viewRect().center().toTuple())
    assert _dark_pixels(image, (cx - 60, cy - 20, cx + 60, cy + 20)) > 20       # the text, centred
    plot.set_points(np.array([[0.2, 0.3]]))
    assert plot.hint_text == ""
    assert _dark_pixels(plot.grab().toImage(), (cx - 60, cy - 20, cx + 60, cy + 20)) == 0
    plot.set_points(np.empty((0, 2)))
    assert "Click to add points" in plot.hint_text
    plot.show_state(MIXTURE, None)                  # a mixture drawn without points: never written over
    assert plot.hint_text == ""
    plot.show_state(None, None)
    assert "Click to add points" in plot.hint_text


def test_degenerate_components_are_marked_red_with_a_warning_at_the_mean(plot):
    X = two_clusters()
    plot.set_points(X)
    plot.set_layers(contours=False)
    plot.fit_view()
    plot.show_state(MIXTURE, MIXTURE.predict_proba(X), degenerate=(1,))
    np.testing.assert_allclose(plot.warning_marks, MIXTURE.means[1:])
    assert plot.legend_entries[:2] == ["1: π = 0.400", "2: π = 0.600 (degenerate)"]
    image = plot.grab().toImage()
    red = np.array([0xB0, 0x00, 0x00])

    def red_share(k):
        pixels = [_pixel(image, *widget_pos(plot, *vertex)) for vertex in plot.ellipses[k, 0, ::4]]
        return np.mean([np.abs(pixel - red).sum() < 90 for pixel in pixels])

    assert red_share(1) > 0.6 and red_share(0) == 0
    plot.show_state(MIXTURE, MIXTURE.predict_proba(X))
    assert plot.warning_marks.shape == (0, 2)
    assert plot.legend_entries[1] == "2: π = 0.600"


def test_equal_axes_is_in_the_toolbar_and_on_for_points_without_column_names(window, faithful):
    from gmmviz.io.datasets import blobs

    action = window.actions["aspect"]
    assert action.text() == "Equal axes"
    assert any(action in toolbar.actions() for toolbar in window.findChildren(QtWidgets.QToolBar))
    assert action.isChecked() and window.plot.view_box.state["aspectLocked"] == 1.0
    window.set_points(faithful, ("eruptions", "waiting"))
    assert not action.isChecked() and not window.plot.view_box.state["aspectLocked"]
    window.set_points(blobs(100, 2, 0)[0], None)
    assert action.isChecked() and window.plot.view_box.state["aspectLocked"] == 1.0


@pytest.mark.parametrize("offset", [0.0, 1e6, -3e9])
def test_the_tick_labels_are_the_ticks_values_far_from_the_origin_too(qtbot, plot, faithful, offset):
    plot.show()
    plot.set_points(faithful + offset)
    plot.fit_view()
    qtbot.wait(20)
    for side in ("bottom", "left"):
        axis = plot.plot_item.getAxis(side)
        low, high = axis.range
        labels = {}
        for spacing, values in axis.tickValues(low, high, axis.width() if side == "bottom" else axis.height()):
            labels.update(zip(values, axis.tickStrings(values, 1.0, spacing)))
        assert len(labels) >= 3 and len(set(labels.values())) == len(labels)
        assert all(abs(float(text) - value) <= 1e-6 * max(abs(value), 1) for value, text in labels.items())


@pytest.mark.parametrize("scale", [1e-12, 1.0, 1e6])
def test_fit_view_shows_points_of_any_scale_filling_the_view(plot, scale):
    """Data at 1e-12 sat on one spot of a view 1e-9 wide: the span had an absolute floor."""
    X = two_clusters() * scale
    plot.set_points(X)
    plot.fit_view()
    (x0, x1), (y0, y1) = plot.view_box.viewRange()
    span = X.max(axis=0) - X.min(axis=0)
    assert x1 - x0 == pytest.approx(1.1 * span[0], rel=0.05) and y1 - y0 >= span[1]
    assert x0 <= X[:, 0].min() and X[:, 0].max() <= x1


def test_fit_view_of_points_on_one_spot_gives_them_room(plot):
    for spot in ([0.0, 0.0], [3e-12, 3e-12], [1e6, 1e6]):
        plot.set_points(np.array([spot, spot]))
        plot.fit_view()
        (x0, x1), _ = plot.view_box.viewRange()
        assert x0 < spot[0] < x1 and x1 - x0 > 0
