"""File ▸ Export and sessions on a real fitted window: every file read back and compared with the screen."""

import csv
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from PIL import Image
from PySide6 import QtCore, QtWidgets

from tests.gui.conftest import click_at, wait_idle
from gmmviz.core import GmmvizError
from gmmviz.gui.commands import file_commands
from gmmviz.gui.plot.point_tools import Tool
from gmmviz.gui.render.palette import component_colors
from gmmviz.io import read_mixture
from gmmviz.io.session import load_session


@pytest.fixture
def fitted(qtbot, window, faithful):
    """A window with Old Faithful, K = 2, seed 0, run to convergence, and its file commands."""
    commands = window.file_commands
    window.set_points(faithful, ("eruptions", "waiting"))
    window.settings_panel.n_components.setValue(2)
    window.actions["run"].trigger()
    wait_idle(qtbot, window)
    assert len(window.session.history) > 2
    return window, commands


def test_parameters_json_equals_the_parameters_on_screen(tmp_path, fitted):
    window, commands = fitted
    window.session.show_iteration(2)
    path = tmp_path / "mixture.json"
    commands.export_parameters(path)
    mixture, record = read_mixture(path)
    shown = window.plot.mixture
    for name in ("weights", "means", "full_covariances"):
        np.testing.assert_allclose(getattr(mixture, name), getattr(shown, name), rtol=0, atol=1e-12)
    assert record["n_iter"] == 2
    assert record["columns"] == ["eruptions", "waiting"]
    assert record["log_likelihood"] == pytest.approx(shown.log_likelihood(window.session.points.X), rel=1e-12)


def test_parameters_json_of_weighted_points_counts_their_weights(tmp_path, qtbot, window, faithful):
    weights = np.where(np.arange(len(faithful)) < 50, 5.0, 1.0)
    window.set_points(faithful, ("eruptions", "waiting"))
    window.session.weights.set_known(window.session.points.ids, weights, "w")
    window.actions["run"].trigger()
    wait_idle(qtbot, window)
    path = tmp_path / "mixture.json"
    window.file_commands.export_parameters(path)
    mixture, record = read_mixture(path)
    assert record["log_likelihood"] == pytest.approx(weights @ mixture.score_samples(faithful), rel=1e-12)


def test_labels_csv_has_a_row_per_point_with_the_responsibilities_on_screen(tmp_path, fitted):
    window, commands = fitted
    path = tmp_path / "labels.csv"
    commands.export_labels(path)
    with open(path, newline="") as file:
        rows = list(csv.reader(file))
    assert rows[0] == ["eruptions", "waiting", "label", "p_1", "p_2"]     # the data's names
    values = np.array(rows[1:], dtype=float)
    assert len(values) == len(window.session.points.X)
    np.testing.assert_array_equal(values[:, :2], window.session.points.X)
    resp = window.plot.mixture.predict_proba(window.session.points.X)
    np.testing.assert_allclose(values[:, 3:], resp, atol=1e-15)
    np.testing.assert_array_equal(values[:, 2], resp.argmax(axis=1) + 1)


def test_a_decimal_comma_file_opens_and_the_window_says_what_was_detected(qtbot, tmp_path, window):
    path = tmp_path / "european.csv"
    path.write_text("eruptions;waiting\n3,6;79\n1,8;54\n3,333;74\n")
    assert window.file_commands.open_path(str(path))
    np.testing.assert_array_equal(window.session.points.X, [[3.6, 79], [1.8, 54], [3.333, 74]])
    assert window.session.points.columns == ("eruptions", "waiting")
    assert window.notices.text() == "european.csv: decimal comma, ';' between fields"


@pytest.mark.parametrize("side_panels", [False, True])
def test_png_of_the_plot_or_the_window(tmp_path, fitted, side_panels):
    window, commands = fitted
    plot_size, window_size = window.plot.size(), window.size()
    path = tmp_path / "plot.png"
    commands.export_image(path, side_panels=side_panels, width=700, height=500, scale=2)
    image = Image.open(path)
    assert image.size == (1400, 1000)
    colours = np.asarray(image.convert("RGB"), dtype=int).reshape(-1, 3)
    for rgb in component_colors(2)[:, :3]:      # the fitted components' points are in the picture
        assert (np.abs(colours - rgb).max(axis=1) <= 30).sum() > 200
    # the window gets its layout back (the status bar shrinks back at the next turn of the event loop)
    QtCore.QCoreApplication.processEvents()
    assert (window.plot.size(), window.size()) == (plot_size, window_size)
    assert window.plot.plot_item.getAxis("bottom").style["tickFont"].pointSizeF() == pytest.approx(9)  # and style


@pytest.mark.parametrize("side_panels", [False, True])
def test_svg_of_the_plot_or_the_window(tmp_path, fitted, side_panels):
    _, commands = fitted
    path = tmp_path / "plot.svg"
    commands.export_image(path, side_panels=side_panels)
    root = ET.parse(path).getroot()
    assert root.findall(".//{http://www.w3.org/2000/svg}path")


def test_gif_of_the_history_has_one_frame_per_iteration(tmp_path, fitted):
    window, commands = fitted
    shown = window.plot.mixture
    path = tmp_path / "run.gif"
    assert commands.export_gif(path, fps=5, width=480, height=360)
    gif = Image.open(path)
    assert gif.size == (480, 360)
    assert gif.n_frames == len(window.session.history)
    assert window.plot.mixture is shown  # drawn on a plot of its own


def test_cancelled_gif_leaves_no_file(tmp_path, fitted):
    _, commands = fitted
    path = tmp_path / "run.gif"
    assert commands.export_gif(path, width=300, height=240, progress=lambda done, total: done < 2) is False
    assert not path.exists()


def test_export_without_a_fit_is_one_clear_error(tmp_path, window):
    commands = window.file_commands
    with pytest.raises(GmmvizError, match="no fit"):
        commands.export_parameters(tmp_path / "m.json")
    with pytest.raises(GmmvizError, match="no EM run"):
        commands.export_gif(tmp_path / "m.gif")


def states_equal(a, b):
    return (a.iteration, a.phase, a.converged) == (b.iteration, b.phase, b.converged) and np.allclose(
        a.mixture.means, b.mixture.means, rtol=0, atol=1e-12) and np.allclose(
        a.mixture.weights, b.mixture.weights, rtol=0, atol=1e-15)


def test_session_save_then_open_in_a_new_window_restores_points_settings_and_history(
        qtbot, tmp_path, fitted):
    from gmmviz.gui.main_window import MainWindow

    window, commands = fitted
    window.settings_panel.tol.setValue(1e-4)
    window.settings_panel.seed.setValue(17)
    window.session.show_iteration(1)
    path = tmp_path / "lesson.gmmviz"
    commands.save_session(path)
    saved = load_session(path)
    assert [s.phase for s in saved.history[:5]] == ["init", "e", "m", "e", "m"]

    other = MainWindow()
    qtbot.addWidget(other)
    other.file_commands.open_session(path)
    np.testing.assert_array_equal(other.session.points.X, window.session.points.X)
    assert other.session.settings == window.session.settings
    assert len(other.session.history) == len(window.session.history)
    assert all(states_equal(a, b) for a, b in zip(other.session.history, window.session.history))
    np.testing.assert_array_equal(other.session.history.log_likelihoods(), window.session.history.log_likelihoods())
    assert other.plot.mixture is other.session.history[1].mixture  # iteration 1 on screen, as saved
    assert other.plot.plot_item.getAxis("bottom").labelText == "eruptions"
    assert not other.actions["aspect"].isChecked()      # named columns: no equal axes, as when the file was opened
    # stepping on continues from the iteration on screen
    other.actions["step"].trigger()
    wait_idle(qtbot, other)
    assert len(other.session.history) == 3
    other.close()


def test_a_session_with_tolerance_0_a_seed_above_2_31_and_tiny_numbers_saves_and_opens_as_it_was(
        qtbot, tmp_path, fitted):
    from gmmviz.gui.main_window import MainWindow

    window, commands = fitted
    for name, value in (("tol", 0.0), ("seed", 2**32 - 1), ("reg_covar", 1e-300)):
        window.session.set_setting(name, value)
    assert window.settings_panel.seed.text() == "4294967295" and window.settings_panel.reg_covar.text() == "1e-300"
    path = tmp_path / "exact.gmmviz"
    commands.save_session(path)
    other = MainWindow()
    qtbot.addWidget(other)
    other.file_commands.open_session(path)
    assert (other.session.settings.tol, other.session.settings.seed, other.session.settings.reg_covar) == (
        0.0, 2**32 - 1, 1e-300)
    assert other.settings_panel.tol.text() == "0.0" and other.settings_panel.seed.text() == "4294967295"
    other.close()


def test_a_setting_the_window_cannot_take_is_said_and_the_panel_keeps_the_old_value(window):
    window.settings_panel.tol.lineEdit().setText("-1")
    window.settings_panel.tol.editingFinished.emit()
    assert window.session.settings.tol == 1e-3 and window.settings_panel.tol.text() == "0.001"
    assert "Tol must be a finite number of at least 0, got -1.0." == window.notices.text()


def test_opening_a_damaged_session_changes_nothing(qtbot, tmp_path, fitted):
    window, commands = fitted
    path = tmp_path / "lesson.gmmviz"
    commands.save_session(path)
    path.write_text(path.read_text()[:-200])
    points, shown, n_states = window.session.points.X.copy(), window.plot.mixture, len(window.session.history)
    commands.open_path(str(path))
    assert window.last_error_box.isVisible() and "lesson.gmmviz" in window.last_error_box.text()
    np.testing.assert_array_equal(window.session.points.X, points)
    assert window.plot.mixture is shown and len(window.session.history) == n_states


def test_a_session_the_window_cannot_show_changes_nothing_and_the_dialog_names_the_file(qtbot, tmp_path, fitted):
    import json

    window, commands = fitted
    path = tmp_path / "many.gmmviz"
    commands.save_session(path)
    document = json.loads(path.read_text())
    document["truth"] = {"mixture": {"format": "gmmviz-mixture", "version": 2, "covariance_type": "full",
                                     "weights": [0.04] * 25, "means": [[i, 0] for i in range(25)],
                                     "covariances": [[[1, 0], [0, 1]]] * 25}, "labels": None}
    path.write_text(json.dumps(document))
    points, shown, n_states = window.session.points.X.copy(), window.plot.mixture, len(window.session.history)
    assert not commands.open_path(str(path))
    assert window.last_error_box.isVisible() and "many.gmmviz" in window.last_error_box.text()
    np.testing.assert_array_equal(window.session.points.X, points)
    assert window.plot.mixture is shown and len(window.session.history) == n_states
    assert window.session.truth.mixture is None


def test_drawn_points_are_unsaved_until_a_session_is_saved(qtbot, tmp_path, window, faithful, monkeypatch):
    commands = window.file_commands
    window.set_points(faithful, ("eruptions", "waiting"))
    window.plot.fit_view()
    assert not commands.has_unsaved_points()  # loaded data are in their file
    window.set_tool(Tool.ADD)
    click_at(qtbot, window.plot, 3.0, 70.0)
    assert commands.has_unsaved_points()

    answers, asked = [], []

    def question(parent, title, text, *args, **kwargs):
        asked.append(text)
        return answers.pop(0)

    monkeypatch.setattr(QtWidgets.QMessageBox, "question", question)
    answers.append(QtWidgets.QMessageBox.StandardButton.Cancel)
    assert commands.confirm_close() is False
    assert asked == ["The points are in no file: save them (and the fit) as a session before closing?"]
    answers.append(QtWidgets.QMessageBox.StandardButton.Discard)
    assert commands.confirm_close() is True
    path = tmp_path / "drawn.gmmviz"
    monkeypatch.setattr(QtWidgets.QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    answers.append(QtWidgets.QMessageBox.StandardButton.Save)
    assert commands.confirm_close() is True
    assert len(load_session(path).points) == len(faithful) + 1
    assert not commands.has_unsaved_points()


def test_recent_files_lists_saved_and_opened_sessions(tmp_path, fitted):
    window, commands = fitted
    first, second = tmp_path / "a.gmmviz", tmp_path / "b.gmmviz"
    commands.save_session(first)
    commands.save_session(second)
    commands.open_session(first)
    assert [p.rsplit("/", 1)[-1] for p in commands.recent.paths()[:2]] == ["a.gmmviz", "b.gmmviz"]
    second.unlink()
    commands.recent.menu.aboutToShow.emit()
    texts = [a.text() for a in commands.recent.menu.actions()]
    assert any("a.gmmviz" in t for t in texts) and not any("b.gmmviz" in t for t in texts)


def test_file_menu_has_the_session_and_export_commands(window):
    assert window.actions["save_session"].shortcut().toString() == "Ctrl+S"
    assert window.actions["open_session"].shortcut().toString() == "Ctrl+Shift+O"
    export_texts = [a.text() for a in window.menus["export"].actions() if not a.isSeparator()]
    assert len(export_texts) == 5
    file_texts = [a.text() for a in window.menus["file"].actions()]
    assert file_texts.index("&Save session") < file_texts.index("&Quit")


def test_quit_asks_about_drawn_points(qtbot, window, faithful, monkeypatch):
    window.set_points(faithful, ("eruptions", "waiting"))
    window.plot.fit_view()
    window.set_tool(Tool.ADD)
    click_at(qtbot, window.plot, 3.0, 70.0)
    answers = [QtWidgets.QMessageBox.StandardButton.Cancel, QtWidgets.QMessageBox.StandardButton.Discard]
    monkeypatch.setattr(QtWidgets.QMessageBox, "question", lambda *args, **kwargs: answers.pop(0))
    window.actions["quit"].trigger()
    assert window.isVisible()
    window.actions["quit"].trigger()
    assert not window.isVisible() and not answers


def test_a_session_file_given_as_points_file_opens_the_session(qtbot, tmp_path, fitted):
    """Drag and drop and ``gmmviz lesson.gmmviz`` go through load_file."""
    from gmmviz.gui.main_window import MainWindow

    window, commands = fitted
    path = tmp_path / "lesson.gmmviz"
    commands.save_session(path)
    other = MainWindow()
    qtbot.addWidget(other)
    assert other.load_file(path) is True
    np.testing.assert_array_equal(other.session.points.X, window.session.points.X)
    assert len(other.session.history) == len(window.session.history)
    other.close()


def test_export_menu_commands_ask_for_options_and_a_file(qtbot, tmp_path, fitted, monkeypatch):
    window, commands = fitted
    targets = iter([tmp_path / "menu", tmp_path / "run", tmp_path / "params"])
    monkeypatch.setattr(QtWidgets.QFileDialog, "getSaveFileName", lambda *a, **k: (str(next(targets)), ""))
    accepted = QtWidgets.QDialog.DialogCode.Accepted

    def accept_png(dialog):
        dialog.scale.setValue(1.5)
        return accepted

    monkeypatch.setattr(file_commands.ImageExportDialog, "exec", accept_png)
    window.actions["export_png"].trigger()
    size = window.plot.size()
    assert Image.open(tmp_path / "menu.png").size == (round(size.width() * 1.5), round(size.height() * 1.5))

    def accept_gif(dialog):
        dialog.width.setValue(320)
        dialog.height.setValue(240)
        return accepted

    monkeypatch.setattr(file_commands.GifExportDialog, "exec", accept_gif)
    window.actions["export_gif"].trigger()
    gif = Image.open(tmp_path / "run.gif")
    assert (gif.size, gif.n_frames) == ((320, 240), len(window.session.history))

    window.actions["export_parameters"].trigger()
    assert read_mixture(tmp_path / "params.json")[0].n_components == 2
