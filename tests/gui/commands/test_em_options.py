"""Weighted points, locks and the noise component in the window: what EM gets and what the plot shows."""

import numpy as np
import pytest
from PySide6 import QtCore, QtWidgets

from gmmviz.core import EM
from gmmviz.gui.commands import em_options, file_commands
from gmmviz.gui.model.session_file import apply_session, to_session
from gmmviz.gui.render.palette import NOISE_RGBA

from ..conftest import wait_idle


@pytest.fixture
def weighted_file(tmp_path, faithful):
    """Old Faithful with a weight column 1, 2, 3, 1, 2, 3, …; one row has no weight."""
    w = np.arange(len(faithful)) % 3 + 1.0
    lines = ["eruptions,waiting,count"] + [f"{x!r},{y!r},{int(c)}" for (x, y), c in zip(faithful.tolist(), w)]
    lines.append("3.0,70,")
    path = tmp_path / "weighted.csv"
    path.write_text("\n".join(lines) + "\n")
    return path, w


def pick_weights(monkeypatch, column):
    def accept(dialog):
        dialog.weight_column.setCurrentText(column)
        return QtWidgets.QDialog.DialogCode.Accepted

    monkeypatch.setattr(file_commands.ColumnPickerDialog, "exec", accept)


def run(qtbot, window):
    window.actions["run"].trigger()
    wait_idle(qtbot, window)
    return window.session.live


def test_the_picker_s_weight_column_weights_the_fit_and_the_points(qtbot, window, weighted_file, faithful,
                                                                   monkeypatch):
    path, w = weighted_file
    pick_weights(monkeypatch, "count")
    assert window.load_file(path)
    assert "skipped 1 row whose weight (column count)" in window.notices.text()
    np.testing.assert_array_equal(window.session.weights.for_points(), w)
    state = run(qtbot, window)
    expected = EM(faithful, 2, seed=0, sample_weight=w)
    for _ in expected.half_steps():
        pass
    np.testing.assert_allclose(state.mixture.means, expected.state.mixture.means, rtol=1e-12)
    assert em_options.WEIGHTS_NOTE in window.plot.legend_entries


def test_a_file_without_a_weight_column_fits_unweighted(window, faithful):
    window.set_points(faithful)
    assert window.session.weights.for_points() is None
    assert em_options.WEIGHTS_NOTE not in window.plot.legend_entries


def test_locks_in_the_table_reach_em_and_keep_their_parameters(qtbot, window, faithful):
    window.set_points(faithful)
    window.actions["initialise"].trigger()
    wait_idle(qtbot, window)
    start = window.session.live.mixture
    model = window.parameter_table.model_
    for column in (1, 3):       # the mean, then the covariance of component 1
        model.setData(model.index(0, column), QtCore.Qt.CheckState.Checked, QtCore.Qt.ItemDataRole.CheckStateRole)
    assert window.session.settings.freeze == {0: frozenset({"mean", "covariance"})}
    assert model.data(model.index(0, 2), QtCore.Qt.ItemDataRole.CheckStateRole) == QtCore.Qt.CheckState.Checked
    window.session.set_setting("init", "current parameters")
    state = run(qtbot, window)
    np.testing.assert_array_equal(state.mixture.means[0], start.means[0])
    np.testing.assert_array_equal(state.mixture.full_covariances[0], start.full_covariances[0])
    assert not np.array_equal(state.mixture.means[1], start.means[1])
    model.setData(model.index(0, 2), QtCore.Qt.CheckState.Unchecked, QtCore.Qt.ItemDataRole.CheckStateRole)
    assert window.session.settings.freeze == {0: frozenset({"covariance"})}


def test_setting_a_lock_to_the_state_it_has_keeps_it(qtbot, window, faithful):
    window.set_points(faithful)
    window.actions["initialise"].trigger()
    wait_idle(qtbot, window)
    model = window.parameter_table.model_
    checked, role = QtCore.Qt.CheckState.Checked, QtCore.Qt.ItemDataRole.CheckStateRole
    for _ in range(2):
        model.setData(model.index(0, 1), checked, role)
    assert window.session.settings.freeze == {0: frozenset({"mean"})}
    model.setData(model.index(0, 3), QtCore.Qt.CheckState.Unchecked, role)
    assert window.session.settings.freeze == {0: frozenset({"mean"})}
    assert model.data(model.index(0, 1), role) == checked


def test_the_noise_check_box_adds_the_noise_component_and_its_points_turn_grey(qtbot, window, faithful):
    X = np.vstack([faithful, [[-20.0, 300.0]]])
    window.set_points(X)
    window.settings_panel.noise.setChecked(True)
    assert window.session.settings.fit_settings().noise is True
    state = run(qtbot, window)
    assert state.mixture.has_noise
    assert state.mixture.predict(X[-1:]).tolist() == [-1]
    np.testing.assert_array_equal(window.plot.colors[-1][:3], NOISE_RGBA[:3])
    model = window.parameter_table.model_
    assert model.headerData(2, QtCore.Qt.Orientation.Vertical) == "noise"
    assert model.data(model.index(2, 0)) == f"{state.mixture.noise_weight:.4g}"
    assert em_options.NOISE_NOTE in window.plot.legend_entries


def test_weights_noise_and_locks_go_into_the_session_and_come_back(qtbot, window, faithful):
    window.set_points(faithful)
    session = window.session
    session.weights.set_known(session.points.ids, np.linspace(0.5, 2, len(faithful)))
    session.set_setting("noise", True)
    session.set_setting("freeze", {1: {"weight"}})
    run(qtbot, window)
    stored = to_session(session)
    assert stored.settings.noise is True and stored.settings.freeze == {1: frozenset({"weight"})}
    window.set_points(faithful[:50])
    session.set_setting("noise", False)
    apply_session(session, stored)
    assert session.settings.noise and session.settings.freeze == {1: frozenset({"weight"})}
    np.testing.assert_array_equal(session.weights.for_points(), np.linspace(0.5, 2, len(faithful)))
    assert session.state_on_screen().mixture.has_noise
