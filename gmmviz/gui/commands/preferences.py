"""The Settings menu and what the window remembers of itself between runs.

Kept in the stored settings (:mod:`gmmviz.gui.stored_settings`) by this module: the window's
geometry and dock layout, and the starting settings (K, covariance type and seed). Kept by the
modules they belong to, in the same file: recent files (:mod:`~gmmviz.gui.commands.recent_files`),
the last folder of a file dialog (:mod:`~gmmviz.gui.commands.file_commands`), the presentation
scale and colours (:mod:`~gmmviz.gui.commands.presentation`).

Decisions:

- The layout is saved when the window closes and restored when it is first shown, when every dock
  that any module adds exists. The bytes are Qt's (``saveGeometry``/``saveState`` with
  ``LAYOUT_VERSION``), checked by Qt and, for the geometry, by its length (Qt takes a cut-off geometry
  as zeros): bytes that fail give the default layout, one notice, and are forgotten.
- While presenting (full screen, most docks hidden) the layout is not saved: the next start shows the
  layout from before the presentation.
- The starting settings change only by Settings ▸ Start with these settings, not with every edit, so
  the K of an opened session or of ``gmmviz -k 5`` does not become the next start's. A stored value the
  window would refuse (K = 99) is reset with a notice, by the window's own rule.
- Settings ▸ Restore defaults brings back the default layout, presentation scale and colours at once,
  and the built-in starting settings from the next start (the fit on screen keeps its settings). Recent
  files and the last folder are history rather than preferences, and stay.
- A window that only makes a picture (``--screenshot``) is detached (:meth:`Preferences.detach`): it
  starts with the default layout and built-in settings, so the picture is the same on every machine,
  and writes nothing.
"""

from __future__ import annotations

from PySide6 import QtCore

from gmmviz.gui.commands import presentation
from gmmviz.gui.model.settings import MAX_COMPONENTS, WindowSettings, check_window_setting

#: Version given to ``saveState``/``restoreState``: raise it when the docks change incompatibly.
LAYOUT_VERSION = 1
GEOMETRY_KEY, LAYOUT_KEY = "window/geometry", "window/layout"
#: Stored starting settings: (key, setting name, parse, what the text must be).
START_SETTINGS = (
    ("start/n_components", "n_components", lambda text: check_window_setting("n_components", int(text)),
     f"a number of components from 1 to {MAX_COMPONENTS}"),
    ("start/covariance_type", "covariance_type", lambda text: check_window_setting("covariance_type", text),
     "a covariance type"),
    ("start/seed", "seed", lambda text: check_window_setting("seed", None if text == "none" else int(text)),
     "a seed from 0 to 4294967295, or none"),
)
PRESENTATION_KEYS = ("presentation/scale", "presentation/theme")
_ABSENT = object()


class Preferences(QtCore.QObject):
    """Restores and saves the layout of ``window``, and applies its stored starting settings.

    Parameters
    ----------
    window : MainWindow
        Has ``session``, ``stored_settings``, ``presentation``, ``actions`` and ``report``.
    """

    def __init__(self, window):
        super().__init__(window)
        self._window = window
        self._settings = window.stored_settings
        self._attached = True
        self._default_layout = self._default_size = None
        self._started_with = {}         # the starting settings applied from the file
        for key, name, parse, expected in START_SETTINGS:
            value = self._settings.parsed(key, _ABSENT, parse, expected)
            if value is not _ABSENT:
                window.session.set_setting(name, value)
                self._started_with[name] = value
        window.installEventFilter(self)

    def detach(self):
        """Use the built-in layout and starting settings, and write nothing (a window made for a picture)."""
        self._attached = False
        built_in = WindowSettings()
        for name in self._started_with:
            self._window.session.set_setting(name, getattr(built_in, name))

    def keep_starting_settings(self):
        """Settings ▸ Start with these settings: K, covariance type and seed as they are now."""
        settings = self._window.session.settings
        for key, name, _parse, _expected in START_SETTINGS:
            value = getattr(settings, name)
            self._settings.set(key, "none" if value is None else value)
        seed = "a random seed" if settings.seed is None else f"seed {settings.seed}"
        self._window.report(f"gmmviz will start with K = {settings.n_components}, {settings.covariance_type} "
                            f"covariance and {seed}.", "info")

    def restore_defaults(self):
        """Settings ▸ Restore defaults (see the module docstring)."""
        window = self._window
        window.actions[f"presentation_scale_{presentation.DEFAULT_SCALE:g}"].trigger()
        window.actions[f"presentation_theme_{presentation.DEFAULT_THEME}"].trigger()
        self._settings.remove(GEOMETRY_KEY, LAYOUT_KEY, *PRESENTATION_KEYS, *(key for key, *_ in START_SETTINGS))
        self._use_default_layout()
        window.report("The settings are back to their defaults: the window layout and the presentation scale and "
                      "colours now, K = 2, full covariance and seed 0 from the next start.", "info")

    def eventFilter(self, watched, event):
        if watched is self._window and self._attached:
            if event.type() == QtCore.QEvent.Type.Show and self._default_layout is None:
                self._restore_layout()
            elif event.type() == QtCore.QEvent.Type.Close:
                self._save_layout()
        return False

    # -- internals ----------------------------------------------------------------------------

    def _restore_layout(self):
        window, notices = self._window, self._settings.notices
        self._default_layout, self._default_size = window.saveState(LAYOUT_VERSION), window.size()
        read_before = len(notices)
        geometry, layout = self._settings.data(GEOMETRY_KEY), self._settings.data(LAYOUT_KEY)
        # Qt checks a layout's marker and version, but takes a cut-off geometry (as zeros): this Qt's
        # geometry always has the same length.
        restored = len(notices) == read_before and (
            (geometry is None or (len(geometry) == window.saveGeometry().size()
                                  and window.restoreGeometry(QtCore.QByteArray(geometry))))
            and (layout is None or window.restoreState(QtCore.QByteArray(layout), LAYOUT_VERSION)))
        if not restored:
            del notices[read_before:]       # one sentence for the layout, however it was damaged
            notices.append("The stored window layout could not be used; the window has its default layout.")
            self._settings.remove(GEOMETRY_KEY, LAYOUT_KEY)
            self._use_default_layout()
        if notices:     # every problem with the stored settings, in the one notice shown last
            window.report(" ".join(notices))

    def _use_default_layout(self):
        window = self._window
        if self._default_layout is None:      # not shown yet: it will start with the default layout
            return
        window.setWindowState(QtCore.Qt.WindowState.WindowNoState)
        window.resize(self._default_size)
        window.restoreState(self._default_layout, LAYOUT_VERSION)

    def _save_layout(self):
        window = self._window
        if self._default_layout is None or window.presentation.active:
            return
        self._settings.set(GEOMETRY_KEY, window.saveGeometry().data())
        self._settings.set(LAYOUT_KEY, window.saveState(LAYOUT_VERSION).data())


def install(window) -> Preferences:
    """Add the Settings menu (before Help) to ``window`` and apply what it remembers; returns the Preferences.

    Actions: "keep_starting_settings" (Settings ▸ Start with these settings) and "restore_defaults" (not
    while presenting).
    """
    preferences = Preferences(window)
    menu = window.menuBar().addMenu("&Settings")
    help_menu = window.menus.get("help")
    if help_menu is not None:
        window.menuBar().insertMenu(help_menu.menuAction(), menu)
    for name, text, slot, tip in (
        ("keep_starting_settings", "&Start with these settings", preferences.keep_starting_settings,
         "Start gmmviz with the K, covariance type and seed set now"),
        ("restore_defaults", "&Restore defaults", preferences.restore_defaults,
         "The default window layout, presentation scale and colours, and starting settings"),
    ):
        menu.addAction(window.add_action(name, text, lambda _checked=False, slot=slot: slot(), tip=tip))
    # While presenting, leaving restores the layout from before: a default layout would be undone by it.
    window.presentation.toggled.connect(lambda active: window.actions["restore_defaults"].setEnabled(not active))
    window.menus["settings"] = menu
    return preferences
