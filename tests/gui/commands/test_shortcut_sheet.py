"""The shortcut sheet lists every shortcut of the window, from the actions themselves."""

from PySide6 import QtCore, QtGui

from gmmviz.gui.commands import shortcut_sheet


def test_every_action_with_a_shortcut_is_listed_once(window):
    rows = shortcut_sheet.shortcut_rows(window.menus.values(), window.actions.values())
    listed = {(command, keys) for _, command, keys in rows}
    assert len(rows) == len(listed)
    expected = {action for action in window.actions.values() if not action.shortcut().isEmpty()}
    assert len(rows) == len(expected)
    assert ("Step", "Space") in listed and ("E-step", "E") in listed and ("Save session", "Ctrl+S") in listed
    assert ("Keyboard shortcuts", "F1 or ?") in listed
    groups = {command: group for group, command, _ in rows}
    assert groups["Step"] == "EM"


def test_f1_opens_a_large_sheet(qtbot, window, monkeypatch):
    shown = []
    monkeypatch.setattr(shortcut_sheet.ShortcutSheet, "exec", lambda self: shown.append(self))
    window.presentation.set_scale(2.0)
    window.presentation.set_active(True)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, QtCore.Qt.Key.Key_F1)
    assert len(shown) == 1
    sheet = shown[0]
    # Twice the base size, or as large as the (small, offscreen) screen lets its widest line be
    size, screen = sheet.font().pointSizeF(), window.screen().availableGeometry()
    base = shortcut_sheet.BASE_POINT_SIZE
    assert size == 2 * base or (base < size < 2 * base and sheet.width() > 0.8 * screen.width())
    groups = [sheet.table.topLevelItem(i) for i in range(sheet.table.topLevelItemCount())]
    keys = {group.child(j).text(0): group.child(j).text(1) for group in groups for j in range(group.childCount())}
    assert keys["Step"] == "Space" and keys["Keyboard shortcuts"] == "F1 or ?"


def test_at_3x_in_the_dark_theme_the_sheet_fits_the_screen_and_is_dark(qtbot, window, monkeypatch):
    shown = []
    monkeypatch.setattr(shortcut_sheet.ShortcutSheet, "exec", lambda self: shown.append(self))
    window.actions["presentation_scale_3"].trigger()
    window.actions["presentation_theme_dark"].trigger()
    window.actions["presentation"].trigger()
    window.actions["shortcuts"].trigger()
    (sheet,) = shown
    screen = window.screen().availableGeometry()
    assert sheet.width() <= 0.9 * screen.width() and sheet.height() <= 0.9 * screen.height()
    widest = max(sheet.table.sizeHintForColumn(0) + sheet.table.sizeHintForColumn(1), 1)
    assert widest + sheet.table.indentation() < sheet.width()           # the keys are not cut at the right
    assert shortcut_sheet.BASE_POINT_SIZE <= sheet.font().pointSizeF() <= 3 * shortcut_sheet.BASE_POINT_SIZE
    assert sheet.palette().color(QtGui.QPalette.ColorRole.Window).lightness() < 60


def test_actions_outside_menus_are_listed_under_other(qtbot, window):
    extra = QtGui.QAction("Secret zoom", window)
    extra.setShortcut(QtGui.QKeySequence("Z"))
    rows = shortcut_sheet.shortcut_rows(window.menus.values(), [extra])
    assert ("Other", "Secret zoom", "Z") in rows
