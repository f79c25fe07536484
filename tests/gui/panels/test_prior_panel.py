"""The Prior dock: its values reach the fit, Reset to defaults, refusals in one line."""

import numpy as np
import pytest
from PySide6 import QtCore

from tests.gui.conftest import wait_idle
from gmmviz.core import Prior, fit
from gmmviz.gui.model.prior_values import PriorValues


def _type(qtbot, panel, field, text):
    """Type ``text`` into a field of the Prior panel and leave it, as a user does."""
    edit = panel.fields[field]
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, QtCore.Qt.Key.Key_Return)


def test_the_panel_shows_the_core_defaults_for_the_points(window, faithful):
    window.set_points(faithful, ("eruptions", "waiting"))
    default = Prior.default(faithful, 2)
    fields = window.prior_panel.fields
    assert fields["mean_x"].text() == f"{default.mean[0]:.6g}" and fields["mean_y"].text() == f"{default.mean[1]:.6g}"
    assert fields["scale_xy"].text() == f"{default.scale[0, 1]:.6g}"
    assert [fields[name].text() for name in ("shrinkage", "dof", "dirichlet")] == ["0.01", "4", "1"]


def test_the_shown_defaults_follow_k_the_points_and_their_weights(window, faithful):
    window.set_points(faithful, ("eruptions", "waiting"))
    fields = window.prior_panel.fields

    def shown_scale():
        return [float(fields[name].text()) for name in ("scale_xx", "scale_xy", "scale_yy")]

    def expected_scale(prior):
        return pytest.approx([prior.scale[0, 0], prior.scale[0, 1], prior.scale[1, 1]], rel=1e-5)

    window.settings_panel.n_components.setValue(3)
    assert shown_scale() == expected_scale(Prior.default(faithful, 3))
    weights = np.where(np.arange(len(faithful)) < 100, 3.0, 1.0)
    window.session.weights.set_known(window.session.points.ids, weights)
    assert shown_scale() == expected_scale(Prior.default(faithful, 3, weights))
    window.settings_panel.n_components.setValue(4)
    assert shown_scale() == expected_scale(Prior.default(faithful, 4, weights))
    window.set_points(faithful[:100], ("eruptions", "waiting"))
    assert shown_scale() == expected_scale(Prior.default(faithful[:100], 4))
    assert float(fields["mean_x"].text()) == pytest.approx(faithful[:100, 0].mean(), rel=1e-5)


def test_values_typed_in_the_panel_reach_the_fit(qtbot, window, faithful):
    window.set_points(faithful, ("eruptions", "waiting"))
    panel = window.prior_panel
    _type(qtbot, panel, "shrinkage", "0.5")
    _type(qtbot, panel, "scale_yy", "100")
    panel.prior.click()
    assert window.session.settings.prior
    window.run_to_convergence()
    wait_idle(qtbot, window)
    default = Prior.default(faithful, 2)
    scale = default.scale.copy()
    scale[1, 1] = 100.0
    prior = Prior.default(faithful, 2, shrinkage=0.5, scale=scale)
    expected = fit(faithful, 2, seed=0, prior=prior)
    got = window.session.live.mixture
    np.testing.assert_allclose(got.means, expected.mixture.means, rtol=1e-12)
    np.testing.assert_allclose(got.covariances, expected.mixture.covariances, rtol=1e-12)
    before_last = window.session.history[-2].mixture    # the newest iteration's value is not known yet
    assert window.session.history.log_likelihoods()[-2] == pytest.approx(
        before_last.score_samples(faithful).sum() + prior.log_density(before_last), rel=1e-12)
    assert panel.fields["shrinkage"].font().bold() and not panel.fields["dof"].font().bold()


def test_reset_to_defaults_gives_back_the_core_defaults(qtbot, window, faithful):
    window.set_points(faithful, ("eruptions", "waiting"))
    panel = window.prior_panel
    _type(qtbot, panel, "dof", "9")
    _type(qtbot, panel, "mean_x", "2")
    assert window.session.settings.prior_values == PriorValues(dof=9.0, mean=(2.0, float(faithful[:, 1].mean())))
    assert panel.reset.isEnabled()
    panel.reset.click()
    assert window.session.settings.prior_values.is_default
    assert panel.fields["dof"].text() == "4" and panel.fields["mean_x"].text() == f"{faithful[:, 0].mean():.6g}"
    assert not panel.reset.isEnabled()


@pytest.mark.parametrize("field, text, notice", [
    ("shrinkage", "-1", "Prior: shrinkage must be a finite number greater than 0, got -1.0."),
    ("scale_xy", "100", "Prior: the scale must be a symmetric positive definite 2×2 matrix."),
    ("dof", "many", "Prior: ν (degrees of freedom) must be a number, got 'many'."),
])
def test_a_refused_value_is_one_line_and_changes_nothing(qtbot, window, faithful, field, text, notice):
    window.set_points(faithful, ("eruptions", "waiting"))
    panel = window.prior_panel
    before = panel.fields[field].text()
    _type(qtbot, panel, field, text)
    assert window.notices.text() == notice
    assert window.session.settings.prior_values.is_default
    assert panel.fields[field].text() == before


def test_the_prior_and_its_values_survive_a_session_round_trip(qtbot, window, faithful, tmp_path):
    from gmmviz.gui.main_window import MainWindow

    window.set_points(faithful, ("eruptions", "waiting"))
    _type(qtbot, window.prior_panel, "dof", "9")
    window.prior_panel.prior.click()
    window.file_commands.save_session(tmp_path / "prior.gmmviz")
    other = MainWindow()
    qtbot.addWidget(other)
    other.file_commands.open_session(tmp_path / "prior.gmmviz")
    assert other.session.settings.prior and other.session.settings.prior_values == PriorValues(dof=9.0)
    assert other.prior_panel.fields["dof"].text() == "9" and other.prior_panel.fields["dof"].font().bold()
    other.close()


def test_a_new_prior_value_puts_the_fit_on_screen_out_of_date(qtbot, window, faithful):
    window.set_points(faithful, ("eruptions", "waiting"))
    window.prior_panel.prior.click()
    window.run_to_convergence()
    wait_idle(qtbot, window)
    assert "out of date" not in " ".join(window.status.values())
    _type(qtbot, window.prior_panel, "shrinkage", "3")
    assert "out of date" in " ".join(window.status.values())


def test_a_value_set_completes_the_prior_from_the_weighted_points(qtbot, window, tmp_path):
    from gmmviz.gui.main_window import MainWindow

    X = np.random.RandomState(0).normal([1.0, -2.0], [1.0, 3.0], (40, 2))
    w = np.ones(40)
    w[:10] = 20.0
    window.set_points(X, ("x", "y"))
    window.session.weights.set_known(window.session.points.ids, w, "w")
    panel = window.prior_panel
    _type(qtbot, panel, "shrinkage", "0.5")
    panel.prior.click()
    prior = Prior.default(X, 2, sample_weight=w, shrinkage=0.5)
    assert panel.fields["mean_x"].text() == f"{prior.mean[0]:.6g}" and not panel.fields["mean_x"].font().bold()
    window.run_to_convergence()
    wait_idle(qtbot, window)
    expected = fit(X, 2, seed=0, prior=prior, sample_weight=w)
    np.testing.assert_allclose(window.session.live.mixture.means, expected.mixture.means, rtol=1e-12)
    window.file_commands.save_session(tmp_path / "weighted.gmmviz")
    other = MainWindow()
    qtbot.addWidget(other)
    other.file_commands.open_session(tmp_path / "weighted.gmmviz")
    assert other.session.settings.prior_values == PriorValues(shrinkage=0.5)
    other.close()
