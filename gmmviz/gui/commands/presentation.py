"""View ▸ Presentation mode (F11): the window made for a projector, and back.

Entering: full screen; the plot's fonts, points and lines scaled by the presentation
scale (a setting, 1×–3×) and the text of the whole window with them; menu bar, tool bars
and side panels hidden except those named in ``KEEP_PANELS`` (the log-likelihood history,
the equation panel and the agreements with the truth and with known labels, which are what a class
looks at; :mod:`~gmmviz.gui.commands.candidates` keeps Choose K and Restarts when they are open);
optionally a high-contrast theme, dark on light or light on dark. Every shortcut keeps working with
the menu bar hidden, as the window's actions are added to the window itself. Leaving restores exactly
what was there: window state and geometry, panel visibility, fonts, palette and plot style.

Decisions:

- The history takes a third of the screen's height (of the screen: the window manager makes the
  window full screen only after entering has returned).
- The text of the panels in ``TEXT_PANELS`` (paragraphs, tables, rows of controls) grows at most to
  ``TEXT_PANEL_MAX_SCALE``, their plots with the full scale: at 3× the Choose K controls would take
  three quarters of a 1600-pixel screen, and the label agreement matrix would need scrolling.
- A notice over the plot (:mod:`gmmviz.gui.panels.notice_bar`) has the text panels' font too: it kept
  the desk's 9 points at 3× (its style sheet keeps the window's font from reaching it), too small to be
  read from the back of a room or by the lecturer at the projector.
- Leaving applies the saved geometry and dock sizes once more after the window manager has sized the
  window back: the panels' minimum sizes at the presentation font would otherwise have made it larger.

The scale and theme are stored (:mod:`gmmviz.gui.stored_settings`) so a lecture starts as the last one ended.
"""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

from gmmviz.gui.stored_settings import StoredSettings

#: Presentation scales offered in View ▸ Presentation scale, and the one used until another is chosen.
SCALES = (1.0, 1.5, 2.0, 2.5, 3.0)
DEFAULT_SCALE = 2.0
#: Themes offered: (key, menu text). "normal" keeps the window's colours.
THEMES = (
    ("normal", "Normal colours"),
    ("light", "High contrast: dark on light"),
    ("dark", "High contrast: light on dark"),
)
DEFAULT_THEME = "normal"
#: objectName of the dock widgets that stay visible in presentation mode.
KEEP_PANELS = ("history_dock", "equations_dock", "agreement_dock", "label_agreement_dock")
#: objectName of the docks whose text (not their plots) grows at most to ``TEXT_PANEL_MAX_SCALE``.
TEXT_PANELS = ("equations_dock", "agreement_dock", "label_agreement_dock", "choose_k_dock", "restarts_dock")
#: Above this scale the equation panel's paragraphs would need scrolling on a 1280 × 800 projector.
TEXT_PANEL_MAX_SCALE = 1.75


def high_contrast_palette(dark: bool) -> QtGui.QPalette:
    """Black on white, or white on black, with a saturated highlight."""
    fg, bg = (QtGui.QColor("white"), QtGui.QColor("black")) if dark else (QtGui.QColor("black"), QtGui.QColor("white"))
    palette = QtGui.QPalette()
    for role in (QtGui.QPalette.ColorRole.Window, QtGui.QPalette.ColorRole.Base, QtGui.QPalette.ColorRole.Button,
                 QtGui.QPalette.ColorRole.AlternateBase, QtGui.QPalette.ColorRole.ToolTipBase):
        palette.setColor(role, bg)
    for role in (QtGui.QPalette.ColorRole.WindowText, QtGui.QPalette.ColorRole.Text,
                 QtGui.QPalette.ColorRole.ButtonText, QtGui.QPalette.ColorRole.ToolTipText,
                 QtGui.QPalette.ColorRole.PlaceholderText):
        palette.setColor(role, fg)
    if dark:
        # Qt's Fusion style outlines controls in a darker shade of the window, which on black is black:
        # a slider's handle and a check box would vanish. A grey face keeps them seen, under white text.
        palette.setColor(QtGui.QPalette.ColorRole.Button, QtGui.QColor("#505050"))
    palette.setColor(QtGui.QPalette.ColorRole.Highlight, QtGui.QColor("#0050c8" if not dark else "#ffd400"))
    palette.setColor(QtGui.QPalette.ColorRole.HighlightedText, bg if dark else QtGui.QColor("white"))
    return palette


class PresentationMode(QtCore.QObject):
    """Switches ``window`` in and out of presentation mode.

    Parameters
    ----------
    window : QMainWindow
        Has ``plot`` (a MixturePlot).
    settings : StoredSettings, optional
        Where the scale and theme are kept.
    """

    toggled = QtCore.Signal(bool)
    #: The scale or the colours changed while presenting (``toggled`` says when presenting starts and ends).
    restyled = QtCore.Signal()

    def __init__(self, window, settings=None):
        super().__init__(window)
        self._window = window
        self._settings = settings if settings is not None else StoredSettings()
        self._saved = None
        self._docks_to_restore = None
        scale = self._settings.number("presentation/scale", DEFAULT_SCALE, min(SCALES), max(SCALES))
        self._scale = min(SCALES, key=lambda s: abs(s - scale))
        self._theme = self._settings.choice("presentation/theme", DEFAULT_THEME, tuple(dict(THEMES)))

    @property
    def active(self) -> bool:
        return self._saved is not None

    @property
    def scale(self) -> float:
        """Text and line scale used while presenting (1 when not presenting)."""
        return self._scale if self.active else 1.0

    @property
    def presentation_scale(self) -> float:
        return self._scale

    @property
    def theme(self) -> str:
        return self._theme

    def plot_style(self) -> tuple:
        """The ``set_style`` arguments the plot has now: ``(scale, dark)``."""
        return self.scale, self.active and self._theme == "dark"

    def panel_style(self) -> tuple:
        """:meth:`plot_style` for a plot in a ``TEXT_PANELS`` dock: its scale capped as the panels' text is.

        Such a dock has a quarter of the screen or less; at 3× its axis titles would be cut.
        """
        scale, dark = self.plot_style()
        return min(scale, TEXT_PANEL_MAX_SCALE), dark

    def set_active(self, active: bool):
        if bool(active) == self.active:
            return
        if active:
            self._enter()
        else:
            self._leave()
        self.toggled.emit(self.active)

    def set_scale(self, scale: float):
        self._scale = float(scale)
        self._settings.set("presentation/scale", self._scale)
        if self.active:
            self._apply_style()
            self.restyled.emit()

    def set_theme(self, theme: str):
        if theme not in dict(THEMES):
            raise ValueError(f"unknown theme {theme!r}")
        self._theme = theme
        self._settings.set("presentation/theme", theme)
        if self.active:
            self._apply_style()
            self.restyled.emit()

    def style_text_panel(self, widget):
        """Give ``widget``, the panel of a ``TEXT_PANELS`` dock built while presenting, the font the others have."""
        if self.active:
            widget.setFont(self._text_font())

    # -- internals ----------------------------------------------------------------------------

    def _enter(self):
        window = self._window
        hidden = [w for w in self._panels() if w.isVisible() and w.objectName() not in KEEP_PANELS]
        # Docks still waiting for their sizes from the last exit are saved as they are to be.
        docks, geometry = self._docks_to_restore or (window.saveState(), window.saveGeometry())
        self._docks_to_restore = None
        self._saved = {
            "geometry": geometry,
            "docks": docks,
            "state": window.windowState(),
            "font": QtGui.QFont(window.font()),
            "palette": QtGui.QPalette(window.palette()),
            "hidden": hidden,
            "menu_bar": window.menuBar().isVisible(),
        }
        for widget in hidden:
            widget.hide()
        window.menuBar().hide()
        self._apply_style()
        window.showFullScreen()
        window.plot.setFocus()      # the lecture's keys (+, C, Space) go to the plot, not a field hidden or shown
        QtCore.QTimer.singleShot(0, self, self._give_the_plot_room)

    def _leave(self):
        window, saved = self._window, self._saved
        self._saved = None
        window.setFont(saved["font"])
        for panel in self._text_widgets():
            panel.setFont(QtGui.QFont())      # back to the window's font
        window.setPalette(saved["palette"])
        for plot in (window.plot, window.history_panel):
            plot.set_style(scale=1.0, dark=False)
        window.menuBar().setVisible(saved["menu_bar"])
        for widget in saved["hidden"]:
            widget.show()
        window.setWindowState(saved["state"])
        window.restoreGeometry(saved["geometry"])
        window.restoreState(saved["docks"])
        window.plot.setFocus()
        # A window manager sizes the window back only later; the dock sizes saved on entry are
        # applied again once it has, so each round trip leaves the layout exactly as it was.
        self._docks_to_restore = saved["docks"], saved["geometry"]
        QtCore.QTimer.singleShot(100, self, self._restore_docks)

    def _restore_docks(self):
        if self._docks_to_restore is not None and self._saved is None:
            docks, geometry = self._docks_to_restore
            self._window.restoreGeometry(geometry)
            self._window.restoreState(docks)
            self._docks_to_restore = None

    def _give_the_plot_room(self):
        """Most of the screen to the plot: the history a third of its height, a panel left of it 40 % of its width."""
        window = self._window
        if not self.active:
            return
        screen = window.screen().geometry()
        history = window.findChild(QtWidgets.QDockWidget, "history_dock")
        if history is not None and history.isVisible():
            window.resizeDocks([history], [screen.height() // 3], QtCore.Qt.Orientation.Vertical)
        left = [dock for dock in window.findChildren(QtWidgets.QDockWidget) if dock.isVisible()
                and window.dockWidgetArea(dock) == QtCore.Qt.DockWidgetArea.LeftDockWidgetArea]
        if left:
            window.resizeDocks(left[:1], [int(screen.width() * 0.4)], QtCore.Qt.Orientation.Horizontal)

    def _apply_style(self):
        window, saved = self._window, self._saved
        font = QtGui.QFont(saved["font"])
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * self._scale)
        else:
            font.setPixelSize(round(font.pixelSize() * self._scale))
        window.setFont(font)
        text_font = self._text_font()
        for panel in self._text_widgets():
            panel.setFont(text_font)
        if self._theme == "normal":
            window.setPalette(saved["palette"])
        else:
            window.setPalette(high_contrast_palette(self._theme == "dark"))
        for plot in (window.plot, window.history_panel):
            plot.set_style(scale=self._scale, dark=self._theme == "dark")

    def _text_font(self):
        """The window's presentation font with its size capped at ``TEXT_PANEL_MAX_SCALE`` times the desk's."""
        text_font = QtGui.QFont(self._window.font())
        factor = min(self._scale, TEXT_PANEL_MAX_SCALE) / self._scale
        if text_font.pointSizeF() > 0:
            text_font.setPointSizeF(text_font.pointSizeF() * factor)
        else:
            text_font.setPixelSize(round(text_font.pixelSize() * factor))
        return text_font

    def _text_widgets(self):
        """The widgets of the docks named in ``TEXT_PANELS`` (their titles keep the window's font), and the notices."""
        docks = (self._window.findChild(QtWidgets.QDockWidget, name) for name in TEXT_PANELS)
        return [dock.widget() for dock in docks if dock is not None and dock.widget() is not None] + \
            [self._window.notices]

    def _panels(self):
        window = self._window
        return window.findChildren(QtWidgets.QDockWidget) + window.findChildren(QtWidgets.QToolBar)


def install(window, settings=None) -> PresentationMode:
    """Add View ▸ Presentation mode (F11), Presentation scale and Presentation colours to ``window``.

    ``window`` has ``plot``, ``history_panel``, ``menus`` (with "view") and ``actions``; adds the actions
    "presentation" (F11), "leave_presentation" (Esc, only while presenting),
    "presentation_scale_<s>" and "presentation_theme_<key>". Returns the
    :class:`PresentationMode`.
    """
    mode = PresentationMode(window, settings)
    view = window.menus["view"]
    view.addSeparator()
    toggle = QtGui.QAction("&Presentation mode", window, checkable=True)
    toggle.setShortcut(QtGui.QKeySequence(QtCore.Qt.Key.Key_F11))
    toggle.toggled.connect(mode.set_active)
    mode.toggled.connect(toggle.setChecked)
    view.addAction(toggle)
    window.actions["presentation"] = toggle

    scale_menu = view.addMenu("Presentation &scale")
    scales = QtGui.QActionGroup(window)
    for scale in SCALES:
        action = QtGui.QAction(f"{scale:g}×", scales, checkable=True)
        action.setChecked(scale == mode.presentation_scale)
        action.triggered.connect(lambda _checked=False, s=scale: mode.set_scale(s))
        scale_menu.addAction(action)
        window.actions[f"presentation_scale_{scale:g}"] = action

    theme_menu = view.addMenu("Presentation &colours")
    themes = QtGui.QActionGroup(window)
    for key, text in THEMES:
        action = QtGui.QAction(text, themes, checkable=True)
        action.setChecked(key == mode.theme)
        action.triggered.connect(lambda _checked=False, k=key: mode.set_theme(k))
        theme_menu.addAction(action)
        window.actions[f"presentation_theme_{key}"] = action

    window.addAction(toggle)  # window actions keep their shortcuts while the menu bar is hidden
    leave = QtGui.QAction("Leave presentation mode", window, enabled=False)
    leave.setShortcut(QtGui.QKeySequence(QtCore.Qt.Key.Key_Escape))
    leave.triggered.connect(lambda: mode.set_active(False))
    mode.toggled.connect(leave.setEnabled)  # Esc means nothing else while not presenting
    window.addAction(leave)
    window.actions["leave_presentation"] = leave
    return mode
