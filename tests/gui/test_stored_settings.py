"""Settings live in one INI file in the user's configuration folder."""

from gmmviz.gui.stored_settings import application_settings, settings_path


def test_settings_are_written_to_the_per_user_configuration_folder(tmp_path):
    settings = application_settings()
    settings.setValue("presentation/scale", 2.5)
    settings.sync()
    assert settings_path() == tmp_path / "config" / "gmmviz" / "settings.ini"
    assert "scale=2.5" in settings_path().read_text()
    assert application_settings().value("presentation/scale", type=float) == 2.5
