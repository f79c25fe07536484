"""Choose K and Restarts in the window: the sweep's numbers, loading a candidate, refusals."""

import json
from importlib.resources import as_file, files

import numpy as np
import pytest
from PySide6 import QtCore

from gmmviz.cli import main
from gmmviz.core import fit, select
from gmmviz.core.covariance import COVARIANCE_TYPES
from gmmviz.gui.panels.choose_k_panel import candidate_text
from gmmviz.gui.panels.settings_panel import PLAY_SPEEDS
from gmmviz.gui.render.palette import mix_colors, mixture_colors
from gmmviz.io import read_mixture
from gmmviz.io.session import load_session
from tests.gui.conftest import wait_idle


@pytest.fixture
def faithful_window(window, faithful):
    window.set_points(faithful, ("eruptions", "waiting"))
    window.candidates.show_choose_k()
    return window




def weigh(window, faithful):
    """Weights 0.5, 1.5, 2.5, 0.5, … for the window's points; returns them."""
    w = np.arange(len(faithful)) % 3 + 0.5
    window.session.weights.set_known(window.session.points.ids, w)
    return w


def test_a_weighted_sweep_with_noise_is_the_core_s_select_of_the_weighted_points(qtbot, faithful_window, faithful):
    w = weigh(faithful_window, faithful)
    faithful_window.session.set_setting("noise", True)
    faithful_window.session.selection.set_request(max_k=3, covariance_types=("full", "diag"), seed=2)
    assert faithful_window.candidates.run_sweep()
    wait_idle(qtbot, faithful_window)
    expected = select(faithful, range(1, 4), ("full", "diag"), seed=2, sample_weight=w, noise=True)
    assert faithful_window.session.selection.sweep.rows == expected.rows
    assert faithful_window.session.mixture_on_screen() == expected.best_fit.mixture


def test_weighted_restarts_are_the_core_s_weighted_fits_from_their_seeds(qtbot, faithful_window, faithful):
    w = weigh(faithful_window, faithful)
    session = faithful_window.session
    session.set_setting("n_components", 3)
    session.set_setting("seed", 5)
    session.restarts.set_count(3)
    assert faithful_window.candidates.run_restarts()
    wait_idle(qtbot, faithful_window)
    for restart in session.restarts.run.restarts:
        expected = fit(faithful, 3, seed=restart.seed, sample_weight=w)
        assert (restart.mixture, restart.log_likelihood) == (expected.mixture, expected.log_likelihood)


def test_the_sweep_on_old_faithful_has_the_numbers_of_gmmviz_select(qtbot, window, tmp_path, capsys):
    with as_file(files("gmmviz") / "resources" / "old_faithful.csv") as path:
        assert window.load_file(path)
        window.session.selection.set_request(max_k=6, n_init=2, seed=4)
        assert window.candidates.run_sweep()
        wait_idle(qtbot, window)
        rows = window.session.selection.sweep.rows
        out = tmp_path / "s.json"
        assert main(["select", str(path), "-k", "1-6", "--n-init", "2", "--seed", "4", "--json", str(out)]) == 0
    capsys.readouterr()
    document = json.loads((tmp_path / "s.json").read_text())
    assert [(r["n_components"], r["covariance_type"]) for r in document["rows"]] == \
           [(r.n_components, r.covariance_type) for r in rows]
    for expected, got in zip(document["rows"], rows):
        for name in ("log_likelihood", "bic", "aic", "icl"):
            assert expected[name] == getattr(got, name)
    best = rows[window.session.selection.best()]
    assert (best.n_components, best.covariance_type) == (document["best"]["n_components"],
                                                         document["best"]["covariance_type"])
    # the best is loaded, as gmmviz select reports it
    assert window.session.mixture_on_screen().n_components == best.n_components


def test_clicking_a_point_of_the_criterion_plot_loads_that_model_as_a_new_fit(qtbot, faithful_window):
    faithful_window.session.selection.set_request(max_k=4, covariance_types=("full", "diag"))
    assert faithful_window.candidates.run_sweep()
    wait_idle(qtbot, faithful_window)
    sweep = faithful_window.session.selection.sweep
    index = next(i for i, r in enumerate(sweep.rows) if (r.n_components, r.covariance_type) == (4, "diag"))
    panel = faithful_window.candidates.choose_k
    qtbot.mouseClick(panel.plot.viewport(), QtCore.Qt.MouseButton.LeftButton, pos=panel.candidate_pos(index))
    wait_idle(qtbot, faithful_window)
    session = faithful_window.session
    chosen = sweep.mixtures[index]
    assert session.mixture_on_screen() == chosen
    assert len(session.history) == 1 and session.history[0].mixture == chosen     # the history starts from it
    assert (session.settings.n_components, session.settings.covariance_type) == (4, "diag")
    np.testing.assert_allclose(faithful_window.plot.ellipses[:, 0, :-1].mean(axis=1), chosen.means, atol=1e-6)
    table = faithful_window.parameter_table.model()
    assert table.rowCount() == 4
    assert float(table.index(0, 0).data()) == pytest.approx(chosen.weights[0], rel=1e-3)
    # its log-likelihood is shown; whether EM converged is not judged before a step measures a change
    value = sweep.rows[index].log_likelihood
    assert faithful_window.status["objective"] == f"log-likelihood of iteration 0: {value:.6g}"
    assert faithful_window.status["converged"] == ""


def test_the_candidate_a_tip_names_is_the_one_a_click_loads_where_points_overlap(qtbot, faithful_window):
    faithful_window.session.selection.set_request(max_k=4, covariance_types=COVARIANCE_TYPES)
    assert faithful_window.candidates.run_sweep()
    wait_idle(qtbot, faithful_window)
    panel, rows = faithful_window.candidates.choose_k, faithful_window.session.selection.sweep.rows
    view = panel.plot.getPlotItem().getViewBox()
    positions = [panel.candidate_pos(i) for i in range(len(rows))]
    assert min((a - b).manhattanLength() for i, a in enumerate(positions) for b in positions[i + 1:]) < 13
    axes = view.viewRange()
    qtbot.mouseMove(panel.plot.viewport(), positions[0])        # K = 1 at the axes' end: the ring moves nothing
    qtbot.waitUntil(lambda: view.toolTip().startswith("K = 1"), timeout=3000)
    assert view.viewRange() == axes
    for index in [i for i, row in enumerate(rows) if row.n_components == 2]:    # where the types crowd together
        qtbot.mouseMove(panel.plot.viewport(), positions[index] + QtCore.QPoint(0, 1))
        qtbot.wait(25)              # pyqtgraph drops mouse moves that come faster than its rate limit
        qtbot.mouseMove(panel.plot.viewport(), positions[index])
        qtbot.waitUntil(lambda: view.toolTip().startswith(f"K = 2, {rows[index].covariance_type}"), timeout=3000)
        qtbot.mouseClick(panel.plot.viewport(), QtCore.Qt.MouseButton.LeftButton, pos=positions[index])
        wait_idle(qtbot, faithful_window)
        assert faithful_window.session.settings.covariance_type == rows[index].covariance_type


def test_hovering_a_candidate_shows_its_numbers_and_whether_it_collapsed(qtbot, faithful_window):
    faithful_window.session.selection.set_request(max_k=2, covariance_types=("full",))
    assert faithful_window.candidates.run_sweep()
    row = faithful_window.session.selection.sweep.rows[1]
    text = faithful_window.candidates.choose_k.hover_text(1)
    assert text == candidate_text(row, "bic", best=True)
    assert f"BIC {row.bic:.2f}" in text and f"AIC {row.aic:.2f}" in text and f"ICL {row.icl:.2f}" in text
    assert "degenerate" in candidate_text(row.__class__(**{**row.__dict__, "degenerate": (1,)}), "bic")


def test_a_sweep_is_refused_while_em_runs_and_em_goes_on(qtbot, faithful_window):
    faithful_window.session.set_setting("n_components", 3)
    faithful_window.settings_panel.speed.setValue(PLAY_SPEEDS.index(2.0))     # slow enough to be running still
    faithful_window.toggle_play()
    assert faithful_window.runner.is_running
    assert not faithful_window.candidates.run_sweep()
    assert "EM is running" in faithful_window.notices.text()
    assert faithful_window.runner.is_running and faithful_window.session.selection.sweep is None
    faithful_window.toggle_play()
    wait_idle(qtbot, faithful_window)


def test_changing_the_criterion_in_the_panel_marks_another_best_and_names_the_axis(qtbot, faithful_window):
    faithful_window.session.selection.set_request(max_k=3, covariance_types=("spherical",))
    assert faithful_window.candidates.run_sweep()
    panel = faithful_window.candidates.choose_k
    panel.criterion.setCurrentIndex(panel.criterion.findData("aic"))
    assert faithful_window.session.selection.request.criterion == "aic"
    assert "AIC (lower is better)" in panel.plot.getPlotItem().getAxis("left").labelText
    assert "Best by AIC" in panel.summary.text()


def restart_list(window):
    return [(r.seed, r.log_likelihood) for r in window.session.restarts.run.restarts]


def test_restarts_give_the_same_list_for_the_same_seed_and_the_best_is_loaded(qtbot, faithful_window):
    session = faithful_window.session
    session.set_setting("n_components", 3)
    session.set_setting("init", "random")
    session.set_setting("seed", 11)
    session.restarts.set_count(6)
    assert faithful_window.candidates.run_restarts()
    wait_idle(qtbot, faithful_window)
    first = restart_list(faithful_window)
    assert [seed for seed, _ in first] == list(range(11, 17))
    run = session.restarts.run
    assert session.mixture_on_screen() == run.restarts[run.best()].mixture
    assert faithful_window.candidates.run_restarts()
    wait_idle(qtbot, faithful_window)
    assert restart_list(faithful_window) == first


def test_the_best_restart_is_shown_as_fitted_points_coloured_and_its_log_likelihood_read_out(
        qtbot, faithful_window, faithful):
    session = faithful_window.session
    session.set_setting("n_components", 3)
    session.restarts.set_count(3)
    assert faithful_window.candidates.run_restarts()
    wait_idle(qtbot, faithful_window)
    best = session.restarts.run.restarts[session.restarts.run.best()]
    plot = faithful_window.plot
    expected = mix_colors(best.mixture.predict_proba(faithful), mixture_colors(best.mixture))
    np.testing.assert_allclose(plot.colors[:, :3], expected[:, :3], atol=1)
    assert len(np.unique(plot.colors[:, :3], axis=0)) > 3            # not one grey for every point
    assert faithful_window.status["objective"] == f"log-likelihood of iteration 0: {best.log_likelihood:.6g}"
    faithful_window.actions["m_step"].trigger()                      # EM goes on from the loaded fit
    wait_idle(qtbot, faithful_window)
    assert session.state_on_screen().phase == "m"


def test_a_loaded_restart_is_recorded_as_started_from_given_parameters(qtbot, faithful_window, tmp_path):
    window, session = faithful_window, faithful_window.session
    window.actions["run"].trigger()
    wait_idle(qtbot, window)
    window.file_commands.export_parameters(tmp_path / "run.json")
    assert read_mixture(tmp_path / "run.json")[1]["init"] == "kmeans"
    session.restarts.set_count(2)
    assert window.candidates.run_restarts()
    wait_idle(qtbot, window)
    window.file_commands.export_parameters(tmp_path / "restart.json")
    assert read_mixture(tmp_path / "restart.json")[1]["init"] == "parameters"   # kmeans with this seed is not it
    window.file_commands.save_session(tmp_path / "restart.gmmviz")
    best = session.restarts.run.restarts[session.restarts.run.best()]
    assert load_session(tmp_path / "restart.gmmviz").settings.init == best.mixture
    # opened again, the panel shows the initialisation it showed, so a new K still has a way to start
    window.file_commands.open_session(tmp_path / "restart.gmmviz")
    assert session.settings.init == "kmeans" and window.settings_panel.init.currentText() == "kmeans"
    window.actions["k_up"].trigger()
    assert session.settings.n_components == 3 and window.actions["initialise"].isEnabled()
    window.file_commands.export_parameters(tmp_path / "reopened.json")
    assert read_mixture(tmp_path / "reopened.json")[1]["init"] == "parameters"   # the fit on screen still is


def test_clicking_a_restart_loads_that_solution(qtbot, faithful_window):
    session = faithful_window.session
    session.set_setting("n_components", 3)
    session.set_setting("init", "random")
    session.restarts.set_count(5)
    assert faithful_window.candidates.run_restarts()
    wait_idle(qtbot, faithful_window)
    run = session.restarts.run
    index = min(range(5), key=lambda i: run.restarts[i].log_likelihood)       # the worst, not the one loaded
    faithful_window.candidates.show_restarts()
    panel = faithful_window.candidates.restarts
    qtbot.mouseClick(panel.plot.viewport(), QtCore.Qt.MouseButton.LeftButton, pos=panel.restart_pos(index))
    wait_idle(qtbot, faithful_window)
    assert session.mixture_on_screen() == run.restarts[index].mixture
    assert len(session.history) == 1
    assert f"seed {run.restarts[index].seed}" in panel.hover_text(index)


def test_an_open_choose_k_panel_stays_in_presentation_mode_scaled_and_a_closed_one_stays_closed(qtbot, faithful_window):
    restarts_dock = faithful_window.candidates.docks["restarts"]
    assert not restarts_dock.isVisible()
    panel = faithful_window.candidates.choose_k
    normal = panel.plot.getPlotItem().getAxis("left").style["tickFont"].pointSizeF()
    faithful_window.presentation.set_active(True)
    assert faithful_window.candidates.docks["choose_k"].isVisible() and not restarts_dock.isVisible()
    scaled = panel.plot.getPlotItem().getAxis("left").style["tickFont"].pointSizeF()
    # scaled as the panel's text is, at most 1.75x: the dock is a quarter of the screen
    assert scaled == pytest.approx(normal * min(faithful_window.presentation.presentation_scale, 1.75))
    faithful_window.presentation.set_active(False)
    assert faithful_window.candidates.docks["choose_k"].isVisible()
    assert panel.plot.getPlotItem().getAxis("left").style["tickFont"].pointSizeF() == pytest.approx(normal)


def test_a_saved_session_brings_back_the_plot_and_a_click_loads_its_candidate(qtbot, faithful_window, tmp_path):
    faithful_window.session.selection.set_request(max_k=3, covariance_types=("diag",))
    assert faithful_window.candidates.run_sweep()
    wait_idle(qtbot, faithful_window)
    path = tmp_path / "choose-k.gmmviz"
    faithful_window.file_commands.save_session(path)
    rows = faithful_window.session.selection.sweep.rows
    faithful_window.session.load_points([[0.0, 0.0], [1.0, 2.0]])
    assert faithful_window.session.selection.sweep is None
    assert faithful_window.load_file(path)
    assert faithful_window.session.selection.sweep.rows == rows
    panel = faithful_window.candidates.choose_k
    assert "Best by BIC" in panel.summary.text()
    qtbot.mouseClick(panel.plot.viewport(), QtCore.Qt.MouseButton.LeftButton, pos=panel.candidate_pos(2))
    wait_idle(qtbot, faithful_window)
    assert faithful_window.session.mixture_on_screen().n_components == 3


def test_a_cancelled_sweep_keeps_the_sweep_and_the_fit_shown_before(qtbot, faithful_window, monkeypatch):
    from gmmviz.gui.commands import candidates

    faithful_window.session.selection.set_request(max_k=2, covariance_types=("full",))
    assert faithful_window.candidates.run_sweep()
    wait_idle(qtbot, faithful_window)
    before, shown = faithful_window.session.selection.sweep, faithful_window.session.mixture_on_screen()

    def cancel(job, parent, text):
        next(job)           # the first candidate is fitted, then Cancel is pressed
        job.close()
        return False, None

    monkeypatch.setattr(candidates, "run_with_progress", cancel)
    faithful_window.session.selection.set_request(max_k=4)
    assert not faithful_window.candidates.run_sweep()
    assert faithful_window.session.selection.sweep is before
    assert faithful_window.session.mixture_on_screen() is shown


@pytest.mark.parametrize("front, behind", [("choose_k", "restarts"), ("restarts", "choose_k")])
def test_the_tab_in_front_stays_in_front_in_presentation_mode(qtbot, faithful_window, front, behind):
    docks = faithful_window.candidates.docks
    faithful_window.candidates.show_restarts()
    docks[front].raise_()

    def in_front():     # a tab behind another is shown but has no visible region
        return not docks[front].visibleRegion().isEmpty() and docks[behind].visibleRegion().isEmpty()

    qtbot.waitUntil(in_front)
    faithful_window.presentation.set_active(True)
    qtbot.wait(50)
    assert in_front() and docks[behind].isVisible()
    faithful_window.presentation.set_active(False)
    qtbot.wait(200)
    assert in_front()


def test_unticking_the_last_covariance_type_says_why_it_stays_ticked(faithful_window):
    panel = faithful_window.candidates.choose_k
    faithful_window.session.selection.set_request(covariance_types=("diag",))
    panel.types["diag"].setChecked(False)
    assert panel.types["diag"].isChecked()
    assert faithful_window.notices.text() == ("Choose K fits at least one covariance type: tick another "
                                              "before unticking diag.")
