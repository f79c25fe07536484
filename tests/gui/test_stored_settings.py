"""Settings live in one plain-text INI file in the user's configuration folder, and never run code."""

import pickle

from gmmviz.gui.stored_settings import StoredSettings, settings_path


def test_settings_are_written_to_the_per_user_configuration_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    settings = StoredSettings()
    settings.set("presentation/scale", 2.5)
    settings.set("recent/files", ["/data/a, b.csv", "/data/ü.csv"])
    assert settings_path() == tmp_path / "config" / "gmmviz" / "settings.ini"
    assert "scale = 2.5" in settings_path().read_text()
    again = StoredSettings()
    assert again.number("presentation/scale", 1.0) == 2.5
    assert again.names("recent/files") == ["/data/a, b.csv", "/data/ü.csv"]
    assert again.notices == []


class _Payload:
    def __reduce__(self):
        return (open, ("/tmp/gmmviz-settings-payload-ran", "w"))


def test_a_pickled_value_in_the_file_runs_nothing_and_resets_that_setting(tmp_path):
    marker = tmp_path / "ran"
    payload = pickle.dumps(_Payload()).replace(b"/tmp/gmmviz-settings-payload-ran", str(marker).encode())
    path = settings_path()
    path.parent.mkdir(parents=True)
    # what QSettings writes for a stored Python object
    variant = "@Variant(\\0\\0\\0\\x7f\\0\\0\\0\\x12PySide::PyObjectWrapper\\0\\0\\0\\0" + payload.hex() + ")"
    path.write_text(f"[presentation]\nscale = {variant}\ntheme = {variant}\n[recent]\nfiles = {variant}\n")
    settings = StoredSettings()
    assert settings.number("presentation/scale", 2.0, 1.0, 3.0) == 2.0
    assert settings.choice("presentation/theme", "normal", ("normal", "dark")) == "normal"
    assert settings.names("recent/files") == []
    assert not marker.exists()
    assert len(settings.notices) == 3 and all("back to its default" in n for n in settings.notices)


def test_the_window_starts_with_a_damaged_settings_file_and_says_so(qtbot):
    from gmmviz.gui.main_window import MainWindow

    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x00\xff[[[ not ini")
    window = MainWindow()
    qtbot.addWidget(window)
    assert "could not be read" in window.notices.text()
    assert window.presentation.presentation_scale == 2.0
