"""Presentation mode: full screen, bigger text and lines, fewer panels, and everything back on leaving."""

import numpy as np
import pytest
from PySide6 import QtCore, QtGui, QtWidgets

from gmmviz.gui.commands import presentation


@pytest.fixture
def mode(window):
    return window.presentation


def tick_point_size(plot):
    return plot.getPlotItem().getAxis("bottom").style["tickFont"].pointSizeF()


def visible_docks(window):
    return {name for name, dock in window.docks.items() if dock.isVisible()}


def test_entering_scales_hides_panels_and_leaving_restores_everything(qtbot, window, mode, faithful):
    window.set_points(faithful, ("eruptions", "waiting"))
    font, ticks, docks = QtGui.QFont(window.font()), tick_point_size(window.plot), visible_docks(window)
    history_ticks = tick_point_size(window.history_panel.plot)
    mode.set_scale(2.0)

    window.actions["presentation"].trigger()
    assert mode.active and window.isFullScreen()
    assert not window.menuBar().isVisible()
    assert visible_docks(window) == {"history"}
    assert window.font().pointSizeF() == pytest.approx(2 * font.pointSizeF())
    assert tick_point_size(window.plot) == pytest.approx(2 * ticks)
    assert tick_point_size(window.history_panel.plot) == pytest.approx(2 * history_ticks)

    window.actions["presentation"].trigger()
    assert not mode.active and not window.isFullScreen()
    assert window.menuBar().isVisible()
    assert visible_docks(window) == docks
    assert window.font() == font
    assert tick_point_size(window.plot) == pytest.approx(ticks)
    assert tick_point_size(window.history_panel.plot) == pytest.approx(history_ticks)


def test_scale_can_change_while_presenting_and_is_remembered(qtbot, window):
    desk_size = window.font().pointSizeF()
    window.actions["presentation"].trigger()
    window.actions["presentation_scale_3"].trigger()
    assert window.font().pointSizeF() == pytest.approx(3 * desk_size)
    window.actions["presentation"].trigger()
    assert presentation.PresentationMode(window).presentation_scale == 3.0


@pytest.mark.parametrize("theme, dark", [("dark", True), ("light", False)])
def test_high_contrast_themes(qtbot, window, mode, theme, dark):
    normal_background = window.plot.backgroundBrush().color()
    window.actions[f"presentation_theme_{theme}"].trigger()
    window.actions["presentation"].trigger()
    background = window.palette().color(QtGui.QPalette.ColorRole.Window)
    text = window.palette().color(QtGui.QPalette.ColorRole.WindowText)
    assert (background.lightness(), text.lightness()) == ((0, 255) if dark else (255, 0))
    for plot in (window.plot, window.history_panel.plot):
        assert (plot.backgroundBrush().color().lightness() < 60) is dark
    window.actions["presentation"].trigger()
    assert window.plot.backgroundBrush().color() == normal_background


def test_keys_go_to_the_plot_after_presenting_not_to_a_field_focus_fell_to(qtbot, window, mode):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.brush_radius.setFocus()          # where focus fell when the toolbars came back
    window.actions["presentation"].trigger()
    window.brush_radius.setFocus()
    window.actions["presentation"].trigger()
    k = window.settings_panel.n_components.value()
    qtbot.keyClick(QtWidgets.QApplication.focusWidget(), QtCore.Qt.Key.Key_Plus)
    assert window.settings_panel.n_components.value() == k + 1 and window.brush_radius.value() == 25


def test_shortcuts_work_with_the_menu_bar_hidden(qtbot, window, mode, faithful):
    window.set_points(faithful, ("eruptions", "waiting"))
    window.actions["presentation"].trigger()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, QtCore.Qt.Key.Key_I)
    qtbot.waitUntil(lambda: len(window.session.history) == 1 and not window.runner.is_running, timeout=20000)
    qtbot.keyClick(window, QtCore.Qt.Key.Key_F11)
    assert not mode.active
    qtbot.keyClick(window, QtCore.Qt.Key.Key_F11)
    assert mode.active
    qtbot.keyClick(window, QtCore.Qt.Key.Key_Escape)
    assert not mode.active and not window.isFullScreen()


def test_twenty_round_trips_leave_every_dock_where_it_was(qtbot, window, mode, faithful):
    window.resize(760, 700)        # smaller than the offscreen screen, which would clamp it
    mode.set_scale(1.0)            # the layout is what is tested; other scales only cost time here
    window.set_points(faithful, ("eruptions", "waiting"))
    window.actions["initialise"].trigger()
    qtbot.waitUntil(lambda: not window.runner.is_running, timeout=30000)   # after the kernels' warm-up
    qtbot.wait(50)
    before = _shown_docks(window)
    size = window.size()
    for _ in range(20):        # as fast as keys can be pressed: nothing is painted in between
        window.actions["presentation"].trigger()
        window.actions["presentation"].trigger()
    qtbot.wait(150)                # past the deferred re-application of the dock sizes
    assert window.size() == size
    assert _shown_docks(window) == before


def _shown_docks(window):
    """Geometry of every dock on screen, by objectName (a tab behind another has no meaningful one)."""
    return {dock.objectName(): dock.geometry() for dock in window.findChildren(QtWidgets.QDockWidget)
            if not dock.visibleRegion().isEmpty()}


def _tab_groups(window):
    return {dock.objectName(): {other.objectName() for other in window.tabifiedDockWidgets(dock)}
            for dock in window.findChildren(QtWidgets.QDockWidget) if dock.isVisible()}


@pytest.mark.parametrize("scale", [2.0, 3.0])
def test_a_round_trip_with_the_feature_docks_shown_leaves_them_where_they_were(qtbot, window, mode, scale):
    from gmmviz.core.mixture import Mixture

    window.resize(780, 700)         # smaller than the offscreen screen, which would clamp it
    window.session.truth.set_mixture(Mixture([0.5, 0.5], [[0, 0], [4, 1]], [np.eye(2), np.eye(2)]))
    window.truth_commands.sample(300, 1)
    window.session.labels.set_known(window.session.points.ids, np.where(window.session.points.X[:, 0] > 2, "a", "b"),
                                    "side")
    window.actions["run"].trigger()
    qtbot.waitUntil(lambda: not window.runner.is_running, timeout=30000)
    window.candidates.show_choose_k()
    window.candidates.show_restarts()
    window.actions["equations"].trigger()
    qtbot.wait(50)
    before, tabs, size = _shown_docks(window), _tab_groups(window), window.size()
    assert {"truth_dock", "agreement_dock", "label_agreement_dock", "choose_k_dock", "restarts_dock",
            "equations_dock"} <= set(tabs)
    mode.set_scale(scale)
    window.actions["presentation"].trigger()
    qtbot.wait(20)
    shown = set(_shown_docks(window))     # the agreements are tabs of one group: the one in front is on screen
    assert {"history_dock", "restarts_dock"} <= shown and shown & {"agreement_dock", "label_agreement_dock"}
    window.actions["leave_presentation"].trigger()
    qtbot.wait(150)
    assert window.size() == size
    assert _shown_docks(window) == before
    assert _tab_groups(window) == tabs


def test_light_on_dark_keeps_each_component_in_its_own_hue(qtbot, window, mode, faithful):
    from PIL import Image

    window.set_points(faithful, ("eruptions", "waiting"))
    window.actions["run"].trigger()
    qtbot.waitUntil(lambda: not window.runner.is_running, timeout=30000)
    mode.set_theme("dark")
    window.actions["presentation"].trigger()
    image = window.plot.grab().toImage().convertToFormat(QtGui.QImage.Format.Format_RGB888)
    pixels = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())
    rgb = pixels[:, : image.width() * 3].reshape(image.height(), image.width(), 3)
    hsv = np.asarray(Image.fromarray(np.ascontiguousarray(rgb)).convert("HSV"), dtype=float)
    hue = hsv[..., 0] * 360 / 255
    yellow = (hue > 50) & (hue < 70) & (hsv[..., 1] > 150) & (hsv[..., 2] > 200)
    assert yellow.sum() < 20        # orange's ellipses stay orange (they were yellow), blue's blue


def test_at_3x_the_plot_gets_the_room_and_the_equations_stay_readable_without_scrolling(qtbot, window, mode):
    base = window.font().pointSizeF()
    window.actions["equations"].trigger()
    mode.set_scale(3.0)
    window.actions["presentation"].trigger()
    qtbot.wait(20)
    assert window.equation_panel.font().pointSizeF() == pytest.approx(1.75 * base)  # text capped at 1.75×
    assert window.font().pointSizeF() == pytest.approx(3 * base)
    history = window.docks["history"]
    assert abs(history.height() - window.height() / 3) < 0.1 * window.height()
    window.actions["presentation"].trigger()
    assert window.equation_panel.font().pointSizeF() == pytest.approx(base)


def test_choose_k_opened_while_presenting_looks_as_if_it_had_been_open(qtbot, window, mode):
    base = window.font().pointSizeF()
    desk_ticks = tick_point_size(window.plot)
    mode.set_scale(3.0)
    window.actions["presentation"].trigger()
    window.actions["choose_k"].trigger()        # its panel is built now, at 3x
    panel = window.candidates.choose_k
    assert panel.font().pointSizeF() == pytest.approx(1.75 * base)      # text capped, as the other panels
    assert tick_point_size(panel.plot) == pytest.approx(1.75 * desk_ticks)      # and its plot with it


def test_a_new_scale_while_presenting_reaches_the_choose_k_and_restarts_plots(qtbot, window, mode):
    desk_ticks = tick_point_size(window.plot)
    window.actions["choose_k"].trigger()
    window.actions["restarts"].trigger()
    mode.set_scale(1.5)
    window.actions["presentation"].trigger()
    assert tick_point_size(window.candidates.choose_k.plot) == pytest.approx(1.5 * desk_ticks)
    window.actions["presentation_scale_3"].trigger()
    for panel in (window.candidates.choose_k, window.candidates.restarts):
        assert tick_point_size(panel.plot) == pytest.approx(1.75 * desk_ticks)     # capped as their text


def test_a_notice_is_as_large_as_the_panels_text_while_presenting(qtbot, window, mode):
    def notice_size():
        return window.notices.findChild(QtWidgets.QLabel).fontInfo().pointSizeF()

    window.report("Shown before presenting.")
    desk = notice_size()
    mode.set_scale(3.0)
    window.actions["presentation"].trigger()
    assert notice_size() == pytest.approx(presentation.TEXT_PANEL_MAX_SCALE * desk, abs=0.5)
    window.report("Shown while presenting.")
    assert notice_size() == pytest.approx(presentation.TEXT_PANEL_MAX_SCALE * desk, abs=0.5)
    window.actions["presentation"].trigger()
    assert notice_size() == pytest.approx(desk)


def test_the_plots_axes_are_as_they_were_after_presenting_at_3x(qtbot, window, mode, faithful):
    window.resize(780, 700)         # smaller than the offscreen screen, which would clamp it
    window.set_points(faithful, ("eruptions", "waiting"))
    window.actions["initialise"].trigger()
    qtbot.waitUntil(lambda: not window.runner.is_running, timeout=30000)
    qtbot.wait(50)

    def axes():
        """The heights of the plots' axes (the left ones' widths follow their tick labels' text)."""
        items = [window.plot.getPlotItem(), window.history_panel.plot.getPlotItem()]
        return [item.getAxis(side).geometry().height() for item in items for side in ("left", "bottom")]

    before = axes()
    mode.set_scale(3.0)
    window.actions["presentation"].trigger()
    qtbot.wait(20)
    assert axes() != before
    window.actions["leave_presentation"].trigger()
    qtbot.wait(150)
    assert axes() == before


def test_a_degenerate_component_s_warning_is_as_large_as_the_read_outs_and_readable_on_dark(qtbot, window, mode):
    from tests.gui.conftest import wait_idle

    window.actions["data_collapse"].trigger()
    window.actions["run"].trigger()
    wait_idle(qtbot, window)
    line = window.status_line
    assert "degenerate component" in line.warnings.text()
    window.actions["presentation_scale_3"].trigger()
    window.actions["presentation_theme_dark"].trigger()
    window.actions["presentation"].trigger()
    assert line.warnings.fontInfo().pointSizeF() == pytest.approx(line.readouts.fontInfo().pointSizeF())
    assert line.warnings.fontInfo().pointSizeF() > 2 * QtGui.QFont().pointSizeF()
    red = line.warnings.palette().color(QtGui.QPalette.ColorRole.WindowText)
    background = window.palette().color(QtGui.QPalette.ColorRole.Window)
    assert red.red() > 200 and red.lightness() - background.lightness() > 100      # light red on black
    window.actions["presentation"].trigger()
    assert line.warnings.palette().color(QtGui.QPalette.ColorRole.WindowText).lightness() < 100
