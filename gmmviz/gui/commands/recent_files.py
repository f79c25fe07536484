"""File ▸ Open recent: the last files opened or saved, kept between runs.

The list lives in gmmviz's stored settings (``gmmviz.gui.stored_settings``), newest
first, at most ``MAX_RECENT`` entries, without duplicates. Files that no longer exist are left out of the menu (and dropped from the list) when
the menu opens, so it never offers something that cannot be opened.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6 import QtCore, QtWidgets

from gmmviz.gui.stored_settings import StoredSettings

MAX_RECENT = 10
_KEY = "recent/files"


class RecentFiles(QtCore.QObject):
    """The recent-files list and its menu.

    Parameters
    ----------
    open_path : callable(str)
        Called with the path when a menu entry is chosen.
    settings : StoredSettings, optional
        Where the list is kept.
    parent : QWidget, optional
        The window: it owns the menu, which goes with it.
    """

    def __init__(self, open_path, settings=None, parent=None):
        super().__init__(parent)
        self._open_path = open_path
        self._settings = settings if settings is not None else StoredSettings()
        # A menu added to another is not owned by it: without a parent it would outlive the window.
        self.menu = QtWidgets.QMenu("Open &recent", parent)
        self.menu.aboutToShow.connect(self._rebuild)
        self._rebuild()

    def paths(self) -> list[str]:
        """Recent paths, newest first."""
        return self._settings.names(_KEY)

    def add(self, path) -> None:
        """Put ``path`` at the top of the list."""
        path = os.fspath(Path(path).resolve())
        paths = [path] + [p for p in self.paths() if p != path]
        self._settings.set(_KEY, paths[:MAX_RECENT])
        self._rebuild()

    def clear(self) -> None:
        self._settings.set(_KEY, [])
        self._rebuild()

    def _rebuild(self):
        existing = [p for p in self.paths() if Path(p).is_file()]
        if existing != self.paths():
            self._settings.set(_KEY, existing)
        self.menu.clear()
        for number, path in enumerate(existing, start=1):
            # the number is the mnemonic; "&" in a file name must not become one
            action = self.menu.addAction(f"&{number % 10} {Path(path).name.replace('&', '&&')}")
            action.setToolTip(path)
            action.setStatusTip(path)
            action.triggered.connect(lambda _checked=False, p=path: self._open_path(p))
        if existing:
            self.menu.addSeparator()
            self.menu.addAction("Clear list", self.clear)
        else:
            self.menu.addAction("No recent files").setEnabled(False)


def install(window, open_path, settings=None) -> RecentFiles:
    """Add File ▸ Open recent to ``window.menus["file"]`` (after Open…); returns the list."""
    recent = RecentFiles(open_path, settings, parent=window)
    file_menu = window.menus["file"]
    actions = file_menu.actions()
    anchor = window.actions.get("open")
    index = actions.index(anchor) + 1 if anchor in actions else 0
    if index < len(actions):
        file_menu.insertMenu(actions[index], recent.menu)
    else:
        file_menu.addMenu(recent.menu)
    return recent

