"""What the window remembers between runs: its layout, the last folder, recent files, presentation, starting settings.

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
- Binary values (the window's geometry and dock layout, which Qt saves as bytes) are stored as
  base64 text; text that is not base64 is reset like any other bad value, and the window checks
  the bytes themselves when it restores them.
- Every change re-reads the file before writing it, so two windows (or two gmmviz processes) that
  each change one setting keep the other's change; the last writer of one key wins.
- No Qt here: the settings are read and written by plain Python.
"""

from __future__ import annotations

import base64
import configparser
import json
import math
from pathlib import Path

import platformdirs

from gmmviz.core.errors import GmmvizError
from gmmviz.io.atomic import write_text_atomic

#: Largest settings file read (it holds a few short lines; anything bigger is not ours).
MAX_BYTES = 1 << 20
#: Largest binary value kept (a window's saved layout is a few hundred bytes).
MAX_DATA_BYTES = 1 << 16


def settings_path() -> Path:
    """The settings file (it need not exist yet)."""
    return platformdirs.user_config_path("gmmviz", appauthor=False) / "settings.ini"


class StoredSettings:
    """Typed values under keys ``"section/name"``, kept in :func:`settings_path` (or ``path``)."""

    def __init__(self, path=None):
        self.path = Path(path) if path is not None else settings_path()
        self.notices = []
        try:
            self._parser = self._read()
        except _Unreadable as exc:
            self._parser = configparser.ConfigParser(interpolation=None)
            self.notices.append(f"The settings file {self.path} could not be read ({exc}); the defaults are used.")

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

    def parsed(self, key, default, parse, expected):
        """``parse(text)`` of the text stored under ``key``; ``default`` when there is none.

        ``parse`` raises ``ValueError`` (or ``GmmvizError``) for text it refuses: the setting is then
        reset to ``default`` with a notice saying it was not ``expected`` (e.g. "a seed").
        """
        text = self._text(key)
        if text is None:
            return default
        try:
            return parse(text)
        except (ValueError, GmmvizError):
            return self._reset(key, default, expected)

    def data(self, key):
        """The bytes stored (as base64) under ``key``, or None when there are none or the text is damaged."""
        def decode(text):
            value = base64.b64decode(text, validate=True)
            if len(value) > MAX_DATA_BYTES:
                raise ValueError("too long")
            return value

        return self.parsed(key, None, decode, "base64 data")

    def folder(self, key):
        """The folder stored under ``key`` if it still exists, else None (a folder may go away: no notice).

        It is stored as a list of one name (:meth:`set` ``[path]``), so any name survives the INI format.
        """
        names = self.names(key)
        return Path(names[0]) if len(names) == 1 and Path(names[0]).is_dir() else None

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
        """Store ``value`` (a number, a name, bytes or a list of strings) under ``key`` and write the file."""
        if isinstance(value, (bytes, bytearray)):
            text = base64.b64encode(bytes(value)).decode("ascii")
        elif isinstance(value, (list, tuple)):
            text = json.dumps(list(value))
        else:
            text = str(value)
        self._update(lambda parser: _set_option(parser, key, text))

    def remove(self, *keys):
        """Forget the values under ``keys`` (they read as their defaults again) and write the file."""
        def forget(parser):
            for key in keys:
                section, name = key.split("/", 1)
                if parser.has_section(section):
                    parser.remove_option(section, name)
                    if not parser.options(section):
                        parser.remove_section(section)

        self._update(forget)

    # -- internals ----------------------------------------------------------------------------

    def _text(self, key):
        section, name = key.split("/", 1)
        return self._parser.get(section, name, fallback=None)

    def _reset(self, key, default, expected):
        self.remove(key)        # written at once, so the next start reads the default without a notice
        self.notices.append(f"The stored setting {key} was not {expected}; it is back to its default.")
        return default

    def _read(self):
        """The file's settings (none when there is no file); raises _Unreadable saying why."""
        parser = configparser.ConfigParser(interpolation=None)
        try:
            if self.path.is_file() and self.path.stat().st_size <= MAX_BYTES:
                parser.read_string(self.path.read_text(encoding="utf-8"))
            elif self.path.exists():
                raise _Unreadable("it is not a small text file")
        except (OSError, UnicodeDecodeError, configparser.Error) as exc:
            raise _Unreadable(type(exc).__name__) from None
        return parser

    def _update(self, change):
        """Apply ``change(parser)`` to the file as it is now (else to what was read) and write it."""
        try:
            self._parser = self._read()
        except _Unreadable:     # already reported when the window started, and replaced now
            pass
        change(self._parser)
        self._write()

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


class _Unreadable(Exception):
    """The settings file cannot be read; the message says why."""


def _set_option(parser, key, text):
    section, name = key.split("/", 1)
    if not parser.has_section(section):
        parser.add_section(section)
    parser.set(section, name, text)
