"""The History dock's axes: labels that stay readable however short the plot and large the text."""

import numpy as np
import pytest
from PySide6 import QtCore, QtGui

from gmmviz.gui.panels.history_panel import HistoryPanel


@pytest.mark.parametrize("scale", [1.0, 3.0])
def test_value_labels_never_touch_on_a_short_axis(qtbot, scale):
    panel = HistoryPanel()
    qtbot.addWidget(panel)
    panel.set_style(scale=scale)
    axis = panel.plot.getPlotItem().getAxis("left")
    height = QtGui.QFontMetricsF(axis.style["tickFont"]).height()
    for low, high, size in ((0.0, 1.0, 100), (-1140.0, -1130.0, 100), (-1140.0, -1130.0, 400), (0.0, 1.0, 30)):
        major = axis.tickValues(low, high, size)[0][1]
        assert len(major) == 1 or (len(major) - 1) * 1.5 * height <= size    # half a label's height between two
        # and the labels kept lie inside the axis (pyqtgraph hides one that would stick out)
        inside = [min(v - low, high - v) * size / (high - low) >= height / 2 for v in major]
        assert any(inside) or size < 2 * height
    # long enough, the axis keeps pyqtgraph's own ticks
    assert len(axis.tickValues(0.0, 1.0, 2000)[0][1]) >= 5


def test_the_agreement_axis_is_hidden_until_there_is_an_agreement(qtbot):
    panel = HistoryPanel()
    qtbot.addWidget(panel)
    right = panel.plot.getPlotItem().getAxis("right")
    assert not right.isVisible()
    panel.set_agreement([0.2, 0.9])
    assert right.isVisible()


def test_a_single_value_is_labelled_in_round_numbers(qtbot):
    panel = HistoryPanel()
    qtbot.addWidget(panel)
    panel.resize(600, 200)
    panel.set_history(np.array([-1143.4193]), 0)
    low, high = panel.plot.getPlotItem().getViewBox().viewRange()[1]
    assert low < -1143.4193 < high and 1.0 < high - low < 2.0
    axis = panel.plot.getPlotItem().getAxis("left")
    labelled = axis.tickValues(low, high, 150)[0][1]
    assert labelled and all(abs(value * 10 - round(value * 10)) < 1e-6 for value in labelled)   # not -1143.4195
    panel.set_history(np.array([-1143.4193, -1143.4192]), 1)    # two values: their change is what is drawn
    low, high = panel.plot.getPlotItem().getViewBox().viewRange()[1]
    assert high - low < 0.01


@pytest.mark.parametrize("scale, dark", [(3.0, False), (1.0, True)])
def test_the_slider_grows_on_a_projector_and_shows_in_the_dark_and_is_the_platform_s_at_the_desk(qtbot, scale, dark):
    panel = HistoryPanel()
    qtbot.addWidget(panel)
    panel.set_history(np.array([-3.0, -2.0, -1.5]), 1)
    panel.resize(600, 300)
    panel.show()
    qtbot.waitExposed(panel)
    panel.set_style(scale=scale, dark=dark)
    qtbot.wait(20)
    image = panel.slider.grab().toImage()
    handle = QtGui.QColor("white" if dark else "black")
    y = image.height() // 2
    colours = {image.pixelColor(x, y).name() for x in range(image.width())}
    assert handle.name() in colours                                 # the handle is drawn in its own colour
    assert panel.slider.height() >= 14 * scale
    panel.set_style()
    assert panel.slider.styleSheet() == "" and panel.slider.minimumHeight() == 0


@pytest.fixture
def shown(qtbot):
    """A HistoryPanel 600 x 300 on screen."""
    panel = HistoryPanel()
    qtbot.addWidget(panel)
    panel.resize(600, 300)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def test_no_line_runs_into_a_break_where_the_objective_or_the_points_changed(qtbot, shown):
    panel = shown
    panel.set_history(np.array([-10.0, -9.0, -8.5, -30.0, -29.0]), 4, breaks={3})

    def curve_colour_between(a, b):       # the pixel half way between two iterations' points
        view = panel.plot.getPlotItem().getViewBox()
        values = {0: -10.0, 1: -9.0, 2: -8.5, 3: -30.0, 4: -29.0}
        middle = view.mapViewToScene(QtCore.QPointF((a + b) / 2, (values[a] + values[b]) / 2))
        point = panel.plot.mapFromScene(middle)
        return panel.plot.grab().toImage().pixelColor(point.x(), point.y())

    qtbot.wait(20)
    line = curve_colour_between(0, 1)
    assert line.name() != panel.plot.backgroundBrush().color().name()      # the curve is drawn there
    assert curve_colour_between(2, 3).name() != line.name()                  # not across the break
    assert curve_colour_between(3, 4).name() == line.name()


def test_a_right_click_on_the_curve_opens_no_menu(qtbot, shown):
    """pyqtgraph's generic menu (log axes, mouse mode, FFT) would let a right-click break the curve."""
    from PySide6 import QtWidgets

    panel = shown
    panel.set_history(np.array([-1150.0, -1140.0, -1135.0]), 2)
    qtbot.mouseClick(panel.plot.viewport(), QtCore.Qt.MouseButton.RightButton,
                     pos=panel.plot.viewport().rect().center())
    assert QtWidgets.QApplication.activePopupWidget() is None


def test_the_hollow_dots_of_a_log_posterior_take_the_background_of_a_new_theme(qtbot):
    panel = HistoryPanel()
    qtbot.addWidget(panel)
    panel.set_history(np.array([-1150.0, -1140.0, -1145.0]), 2, {2}, np.array([False, False, True]))
    hollow = panel.plot.getPlotItem().listDataItems()[1]          # the log posterior's dot, over the curve's
    (spot,) = hollow.points()
    assert spot.pos().x() == 2 and spot.brush().color() == panel.plot.backgroundBrush().color()
    panel.set_style(scale=3.0, dark=True)
    (spot,) = hollow.points()
    assert spot.brush().color() == panel.plot.backgroundBrush().color()     # not a white disc
    assert spot.pen().widthF() == pytest.approx(3.6)
