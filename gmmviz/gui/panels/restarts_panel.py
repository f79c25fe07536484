"""The "Restarts" dock: where n restarts of EM ended, as a strip of final log-likelihoods.

The panel shows ``FitSession.restarts`` (:mod:`gmmviz.gui.model.restarts`): one dot per restart at its final
log-likelihood, restarts that reached the same optimum stacked, so the strip reads as a histogram of the
local optima; the best (highest) has a ring, a degenerate end a red ×. Hovering a dot shows its seed and
numbers, clicking it asks to load that solution (``restart_chosen(index)``); "Run" asks for a run
(``run_requested``), which the window does (:mod:`gmmviz.gui.commands.candidates`).
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6 import QtCore, QtWidgets

from gmmviz.gui.model.restarts import MAX_RESTARTS
from gmmviz.gui.panels.choose_k_panel import DEGENERATE_COLOR
from gmmviz.gui.plot.themes import axis_label_style, style_axes

#: Colour of the dots (the first palette colour).
DOT_COLOR = "#0072B2"


def restart_text(restart, best=False) -> str:
    """What hovering a restart shows: its seed, final log-likelihood and how its run ended."""
    lines = [f"seed {restart.seed}" + ("  (best)" if best else ""),
             f"log-likelihood {restart.log_likelihood:.4f}",
             f"{restart.n_iter} iterations, " + ("converged" if restart.converged else "not converged")]
    if restart.degenerate:
        lines.append("degenerate: component " + ", ".join(str(k + 1) for k in restart.degenerate) + " collapsed")
    lines.append("click to load this solution")
    return "\n".join(lines)


#: Dots nearer than this share of the strip's width go in one stack, of one optimum or not: side by side
#: they would cover each other (two optima 0.05 apart on a strip 6 wide).
STACK_WIDTH = 0.015


def strip_positions(run):
    """``(x, y)`` of each restart's dot: its final log-likelihood, and 1, 2, … up its stack.

    A stack holds the restarts of one optimum, and those of optima too near to be told apart on the
    strip (``STACK_WIDTH``), the better optima lower.
    """
    xs = [r.log_likelihood for r in run.restarts]
    optima = run.optima()
    near = STACK_WIDTH * (max(xs) - min(xs))
    stacks, ys = [], [0] * len(xs)          # stacks: [x of its first dot, height]
    for i in sorted(range(len(xs)), key=lambda i: (optima[i], i)):
        stack = next((stack for stack in stacks if abs(stack[0] - xs[i]) <= near), None)
        if stack is None:
            stack = [xs[i], 0]
            stacks.append(stack)
        stack[1] += 1
        ys[i] = stack[1]
    return xs, ys


class RestartsPanel(QtWidgets.QWidget):
    """The number of restarts, Run, and the strip.

    Signals
    -------
    run_requested()
    restart_chosen(int)
        A dot was clicked: the restart's index in the run.
    """

    run_requested = QtCore.Signal()
    restart_chosen = QtCore.Signal(int)

    def __init__(self, restarts, parent=None):
        super().__init__(parent)
        self._restarts = restarts
        self.count = QtWidgets.QSpinBox(minimum=2, maximum=MAX_RESTARTS, suffix=" restarts")
        self.count.setToolTip("EM runs from seeds s, s+1, … (s is the Mixture panel's seed)")
        self.count.valueChanged.connect(self._on_count)
        self.run_button = QtWidgets.QPushButton("Run")
        self.run_button.setToolTip("Run EM to convergence from every seed, with the Mixture panel's settings")
        self.run_button.clicked.connect(self.run_requested)
        self.plot = pg.PlotWidget(viewBox=pg.ViewBox(enableMenu=False))      # a dot is clicked, not the plot
        item = self.plot.getPlotItem()
        item.showGrid(x=True, y=False, alpha=0.15)
        item.hideButtons()
        item.setMouseEnabled(x=False, y=False)
        item.getAxis("bottom").enableAutoSIPrefix(False)
        item.getAxis("left").setTicks([[]])
        self.dots = pg.ScatterPlotItem(size=11, pen=pg.mkPen("w"), brush=pg.mkBrush(DOT_COLOR), hoverable=True,
                                       tip=lambda x, y, data: self.hover_text(data), hoverSize=14)
        self.dots.sigClicked.connect(self._on_clicked)
        self.degenerate = pg.ScatterPlotItem(symbol="x", size=12, pen=pg.mkPen(DEGENERATE_COLOR, width=2))
        self.best = pg.ScatterPlotItem(symbol="o", size=20, pen=pg.mkPen("#000000", width=2.2), brush=None)
        for dots in (self.dots, self.degenerate, self.best):
            item.addItem(dots)
        self.summary = QtWidgets.QLabel()
        self.summary.setWordWrap(True)
        row = QtWidgets.QHBoxLayout()
        row.addWidget(self.count)
        row.addWidget(self.run_button, 1)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(row)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.summary)
        restarts.changed.connect(self.refresh)
        self.set_style()
        self.refresh()

    def set_style(self, scale=1.0, dark=False):
        """Font and line scale (1 = normal) and light or dark theme, as ``MixturePlot.set_style``."""
        style_axes(self.plot, scale, dark)
        self.plot.setMinimumHeight(int(70 + 45 * scale))
        self.dots.setSize(11 * scale)
        self.best.setPen(pg.mkPen("#ffffff" if dark else "#000000", width=2.2 * scale))
        self.best.setSize(20 * scale)
        self.degenerate.setSize(12 * scale)
        self.plot.getPlotItem().setLabel("bottom", "final log-likelihood",
                                         **axis_label_style(scale, dark))

    def refresh(self):
        """Show the count and the run."""
        restarts = self._restarts
        self.count.blockSignals(True)
        self.count.setValue(restarts.count)
        self.count.blockSignals(False)
        self.run_button.setText(f"Run {restarts.count} restarts")
        run = restarts.run
        if run is None or not run.restarts:
            for dots in (self.dots, self.degenerate, self.best):
                dots.setData([], [])
            self.summary.setText("Run EM from several seeds to see where it ends: each local optimum is a "
                                 "stack of dots.")
            return
        xs, ys = strip_positions(run)
        self.dots.setData(xs, ys, data=list(range(len(xs))))
        degenerate = [i for i, r in enumerate(run.restarts) if r.degenerate]
        self.degenerate.setData([xs[i] for i in degenerate], [ys[i] for i in degenerate])
        best = run.best()
        self.best.setData([xs[best]], [ys[best]])
        item = self.plot.getPlotItem()
        item.setYRange(0.3, max(ys) + 0.7, padding=0)
        low, high = min(xs), max(xs)
        span = max(high - low, 1e-6 * max(abs(high), 1.0))
        item.setXRange(low - 0.08 * span, high + 0.08 * span, padding=0)
        settings, first = run.settings, run.restarts[0].seed
        found = len(set(run.optima()))
        self.summary.setText(
            f"K = {settings.n_components}, {settings.covariance_type}, {settings.init}, seeds {first}…"
            f"{run.restarts[-1].seed}: {found} optim{'um' if found == 1 else 'a'}; the best (highest), "
            f"{xs[best]:.2f}, from seed {run.restarts[best].seed}. Click a dot to load it.")

    def restart_pos(self, index):
        """Where restart ``index`` is drawn, in the plot widget's pixels (for a click)."""
        xs, ys = strip_positions(self._restarts.run)
        scene = self.plot.getPlotItem().getViewBox().mapViewToScene(QtCore.QPointF(xs[index], ys[index]))
        return self.plot.mapFromScene(scene)

    def hover_text(self, index):
        """The tooltip of restart ``index`` (empty when there is none)."""
        run = self._restarts.run
        if run is None or index is None or index >= len(run.restarts):
            return ""
        return restart_text(run.restarts[index], index == run.best())

    def _on_clicked(self, item, points, event):
        if len(points):
            event.accept()
            self.restart_chosen.emit(int(points[0].data()))

    def _on_count(self, value):
        self._restarts.set_count(value)
