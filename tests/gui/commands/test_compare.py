"""EM ▸ Compare MLE and MAP in the window, and the collapse example."""

import numpy as np
import pytest
from PySide6 import QtCore

from tests.gui.conftest import wait_idle
from gmmviz.core import EM, Prior, fit
from gmmviz.io.datasets import COLLAPSE_POINT


def test_compare_shows_both_objective_values_of_the_core_fits(window, faithful):
    window.set_points(faithful, ("eruptions", "waiting"))
    window.actions["compare"].trigger()
    result = window.session.comparison.result
    assert window.session.comparison.mode and window.actions["compare"].isChecked()
    initial = EM(faithful, 2, seed=0).state.mixture
    prior = Prior.default(faithful, 2)
    mle, map_ = fit(faithful, 2, init=initial), fit(faithful, 2, init=initial, prior=prior)
    assert result.mle.objective == mle.log_likelihood
    assert result.map.objective == pytest.approx(map_.log_likelihood + prior.log_density(map_.mixture), rel=1e-12)
    entries = window.plot.legend_entries
    assert f"MLE: log-likelihood {mle.log_likelihood:.6g}" in entries
    assert f"MAP: log posterior {result.map.objective:.6g}" in entries
    assert f"log-likelihood {map_.log_likelihood:.6g}" in window.prior_panel.results.text()
    overlay = window.compare.overlay
    assert overlay.result.mle.mixture == mle.mixture and overlay.outlines("map").shape[:2] == (2, 2)
    assert window.plot.ellipses is None           # the two fits take the place of the plot's own


def test_while_comparing_the_fit_on_screen_has_no_handles_and_no_contours(qtbot, window, faithful):
    """Both belong to a fit whose ellipses the two compared fits replace: a drag would edit a fit not drawn."""
    window.set_points(faithful, ("eruptions", "waiting"))
    window.actions["initialise"].trigger()
    wait_idle(qtbot, window)
    handles = window.surgery.handles
    contours = "density contours:<br>25/50/75/95 % of mass"
    assert handles.positions.shape == (2, 5, 2) and contours in window.plot.legend_entries
    window.actions["compare"].trigger()
    assert window.session.comparison.result is not None
    assert handles.positions.shape == (0, 5, 2) and contours not in window.plot.legend_entries
    window.actions["contours"].trigger()            # View ▸ Density contours, off and on while comparing
    window.actions["contours"].trigger()
    assert contours not in window.plot.legend_entries and window.plot.ellipses is None
    window.actions["compare"].trigger()
    assert handles.positions.shape == (2, 5, 2) and contours in window.plot.legend_entries


def test_compare_off_leaves_no_numbers_of_the_fits_no_longer_drawn_and_on_again_shows_them(window, faithful):
    window.set_points(faithful, ("eruptions", "waiting"))
    window.actions["compare"].trigger()
    shown = window.prior_panel.results.text()
    assert "MAP" in shown
    window.actions["compare"].trigger()
    assert "MAP:" not in window.prior_panel.results.text() and "log-likelihood" not in window.prior_panel.results.text()
    window.actions["compare"].trigger()
    assert window.prior_panel.results.text() == shown


def test_mle_is_solid_map_dashed_and_the_toggle_swaps_which_is_in_front(window, faithful):
    from PySide6 import QtCore

    window.set_points(faithful, ("eruptions", "waiting"))
    window.actions["compare"].trigger()
    overlay = window.compare.overlay
    assert {pen.style() for pen in overlay.curve_pens("mle")} == {QtCore.Qt.PenStyle.SolidLine}
    assert {pen.style() for pen in overlay.curve_pens("map")} == {QtCore.Qt.PenStyle.DashLine}
    alphas = {kind: {pen.color().alpha() for pen in overlay.curve_pens(kind)} for kind in ("mle", "map")}
    assert alphas["map"] == {255} and alphas["mle"] != {255}
    window.actions["compare_mle_in_front"].trigger()
    assert window.session.comparison.front == "mle"
    assert {pen.color().alpha() for pen in overlay.curve_pens("mle")} == {255}
    window.actions["compare"].trigger()
    assert overlay.curve_pens("mle") == [] and window.plot.ellipses is None      # no fit of its own yet


def test_the_collapse_example_climbs_with_mle_and_stays_finite_with_map(qtbot, window):
    window.actions["data_collapse"].trigger()
    assert window.session.settings.n_components == 3 and not window.session.settings.prior
    window.run_to_convergence()
    wait_idle(qtbot, window)
    values = window.session.history.log_likelihoods()
    values = values[np.isfinite(values)]
    assert np.all(np.diff(values) >= 0) and values[-1] - values[0] > 40       # the curve climbs
    assert np.allclose(window.plot.warning_marks, [COLLAPSE_POINT])          # the collapsed one is marked
    window.actions["compare"].trigger()
    result = window.session.comparison.result
    assert result.mle.degenerate and not result.map.degenerate
    assert np.allclose(window.compare.overlay.warning_marks, [COLLAPSE_POINT])
    k = int(np.argmin(np.linalg.norm(result.map.mixture.means - COLLAPSE_POINT, axis=1)))
    assert np.linalg.norm(result.map.mixture.means[k] - COLLAPSE_POINT) < 0.1
    assert np.sqrt(np.linalg.det(result.map.mixture.full_covariances[k])) > 0.1
    assert result.mle.mixture == window.session.live.mixture                 # MLE is the run in the window
    mle, map_, prior = window.plot.legend_entries[-3:]           # the fits compared, then the prior's ellipse
    assert "degenerate" in mle and "degenerate" not in map_ and prior == "prior: μ₀, Λ (1σ)"


def test_comparing_while_em_runs_is_refused_in_one_line_until_the_run_ends(qtbot, window, faithful):
    window.set_points(faithful, ("eruptions", "waiting"))
    window.settings_panel.speed.setValue(0)
    window.toggle_play()
    window.actions["compare"].trigger()
    assert "EM is running" in window.notices.text()
    assert window.session.comparison.result is None and not window.actions["compare"].isChecked()
    window.toggle_play()                            # paused: what the notice said no longer holds
    wait_idle(qtbot, window)
    assert not window.notices.isVisible()
    window.session.set_setting("n_components", 1)
    window.toggle_play()
    qtbot.keyClick(window, QtCore.Qt.Key.Key_Minus)     # a refusal for another reason than the run
    window.toggle_play()
    wait_idle(qtbot, window)
    assert window.notices.isVisible() and window.notices.text().startswith("K is already 1")


def test_the_comparison_survives_a_session_round_trip(qtbot, window, tmp_path):
    from gmmviz.gui.main_window import MainWindow

    window.actions["data_collapse"].trigger()
    window.actions["compare"].trigger()
    window.actions["compare_mle_in_front"].trigger()
    path = tmp_path / "lab.gmmviz"
    window.file_commands.save_session(path)
    other = MainWindow()
    qtbot.addWidget(other)
    other.file_commands.open_session(path)
    saved, opened = window.session.comparison, other.session.comparison
    assert (opened.mode, opened.front) == (True, "mle")
    for kind in ("mle", "map"):
        assert opened.result.fit(kind).objective == saved.result.fit(kind).objective
        np.testing.assert_allclose(opened.result.fit(kind).mixture.means, saved.result.fit(kind).mixture.means)
    assert other.plot.legend_entries[-2:] == window.plot.legend_entries[-2:]
    other.close()


def test_cancel_leaves_everything_as_it_was(window, faithful, monkeypatch):
    import gmmviz.gui.commands.compare as compare

    window.set_points(faithful, ("eruptions", "waiting"))
    monkeypatch.setattr(compare, "run_with_progress", lambda job, parent, text: (False, None))
    window.actions["compare"].trigger()
    assert window.session.comparison.result is None and not window.session.comparison.mode
    assert not window.actions["compare"].isChecked() and window.plot.legend_entries == []


def test_a_result_whose_points_changed_while_fitting_is_dropped(window, faithful, monkeypatch):
    import gmmviz.gui.commands.compare as compare

    window.set_points(faithful, ("eruptions", "waiting"))
    real = compare.run_with_progress

    def meanwhile(job, parent, text):
        done = real(job, parent, text)
        window.session.points.append([[3.0, 70.0]])     # as a click while the progress dialog was not up yet
        return done

    monkeypatch.setattr(compare, "run_with_progress", meanwhile)
    window.actions["compare"].trigger()
    assert window.session.comparison.result is None
    assert window.notices.text() == compare.CHANGED_MEANWHILE


def test_compare_fits_weighted_points_with_the_noise_component_as_the_core_does(window, faithful):
    window.set_points(faithful, ("eruptions", "waiting"))
    w = np.arange(len(faithful)) % 3 + 0.5
    window.session.weights.set_known(window.session.points.ids, w)
    window.session.set_setting("noise", True)
    window.actions["compare"].trigger()
    result = window.session.comparison.result
    initial = EM(faithful, 2, seed=0, noise=True, sample_weight=w).state.mixture
    prior = Prior.default(faithful, 2, w)
    mle = fit(faithful, 2, init=initial, noise=True, sample_weight=w)
    map_ = fit(faithful, 2, init=initial, prior=prior, noise=True, sample_weight=w)
    assert result.initial == initial and result.mle.mixture == mle.mixture and result.map.mixture == map_.mixture
    assert result.mle.objective == mle.log_likelihood


def _ink_rows(sample):
    """Rows of a legend sample that hold ink, painted alone."""
    from PySide6 import QtCore, QtGui, QtWidgets

    rect = sample.boundingRect()
    image = QtGui.QImage(int(rect.width()), int(rect.height()), QtGui.QImage.Format.Format_ARGB32)
    image.fill(QtCore.Qt.GlobalColor.transparent)
    painter = QtGui.QPainter(image)
    sample.paint(painter, QtWidgets.QStyleOptionGraphicsItem(), None)
    painter.end()
    alpha = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.width(), 4)[..., 3]
    return int(np.count_nonzero((alpha > 0).any(axis=1)))


def test_the_true_mixtures_key_is_its_ellipses_unlike_the_dashed_line_of_map(window, faithful):
    import pyqtgraph as pg

    window.set_points(faithful, ("eruptions", "waiting"))
    window.session.truth.set_mixture(fit(faithful, 2, seed=1).mixture)
    window.actions["compare"].trigger()
    [legend] = [item for item in window.plot.scene().items() if isinstance(item, pg.LegendItem)]
    samples = {label.text.split(":")[0].split(" (")[0]: sample for sample, label in legend.items}
    assert {"true mixture", "MLE", "MAP"} <= set(samples)
    line = _ink_rows(samples["MAP"])
    assert _ink_rows(samples["true mixture"]) > 3 * line        # two rings about one centre, not a line


def test_the_collapse_examples_notice_hides_none_of_its_points(qtbot, window):
    from PySide6 import QtCore

    from tests.gui.conftest import widget_pos

    window.actions["data_collapse"].trigger()
    qtbot.waitUntil(lambda: window.notices.isVisible())
    plot = window.plot
    notices = window.notices
    notice_bottom = plot.mapFromGlobal(notices.mapToGlobal(QtCore.QPoint(0, notices.height()))).y()
    tops = [widget_pos(plot, x, y)[1] for x, y in window.session.points.X]
    assert min(tops) > notice_bottom + 3                # a point's dot clear of the strip


def test_after_new_points_compare_is_unchecked_and_a_press_fits_both_again(window, faithful):
    window.set_points(faithful, ("eruptions", "waiting"))
    window.actions["compare"].trigger()
    assert window.actions["compare"].isChecked() and window.session.comparison.result is not None
    window.actions["data_collapse"].trigger()       # new points, then the example's prior values
    QtCore.QCoreApplication.processEvents()         # (new prior values fit both again, in compare mode only)
    assert window.session.comparison.result is None and not window.session.comparison.mode
    assert not window.actions["compare"].isChecked()           # nothing is compared on these points
    window.actions["compare"].trigger()
    assert window.actions["compare"].isChecked() and window.session.comparison.result is not None
    assert window.compare.overlay.outlines("map").shape[0] == 3      # the collapse example's K
