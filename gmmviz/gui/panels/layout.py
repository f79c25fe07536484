"""Where the window's docks go by default, and how a feature's dock appears without crowding the plot.

The default arrangement (:func:`arrange`, once every dock exists; Settings ▸ Restore defaults and a
stored layout that cannot be used come back to it):

- the plot in the centre keeps most of the window: at 1280 × 800 about 970 × 510 pixels;
- right, 280 px wide: "Mixture" (settings and EM), with "Prior" as a tab behind it;
- bottom, 230 px high, under the plot and the Mixture panel: "History" on the left (53.5 % of the
  width: 685 px at 1280, as before the feature docks, and the parameter table's columns, lock boxes
  included, fit the rest), so its log-likelihood and ARI axes keep their ticks apart; on the right one group of
  tabs: "Parameters", then "True mixture", "Agreement with the truth" and "Label agreement", hidden
  until their feature is used (a true mixture, known labels) and then brought to the front;
- left, hidden: "Choose K", "Restarts" and "Equations", tabs of one group, each shown when asked
  for (:func:`show_beside_plot`) a quarter of the window wide and never more than leaves the plot
  half of it (the panel's own minimum, a row of controls, wins over both).

Decisions:

- Feature docks are tabs, never split beside another dock: a split takes its space from the plot or
  the history (the True mixture once took half the width and squeezed the history's ticks into each
  other), a tab takes none, and each of its panels keeps the group's whole height.
- A dock turned on in the View menu is brought to the front of its tabs (not left behind another).
- The True mixture and the agreements go with the parameter table (they are tables and numbers
  about the same components), the candidates and equations left of the plot, where clicking a
  candidate and watching the plot change can be seen at once.
"""

from PySide6 import QtCore, QtWidgets

#: The tab groups (objectName "<key>_dock"), first the dock the others are tabs behind: right, bottom, left.
TAB_GROUPS = (
    ("mixture", "prior"),
    ("parameters", "truth", "agreement", "label_agreement"),
    ("choose_k", "restarts", "equations"),
)
#: Default sizes in pixels at the default window size (1280 × 820).
RIGHT_WIDTH, BOTTOM_HEIGHT, HISTORY_SHARE = 280, 230, 0.535
#: A feature dock left of the plot takes this share of the window's width, and leaves the plot at least ``PLOT_SHARE``.
BESIDE_SHARE, PLOT_SHARE = 0.25, 0.5


class _Scrolled(QtWidgets.QScrollArea):
    """A scroll area at least as wide as its widget needs (as the dock was without it): it scrolls up and down,
    as a panel's rows do, and sideways only while a scroll bar up and down takes room."""

    def minimumSizeHint(self):
        hint = super().minimumSizeHint()
        return QtCore.QSize(max(hint.width(), self.widget().minimumSizeHint().width() + 2 * self.frameWidth()),
                            hint.height())


def scrolled(widget):
    """``widget`` in a scroll area that follows its size, so that a dock of it may be shorter than the widget
    (the Mixture panel alone held the window at 740 pixels: more than a 768-pixel laptop screen leaves)."""
    scroll = _Scrolled()
    scroll.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)        # the panel looks as it did in the dock alone
    scroll.setWidget(widget)
    scroll.setWidgetResizable(True)
    return scroll


def build_docks(window, widgets):
    """Add one dock per ``(key, title, widget, area)`` of ``widgets`` to ``window.docks`` (objectName "<key>_dock")."""
    for key, title, widget, area in widgets:
        dock = QtWidgets.QDockWidget(title, window)
        dock.setObjectName(f"{key}_dock")
        dock.setWidget(widget)
        window.addDockWidget(area, dock)
        window.docks[key] = dock


def arrange(window):
    """Put every dock of ``window.docks`` where the module docstring says, at its default size.

    Call once, after every module has added its docks.
    """
    docks = {dock.objectName().removesuffix("_dock"): dock for dock in window.findChildren(QtWidgets.QDockWidget)}
    history, parameters = docks["history"], docks["parameters"]
    window.splitDockWidget(history, parameters, QtCore.Qt.Orientation.Horizontal)
    for keys in TAB_GROUPS:
        present = [docks[key] for key in keys if key in docks]
        for dock in present[1:]:
            window.tabifyDockWidget(present[0], dock)       # moves it from wherever its module added it
        if present:
            present[0].raise_()
    width = window.width()
    window.resizeDocks([history], [BOTTOM_HEIGHT], QtCore.Qt.Orientation.Vertical)
    window.resizeDocks([history, parameters], [round(width * HISTORY_SHARE), round(width * (1 - HISTORY_SHARE))],
                       QtCore.Qt.Orientation.Horizontal)
    window.resizeDocks([docks["mixture"]], [RIGHT_WIDTH], QtCore.Qt.Orientation.Horizontal)
    for dock in docks.values():     # a dock turned on in the View menu comes to the front of its tabs
        dock.toggleViewAction().triggered.connect(lambda on, dock=dock: on and dock.raise_())


def beside_width(window_width, right_width):
    """Width of a dock shown left of the plot: a quarter of the window, leaving the plot at least half of it."""
    return max(0, min(round(window_width * BESIDE_SHARE), round(window_width * (1 - PLOT_SHARE)) - right_width))


def show_beside_plot(window, dock):
    """Show ``dock`` (left of the plot) in front of its tabs at :func:`beside_width`."""
    dock.show()
    dock.raise_()
    right = window.docks["mixture"]
    right_width = right.width() if right.isVisible() else 0
    window.resizeDocks([dock], [beside_width(window.width(), right_width)], QtCore.Qt.Orientation.Horizontal)
