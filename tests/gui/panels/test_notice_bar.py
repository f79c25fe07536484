"""The notice bar over the plot: the legend keeps clear of it by exactly its height."""

from PySide6 import QtCore

from tests.gui.conftest import two_clusters, wait_idle


def legend_top(plot):
    """The legend's top edge, in pixels from the top of the plot widget."""
    rect = plot.legend_rect                     # data coordinates
    corners = (QtCore.QPointF(rect.left(), rect.top()), QtCore.QPointF(rect.left(), rect.bottom()))
    return min(plot.mapFromScene(plot.view_box.mapViewToScene(corner)).y() for corner in corners)


def test_the_legend_moves_down_by_the_notice_s_height_and_back_up_when_it_goes(qtbot, window):
    window.set_points(two_clusters(), ("a", "b"))
    window.actions["run"].trigger()
    wait_idle(qtbot, window)
    plot = window.plot
    qtbot.wait(20)
    assert plot.legend_corner.startswith("top")
    before = legend_top(plot)
    window.report("A notice over the plot, one line long.", "info")
    qtbot.waitUntil(lambda: legend_top(plot) > before)
    notice = window.notices.geometry()
    assert notice.top() == 0 and abs(legend_top(plot) - before - notice.height()) <= 2
    window.notices.hide()
    qtbot.waitUntil(lambda: abs(legend_top(plot) - before) <= 2)
