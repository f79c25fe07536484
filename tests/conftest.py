"""Shared test set-up: Qt always renders offscreen, and nothing touches the user's settings."""

import os
import tempfile

import pytest

# Set before any test module imports Qt; a real display would make GUI tests flaky and pop up windows.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
# gmmviz keeps its layout, recent files, presentation and starting settings under the XDG configuration
# folder (see gmmviz.gui.stored_settings); the tests, and the programs they start, use a scratch one.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="gmmviz-test-config-")


@pytest.fixture(autouse=True)
def user_settings(tmp_path, monkeypatch):
    """Each test starts with no stored settings: a window one test closes leaves nothing for the next."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
