"""The hover read-out: what it says, and where it sits (clear of the legend and of a notice over the plot)."""

import numpy as np
from PySide6 import QtCore, QtWidgets

from gmmviz.gui.plot.hover_readout import readout_html
from tests.gui.conftest import two_clusters, wait_idle


def test_the_text_names_the_axes_as_given_and_escapes_them():
    text = readout_html(("<b>x</b>", "y"), 1.0, 2.0, 0.05, np.array([0.25, 0.75]))
    assert text.startswith("&lt;b&gt;x&lt;/b&gt; = 1, y = 2 &nbsp; p(x) = 0.05")
    assert "P(1|x)&nbsp;=&nbsp;0.250" in text and "P(2|x)&nbsp;=&nbsp;0.750" in text      # a field never wraps


def test_the_read_out_keeps_clear_of_the_legend_and_of_a_notice(qtbot, window):
    window.set_points(two_clusters(), ("a", "b"))
    window.actions["run"].trigger()
    wait_idle(qtbot, window)
    plot = window.plot
    window.report("A notice over the plot.", "info")
    qtbot.wait(20)
    pos = plot.mapFromScene(plot.view_box.mapViewToScene(QtCore.QPointF(-3.0, 0.5)))
    qtbot.mouseMove(plot.viewport(), pos)
    qtbot.waitUntil(lambda: "P(1|x)" in plot.readout_text, timeout=3000)
    (readout,) = [label for label in plot.findChildren(QtWidgets.QLabel) if label.isVisible()]
    box = QtCore.QRectF(readout.geometry())
    notice = window.notices.geometry()
    assert plot.mapTo(window, readout.geometry().topLeft()).y() >= notice.bottom()
    legend = plot.legend_rect                   # data coordinates: the read-out's corners mapped there
    corners = [plot.view_box.mapSceneToView(plot.mapToScene(point.toPoint()))
               for point in (box.topLeft(), box.topRight(), box.bottomLeft(), box.bottomRight())]
    assert not any(legend.contains(corner) for corner in corners)
    assert plot.legend_corner is not None
    qtbot.mouseMove(window, QtCore.QPoint(2, 2))        # off the plot: the read-out goes
    qtbot.waitUntil(lambda: plot.readout_text == "", timeout=3000)


def test_at_3x_the_read_out_stays_inside_the_view_and_clear_of_the_legend(qtbot, window):
    window.set_points(two_clusters(), ("a long name for the first column", "b"))
    window.session.set_setting("n_components", 6)
    window.actions["run"].trigger()
    wait_idle(qtbot, window)
    window.actions["presentation_scale_3"].trigger()
    window.actions["presentation"].trigger()
    plot = window.plot
    qtbot.wait(50)
    for x in (-3.0, 3.0):
        pos = plot.mapFromScene(plot.view_box.mapViewToScene(QtCore.QPointF(x, 0.5)))
        qtbot.mouseMove(plot.viewport(), pos)
        qtbot.waitUntil(lambda: "P(6|x)" in plot.readout_text, timeout=3000)
        (readout,) = [label for label in plot.findChildren(QtWidgets.QLabel) if label.isVisible()]
        view = plot.mapFromScene(plot.view_box.sceneBoundingRect()).boundingRect()
        box = readout.geometry()         # (the offscreen screen is small: the view is short, so not its height)
        assert view.left() <= box.left() and box.right() <= view.right()
        legend = plot.legend_rect
        box = QtCore.QRectF(readout.geometry())
        corners = [plot.view_box.mapSceneToView(plot.mapToScene(point.toPoint()))
                   for point in (box.topLeft(), box.topRight(), box.bottomLeft(), box.bottomRight())]
        assert not any(legend.contains(corner) for corner in corners)
        qtbot.mouseMove(window, QtCore.QPoint(2, 2))
        qtbot.waitUntil(lambda: plot.readout_text == "", timeout=3000)


def test_the_read_out_under_a_still_mouse_follows_each_em_step(qtbot, window):
    window.set_points(two_clusters(), ("a", "b"))
    window.actions["initialise"].trigger()
    wait_idle(qtbot, window)
    plot = window.plot
    pos = plot.mapFromScene(plot.view_box.mapViewToScene(QtCore.QPointF(0.0, 0.5)))
    qtbot.mouseMove(plot.viewport(), pos)
    qtbot.waitUntil(lambda: "P(1|x)" in plot.readout_text, timeout=3000)
    before = plot.readout_text
    for _ in range(2):
        window.actions["step"].trigger()
        wait_idle(qtbot, window)
    point = plot.view_box.mapSceneToView(plot.mapToScene(pos))
    density, _ = plot.readout_at(point.x(), point.y())
    assert plot.readout_text != before and f"p(x) = {density:.4g}" in plot.readout_text


def test_at_3x_the_read_out_is_no_larger_than_at_2x(qtbot, window):
    window.set_points(two_clusters(), ("a", "b"))
    window.actions["run"].trigger()
    wait_idle(qtbot, window)
    plot = window.plot
    sizes = {}
    for scale in (2, 3):
        window.actions[f"presentation_scale_{scale}"].trigger()
        window.actions["presentation"].trigger()
        qtbot.wait(20)
        pos = plot.mapFromScene(plot.view_box.mapViewToScene(QtCore.QPointF(-3.0, 0.5)))
        qtbot.mouseMove(plot.viewport(), pos)
        qtbot.waitUntil(lambda: "P(2|x)" in plot.readout_text, timeout=3000)
        (readout,) = [label for label in plot.findChildren(QtWidgets.QLabel) if label.isVisible()]
        sizes[scale] = readout.fontInfo().pointSizeF()
        window.actions["presentation"].trigger()
    assert sizes[3] == sizes[2] > 9
