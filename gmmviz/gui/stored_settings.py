"""What the window remembers between runs: recent files, the presentation scale and theme.

One INI file in the user's configuration folder as platformdirs names it (on Linux
``$XDG_CONFIG_HOME/gmmviz/settings.ini``, usually ``~/.config/gmmviz/settings.ini``; on
macOS under ``~/Library/Application Support``; on Windows under ``%LOCALAPPDATA%``),
read and written through QSettings so values keep their types.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs
from PySide6 import QtCore


def settings_path() -> Path:
    """The settings file (it need not exist yet)."""
    return platformdirs.user_config_path("gmmviz", appauthor=False) / "settings.ini"


def application_settings() -> QtCore.QSettings:
    """gmmviz's settings store; the folder is made on the first write."""
    return QtCore.QSettings(str(settings_path()), QtCore.QSettings.Format.IniFormat)
