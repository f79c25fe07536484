"""Component surgery in the window: the context menu, the keys, the drag handles, undo, and EM after it."""

import numpy as np
import pytest
from PySide6 import QtCore

from gmmviz.core import EM, Mixture
from gmmviz.gui.commands.shortcut_sheet import shortcut_rows
from gmmviz.gui.commands.surgery import component_at
from gmmviz.gui.export.image import export_svg, render_plot_image
from tests.gui.conftest import two_clusters, wait_idle, widget_pos
from tests.gui.plot.test_legend import _drag


@pytest.fixture
def fitted(qtbot, window):
    """The window with two clusters, K = 2, after Initialise and three steps."""
    window.set_points(two_clusters(), ("a", "b"))
    window.plot.fit_view()
    window.initialise()
    wait_idle(qtbot, window)
    for _ in range(3):
        window.step()
        wait_idle(qtbot, window)
    qtbot.wait(100)         # the axes settle before pixels are picked
    return window


def shown(window):
    """K as the plot's ellipses, the parameter table, the handles and the Mixture panel show it."""
    return (window.plot.ellipses.shape[0], window.parameter_table.model().rowCount(),
            window.surgery.handles.positions.shape[0], window.settings_panel.n_components.value())


def right_click(qtbot, window, x, y):
    qtbot.mouseClick(window.plot.viewport(), QtCore.Qt.MouseButton.RightButton,
                     pos=QtCore.QPoint(*widget_pos(window.plot, x, y)))
    return {action.text().split("\t")[0]: action for action in window.surgery.menu.actions()}


def test_split_from_the_context_menu_shows_three_components_and_undo_two(qtbot, fitted):
    before = fitted.plot.mixture
    assert shown(fitted) == (2, 2, 2, 2)
    k = int(np.argmin(before.means[:, 0]))             # the cluster at (-3, 0)
    actions = right_click(qtbot, fitted, *before.means[k])
    assert f"Split component {k + 1}" in actions and f"Merge component {k + 1} with {2 - k}" in actions
    actions[f"Split component {k + 1}"].trigger()
    qtbot.waitUntil(lambda: shown(fitted) == (3, 3, 3, 3), timeout=3000)
    np.testing.assert_allclose(fitted.plot.mixture.means, before.split_component(k).means)
    assert fitted.actions["undo"].text() == f"&Undo Split component {k + 1}"
    fitted.actions["undo"].trigger()
    qtbot.waitUntil(lambda: shown(fitted) == (2, 2, 2, 2), timeout=3000)
    assert fitted.plot.mixture is before


def test_keys_act_on_the_component_under_the_mouse(qtbot, fitted):
    mixture = fitted.plot.mixture
    viewport = fitted.plot.viewport()
    qtbot.mouseMove(viewport, QtCore.QPoint(*widget_pos(fitted.plot, *mixture.means[1])))
    qtbot.keyClick(fitted, QtCore.Qt.Key.Key_D, QtCore.Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: shown(fitted) == (1, 1, 1, 1), timeout=3000)
    np.testing.assert_array_equal(fitted.plot.mixture.means, mixture.means[[0]])

    pixel = QtCore.QPoint(*widget_pos(fitted.plot, 0.0, 3.0))
    qtbot.mouseMove(viewport, pixel)
    qtbot.keyClick(fitted, QtCore.Qt.Key.Key_A, QtCore.Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: shown(fitted) == (2, 2, 2, 2), timeout=3000)
    cursor = fitted.plot.view_box.mapSceneToView(fitted.plot.mapToScene(pixel))
    np.testing.assert_allclose(fitted.plot.mixture.means[1], [cursor.x(), cursor.y()])

    qtbot.keyClick(fitted, QtCore.Qt.Key.Key_M, QtCore.Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: shown(fitted) == (1, 1, 1, 1), timeout=3000)
    assert fitted.plot.mixture.weights.tolist() == [1.0]
    for _ in range(3):
        fitted.actions["undo"].trigger()
    qtbot.waitUntil(lambda: fitted.plot.mixture is mixture, timeout=3000)


def test_step_after_a_surgery_continues_from_the_edited_mixture(qtbot, fitted):
    session = fitted.session
    fitted.surgery.split(0)
    edited = session.mixture_on_screen()
    restart = len(session.history) - 1
    assert session.history[restart].phase == "init" and restart in session.history.breaks
    fitted.step()
    wait_idle(qtbot, fitted)
    assert session.history[restart].mixture is edited and session.live.iteration == restart + 1
    expected = EM(session.points.X, 3, init=edited)
    expected.step()
    np.testing.assert_array_equal(session.live.mixture.means, expected.state.mixture.means)


def test_dragging_a_mean_is_one_undo_step_and_does_not_pan(qtbot, fitted):
    mixture = fitted.plot.mixture
    view = fitted.plot.view_box.viewRect()
    n_points = len(fitted.session.points)
    start = QtCore.QPoint(*widget_pos(fitted.plot, *mixture.means[0]))
    end = start + QtCore.QPoint(40, 25)
    _drag(qtbot, fitted.plot, start, end)
    qtbot.waitUntil(lambda: fitted.plot.mixture is not mixture, timeout=3000)
    to_data = [fitted.plot.view_box.mapSceneToView(fitted.plot.mapToScene(p)) for p in (start, end)]
    delta = [to_data[1].x() - to_data[0].x(), to_data[1].y() - to_data[0].y()]
    np.testing.assert_allclose(fitted.plot.mixture.means[0] - mixture.means[0], delta, rtol=1e-9)
    assert fitted.plot.view_box.viewRect() == view and len(fitted.session.points) == n_points
    fitted.actions["undo"].trigger()
    qtbot.waitUntil(lambda: fitted.plot.mixture is mixture, timeout=3000)


def test_what_cannot_be_done_says_why(qtbot, window):
    window.set_points(two_clusters(), ("a", "b"))
    window.surgery.split(0)
    assert "no mixture on screen" in window.notices.text()
    window.session.set_setting("n_components", 1)
    window.initialise()
    wait_idle(qtbot, window)
    window.surgery.delete(0)
    assert "only one component" in window.notices.text() and window.session.settings.n_components == 1


def test_exported_images_show_no_handles(qtbot, fitted, tmp_path):
    with_handles = render_plot_image(fitted.plot)
    export_svg(fitted.plot, tmp_path / "with.svg")
    fitted.surgery.handles.set_visible(False)
    assert render_plot_image(fitted.plot) == with_handles
    export_svg(fitted.plot, tmp_path / "without.svg")
    assert (tmp_path / "with.svg").read_bytes() == (tmp_path / "without.svg").read_bytes()


def test_locks_hold_and_follow_their_components(qtbot, fitted):
    session = fitted.session
    mixture = fitted.plot.mixture
    session.set_setting("freeze", {1: {"mean"}})
    view = fitted.plot.view_box.viewRect()
    start = QtCore.QPoint(*widget_pos(fitted.plot, *mixture.means[1]))
    _drag(qtbot, fitted.plot, start, start + QtCore.QPoint(40, 25))
    assert fitted.plot.mixture is mixture and fitted.plot.view_box.viewRect() == view
    assert fitted.notices.text() == "Component 2's mean is locked: unlock it in the parameter table to drag it."
    fitted.surgery.split(1)
    assert "Component 2 has locked parameters" in fitted.notices.text() and session.settings.n_components == 2
    fitted.surgery.delete(0)                      # the locked component becomes component 1
    assert session.settings.n_components == 1 and session.settings.freeze == {0: frozenset({"mean"})}
    fitted.actions["undo"].trigger()
    assert session.settings.n_components == 2 and session.settings.freeze == {1: frozenset({"mean"})}


def test_the_component_at_a_point_is_never_the_noise():
    mixture = Mixture([0.5, 0.5], [[0.0, 0.0], [5.0, 0.0]], [np.eye(2), np.eye(2)], noise_weight=0.5,
                      noise_volume=1e4)
    assert mixture.predict_proba([[8.0, 3.0]]).argmax() == 2            # the noise owns points far out
    assert component_at(mixture, 8.0, 3.0) == 1


def test_the_shortcut_sheet_lists_the_surgery_keys(window):
    rows = shortcut_rows(window.menus.values(), window.actions.values())
    assert {("Edit", "Add component at cursor", "Shift+A"), ("Edit", "Delete component", "Shift+D"),
            ("Edit", "Split component", "Shift+S"), ("Edit", "Merge component with nearest", "Shift+M")} <= set(rows)


def test_an_edit_during_play_stops_it_and_stays_the_newest_state(qtbot, fitted):
    session = fitted.session
    fitted.settings_panel.speed_changed.emit(float("inf"))
    fitted.toggle_play()
    qtbot.waitUntil(lambda: fitted.runner.is_running, timeout=3000)
    fitted.surgery.split(0)
    assert not fitted.runner.is_running
    qtbot.wait(200)                       # nothing the stopped job sent comes after the edit
    assert session.history[-1].phase == "init" and session.live.mixture is session.history[-1].mixture
    assert session.history[-1].mixture.n_components == 3
