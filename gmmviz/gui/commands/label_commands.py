"""Labels in the window: the Label tool (paint points with a component), EM ▸ Initialise from labels, the
painted rings on the plot and the "Label agreement" dock.

``install(window)`` adds them; the labels themselves are ``window.session.labels``
(:mod:`gmmviz.gui.model.point_labels`).

Decisions:

- **Initialise from labels** (Shift+I) starts a new fit whose iteration 0 is the M-step of one-hot
  responsibilities (:func:`gmmviz.core.label_init.mixture_from_labels`, as ``gmmviz fit --init-labels``):
  from the painted labels with the K of the Mixture panel when any point is painted, else from the known
  labels with K = their number of distinct labels. Points without a label take no part in those initial
  parameters (EM's first E-step gives them responsibilities like the rest); a component without any
  labelled point is refused with a message saying which, and nothing changes. The covariance type,
  reg_covar and the prior are the Mixture panel's, and weighted points count with their weights.
- Initialise from labels stays enabled when there is nothing to start from, so that its key too says
  what to do (paint points, or open a file with a label column); its tooltip says the same.
- The painted labels stay until painted over, painted "none" or cleared (Edit ▸ Clear painted labels,
  one undo step); EM never changes them, so the rings show where EM moved a point to another component.
- The agreement dock appears the first time there are known labels (hidden before, so a window without
  any looks as it always did), tabbed with the parameter table, and follows every iteration, at most
  every ``REFRESH_MS`` while EM runs (the hard labels of the mixture on screen cost one prediction). Above
  ``LIVE_POINTS`` points, where the agreement takes a tenth of a second and more (measured: 0.1 s for 1e5
  points, 0.9 s for 1e6), it waits for EM to stop, so the window stays responsive.
"""

from __future__ import annotations

import numpy as np
from PySide6 import QtCore, QtGui, QtWidgets

from gmmviz.core import GmmvizError
from gmmviz.core.errors import as_sentence
from gmmviz.core.label_init import UNLABELLED, label_codes, mixture_from_labels
from gmmviz.gui.model.fit_session import NO_POINTS
from gmmviz.gui.model.point_labels import PaintLabelsCommand
from gmmviz.gui.panels.label_agreement_panel import LabelAgreementPanel
from gmmviz.gui.plot.label_brush import LabelBrush
from gmmviz.gui.plot.label_layer import PaintedLabelsLayer
from gmmviz.gui.plot.point_tools import Tool
from gmmviz.gui.render.palette import MAX_COMPONENTS

#: Milliseconds between updates of the agreement while EM runs.
REFRESH_MS = 250
#: Most points for which the agreement follows a running EM (beyond, it is updated when EM stops).
LIVE_POINTS = 100_000
NO_LABELS = ("There are no labels to start from: paint points with the Label tool (L), or open a file with a "
             "label column.")
START_TIP = "New initial parameters: the components of the painted (or known) labels (Shift+I)"


class LabelCommands:
    """The label commands of ``window``; see :func:`install`."""

    def __init__(self, window):
        self._window = window
        self._session = window.session
        self._timer = QtCore.QTimer(window, singleShot=True, interval=REFRESH_MS)
        self._timer.timeout.connect(self.refresh_agreement)
        self._dock_shown = False

    def initialise_from_labels(self) -> bool:
        """Start a new fit from the labels (see the module docstring); False, with a message, when it cannot."""
        session, window = self._session, self._window
        reason = self.refusal()
        if reason is not None:
            window.notices.show_refusal(reason)
            return False
        X = session.points.X
        painted = session.labels.painted()
        settings = session.settings
        if np.any(painted != UNLABELLED):
            codes, n_components, source = painted, settings.n_components, "the painted labels"
        else:
            # Re-coded from the text, not known_codes(): its names keep labels of erased points, which would
            # make K too large and leave components without points; the text gives the labels on screen only,
            # coded as gmmviz fit --init-labels codes them.
            codes, names = label_codes(session.labels.known())
            n_components, source = len(names), session.labels.known_column
        try:
            weights = session.weights.for_points()
            fit = settings.changed(n_components=n_components).fit_settings(None, X, weights)
            mixture = mixture_from_labels(X, codes, n_components, fit.covariance_type, fit.reg_covar, fit.prior,
                                          weights)
        except GmmvizError as exc:
            window.report(as_sentence(exc))
            return False
        window.set_mixture(mixture)
        unlabelled = int(np.count_nonzero(codes == UNLABELLED))
        without = f"; {unlabelled} points without a label take no part" if unlabelled else ""
        window.report(f"Initial parameters from {source}{without}.", "info")
        return True

    def refusal(self):
        """Why Initialise from labels cannot start now (one sentence), or None."""
        session = self._session
        if not len(session.points):
            return NO_POINTS
        if not session.labels.has_painted() and session.labels.known_codes() is None:
            return NO_LABELS
        return None

    def update_tip(self):
        reason = self.refusal()
        self._window.actions["initialise_labels"].setToolTip(START_TIP + (f" — {reason}" if reason else ""))

    def clear_painted(self):
        """Take every painted label away, as one undo step."""
        labels = self._session.labels
        ids = self._session.points.ids
        before = labels.painted()
        if np.any(before != UNLABELLED):
            self._session.undo_stack.push(PaintLabelsCommand(labels, ids, UNLABELLED, before,
                                                             "Clear painted labels"))

    def refresh_rings(self):
        session = self._session
        self.layer.set_scale(self._window.plot.theme[0])
        self.layer.show(session.points.X, session.labels.painted())

    def refresh_agreement(self):
        if self._session.labels.known_codes() is not None and not self._dock_shown:
            self._dock_shown = True
            dock = self._window.docks["label_agreement"]
            dock.show()
            dock.raise_()           # it shares a tab with the parameters
        self.panel.refresh()

    def schedule_agreement(self):
        if not self._window.runner.is_running:
            self.refresh_agreement()
        elif len(self._session.points) <= LIVE_POINTS and not self._timer.isActive():
            self._timer.start()


def install(window) -> LabelCommands:
    """Add the Label tool, EM ▸ Initialise from labels, Edit ▸ Clear painted labels and the agreement dock.

    Actions "tool_label", "initialise_labels" and "clear_painted"; dock "label_agreement" in
    ``window.docks``. Returns the :class:`LabelCommands`, with ``brush`` (the LabelBrush), ``component``
    (the toolbar's spin box: 1..20, 0 = none), ``layer`` (the rings) and ``panel`` (the agreement panel).
    """
    commands = LabelCommands(window)
    session = window.session
    commands.brush = LabelBrush(window.plot.view_box, session.points, session.labels, session.undo_stack,
                                lambda: window.editor.brush_radius_px, window)
    commands.layer = PaintedLabelsLayer(window.plot.plot_item)

    tool = QtGui.QAction("Label", window, checkable=True, shortcut=QtGui.QKeySequence("L"))
    tool.setToolTip("Drag over points to paint them with the chosen component (L)")
    tool.setStatusTip("Drag over points to paint them with the chosen component")
    tool.triggered.connect(lambda _checked=False: window.set_tool(Tool.LABEL))
    window.actions["tool_add"].actionGroup().addAction(tool)
    start = QtGui.QAction("Initialise from labels", window, shortcut=QtGui.QKeySequence("Shift+I"))
    start.setStatusTip(START_TIP)
    start.triggered.connect(lambda _checked=False: commands.initialise_from_labels())
    clear = QtGui.QAction("Clear painted labels", window)
    clear.triggered.connect(lambda _checked=False: commands.clear_painted())
    for name, action in (("tool_label", tool), ("initialise_labels", start), ("clear_painted", clear)):
        window.addAction(action)
        window.actions[name] = action
    window.menus["em"].insertAction(window.actions["e_step"], start)
    window.menus["edit"].addAction(clear)

    toolbar = window.findChild(QtWidgets.QToolBar, "points_toolbar")
    toolbar.insertAction(window.actions["clear"], tool)
    commands.component = QtWidgets.QSpinBox(minimum=0, maximum=MAX_COMPONENTS, value=1)
    commands.component.setSpecialValueText("none")
    commands.component.setToolTip("The component the Label tool paints (none takes painted labels away)")
    commands.component.valueChanged.connect(lambda value: setattr(commands.brush, "component", value - 1))
    toolbar.addSeparator()
    toolbar.addWidget(QtWidgets.QLabel("Label "))
    toolbar.addWidget(commands.component)

    commands.panel = LabelAgreementPanel(session)
    dock = QtWidgets.QDockWidget("Label agreement", window)
    dock.setObjectName("label_agreement_dock")
    dock.setWidget(commands.panel)
    window.addDockWidget(QtCore.Qt.DockWidgetArea.BottomDockWidgetArea, dock)
    dock.hide()
    window.docks["label_agreement"] = dock
    window.menus["view"].addAction(dock.toggleViewAction())

    for event in (session.labels.changed, session.points.changed):
        event.connect(commands.refresh_rings)
        event.connect(commands.schedule_agreement)
        event.connect(commands.update_tip)
    session.fit_changed.connect(commands.schedule_agreement)
    window.runner.finished.connect(commands.refresh_agreement)
    window.plot.style_changed.connect(commands.refresh_rings)
    commands.update_tip()
    return commands
