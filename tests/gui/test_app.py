"""run_window: the window started by the command line, in screenshot mode and without a display."""

import numpy as np
import pytest
from PIL import Image

from gmmviz.core import EM, GmmvizError
from gmmviz.gui.app import run_window
from gmmviz.gui.render.palette import component_colors
from gmmviz.io.datasets import old_faithful
from gmmviz.core.settings import FitSettings
from gmmviz.io.session import Session, save_session


def test_screenshot_of_a_saved_session_shows_its_fit(qtbot, tmp_path):
    X, _ = old_faithful()
    em = EM(X, 2, seed=0)
    history = [em.state, em.e_step(), em.m_step()]
    session_path = tmp_path / "lecture.gmmviz"
    save_session(session_path, Session(points=X, settings=FitSettings(n_components=2, seed=0),
                                       history=history, current=2))
    assert run_window(str(session_path), screenshot=str(tmp_path / "session.png")) == 0
    with Image.open(tmp_path / "session.png") as image:
        pixels = np.asarray(image.convert("RGB")).reshape(-1, 3).astype(int)
    # the session's two components are drawn in the palette's first two colours
    for colour in component_colors(2)[:, :3]:
        assert np.sum(np.abs(pixels - colour).sum(axis=1) < 30) > 200


def test_a_bad_file_in_screenshot_mode_is_one_error(qtbot, tmp_path):
    with pytest.raises(GmmvizError, match="missing.csv"):
        run_window(path=str(tmp_path / "missing.csv"), screenshot=str(tmp_path / "x.png"))
    assert not (tmp_path / "x.png").exists()


def test_without_a_display_the_window_is_refused_instead_of_hanging(qtbot):
    with pytest.raises(GmmvizError, match="no display"):
        run_window()


def test_a_screenshot_ignores_the_stored_layout_and_writes_no_settings(qtbot, tmp_path):
    from gmmviz.gui.main_window import MainWindow
    from gmmviz.gui.stored_settings import StoredSettings, settings_path

    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    default_size = (window.width(), window.height())
    window.resize(700, 540)
    window.close()
    StoredSettings().set("start/n_components", 5)
    stored = settings_path().read_text()
    assert "geometry" in stored
    assert run_window(screenshot=str(tmp_path / "shot.png")) == 0
    with Image.open(tmp_path / "shot.png") as image:
        assert image.size == default_size
    assert settings_path().read_text() == stored


def test_a_screenshot_is_taken_once_the_axes_and_tables_have_their_size(qtbot, tmp_path, at_screenshot):
    """A session opened for a picture is drawn at once: its history's wide tick labels (-30000) and the label
    agreement's table must have their room before the grab, as the next paint on screen would give them."""
    from PySide6 import QtGui

    from gmmviz.core import Mixture
    from gmmviz.io.datasets import iris, iris_species

    X, columns = iris(2, 3)
    far = Mixture([0.4, 0.3, 0.3], [[1.5, 0.2], [4.3, 1.3], [5.6, 2.0]], [np.eye(2) * 1e-3] * 3)
    em = EM(X, 3, init=far)
    history = [em.state, em.e_step(), em.m_step(), em.e_step()]
    assert history[1].log_likelihood < -10000 < -1000 < history[3].log_likelihood
    session_path = tmp_path / "iris.gmmviz"
    save_session(session_path, Session(points=X, settings=FitSettings(n_components=3), history=history,
                                       current=3, columns=columns,
                                       labels={"painted": None, "known": iris_species(), "known_column": "species"}))

    def look(window):
        axis = window.history_panel.plot.getPlotItem().getAxis("left")
        image = QtGui.QImage(8, 8, QtGui.QImage.Format.Format_ARGB32)
        painter = QtGui.QPainter(image)
        _axis, _ticks, texts = axis.generateDrawSpecs(painter)       # the labels it draws, as it paints
        painter.end()
        matrix = window.label_commands.panel.matrix
        return dict(labels=[text for _rect, _flags, text in texts], shown=matrix.isVisible(),
                    scroll_bars=[bar.isVisible() for bar in (matrix.horizontalScrollBar(), matrix.verticalScrollBar())])

    seen = at_screenshot(look)
    assert run_window(str(session_path), screenshot=str(tmp_path / "shot.png")) == 0
    assert any(label.startswith("-") and len(label) >= 6 for label in seen["labels"]), seen["labels"]
    assert len(seen["labels"]) >= 3
    assert seen["shown"] and seen["scroll_bars"] == [False, False]
