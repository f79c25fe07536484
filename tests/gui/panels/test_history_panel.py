"""The History dock's axes: labels that stay readable however short the plot and large the text."""

import pytest
from PySide6 import QtGui

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
        assert len(major) == 1 or (len(major) - 1) * 2 * height <= size      # a label's height between two
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
