"""Help ▸ Keyboard shortcuts (F1 or ?): every shortcut of the window, in large type.

The sheet is generated from the window's actions each time it opens, so it can never
disagree with what the keys do. Actions are grouped by the menu they appear in, in menu
order; actions that are in no menu are listed under "Other".
"""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

#: Point size of the sheet's text at scale 1 (large enough to read from a lectern).
BASE_POINT_SIZE = 14


def shortcut_rows(menus, actions=()):
    """``(group, command, keys)`` for every action with a shortcut.

    Parameters
    ----------
    menus : iterable of QMenu
        Walked in order, submenus included (named "Menu ▸ Submenu").
    actions : iterable of QAction
        Further actions; those not found in ``menus`` go under "Other".

    Returns
    -------
    list of (str, str, str)
        Keys in the platform's notation, alternatives joined by " or ".
    """
    rows, seen = [], set()

    def walk(menu, group):
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu(), f"{group} ▸ {_plain(action.text())}")
            elif not action.isSeparator():
                _add(rows, seen, group, action)

    for menu in menus:
        walk(menu, _plain(menu.title()))
    for action in actions:
        if action not in seen:
            _add(rows, seen, "Other", action)
    return rows


def _add(rows, seen, group, action):
    seen.add(action)
    keys = [s.toString(QtGui.QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts()]
    keys = [key for key in keys if key]
    if keys:
        rows.append((group, _plain(action.text()), " or ".join(keys)))


def _plain(text: str) -> str:
    """Menu text without mnemonic ampersands and trailing dots."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").removesuffix("…").removesuffix("...")


class ShortcutSheet(QtWidgets.QDialog):
    """A read-only table of shortcuts (see :func:`shortcut_rows`), closed with Esc or the button.

    The type is ``BASE_POINT_SIZE`` times ``scale``, made smaller (never below ``BASE_POINT_SIZE``) where
    the widest line would not fit 90 % of the screen's width; the sheet is at most 90 % of the screen,
    and a long list scrolls. It has its parent's palette (a window takes none from its parent: the
    dark theme).
    """

    def __init__(self, rows, scale=1.0, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        if parent is not None:
            self.setPalette(parent.palette())
        screen = (parent or self).screen().availableGeometry()
        font = QtGui.QFont(self.font())
        font.setPointSizeF(BASE_POINT_SIZE * scale)
        needed = _line_width(rows, font)
        if needed > 0.9 * screen.width() and scale > 1:
            font.setPointSizeF(max(BASE_POINT_SIZE, font.pointSizeF() * 0.9 * screen.width() / needed))
        self.setFont(font)
        self.table = QtWidgets.QTreeWidget()
        self.table.setHeaderLabels(["Command", "Keys"])
        self.table.setIndentation(round(QtGui.QFontMetrics(font).height() * 1.2))
        self.table.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
        self.table.setItemsExpandable(False)
        self.table.setRootIsDecorated(False)
        self.table.header().setSectionResizeMode(QtWidgets.QHeaderView.ResizeMode.ResizeToContents)
        bold = QtGui.QFont(font)
        bold.setBold(True)
        groups = {}
        for group, command, keys in rows:
            if group not in groups:
                heading = QtWidgets.QTreeWidgetItem(self.table, [group])
                heading.setFont(0, bold)
                heading.setFirstColumnSpanned(True)
                groups[group] = heading
            QtWidgets.QTreeWidgetItem(groups[group], [command, keys])
        self.table.expandAll()
        buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        metrics = QtGui.QFontMetrics(font)
        width = sum(self.table.sizeHintForColumn(i) for i in range(2)) + self.table.indentation() + 3 * metrics.height()
        height = min(len(rows) + len(groups) + 3, 30) * metrics.height() * 1.35
        self.resize(min(width, int(0.9 * screen.width())), int(min(height, 0.9 * screen.height())))


def _line_width(rows, font) -> int:
    """Pixels the sheet's widest line takes in ``font``: the longest command and keys, indented, with margins."""
    metrics = QtGui.QFontMetrics(font)
    columns = [max((metrics.horizontalAdvance(row[j]) for row in rows), default=0) for j in (1, 2)]
    return sum(columns) + round(metrics.height() * 4.2) + 4 * metrics.averageCharWidth()


def install(window, scale=lambda: 1.0):
    """Add Help ▸ Keyboard shortcuts (F1 and ?) to ``window``; returns the action.

    ``window`` has ``menus`` (dict of QMenu, with "help") and ``actions`` (dict of
    QAction); ``scale`` returns the current text scale (presentation mode).
    """
    action = QtGui.QAction("&Keyboard shortcuts…", window)
    action.setShortcuts([QtGui.QKeySequence(QtCore.Qt.Key.Key_F1), QtGui.QKeySequence("?")])
    action.setShortcutContext(QtCore.Qt.ShortcutContext.WindowShortcut)
    window.addAction(action)  # keeps the keys working when the menu bar is hidden

    def show_sheet():
        rows = shortcut_rows(window.menus.values(), window.actions.values())
        ShortcutSheet(rows, scale=scale(), parent=window).exec()

    action.triggered.connect(show_sheet)
    window.menus["help"].addAction(action)
    window.actions["shortcuts"] = action
    return action
