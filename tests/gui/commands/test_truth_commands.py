"""Data ▸ True mixture in the window: open and save it, edit it, sample from it, and how close the fit is."""

import numpy as np
import pytest

from gmmviz.core import Mixture
from gmmviz.io.mixture_json import read_mixture, write_mixture
from tests.gui.conftest import wait_idle

TRUTH = Mixture([0.5, 0.3, 0.2], [[0.0, 0.0], [12.0, 0.0], [0.0, 12.0]],
                [[[1.0, 0.3], [0.3, 0.8]], [[0.6, 0.0], [0.0, 1.2]], [[1.0, -0.4], [-0.4, 1.0]]])


@pytest.fixture
def truth_file(tmp_path):
    path = tmp_path / "truth.json"
    write_mixture(path, TRUTH)
    return path


def test_opening_a_truth_shows_it_dashed_in_the_plot_and_its_docks(window, truth_file):
    commands = window.truth_commands
    assert not window.docks["truth"].isVisible()
    assert commands.open_truth(truth_file)
    assert window.session.truth.mixture == TRUTH
    assert window.plot.truth_overlay.mixture == TRUTH
    assert window.docks["truth"].isVisible() and window.docks["agreement"].isVisible()
    assert commands.panel.table.rowCount() == 3
    assert commands.panel.table.item(1, 1).text() == "12"
    assert "No fit yet" in commands.agreement_panel.text


def test_a_bad_truth_file_is_one_line_and_keeps_the_truth(window, truth_file, tmp_path):
    window.truth_commands.open_truth(truth_file)
    bad = tmp_path / "bad.json"
    bad.write_text("{\"format\": \"gmmviz-mixture\"")
    assert not window.truth_commands.open_truth(bad)
    assert window.session.truth.mixture == TRUTH
    assert "\n" not in window.last_error_box.text()


def test_saving_the_truth_writes_it_to_read_back(window, truth_file, tmp_path):
    window.truth_commands.open_truth(truth_file)
    path = tmp_path / "saved.json"
    assert window.truth_commands.save_truth(path)
    assert read_mixture(path)[0] == TRUTH


def test_editing_a_cell_changes_the_truth_and_a_bad_value_is_refused(window, truth_file):
    commands = window.truth_commands
    commands.open_truth(truth_file)
    commands.panel.table.item(0, 1).setText("2.5")          # the first component's mean x
    assert window.session.truth.mixture.means[0, 0] == 2.5
    np.testing.assert_array_equal(window.plot.truth_overlay.mixture.means[0], [2.5, 0.0])
    commands.panel.table.item(0, 4).setText("7")            # covariance: not positive definite
    assert window.session.truth.mixture.full_covariances[0, 0, 1] == 0.3
    assert commands.panel.table.item(0, 4).text() == "0.3"
    assert "not changed" in window.notices.text()


def test_adding_and_removing_components_in_the_editor(window, truth_file):
    commands = window.truth_commands
    commands.open_truth(truth_file)
    commands.panel.add_component()
    assert window.session.truth.mixture.n_components == 4
    commands.panel.table.selectRow(0)
    commands.panel.remove_component()
    np.testing.assert_array_equal(window.session.truth.mixture.means[0], [12.0, 0.0])


def test_sampling_is_one_undo_step_and_a_fit_agrees_with_the_truth(qtbot, window, truth_file):
    commands = window.truth_commands
    commands.open_truth(truth_file)
    window.set_points(np.array([[50.0, 50.0]]))
    assert commands.sample(600, seed=4)
    assert len(window.session.points) == 600
    assert not window.history_panel.plot.getPlotItem().getAxis("right").isVisible()    # no fit: no ARI axis
    window.settings_panel.n_components.setValue(3)
    window.actions["run"].trigger()
    wait_idle(qtbot, window)
    text = commands.agreement_panel.text
    assert "Adjusted Rand index 1.0000" in text and "600 sampled points" in text
    curve = window.history_panel.agreement_values
    assert len(curve) == len(window.session.history) and curve[-1, 1] == 1.0
    window.actions["undo"].trigger()          # back to before the sample: its point, and no fit, as then
    np.testing.assert_array_equal(window.session.points.X, [[50.0, 50.0]])
    assert len(window.session.history) == 0 and commands.agreement_panel.text.startswith("No fit yet")
    assert len(window.history_panel.agreement_values) == 0


def test_hiding_the_truth_from_the_view_menu(window, truth_file):
    window.truth_commands.open_truth(truth_file)
    window.actions["truth_shown"].trigger()
    assert window.plot.truth_overlay.outlines is None
    window.actions["truth_shown"].trigger()
    assert window.plot.truth_overlay.outlines is not None


def test_dragging_a_true_mean_moves_it_by_the_drag_and_leaves_the_fit(qtbot, window, truth_file):
    from PySide6 import QtCore

    from tests.gui.conftest import widget_pos
    from tests.gui.plot.test_legend import _drag

    commands = window.truth_commands
    commands.open_truth(truth_file)
    commands.sample(300, seed=0)
    window.actions["initialise"].trigger()
    wait_idle(qtbot, window)
    fit = window.session.mixture_on_screen()
    window.actions["truth_drag"].trigger()
    assert window.surgery.handles.positions.size == 0          # the fit's handles make way
    plot = window.plot
    plot.view_box.setRange(xRange=(-4, 16), yRange=(-4, 16), padding=0)
    qtbot.wait(100)
    start = QtCore.QPoint(*widget_pos(plot, *TRUTH.means[1]))
    end = start + QtCore.QPoint(-40, 30)

    def data_at(pixel):
        point = plot.view_box.mapSceneToView(plot.mapToScene(pixel))
        return np.array([point.x(), point.y()])

    _drag(qtbot, plot, start, end)
    moved = window.session.truth.mixture
    np.testing.assert_allclose(moved.means[1] - TRUTH.means[1], data_at(end) - data_at(start), rtol=1e-9)
    np.testing.assert_array_equal(moved.means[[0, 2]], TRUTH.means[[0, 2]])
    assert window.session.mixture_on_screen() is fit
    window.actions["truth_drag"].trigger()
    assert commands.handles.positions.size == 0 and window.surgery.handles.positions.size > 0


def test_the_fit_s_handles_follow_the_mixture_on_screen_when_sampling_replaces_the_points(qtbot, window, truth_file,
                                                                                          faithful):
    window.truth_commands.open_truth(truth_file)
    window.set_points(faithful, ("eruptions", "waiting"))
    window.actions["initialise"].trigger()
    wait_idle(qtbot, window)
    handles = window.surgery.handles
    assert handles.mixture == window.session.mixture_on_screen() and len(handles.positions) == 2
    assert window.truth_commands.sample(300, seed=1)
    assert window.session.mixture_on_screen() is None
    assert handles.mixture is None and len(handles.positions) == 0
    window.actions["initialise"].trigger()
    wait_idle(qtbot, window)
    assert handles.mixture == window.session.mixture_on_screen() and len(handles.positions) == 2


def test_sampling_draws_off_the_gui_thread_and_cancel_leaves_the_points(qtbot, window, truth_file, monkeypatch):
    import threading

    from gmmviz.gui.model.truth import sample_job

    window.truth_commands.open_truth(truth_file)
    window.set_points(np.array([[50.0, 50.0]]))
    threads = []

    def watched(*args):
        threads.append(threading.current_thread())
        return (yield from sample_job(*args))

    monkeypatch.setattr("gmmviz.gui.commands.truth_commands.sample_job", watched)
    assert window.truth_commands.sample(1000, seed=3)
    assert threads and threads[0] is not threading.main_thread()
    np.testing.assert_array_equal(window.session.points.X, TRUTH.sample(1000, seed=3)[0])
    window.actions["undo"].trigger()

    def cancel(job, parent, text):
        assert text == "Drawing 1000 points from the true mixture…"
        job.close()
        return False, None

    monkeypatch.setattr("gmmviz.gui.commands.truth_commands.run_with_progress", cancel)
    assert not window.truth_commands.sample(1000, seed=3)
    np.testing.assert_array_equal(window.session.points.X, [[50.0, 50.0]])


def test_the_commands_on_a_true_mixture_are_greyed_out_until_there_is_one(qtbot, window):
    actions = [window.actions[name] for name in ("truth_save", "truth_sample", "truth_clear")]
    assert not any(action.isEnabled() for action in actions)
    assert all("There is no true mixture" in action.toolTip() for action in actions)
    window.session.truth.set_mixture(Mixture(np.array([1.0]), np.zeros((1, 2)), np.eye(2)[None], "full"))
    assert all(action.isEnabled() for action in actions) and "no true mixture" not in actions[0].toolTip()
    window.actions["truth_clear"].trigger()
    assert not any(action.isEnabled() for action in actions)
