"""What the window remembers of itself (layout, starting settings, last folder) and Settings ▸ Restore defaults."""

import pytest
from PySide6 import QtCore, QtWidgets

from gmmviz.gui.stored_settings import settings_path

LEFT = QtCore.Qt.DockWidgetArea.LeftDockWidgetArea
RIGHT = QtCore.Qt.DockWidgetArea.RightDockWidgetArea


@pytest.fixture
def open_window(qtbot):
    """Start a new window as a new run of gmmviz would (it reads the stored settings)."""
    from gmmviz.gui.main_window import MainWindow

    def start():
        window = MainWindow()
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    return start


def rearrange(window):
    """A layout unlike the default: smaller, Parameters hidden, Mixture on the left; returns the size."""
    window.resize(720, 540)   # within the offscreen screen (800 × 600)
    window.docks["parameters"].hide()
    window.addDockWidget(LEFT, window.docks["mixture"])
    return window.width(), window.height()


def visible_docks(window):
    return {name for name, dock in window.docks.items() if dock.isVisible()}


def test_layout_starting_settings_and_last_folder_survive_a_restart(qtbot, tmp_path, open_window, monkeypatch):
    data = tmp_path / "lecture" / "points.csv"
    data.parent.mkdir()
    data.write_text("x,y\n0,0\n1,1\n2,0\n")
    asked_in = []

    def choose(parent, title, folder, file_filter):
        asked_in.append(folder)
        return str(data), file_filter

    monkeypatch.setattr(QtWidgets.QFileDialog, "getOpenFileName", choose)
    first = open_window()
    size = rearrange(first)
    for name, value in (("n_components", 4), ("covariance_type", "diag"), ("seed", 7)):
        first.session.set_setting(name, value)
    first.actions["keep_starting_settings"].trigger()
    assert "start with K = 4, diag covariance and seed 7" in first.notices.text()
    first.actions["open"].trigger()
    first.close()

    second = open_window()
    assert (second.width(), second.height()) == size != (1280, 820)
    assert not second.docks["parameters"].isVisible()
    assert second.dockWidgetArea(second.docks["mixture"]) == LEFT
    settings = second.session.settings
    assert (settings.n_components, settings.covariance_type, settings.seed) == (4, "diag", 7)
    second.actions["open"].trigger()
    assert asked_in[-1] == str(data.parent)
    assert "[window]" in settings_path().read_text()


def test_a_random_seed_is_a_starting_setting_too(qtbot, open_window):
    first = open_window()
    first.session.set_setting("seed", None)
    first.actions["keep_starting_settings"].trigger()
    first.close()
    assert open_window().session.settings.seed is None


def test_settings_changed_without_keeping_them_do_not_become_the_next_start(qtbot, open_window):
    first = open_window()
    first.session.set_setting("n_components", 6)
    first.close()
    assert open_window().session.settings.n_components == 2


def test_a_damaged_layout_gives_the_default_layout_and_one_notice(qtbot, open_window):
    default = open_window()
    default_size, default_docks = default.size(), visible_docks(default)
    default.close()
    path = settings_path()
    # valid base64, but not bytes Qt saved; and text that is not base64 at all
    path.write_text("[window]\ngeometry = AdnQywADAAAAAAAA\nlayout = not base64 !!\n[start]\nn_components = 99\n")
    window = open_window()
    assert window.size() == default_size
    assert visible_docks(window) == default_docks
    assert window.dockWidgetArea(window.docks["mixture"]) == RIGHT
    assert window.session.settings.n_components == 2
    assert "could not be used; the window has its default layout" in window.notices.text()
    assert "geometry" not in path.read_text() and "99" not in path.read_text()
    window.close()
    assert open_window().notices.text() == ""


def test_a_settings_file_that_is_not_text_is_survived_and_replaced(qtbot, open_window):
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x00\xff[[[ not ini\n" * 10)
    window = open_window()
    assert "could not be read" in window.notices.text() and "the defaults are used" in window.notices.text()
    assert window.session.settings.n_components == 2
    rearrange(window)
    window.close()
    again = open_window()
    assert again.notices.text() == ""
    assert not again.docks["parameters"].isVisible()


def test_restore_defaults_brings_back_the_layout_presentation_and_starting_settings(qtbot, open_window,
                                                                                      tmp_path, faithful):
    first = open_window()
    default_size, default_docks = first.size(), visible_docks(first)
    session = tmp_path / "kept.gmmviz"
    first.set_points(faithful, ("eruptions", "waiting"))
    first.file_commands.save_session(session)
    rearrange(first)
    first.actions["presentation_scale_3"].trigger()
    first.actions["presentation_theme_dark"].trigger()
    first.session.set_setting("n_components", 5)
    first.actions["keep_starting_settings"].trigger()
    first.close()

    second = open_window()
    assert second.presentation.presentation_scale == 3.0 and second.session.settings.n_components == 5
    second.actions["restore_defaults"].trigger()
    assert second.size() == default_size
    assert visible_docks(second) == default_docks
    assert second.dockWidgetArea(second.docks["mixture"]) == RIGHT
    assert second.presentation.presentation_scale == 2.0 and second.presentation.theme == "normal"
    assert second.actions["presentation_scale_2"].isChecked()
    assert second.session.settings.n_components == 5          # the fit on screen keeps its settings
    assert "back to their defaults" in second.notices.text()
    second.close()

    third = open_window()
    assert third.session.settings.n_components == 2
    assert third.presentation.presentation_scale == 2.0
    assert third.file_commands.recent.paths() == [str(session.resolve())]   # history stays


def test_a_window_detached_for_a_picture_uses_the_defaults_and_writes_nothing(qtbot, open_window):
    from gmmviz.gui.main_window import MainWindow

    first = open_window()
    rearrange(first)
    first.session.set_setting("n_components", 5)
    first.actions["keep_starting_settings"].trigger()
    first.close()
    stored = settings_path().read_text()

    window = MainWindow()
    qtbot.addWidget(window)
    window.preferences.detach()
    window.show()
    assert window.session.settings.n_components == 2
    assert window.docks["parameters"].isVisible()
    window.docks["history"].hide()
    window.close()
    assert settings_path().read_text() == stored


def test_presenting_when_the_window_closes_keeps_the_layout_from_before(qtbot, open_window):
    first = open_window()
    size = rearrange(first)
    first.close()
    second = open_window()
    second.actions["presentation"].trigger()
    second.close()
    third = open_window()
    assert not third.isFullScreen() and (third.width(), third.height()) == size
    assert not third.docks["parameters"].isVisible()


def test_restore_defaults_waits_until_the_presentation_ends(qtbot, open_window):
    window = open_window()
    window.actions["presentation"].trigger()
    assert not window.actions["restore_defaults"].isEnabled()
    window.actions["presentation"].trigger()
    assert window.actions["restore_defaults"].isEnabled()
