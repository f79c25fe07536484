"""The default arrangement of the docks: feature docks are tabs and leave the plot its room."""

import numpy as np
from PySide6 import QtWidgets

from gmmviz.core.mixture import Mixture
from gmmviz.gui.panels import layout


def _tabs(window, name):
    dock = window.findChild(QtWidgets.QDockWidget, name)
    return {other.objectName() for other in window.tabifiedDockWidgets(dock)}


def test_a_true_mixture_and_known_labels_are_tabs_beside_the_parameters_and_take_no_room(qtbot, window):
    window.resize(1280, 820)
    qtbot.wait(20)
    plot, history = window.plot.size(), window.docks["history"].size()
    window.session.truth.set_mixture(Mixture([0.5, 0.5], [[0, 0], [4, 1]], [np.eye(2), np.eye(2)]))
    window.truth_commands.sample(300, 1)
    window.session.labels.set_known(window.session.points.ids, np.where(window.session.points.X[:, 0] > 2, "a", "b"),
                                    "side")
    qtbot.wait(20)
    assert _tabs(window, "parameters_dock") == {"truth_dock", "agreement_dock", "label_agreement_dock"}
    assert (window.plot.size(), window.docks["history"].size()) == (plot, history)


def test_choose_k_is_shown_left_of_the_plot_leaving_it_at_least_half_the_width(qtbot, window):
    window.resize(1280, 820)
    window.actions["equations"].trigger()
    window.candidates.show_restarts()
    window.candidates.show_choose_k()
    qtbot.wait(20)
    assert _tabs(window, "choose_k_dock") == {"restarts_dock", "equations_dock"}
    assert window.plot.width() >= 0.5 * window.width()


def test_a_dock_beside_the_plot_is_a_quarter_of_the_window_but_leaves_the_plot_half():
    assert layout.beside_width(1600, 300) == 400
    assert layout.beside_width(1280, 300) == 320
    assert layout.beside_width(1000, 300) == 200


def test_a_dock_turned_on_in_the_view_menu_comes_to_the_front_of_its_tabs(qtbot, window):
    window.resize(1280, 820)
    window.candidates.show_choose_k()
    qtbot.wait(20)
    window.actions["equations"].trigger()
    qtbot.wait(20)
    equations = window.findChild(QtWidgets.QDockWidget, "equations_dock")
    assert not equations.visibleRegion().isEmpty()          # in front, not a tab behind Choose K
    assert window.findChild(QtWidgets.QDockWidget, "choose_k_dock").visibleRegion().isEmpty()


def test_the_window_fits_a_laptop_screen_with_the_mixture_panel_scrolling(qtbot, window):
    from PySide6 import QtWidgets

    assert window.minimumSizeHint().height() <= 600          # a 1366 × 768 screen less its panels
    window.resize(1100, 560)
    qtbot.wait(20)
    scroll = window.settings_panel.parentWidget().parentWidget()
    assert isinstance(scroll, QtWidgets.QScrollArea) and scroll.verticalScrollBar().maximum() > 0
    assert window.docks["mixture"].width() >= window.settings_panel.minimumSizeHint().width()
