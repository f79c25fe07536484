"""The equation panel's numbers are the ones EM computes."""

import numpy as np
import pytest
from PySide6 import QtCore

from tests.gui.conftest import wait_idle
from gmmviz.core import EM
from gmmviz.gui.panels.equation_panel import step_numbers


def test_numbers_match_the_next_e_and_m_step(faithful):
    em = EM(faithful, 3, seed=1)
    mixture = em.state.mixture
    resp = em.e_step().resp
    after = em.m_step().mixture
    x = faithful[10]
    for k in range(3):
        numbers = step_numbers(faithful, mixture, k, x)
        assert numbers["r"] == pytest.approx(resp[10, k], abs=1e-12)
        assert numbers["numerator"] / numbers["total"] == pytest.approx(numbers["r"], rel=1e-12)
        assert numbers["nk"] == pytest.approx(resp[:, k].sum(), rel=1e-12)
        assert numbers["new_weight"] == pytest.approx(after.weights[k], rel=1e-10)
        np.testing.assert_allclose(numbers["new_mean"], after.means[k], rtol=1e-10)


@pytest.fixture
def panel(qtbot, window, faithful):
    window.set_points(faithful, ("eruptions", "waiting"))
    window.settings_panel.n_components.setValue(2)
    window.actions["initialise"].trigger()
    wait_idle(qtbot, window)
    panel = window.equation_panel
    window.actions["equations"].trigger()
    qtbot.waitUntil(panel.isVisible)
    return panel


def test_panel_shows_the_hovered_point_and_its_component(window, panel, faithful):
    x, y = faithful[0]
    panel.show_at(x, y)
    text = panel.label.text()
    mixture = window.plot.mixture
    k = int(mixture.predict_proba(faithful[:1]).argmax())
    numbers = step_numbers(faithful, mixture, k, faithful[0])
    assert "point 1 " in text and f"component {k + 1}" in text
    assert "(eruptions 3.6, waiting 79)" in text          # the data's own names, not x and y
    assert f"{numbers['r']:.4f}" in text and f"{numbers['nk']:.4g}" in text


def test_panel_follows_the_mouse(qtbot, window, panel, faithful):
    x, y = faithful[5]
    plot = window.plot
    pos = plot.mapFromScene(plot.view_box.mapViewToScene(QtCore.QPointF(x, y)))
    qtbot.mouseMove(plot.viewport(), pos)
    qtbot.waitUntil(lambda: "point 6 " in panel.label.text())


def test_panel_away_from_points_uses_the_cursor(window, panel):
    panel.show_at(10.0, 20.0)
    assert "the cursor" in panel.label.text()


def test_panel_follows_em_steps(qtbot, window, panel, faithful):
    x, y = faithful[0]
    panel.show_at(x, y)
    before = panel.label.text()
    window.actions["step"].trigger()
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: panel.label.text() != before)
    numbers = step_numbers(faithful, window.plot.mixture, int(window.plot.mixture.predict_proba(faithful[:1]).argmax()),
                           faithful[0])
    assert f"{numbers['nk']:.4g}" in panel.label.text()
