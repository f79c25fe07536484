"""What the window remembers between runs: recent files, the presentation scale and theme.

One INI file in the user's configuration folder as platformdirs names it (on Linux
``$XDG_CONFIG_HOME/gmmviz/settings.ini``, usually ``~/.config/gmmviz/settings.ini``; on macOS
under ``~/Library/Application Support``; on Windows under ``%LOCALAPPDATA%``).

Decisions:

- The file holds plain text only, read with :mod:`configparser` and written atomically
  (:mod:`gmmviz.io.atomic`): numbers and names as they are, a list as a JSON array of strings.
  ``QSettings`` is not used because it turns stored ``@Variant`` values back into Python objects
  by unpickling them, so a crafted settings file could run code when the window starts.
- A value of the wrong type or out of range (or a file that cannot be parsed) resets that
  setting to its default; the window shows each reset as one line (:attr:`StoredSettings.notices`).
- No Qt here: the settings are read and written by plain Python.
"""

from __future__ import annotations

import configparser
import json
import math
from pathlib import Path

import platformdirs

from gmmviz.core.errors import GmmvizError
from gmmviz.io.atomic import write_text_atomic

#: Largest settings file read (it holds a few short lines; anything bigger is not ours).
MAX_BYTES = 1 << 20


def settings_path() -> Path:
    """The settings file (it need not exist yet)."""
    return platformdirs.user_config_path("gmmviz", appauthor=False) / "settings.ini"


class StoredSettings:
    """Typed values under keys ``"section/name"``, kept in :func:`settings_path` (or ``path``)."""

    def __init__(self, path=None):
        self.path = Path(path) if path is not None else settings_path()
        self.notices = []
        self._parser = configparser.ConfigParser(interpolation=None)
        try:
            if self.path.is_file() and self.path.stat().st_size <= MAX_BYTES:
                self._parser.read_string(self.path.read_text(encoding="utf-8"))
            elif self.path.exists():
                self._reset_all("it is not a small text file")
        except (OSError, UnicodeDecodeError, configparser.Error) as exc:
            self._reset_all(type(exc).__name__)

    def number(self, key, default, low=-math.inf, high=math.inf):
        """The float stored under ``key``, or ``default`` (and a notice) when it is not a number in range."""
        text = self._text(key)
        if text is None:
            return default
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        if not low <= value <= high:
            return self._reset(key, default, f"a number from {low:g} to {high:g}")
        return value

    def choice(self, key, default, choices):
        """The name stored under ``key`` if it is one of ``choices``, else ``default`` (and a notice)."""
        text = self._text(key)
        if text is None:
            return default
        if text not in choices:
            return self._reset(key, default, f"one of {', '.join(choices)}")
        return text

    def names(self, key):
        """The list of strings stored under ``key`` (empty when there is none, or a notice when damaged)."""
        text = self._text(key)
        if text is None:
            return []
        try:
            value = json.loads(text)
        except (ValueError, RecursionError):
            value = None
        if not (isinstance(value, list) and all(isinstance(item, str) for item in value)):
            return self._reset(key, [], "a list of file names")
        return value

    def set(self, key, value):
        """Store ``value`` (a number, a name or a list of strings) under ``key`` and write the file."""
        section, name = key.split("/", 1)
        if not self._parser.has_section(section):
            self._parser.add_section(section)
        self._parser.set(section, name, json.dumps(list(value)) if isinstance(value, (list, tuple)) else str(value))
        self._write()

    # -- internals ----------------------------------------------------------------------------

    def _text(self, key):
        section, name = key.split("/", 1)
        return self._parser.get(section, name, fallback=None)

    def _reset(self, key, default, expected):
        section, name = key.split("/", 1)
        self._parser.remove_option(section, name)
        self.notices.append(f"The stored setting {key} was not {expected}; it is back to its default.")
        return default

    def _reset_all(self, why):
        self._parser = configparser.ConfigParser(interpolation=None)
        self.notices.append(f"The settings file {self.path} could not be read ({why}); the defaults are used.")

    def _write(self):
        lines = []
        for section in self._parser.sections():
            lines.append(f"[{section}]")
            lines.extend(f"{name} = {value}" for name, value in self._parser.items(section))
            lines.append("")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_text_atomic(self.path, "\n".join(lines))
        except (OSError, GmmvizError) as exc:    # settings are a convenience: never stop the window for them
            self.notices.append(f"The settings could not be saved: {exc}")
