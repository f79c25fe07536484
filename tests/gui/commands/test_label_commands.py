"""Labels in the window: the label brush, Initialise from labels, the agreement with known labels, sessions."""

import numpy as np
import pytest
from PySide6 import QtCore, QtWidgets
from sklearn.datasets import load_iris
from sklearn.metrics import adjusted_rand_score, confusion_matrix
from sklearn.mixture._gaussian_mixture import _estimate_gaussian_parameters

from gmmviz.cli import main
from gmmviz.core.label_init import label_codes
from gmmviz.gui.plot.point_tools import Tool, points_within
from gmmviz.gui.render.palette import component_colors
from gmmviz.io import read_mixture
from tests.gui.conftest import wait_idle
from tests.gui.plot.test_legend import _drag


def three_clusters():
    rng = np.random.default_rng(3)
    return np.concatenate([rng.normal(centre, 0.6, (60, 2)) for centre in ((-4, 0), (0, 3), (4, 0))])


def pixel(plot, x, y):
    return plot.mapFromScene(plot.view_box.mapViewToScene(QtCore.QPointF(x, y)))


def brushed(window, x, y):
    """Ids of the points within the brush around data point (x, y)."""
    radii = np.array(window.plot.view_box.viewPixelSize()) * window.editor.brush_radius_px
    return set(window.session.points.ids[points_within(window.session.points.X, (x, y), radii)].tolist())


def open_with_labels(window, monkeypatch, path, x="petal_length", y="petal_width"):
    """Open ``path`` choosing ``x``, ``y`` and the label column the picker offers first; returns what it offered."""
    from gmmviz.gui.commands import file_commands

    offered = []

    def choose(dialog):
        offered.append(dialog.label_column.currentText())
        dialog.x.setCurrentText(x)
        dialog.y.setCurrentText(y)
        return QtWidgets.QDialog.DialogCode.Accepted

    monkeypatch.setattr(file_commands.ColumnPickerDialog, "exec", choose)
    assert window.load_file(path)
    return offered


def test_painting_with_the_brush_then_initialise_from_labels_is_the_m_step_of_those_labels(qtbot, window):
    window.set_points(three_clusters(), None, "Load")
    window.session.set_setting("n_components", 2)
    window.set_tool(Tool.LABEL)
    plot, commands = window.plot, window.label_commands
    assert window.actions["tool_label"].isChecked()
    window.brush_radius.setValue(60)                 # the spray and erase brush's radius, in pixels
    commands.component.setValue(1)
    # the stroke starts where the mouse has moved far enough to count as a drag: within the path
    along = set().union(*(brushed(window, x, 0) for x in np.linspace(-4.5, -3.3, 25)))
    middle = brushed(window, -3.9, 0)
    _drag(qtbot, plot, pixel(plot, -4.5, 0), pixel(plot, -3.3, 0))
    commands.component.setValue(2)
    expected_second = brushed(window, 4, 0)
    qtbot.mouseClick(plot.viewport(), QtCore.Qt.MouseButton.LeftButton, pos=pixel(plot, 4, 0))
    painted = window.session.labels.painted()
    ids = window.session.points.ids
    assert middle <= set(ids[painted == 0].tolist()) <= along and len(middle) > 5
    assert set(ids[painted == 1].tolist()) == expected_second and len(expected_second) > 5
    assert len(commands.layer.ringed) == np.count_nonzero(painted >= 0)
    assert len(window.session.points) == 180                     # painting never changes the points

    window.actions["initialise_labels"].trigger()
    wait_idle(qtbot, window)
    start = window.session.history[0].mixture
    X = window.session.points.X
    labelled = painted >= 0
    resp = np.eye(2)[painted[labelled]]
    nk, means, covariances = _estimate_gaussian_parameters(X[labelled], resp, 1e-6, "full")
    np.testing.assert_allclose(start.weights, nk / nk.sum(), rtol=1e-12)
    np.testing.assert_allclose(start.means, means, rtol=1e-12)
    np.testing.assert_allclose(start.covariances, covariances, rtol=1e-9)

    # one stroke is one undo step
    window.actions["undo"].trigger()
    assert not np.any(window.session.labels.painted() == 1)
    assert np.any(window.session.labels.painted() == 0)


def test_a_component_without_painted_points_is_refused_and_nothing_changes(qtbot, window):
    window.set_points(three_clusters(), None, "Load")
    window.session.set_setting("n_components", 3)
    window.set_tool(Tool.LABEL)
    qtbot.mouseClick(window.plot.viewport(), QtCore.Qt.MouseButton.LeftButton, pos=pixel(window.plot, 4, 0))
    assert not window.label_commands.initialise_from_labels()
    assert window.notices.text().startswith("Components 2, 3 have no labelled points: label at least one point for "
                                            "every component, or set K to 1")
    assert len(window.session.history) == 0


def test_iris_with_its_species_shows_scikit_learns_ari_and_matched_confusion_matrix(qtbot, window, monkeypatch,
                                                                                     iris_csv):
    assert open_with_labels(window, monkeypatch, iris_csv) == ["species"]
    dock = window.docks["label_agreement"]
    assert dock.isVisible() or dock.isVisibleTo(window)
    window.session.set_setting("n_components", 3)
    window.session.set_setting("seed", 0)
    window.actions["run"].trigger()
    wait_idle(qtbot, window)
    panel = window.label_commands.panel
    data = load_iris()
    X = np.ascontiguousarray(data.data[:, 2:])
    fitted = window.session.mixture_on_screen().predict(X)
    ari = adjusted_rand_score(data.target, fitted)
    assert panel.agreement.ari == pytest.approx(ari, abs=1e-15)
    assert f"Adjusted Rand index {ari:.4f}" in panel.text.splitlines()
    counts = confusion_matrix(data.target, fitted)
    columns = panel.agreement.confusion.components
    shown = [[int(panel.matrix.item(i, j).text()) for j in range(3)] for i in range(3)]
    np.testing.assert_array_equal(shown, counts[:, columns])
    assert [panel.matrix.verticalHeaderItem(i).text() for i in range(3)] == ["setosa", "versicolor", "virginica"]
    assert [panel.matrix.horizontalHeaderItem(j).text() for j in range(3)] == [f"fit {k + 1}" for k in columns]
    headers = [panel.matrix.horizontalHeaderItem(j) for j in range(3)]     # each column's colour, a swatch by it
    swatches = [header.icon().pixmap(8, 8).toImage().pixelColor(4, 4) for header in headers]
    assert [swatch.getRgb()[:3] for swatch in swatches] == [tuple(component_colors(3)[k][:3]) for k in columns]


def test_initialise_from_the_known_labels_equals_fit_init_labels(qtbot, window, monkeypatch, iris_csv, tmp_path):
    open_with_labels(window, monkeypatch, iris_csv)
    window.session.set_setting("covariance_type", "tied")
    window.actions["initialise_labels"].trigger()
    wait_idle(qtbot, window)
    assert main(["fit", str(iris_csv), "--columns", "petal_length,petal_width", "--init-labels", "species",
                 "--covariance", "tied", "--max-iter", "0", "--json", str(tmp_path / "start.json")]) == 0
    headless, _ = read_mixture(tmp_path / "start.json")
    start = window.session.history[0].mixture
    assert start.n_components == 3 and start.covariance_type == "tied"
    for name in ("weights", "means", "covariances"):
        np.testing.assert_allclose(getattr(start, name), getattr(headless, name), rtol=1e-12)


def test_known_and_painted_labels_survive_a_session_round_trip(qtbot, window, monkeypatch, iris_csv, tmp_path):
    open_with_labels(window, monkeypatch, iris_csv)
    window.set_tool(Tool.LABEL)
    window.label_commands.component.setValue(3)
    qtbot.mouseClick(window.plot.viewport(), QtCore.Qt.MouseButton.LeftButton, pos=pixel(window.plot, 5.0, 1.8))
    painted = window.session.labels.painted().copy()
    assert np.any(painted == 2)
    path = tmp_path / "iris.gmmviz"
    window.file_commands.save_session(path)
    window.set_points(three_clusters(), None, "Load")
    assert window.session.labels.known() is None and not window.session.labels.has_painted()
    window.file_commands.open_session(path)
    np.testing.assert_array_equal(window.session.labels.painted(), painted)
    species, _ = label_codes(load_iris().target_names[load_iris().target])
    assert label_codes(window.session.labels.known())[0].tolist() == species.tolist()
    assert window.session.labels.known_column == "species"


def test_data_iris_comes_with_its_species(qtbot, window, monkeypatch):
    from gmmviz.gui.commands.data_sets import DataSets

    monkeypatch.setattr(DataSets, "_ask", lambda self, title, fields: {"x": 2, "y": 3})
    window.actions["data_iris"].trigger()
    data = load_iris()
    assert window.session.labels.known().tolist() == data.target_names[data.target].tolist()
    assert window.session.labels.known_column == "species"
    assert window.docks["label_agreement"].isVisibleTo(window)


def test_a_file_with_a_column_besides_its_two_offers_it_as_labels(qtbot, window, monkeypatch, tmp_path):
    path = tmp_path / "groups.csv"
    path.write_text("x,y,group\n0,0,left\n0.5,1,left\n9,9,right\n9.5,8,\n")
    assert open_with_labels(window, monkeypatch, path, "x", "y") == ["group"]
    assert window.session.labels.known().tolist() == ["left", "left", "right", ""]
    path.write_text("x,y\n0,0\n1,1\n2,0\n")               # two columns: nothing to ask
    assert window.load_file(path)
    assert window.session.labels.known() is None


def test_exported_parameters_record_the_agreement_with_the_known_labels(qtbot, window, monkeypatch, iris_csv,
                                                                        tmp_path):
    open_with_labels(window, monkeypatch, iris_csv)
    window.session.set_setting("n_components", 3)
    window.session.set_setting("seed", 0)
    window.actions["run"].trigger()
    wait_idle(qtbot, window)
    window.file_commands.export_parameters(tmp_path / "fit.json")
    _, record = read_mixture(tmp_path / "fit.json")
    agreement = window.label_commands.panel.agreement
    assert record["true_labels"]["column"] == "species"
    assert record["true_labels"]["adjusted_rand_index"] == agreement.ari
    assert record["true_labels"]["confusion_matrix"] == agreement.confusion.matrix.tolist()


def test_without_labels_initialise_from_labels_says_what_to_do(qtbot, window):
    window.set_points(three_clusters(), None, "Load")
    action = window.actions["initialise_labels"]
    assert "There are no labels to start from" in action.toolTip()
    window.plot.setFocus()
    qtbot.keyClick(window.plot, QtCore.Qt.Key.Key_I, QtCore.Qt.KeyboardModifier.ShiftModifier)
    assert window.notices.text().startswith("There are no labels to start from: paint points with the Label tool")
    assert len(window.session.history) == 0
    window.session.labels.paint(window.session.points.ids[:3], 0)
    assert "There are no labels" not in action.toolTip()


def test_the_picker_offers_a_column_whose_values_repeat_as_labels_not_a_name_per_row(qtbot, window, monkeypatch,
                                                                                      tmp_path):
    path = tmp_path / "people.csv"
    rows = [f"person {i},{'ab'[i % 2]},{i * 0.5},{i % 7},{i % 5}" for i in range(40)]
    path.write_text("name,group,x,y,z\n" + "\n".join(rows) + "\n")
    assert open_with_labels(window, monkeypatch, path, "x", "y") == ["group"]
    path.write_text("name,x,y,z\n" + "\n".join(row.replace(",a,", ",").replace(",b,", ",") for row in rows) + "\n")
    assert open_with_labels(window, monkeypatch, path, "x", "y") == ["(none)"]
