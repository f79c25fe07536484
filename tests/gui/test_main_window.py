import gc
import json
from importlib.resources import files

import numpy as np
import pytest
from PySide6 import QtCore, QtWidgets

from tests.gui.conftest import click_at, new_thread_named, threads_named, two_clusters, wait_idle
from gmmviz.cli import main as cli_main
from gmmviz.core import EM, GmmvizError, fit
from gmmviz.gui.plot.point_tools import Tool


def _load(window, X):
    window.set_points(X, ("a", "b"))
    window.plot.fit_view()


def test_click_adds_a_point_there_and_undo_removes_it(qtbot, window):
    _load(window, two_clusters())
    n_before = len(window.session.points.X)
    window.set_tool(Tool.ADD)
    click_at(qtbot, window.plot, 1.25, -0.5)
    assert len(window.session.points.X) == n_before + 1
    pixel = np.array(window.plot.view_box.viewPixelSize())
    assert np.all(np.abs(window.session.points.X[-1] - [1.25, -0.5]) <= 1.5 * pixel)
    window.actions["undo"].trigger()
    assert len(window.session.points.X) == n_before
    window.actions["redo"].trigger()
    assert len(window.session.points.X) == n_before + 1


def test_navigate_tool_does_not_add_points(qtbot, window):
    _load(window, two_clusters())
    window.set_tool(Tool.NAVIGATE)
    click_at(qtbot, window.plot, 0.0, 0.0)
    assert len(window.session.points.X) == 300


def test_a_spray_stroke_is_one_undo_step(qtbot, window):
    _load(window, two_clusters())
    window.set_tool(Tool.SPRAY)
    box = window.plot.view_box
    for i, phase in enumerate((0, 1, 1, 1, 2)):
        box.stroked.emit(0.1 * i, 0.0, phase)
    assert len(window.session.points.X) == 300 + 5 * window.editor.spray_density
    window.actions["undo"].trigger()
    assert len(window.session.points.X) == 300


def test_erase_stroke_and_clear_can_be_undone(qtbot, window):
    X = two_clusters()
    _load(window, X)
    window.set_tool(Tool.ERASE)
    window.plot.view_box.stroked.emit(-3.0, 0.0, 0)
    window.plot.view_box.stroked.emit(-3.0, 0.0, 2)
    assert 0 < len(window.session.points.X) < 300
    window.actions["clear"].trigger()
    assert len(window.session.points.X) == 0
    window.actions["undo"].trigger()
    window.actions["undo"].trigger()
    np.testing.assert_array_equal(window.session.points.X, X)


def test_open_a_file_and_a_bad_file_keeps_points_and_fit(qtbot, window, tmp_path):
    path = tmp_path / "points.csv"
    path.write_text("u,v\n1,2\n3,4\n5,7\n0,1\n")
    assert window.load_file(path)
    np.testing.assert_array_equal(window.session.points.X, [[1, 2], [3, 4], [5, 7], [0, 1]])
    assert window.plot.plot_item.getAxis("bottom").labelText == "u"
    window.settings_panel.n_components.setValue(1)
    window.initialise()
    wait_idle(qtbot, window)
    fit_before = window.plot.mixture
    bad = tmp_path / "bad.csv"
    bad.write_text("only one column\n1\n2\n")
    assert not window.load_file(bad)
    assert window.last_error_box.isVisible()
    assert "bad.csv" in window.last_error_box.text() and "\n" not in window.last_error_box.text()
    assert len(window.session.points.X) == 4 and window.plot.mixture is fit_before
    # text from a file is never markup: an HTML header is shown as the characters it is
    html = tmp_path / "html.csv"
    html.write_text('<a href="http://example.org">click</a>\n1\n2\n')
    assert not window.load_file(html)
    assert window.last_error_box.textFormat() == QtCore.Qt.TextFormat.PlainText
    assert window.status_line.warnings.textFormat() == QtCore.Qt.TextFormat.PlainText


THREE_COLUMNS = np.array([[1, 2, 3], [4, 5, 6], [7, 8, 10]], dtype=float)


@pytest.mark.parametrize("name, names", [("three.csv", ["a", "b", "c"]), ("three.npy", ["0", "1", "2"])])
def test_column_picker_for_files_with_more_than_two_numeric_columns(qtbot, window, tmp_path, monkeypatch,
                                                                    name, names):
    from gmmviz.gui.commands import file_commands

    path = tmp_path / name
    if path.suffix == ".npy":
        np.save(path, THREE_COLUMNS)
    else:
        path.write_text("a,b,c\n1,2,3\n4,5,6\n7,8,10\n")
    offered = []

    def choose_third_then_first(dialog):
        offered.append([dialog.x.itemText(i) for i in range(dialog.x.count())])
        dialog.x.setCurrentIndex(2)
        dialog.y.setCurrentIndex(0)
        return QtWidgets.QDialog.DialogCode.Accepted

    monkeypatch.setattr(file_commands.ColumnPickerDialog, "exec", choose_third_then_first)
    assert window.load_file(path)
    assert offered == [names]
    np.testing.assert_array_equal(window.session.points.X, THREE_COLUMNS[:, [2, 0]])


def test_e_step_recolours_without_moving_ellipses_and_m_step_moves_them(qtbot, window):
    _load(window, two_clusters())
    window.actions["initialise"].trigger()
    wait_idle(qtbot, window)
    colors, ellipses = window.plot.colors.copy(), window.plot.ellipses.copy()
    window.actions["e_step"].trigger()
    wait_idle(qtbot, window)
    assert not np.array_equal(window.plot.colors, colors)
    np.testing.assert_array_equal(window.plot.ellipses, ellipses)
    colors = window.plot.colors.copy()
    window.actions["m_step"].trigger()
    wait_idle(qtbot, window)
    np.testing.assert_array_equal(window.plot.colors, colors)
    assert not np.allclose(window.plot.ellipses, ellipses)
    assert "after M-step" in window.status["iteration"]


def test_keyboard_drives_em(qtbot, window):
    _load(window, two_clusters())
    window.plot.setFocus()
    qtbot.keyClick(window, QtCore.Qt.Key.Key_I)
    wait_idle(qtbot, window)
    qtbot.keyClick(window, QtCore.Qt.Key.Key_Space)
    wait_idle(qtbot, window)
    assert len(window.session.history) == 2
    qtbot.keyClick(window, QtCore.Qt.Key.Key_Left)
    assert window.plot.mixture is window.session.history[0].mixture
    k = window.settings_panel.n_components.value()
    qtbot.keyClick(window, QtCore.Qt.Key.Key_Plus)
    assert window.settings_panel.n_components.value() == k + 1
    qtbot.keyClick(window, QtCore.Qt.Key.Key_C)
    assert window.settings_panel.covariance_type.currentText() == "tied"


def test_quick_taps_of_space_are_each_a_step(qtbot, window):
    _load(window, two_clusters())
    window.plot.setFocus()
    qtbot.keyClick(window, QtCore.Qt.Key.Key_I)
    wait_idle(qtbot, window)
    for _ in range(3):          # no event loop in between: the first step is still running at the others
        qtbot.keyClick(window.plot, QtCore.Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.session.state_on_screen().iteration == 3 and not window.runner.is_running)
    qtbot.wait(50)
    assert window.session.state_on_screen().iteration == 3 and not window.runner.is_running
    assert window.notices.text() == ""      # nothing was refused


@pytest.mark.parametrize("covariance_type", ["full", "diag"])
def test_run_to_convergence_matches_the_fit_command(qtbot, window, faithful, covariance_type, tmp_path):
    _load(window, faithful)
    panel = window.settings_panel
    panel.n_components.setValue(3)
    panel.covariance_type.setCurrentText(covariance_type)
    panel.seed.setValue(7)
    window.actions["run"].trigger()
    wait_idle(qtbot, window)
    out = tmp_path / "fit.json"
    assert cli_main(["fit", str(files("gmmviz") / "resources" / "old_faithful.csv"),
                     "-k", "3", "--covariance", covariance_type, "--seed", "7", "--json", str(out)]) == 0
    expected = json.loads(out.read_text())
    shown = window.plot.mixture
    np.testing.assert_allclose(shown.means, expected["means"], rtol=1e-12)
    np.testing.assert_allclose(shown.weights, expected["weights"], rtol=1e-12)
    np.testing.assert_allclose(shown.full_covariances, expected["covariances"], rtol=1e-12)
    assert len(window.session.history) - 1 == expected["fit"]["n_iter"]
    assert window.status["converged"] == "converged"
    assert window.history_panel.n_decreases == 0


def test_map_prior_fits_the_posterior_mode_and_says_so(qtbot, window, faithful):
    _load(window, faithful)
    panel = window.settings_panel
    panel.n_components.setValue(2)
    panel.seed.setValue(3)
    window.actions["step"].trigger()
    wait_idle(qtbot, window)
    panel.prior.setChecked(True)        # the curve is still the maximum-likelihood fit's, and says so
    assert window.docks["history"].windowTitle() == "History: log-likelihood per iteration"
    window.actions["initialise"].trigger()
    wait_idle(qtbot, window)
    window.actions["run"].trigger()
    wait_idle(qtbot, window)
    expected = fit(faithful, 2, seed=3, prior=True)
    np.testing.assert_allclose(window.plot.mixture.means, expected.mixture.means, rtol=1e-12)
    assert window.status["objective"].startswith("log posterior")
    assert "log posterior" in window.docks["history"].windowTitle()
    assert window.history_panel.n_decreases == 0


def test_a_history_of_maximum_likelihood_then_map_names_each_value_as_it_was_computed(qtbot, window, faithful):
    _load(window, faithful)
    window.actions["run"].trigger()
    wait_idle(qtbot, window)
    last_mle = len(window.session.history) - 2          # the last iteration whose value is known
    window.settings_panel.prior.setChecked(True)
    window.actions["run"].trigger()                     # continues, now maximising the log posterior
    wait_idle(qtbot, window)
    assert window.docks["history"].windowTitle() == "History: log-likelihood (●) and log posterior (○)"
    curve, hollow = window.history_panel.plot.getPlotItem().listDataItems()[:2]     # its dots; the hollow ones
    drawn = curve.getData()[0].astype(int).tolist()
    over = hollow.getData()[0].astype(int).tolist()
    assert not [i for i in over if i <= last_mle] and set(drawn[last_mle + 2:]) <= set(over)
    assert {spot.brush().color().name() for spot in hollow.points()} == {"#ffffff"}
    assert window.status["objective"].startswith("log posterior of iteration")
    window.session.show_iteration(last_mle)             # back in the history: that value was a log-likelihood
    QtCore.QCoreApplication.processEvents()
    assert window.status["objective"].startswith(f"log-likelihood of iteration {last_mle}:")


def test_history_slider_shows_iteration_one_again(qtbot, window, faithful):
    _load(window, faithful)
    window.actions["run"].trigger()
    wait_idle(qtbot, window)
    assert len(window.session.history) > 3
    window.history_panel.slider.setValue(1)
    first = window.session.history[1].mixture
    assert window.plot.mixture is first
    np.testing.assert_allclose(window.plot.ellipses[:, 0, :-1].mean(axis=1), first.means, atol=1e-9)
    assert "iteration 1 (history)" in window.status["iteration"]
    from gmmviz.gui.render.palette import component_colors, mix_colors

    np.testing.assert_array_equal(window.plot.colors, mix_colors(first.predict_proba(faithful),
                                                                 component_colors(2)))
    # stepping from a past iteration continues from it and drops the later ones
    window.actions["step"].trigger()
    wait_idle(qtbot, window)
    assert len(window.session.history) == 3
    assert window.session.history[2].iteration == 2


def test_editing_points_during_a_run_stops_it_and_keeps_the_fit(qtbot, window):
    X = two_clusters(20000)
    _load(window, X)
    window.settings_panel.tol.setValue(0.0)
    window.settings_panel.max_iter.setValue(100000)
    window.actions["play"].trigger()
    qtbot.waitUntil(lambda: len(window.session.history) >= 2, timeout=20000)
    window.session.points.append([[0.0, 0.0]])
    assert not window.runner.is_running
    assert window.plot.mixture is not None
    assert len(window.plot.colors) == len(X) + 1
    n_history = len(window.session.history)
    window.actions["step"].trigger()          # continues from the mixture on screen
    wait_idle(qtbot, window)
    assert len(window.session.history) == n_history + 1


def test_closing_during_a_run_on_many_points_stops_the_thread(qtbot, faithful):
    from gmmviz.gui.main_window import MainWindow

    others = threads_named("gmmviz-em")
    window = MainWindow()
    window.show()
    worker = new_thread_named(qtbot, "gmmviz-em", others)
    rng = np.random.default_rng(0)
    window.set_points(rng.normal(size=(50_000, 2)) * [1, 3])
    window.settings_panel.n_components.setValue(5)
    window.settings_panel.tol.setValue(0.0)
    window.settings_panel.max_iter.setValue(100000)
    window.actions["run"].trigger()
    qtbot.waitUntil(lambda: len(window.session.history) >= 1, timeout=30000)
    assert window.runner.is_running
    window.close()
    qtbot.waitUntil(lambda: worker not in threads_named("gmmviz-em"), timeout=2000)
    assert not window.runner.is_running


def test_data_menu_loads_old_faithful_and_changing_k_reinitialises(qtbot, window):
    window.actions["data_old_faithful"].trigger()
    assert len(window.session.points.X) == 272
    window.actions["run"].trigger()
    wait_idle(qtbot, window)
    assert window.plot.mixture.n_components == 2
    window.settings_panel.n_components.setValue(3)
    window.actions["step"].trigger()
    wait_idle(qtbot, window)
    assert window.plot.mixture.n_components == 3
    assert len(window.session.history) == 2


def test_m_step_without_e_step_is_disabled_says_why_and_its_key_says_so_over_the_plot(qtbot, window):
    _load(window, two_clusters())
    window.actions["initialise"].trigger()
    wait_idle(qtbot, window)
    m_step = window.actions["m_step"]
    assert not m_step.isEnabled() and "do an E-step (E) first" in m_step.toolTip()
    qtbot.keyClick(window, QtCore.Qt.Key.Key_M)
    assert "E-step" in window.notices.text() and window.notices.isVisible()
    # the notice lies over the plot, inside it, and the plot keeps its size
    assert window.notices.geometry().top() == window.plot.geometry().top()
    assert len(window.session.history) == 1
    window.actions["e_step"].trigger()
    wait_idle(qtbot, window)
    assert m_step.isEnabled()


def test_commands_without_points_are_disabled_and_space_says_why_until_there_are_points(qtbot, window, faithful):
    assert not window.actions["step"].isEnabled() and "no points" in window.actions["step"].toolTip()
    qtbot.keyClick(window, QtCore.Qt.Key.Key_Space)
    assert "There are no points" in window.notices.text() and window.notices.isVisible()
    window.set_points(faithful, ("eruptions", "waiting"))
    assert not window.notices.isVisible()           # it no longer holds
    qtbot.keyClick(window, QtCore.Qt.Key.Key_R)     # no run to reset
    assert window.notices.text() == "There is no run to reset yet: press Initialise (I) first."
    window.actions["initialise"].trigger()
    wait_idle(qtbot, window)
    assert not window.notices.isVisible()


def test_the_title_names_the_data_and_marks_unsaved_points(qtbot, window, tmp_path, faithful):
    assert window.windowTitle() == "gmmviz[*]" and not window.isWindowModified()
    path = tmp_path / "old_faithful.csv"
    path.write_text("eruptions,waiting\n" + "\n".join(f"{a},{b}" for a, b in faithful) + "\n")
    assert window.load_file(path)
    assert window.windowTitle() == "old_faithful.csv[*] — gmmviz" and not window.isWindowModified()
    click_at(qtbot, window.plot, 3.0, 70.0)
    assert window.isWindowModified()
    window.file_commands.save_session(tmp_path / "lesson.gmmviz")
    assert window.windowTitle() == "lesson.gmmviz[*] — gmmviz" and not window.isWindowModified()
    window.actions["data_old_faithful"].trigger()        # other data: a new session, not the lesson's file
    assert window.windowTitle() == "Old Faithful[*] — gmmviz" and window.session.file_path is None


def test_the_parameters_table_uses_the_data_column_names(qtbot, window, faithful):
    window.set_points(faithful, ("eruptions", "waiting"))
    window.actions["initialise"].trigger()
    wait_idle(qtbot, window)
    model = window.parameter_table.model()
    titles = [model.headerData(i, QtCore.Qt.Orientation.Horizontal) for i in range(model.columnCount())]
    assert titles == ["weight", "mean\neruptions", "mean\nwaiting", "var\neruptions", "cov\neruptions, waiting",
                      "var\nwaiting", "status"]


def test_after_clear_and_new_points_the_fit_is_visibly_out_of_date(qtbot, window):
    _load(window, two_clusters())
    window.actions["run"].trigger()
    wait_idle(qtbot, window)
    window.actions["clear"].trigger()
    (x0, x1), (y0, y1) = window.plot.view_box.viewRange()
    for fraction in (0.2, 0.5, 0.8):
        click_at(qtbot, window.plot, x0 + fraction * (x1 - x0), (y0 + y1) / 2)
    assert "out of date" in window.notices.text()
    assert "out of date" in window.status["iteration"]
    assert window.status["objective"] == "" and window.status["change"] == ""
    colours = window.plot.colors
    assert len(colours) == 3 and not (colours == colours[0]).all()      # coloured by the mixture shown
    window.actions["step"].trigger()                                      # and stepping brings numbers back
    wait_idle(qtbot, window)
    assert "out of date" not in window.status["iteration"]
    assert window.status["objective"].startswith("log-likelihood of iteration")
    assert window.notices.text() == ""              # and the notice that it was out of date goes
    window.actions["clear"].trigger()               # no points: nothing to continue, nothing offered
    assert window.notices.text() == "" and not window.actions["step"].isEnabled()


def test_a_new_k_or_covariance_type_says_the_fit_is_out_of_date_until_it_is_the_fit_s_again(qtbot, window):
    _load(window, two_clusters())
    window.actions["run"].trigger()
    wait_idle(qtbot, window)
    qtbot.keyClick(window, QtCore.Qt.Key.Key_Plus)                 # K = 3 over a fit with 2
    qtbot.waitUntil(lambda: window.notices.text().startswith("K is now 3: the fit has 2 components."))
    assert "out of date" in window.status["iteration"] and window.status["converged"] == ""
    qtbot.keyClick(window, QtCore.Qt.Key.Key_Minus)                # K = 2 again: the fit is the settings' fit
    qtbot.waitUntil(lambda: window.notices.text() == "")
    assert window.status["converged"] == "converged"
    window.settings_panel.covariance_type.setCurrentText("tied")
    qtbot.waitUntil(lambda: window.notices.text().startswith("The covariance type is now tied: Step (Space) continues"))
    assert "out of date" in window.status["iteration"]
    window.actions["step"].trigger()                               # continues as tied: the notice goes
    wait_idle(qtbot, window)
    assert window.notices.text() == "" and "out of date" not in window.status["iteration"]
    assert window.session.mixture_on_screen().covariance_type == "tied"


def test_with_the_points_changed_too_the_notice_says_so_again_once_k_is_the_fit_s(qtbot, window):
    _load(window, two_clusters())
    window.actions["run"].trigger()
    wait_idle(qtbot, window)
    window.session.add_points([[0.0, 0.0]])
    assert window.notices.text().startswith("The points changed")
    qtbot.keyClick(window, QtCore.Qt.Key.Key_Plus)
    qtbot.waitUntil(lambda: window.notices.text().startswith("K is now 3"))
    qtbot.keyClick(window, QtCore.Qt.Key.Key_Minus)
    qtbot.waitUntil(lambda: window.notices.text().startswith("The points changed"))


def test_hover_read_out_shows_responsibilities(qtbot, window):
    _load(window, two_clusters())
    window.actions["run"].trigger()
    wait_idle(qtbot, window)
    pos = window.plot.mapFromScene(window.plot.view_box.mapViewToScene(QtCore.QPointF(-3.0, 0.0)))
    qtbot.mouseMove(window.plot.viewport(), pos)
    qtbot.waitUntil(lambda: "P(1|x)" in window.plot.readout_text, timeout=3000)
    assert "p(x)" in window.plot.readout_text and "P(2|x)" in window.plot.readout_text


def test_a_collapsed_component_is_flagged_and_em_carries_on(qtbot, window):
    from gmmviz.core import Mixture

    rng = np.random.default_rng(1)
    X = np.concatenate([rng.normal(size=(200, 2)) * 3, np.zeros((40, 2))])
    _load(window, X)
    window.set_mixture(Mixture([0.2, 0.8], [[0, 0], [1, 1]], [np.eye(2) * 1e-3, np.eye(2) * 9]))
    wait_idle(qtbot, window)
    assert len(window.session.history) == 1 and window.session.history[0].iteration == 0
    for _ in range(2):
        window.actions["step"].trigger()
        wait_idle(qtbot, window)
    assert 0 in window.session.history[-1].degenerate
    assert "degenerate component" in window.status["warnings"]
    model = window.parameter_table.model()
    assert model.data(model.index(0, model.columnCount() - 1)) == "degenerate"
    window.actions["step"].trigger()
    wait_idle(qtbot, window)
    assert len(window.session.history) == 4


def test_dropping_a_file_loads_it(qtbot, window, tmp_path):
    from PySide6 import QtGui

    path = tmp_path / "dropped.txt"
    path.write_text("0 0\n1 1\n2 0.5\n")
    mime = QtCore.QMimeData()
    mime.setUrls([QtCore.QUrl.fromLocalFile(str(path))])
    event = QtGui.QDropEvent(QtCore.QPointF(10, 10), QtCore.Qt.DropAction.CopyAction, mime,
                             QtCore.Qt.MouseButton.NoButton, QtCore.Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    np.testing.assert_array_equal(window.session.points.X, [[0, 0], [1, 1], [2, 0.5]])


def test_blobs_and_moons_from_the_data_menu(qtbot, window, monkeypatch):
    monkeypatch.setattr(window.data_sets, "_ask", lambda title, fields: {"k": 4, "n": 500, "seed": 3})
    window.actions["data_blobs"].trigger()
    assert window.session.points.X.shape == (500, 2)
    window.actions["data_moons"].trigger()
    assert window.session.points.X.shape == (500, 2)
    window.actions["undo"].trigger()
    assert window.session.points.X.shape == (500, 2) and window.session.points.axis_names == ("x", "y")


def test_restore_history_shows_the_chosen_iteration_and_continues_from_it(qtbot, window, faithful):
    _load(window, faithful)
    window.actions["run"].trigger()
    wait_idle(qtbot, window)
    states = list(window.session.history)
    window.set_points(faithful, ("eruptions", "waiting"))      # starts over with no fit
    assert window.session.state_on_screen() is None
    window.session.restore(states, shown=2)
    assert window.session.shown_index == 2 and window.plot.mixture is states[2].mixture
    assert window.session.resp_on_screen().shape == (len(faithful), 2)
    window.actions["step"].trigger()
    wait_idle(qtbot, window)
    assert len(window.session.history) == 4 and window.session.shown_index is None


def test_reset_goes_back_to_the_initial_parameters_and_replays_the_run(qtbot, window, faithful):
    _load(window, faithful)
    window.actions["run"].trigger()
    wait_idle(qtbot, window)
    final = window.plot.mixture
    n_iterations = len(window.session.history)
    window.actions["reset"].trigger()
    assert len(window.session.history) == 1 and window.plot.mixture is window.session.history[0].mixture
    window.actions["run"].trigger()
    wait_idle(qtbot, window)
    assert len(window.session.history) == n_iterations
    np.testing.assert_array_equal(window.plot.mixture.means, final.means)


def test_a_random_start_that_stops_as_one_blob_is_explained(qtbot, window, faithful):
    window.set_points(faithful, ("eruptions", "waiting"))
    window.session.set_setting("init", "random")
    window.actions["run"].trigger()
    wait_idle(qtbot, window)
    assert window.session.live.converged and window.session.live.iteration <= 3
    assert "kmeans" in window.notices.text()


def test_more_components_than_points_is_said_over_the_plot(qtbot, window):
    window.set_points([[0.0, 0.0], [1.0, 1.0]])
    window.session.set_setting("n_components", 3)
    window.actions["initialise"].trigger()
    wait_idle(qtbot, window)
    assert "3 components need at least 3 points" in window.notices.text()


def test_about_names_the_version_and_the_licences(window, monkeypatch):
    from gmmviz import __version__

    shown = []
    monkeypatch.setattr(QtWidgets.QMessageBox, "about", lambda parent, title, text: shown.append(text))
    window.actions["about"].trigger()
    [text] = shown
    assert f"gmmviz {__version__}" in text
    for licence in ("MIT", "Qt and PySide6 (LGPLv3)", "pyqtgraph (MIT)", "NumPy (BSD-3-Clause)",
                    "scikit-learn (BSD-3-Clause)", "numba (BSD-2-Clause)"):
        assert licence in text


def test_a_refusal_of_em_itself_is_one_sentence_in_the_notice_strip(qtbot, window):
    X = np.random.RandomState(0).normal(size=(40, 2))
    window.set_points(X, ("x", "y"))
    window.session.weights.set_known(window.session.points.ids, np.zeros(40), "w")
    window.run_to_convergence()
    wait_idle(qtbot, window)
    with pytest.raises(GmmvizError) as refusal:
        EM(X, 2, sample_weight=np.zeros(40))
    message = str(refusal.value)
    assert window.notices.text() == f"{message[:1].upper()}{message[1:]}."


def test_a_closed_window_leaves_no_widget_behind(qtbot):
    from gmmviz.gui.main_window import MainWindow

    def top_level_widgets():
        QtCore.QCoreApplication.sendPostedEvents(None, QtCore.QEvent.Type.DeferredDelete)
        gc.collect()            # what the window's collector would do on its next tick
        return sorted(f"{type(widget).__name__} {widget.objectName()} {widget.windowTitle()}"
                      for widget in QtWidgets.QApplication.topLevelWidgets())

    before = top_level_widgets()
    window = MainWindow()
    window.show()
    qtbot.waitExposed(window)
    window.menus["file"].popup(QtCore.QPoint(0, 0))      # the menus, and Open recent, are built and shown
    window.menus["file"].close()
    window.close()
    window.deleteLater()
    del window
    assert top_level_widgets() == before


def test_minus_at_one_component_and_plus_at_the_most_say_so_in_the_keys_words(qtbot, window, faithful):
    window.set_points(faithful, ("eruptions", "waiting"))
    window.session.set_setting("n_components", 1)
    qtbot.keyClick(window, QtCore.Qt.Key.Key_Minus)
    assert window.notices.text() == "K is already 1: the window shows 1 to 20 components."
    assert window.session.settings.n_components == 1 and window.settings_panel.n_components.value() == 1
    window.session.set_setting("n_components", 20)
    qtbot.keyClick(window, QtCore.Qt.Key.Key_Plus)
    assert window.notices.text() == "K is already 20: the window shows 1 to 20 components."


def test_left_right_and_undo_keys_that_cannot_act_say_why(qtbot, window, faithful):
    control, none = QtCore.Qt.KeyboardModifier.ControlModifier, QtCore.Qt.KeyboardModifier.NoModifier
    for key, modifier, said in ((QtCore.Qt.Key.Key_Left, none, "There is no fit yet"),
                                (QtCore.Qt.Key.Key_Z, control, "There is nothing to undo.")):
        qtbot.keyClick(window, key, modifier)
        assert window.notices.text().startswith(said)
    window.set_points(faithful, ("eruptions", "waiting"))
    window.actions["initialise"].trigger()
    wait_idle(qtbot, window)
    assert not window.actions["history_back"].isEnabled() and not window.actions["history_forward"].isEnabled()
    qtbot.keyClick(window, QtCore.Qt.Key.Key_Left)
    assert window.notices.text() == "This is iteration 0, the first of the history."
    window.actions["step"].trigger()
    wait_idle(qtbot, window)
    qtbot.keyClick(window, QtCore.Qt.Key.Key_Right)
    assert window.notices.text() == "This is the newest iteration of the history."
    qtbot.keyClick(window, QtCore.Qt.Key.Key_Left)
    assert window.session.shown_index == 0


def test_a_refusal_goes_once_another_key_changes_a_setting(qtbot, window):
    """With no points, Shift+M is refused; C then changes the covariance type, and the refusal would read as its."""
    shift = QtCore.Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window, QtCore.Qt.Key.Key_M, shift)
    refused = window.notices.text()
    assert refused
    qtbot.keyClick(window, QtCore.Qt.Key.Key_C)
    assert window.session.settings.covariance_type == "tied" and window.notices.text() != refused


def test_esc_closes_the_notice_shown(qtbot, window):
    qtbot.keyClick(window, QtCore.Qt.Key.Key_Space)
    assert window.notices.isVisible()
    qtbot.keyClick(window, QtCore.Qt.Key.Key_Escape)
    assert not window.notices.isVisible()
