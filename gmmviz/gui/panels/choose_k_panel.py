"""The "Choose K" dock: BIC, AIC or ICL against K, one line per covariance type, as mclust's BIC plot.

The panel shows ``FitSession.selection`` (:mod:`gmmviz.gui.model.selection_results`) and edits its request:
K from 1 to a maximum, the covariance types, the criterion, n_init and the seed. "Fit" asks for a sweep
(``fit_requested``); the window runs it (:mod:`gmmviz.gui.commands.candidates`). Lower is better for all
three criteria, and the axis says so. The best candidate has a ring, a degenerate one (a collapsed
component) a red ×; hovering a point rings it and shows its numbers, clicking one asks to load it
(``candidate_chosen(row index)``). Where points of several types overlap, hover and click take the one
nearest the mouse (the first in the table for points on one spot): the model the tip names is the one a
click loads. Changing the criterion re-ranks the candidates without fitting again.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtGui, QtWidgets

from gmmviz.core.covariance import COVARIANCE_TYPES
from gmmviz.core.errors import GmmvizError
from gmmviz.core.selection import CRITERIA
from gmmviz.gui.panels.history_panel import IterationAxis
from gmmviz.gui.plot.themes import axis_label_style, style_axes
from gmmviz.gui.render.palette import component_colors
from gmmviz.gui.model.settings import MAX_COMPONENTS

#: Symbol of each covariance type's line (mclust's plot also tells its models apart by symbol).
SYMBOLS = {"full": "o", "tied": "s", "diag": "t", "spherical": "d"}
#: How each symbol looks in text: the covariance-type boxes are the plot's key.
SYMBOL_TEXT = {"o": "●", "s": "■", "t": "▼", "d": "◆"}
#: Colour of the degenerate marks.
DEGENERATE_COLOR = "#D62728"


def type_colors():
    """``{covariance type: "#rrggbb"}``: the first palette colours, one per type."""
    return {t: "#{:02x}{:02x}{:02x}".format(*rgba[:3]) for t, rgba in zip(COVARIANCE_TYPES, component_colors(4))}


def candidate_text(row, criterion, best=False) -> str:
    """What hovering a candidate shows: its K and type, the three criteria, the log-likelihood and its fit."""
    head = f"K = {row.n_components}, {row.covariance_type}" + ("  (best)" if best else "")
    if row.error is not None:
        return f"{head}\nnot fitted: {row.error}"
    lines = [head]
    for name in CRITERIA:
        mark = "  ◀" if name == criterion else ""
        lines.append(f"{name.upper()} {getattr(row, name):.2f}{mark}")
    lines.append(f"log-likelihood {row.log_likelihood:.2f}")
    lines.append(f"{row.n_iter} iterations, " + ("converged" if row.converged else "not converged"))
    if row.degenerate:
        components = ", ".join(str(k + 1) for k in row.degenerate)
        lines.append(f"degenerate: component {components} collapsed")
    lines.append("click to load this model")
    return "\n".join(lines)


class ChooseKPanel(QtWidgets.QWidget):
    """Controls of the sweep and the criterion plot.

    Signals
    -------
    fit_requested()
        "Fit" was pressed.
    candidate_chosen(int)
        A candidate was clicked: its index in the sweep's rows.
    refused(str)
        An edit was taken back (the last covariance type unticked): one sentence saying why, for the notice strip.
    """

    fit_requested = QtCore.Signal()
    candidate_chosen = QtCore.Signal(int)
    refused = QtCore.Signal(str)

    def __init__(self, selection, parent=None):
        super().__init__(parent)
        self._selection = selection
        self._showing = False
        self._build_controls()
        self.plot = pg.PlotWidget(viewBox=pg.ViewBox(enableMenu=False),      # a point is clicked, not the plot
                                  axisItems={"bottom": IterationAxis("bottom")})
        item = self.plot.getPlotItem()
        item.showGrid(x=True, y=True, alpha=0.15)
        item.hideButtons()
        item.setMouseEnabled(x=False, y=False)
        for side in ("bottom", "left"):
            item.getAxis(side).enableAutoSIPrefix(False)
        colors = type_colors()
        self.lines = {}
        for covariance_type in COVARIANCE_TYPES:
            color = colors[covariance_type]
            line = pg.PlotDataItem(pen=pg.mkPen(color, width=1.6), symbol=SYMBOLS[covariance_type],
                                   symbolBrush=color, symbolPen=None, symbolSize=7)
            item.addItem(line)
            self.lines[covariance_type] = line
        # Invisible dots over every line's symbols, one item for all types so that hover and click pick
        # the same one: they carry the row index. The ring shows the one hovered.
        self.points = pg.ScatterPlotItem(size=13, pen=None, brush=pg.mkBrush(0, 0, 0, 0), hoverable=True)
        self.points.sigHovered.connect(self._on_hovered)
        self.points.sigClicked.connect(self._on_clicked)
        self.hovered = pg.ScatterPlotItem(symbol="o", size=15, brush=None)
        self.points.setZValue(1)        # over the rings and marks, which would take the clicks otherwise
        item.addItem(self.points)
        item.addItem(self.hovered, ignoreBounds=True)       # a ring is no reason to move the axes
        self.degenerate = pg.ScatterPlotItem(symbol="x", size=12, pen=pg.mkPen(DEGENERATE_COLOR, width=2),
                                             brush=pg.mkBrush(DEGENERATE_COLOR))
        self.best = pg.ScatterPlotItem(symbol="o", size=20, pen=pg.mkPen("#000000", width=2.2), brush=None)
        for marks in (self.degenerate, self.best):
            item.addItem(marks)
        self.summary = QtWidgets.QLabel()
        self.summary.setWordWrap(True)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(self._controls)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.summary)
        selection.changed.connect(self.refresh)
        self.set_style()
        self.refresh()

    def _build_controls(self):
        self.max_k = QtWidgets.QSpinBox(minimum=1, maximum=MAX_COMPONENTS)
        self.max_k.setPrefix("K = 1…")
        self.max_k.setToolTip("Fit every K from 1 to this")
        self.types = {}
        types_row = QtWidgets.QHBoxLayout()
        colors = type_colors()
        for covariance_type in COVARIANCE_TYPES:
            # The boxes are the plot's key: each in its line's colour, with its symbol.
            box = QtWidgets.QCheckBox(f"{SYMBOL_TEXT[SYMBOLS[covariance_type]]} {covariance_type}")
            palette = box.palette()     # a palette, not a style sheet: the font still follows the window's
            for role in (QtGui.QPalette.ColorRole.WindowText, QtGui.QPalette.ColorRole.ButtonText):
                palette.setColor(role, QtGui.QColor(colors[covariance_type]))
            box.setPalette(palette)
            box.setToolTip(f"Fit {covariance_type} covariances (the {colors[covariance_type]} line)")
            box.toggled.connect(self._on_edited)
            self.types[covariance_type] = box
            types_row.addWidget(box)
        types_row.addStretch(1)
        self.criterion = QtWidgets.QComboBox()
        for name in CRITERIA:
            self.criterion.addItem(name.upper(), name)
        # Room for "BIC" at every scale (the layout would squeeze it to "BI" at lecture scale).
        self.criterion.setSizeAdjustPolicy(QtWidgets.QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.criterion.setMinimumContentsLength(3)
        self.criterion.setToolTip("What ranks the candidates (lower is better); changing it fits nothing again")
        self.n_init = QtWidgets.QSpinBox(minimum=1, maximum=100, prefix="n_init ")
        self.n_init.setToolTip("EM restarts per candidate; the best log-likelihood is kept")
        self.seed = QtWidgets.QSpinBox(minimum=0, maximum=2**31 - 1, prefix="seed ")
        self.seed.setToolTip("Seed of every candidate's initialisation (k-means), as gmmviz select --seed")
        self.fit_button = QtWidgets.QPushButton("Fit")
        self.fit_button.setToolTip("Fit every K with every chosen covariance type")
        self.fit_button.clicked.connect(self.fit_requested)
        for widget in (self.max_k, self.n_init, self.seed):
            widget.valueChanged.connect(self._on_edited)
        self.criterion.currentIndexChanged.connect(self._on_edited)
        # Two rows of controls: in one the panel would be 500 px wide, and the plot beside it too narrow at 1280 px.
        first, second = QtWidgets.QHBoxLayout(), QtWidgets.QHBoxLayout()
        for widget in (self.max_k, self.criterion):
            first.addWidget(widget)
        first.addWidget(self.fit_button, 1)
        for widget in (self.n_init, self.seed):
            second.addWidget(widget, 1)
        self._controls = QtWidgets.QVBoxLayout()
        for row in (first, second, types_row):
            self._controls.addLayout(row)

    def set_style(self, scale=1.0, dark=False):
        """Font and line scale (1 = normal) and light or dark theme, as ``MixturePlot.set_style``."""
        style_axes(self.plot, scale, dark)
        self.plot.setMinimumHeight(int(120 + 60 * scale))
        self.best.setPen(pg.mkPen("#ffffff" if dark else "#000000", width=2.2 * scale))
        self.best.setSize(20 * scale)
        self.degenerate.setSize(12 * scale)
        for covariance_type, line in self.lines.items():
            line.setPen(pg.mkPen(type_colors()[covariance_type], width=1.6 * scale))
            line.setSymbolSize(7 * scale)
        self.points.setSize(13 * scale)
        self.hovered.setPen(pg.mkPen("#ffffff" if dark else "#000000", width=1.5 * scale))
        self.hovered.setSize(15 * scale)
        self._label_axes(scale, dark)
        self._style = (scale, dark)

    def _label_axes(self, scale=None, dark=None):
        scale, dark = (scale, dark) if scale is not None else self._style
        item = self.plot.getPlotItem()
        criterion = self._selection.request.criterion.upper()
        item.setLabel("left", f"{criterion} (lower is better)", **axis_label_style(scale, dark))
        item.setLabel("bottom", "K, number of components", **axis_label_style(scale, dark))

    # -- showing the model ------------------------------------------------------------------------

    def refresh(self):
        """Show the request in the controls and the sweep in the plot."""
        request = self._selection.request
        self._showing = True
        self.max_k.setValue(request.max_k)
        for covariance_type, box in self.types.items():
            box.setChecked(covariance_type in request.covariance_types)
        self.criterion.setCurrentIndex(CRITERIA.index(request.criterion))
        self.n_init.setValue(request.n_init)
        self.seed.setValue(min(request.seed, self.seed.maximum()))
        self._showing = False
        self.fit_button.setText(f"Fit K = 1…{request.max_k}")
        self._label_axes()
        self._plot_sweep()

    def _plot_sweep(self):
        sweep = self._selection.sweep
        criterion = self._selection.request.criterion
        rows = sweep.rows if sweep is not None else ()
        for covariance_type in COVARIANCE_TYPES:
            index = [i for i, row in enumerate(rows) if row.covariance_type == covariance_type]
            ks = np.array([rows[i].n_components for i in index], dtype=float)
            values = np.array([getattr(rows[i], criterion) for i in index], dtype=float)
            finite = np.isfinite(values)
            self.lines[covariance_type].setData(ks[finite], values[finite])
        shown = [i for i, row in enumerate(rows) if math.isfinite(getattr(row, criterion))]
        self.points.setData([rows[i].n_components for i in shown], [getattr(rows[i], criterion) for i in shown],
                            data=shown)
        self.hovered.setData([], [])
        degenerate = [row for row in rows if row.degenerate and math.isfinite(getattr(row, criterion))]
        self.degenerate.setData([row.n_components for row in degenerate],
                                [getattr(row, criterion) for row in degenerate])
        if not rows:        # no sweep (new points): not the last sweep's range either
            view = self.plot.getPlotItem().getViewBox()
            view.setRange(xRange=(0.5, self._selection.request.max_k + 0.5), yRange=(0, 1), padding=0)
            view.enableAutoRange()          # for the next sweep (no data keeps the range just set)
        best = self._selection.best()
        if best is None:
            self.best.setData([], [])
            self.summary.setText("Press Fit to fit every K with the chosen covariance types." if sweep is None
                                 else "No candidate could be fitted.")
            return
        row = rows[best]
        self.best.setData([row.n_components], [getattr(row, criterion)])
        note = " (every candidate is degenerate)" if row.degenerate else ""
        marks = "○ best" + (", × degenerate (a component collapsed)" if degenerate else "")
        self.summary.setText(f"Best by {criterion.upper()}: K = {row.n_components}, {row.covariance_type} "
                             f"({getattr(row, criterion):.2f}){note}. {marks}. Click a point to load its model.")

    def candidate_pos(self, index):
        """Where row ``index`` is drawn, in the plot widget's pixels (for a click)."""
        row = self._selection.sweep.rows[index]
        view = self.plot.getPlotItem().getViewBox()
        scene = view.mapViewToScene(QtCore.QPointF(row.n_components, getattr(row, self._selection.request.criterion)))
        return self.plot.mapFromScene(scene)

    # -- user input -------------------------------------------------------------------------------

    def hover_text(self, index):
        """The tooltip of candidate ``index`` (empty when there is none)."""
        sweep = self._selection.sweep
        if sweep is None or index is None or index >= len(sweep.rows):
            return ""
        return candidate_text(sweep.rows[index], self._selection.request.criterion, index == self._selection.best())

    def _nearest(self, points, event):
        """The row index of the point of ``points`` nearest the mouse (the lowest index among equals)."""
        mouse = event.scenePos()
        return min((QtCore.QLineF(self.points.mapToScene(point.pos()), mouse).length(), int(point.data()))
                   for point in points)[1]

    def _on_hovered(self, item, points, event):
        view = self.plot.getPlotItem().getViewBox()
        if not len(points):
            view.setToolTip("")
            self.hovered.setData([], [])
            return
        index = self._nearest(points, event)
        row = self._selection.sweep.rows[index]
        view.setToolTip(self.hover_text(index))
        self.hovered.setData([row.n_components], [getattr(row, self._selection.request.criterion)])

    def _on_clicked(self, item, points, event):
        if len(points):
            event.accept()
            self.candidate_chosen.emit(self._nearest(points, event))

    def _on_edited(self, *_):
        if self._showing:
            return
        types = tuple(t for t, box in self.types.items() if box.isChecked())
        try:
            self._selection.set_request(max_k=self.max_k.value(), covariance_types=types,
                                        criterion=self.criterion.currentData(), n_init=self.n_init.value(),
                                        seed=self.seed.value())
        except GmmvizError as error:
            self.refresh()      # e.g. the last covariance type unticked: keep what the request has
            kept = self._selection.request.covariance_types
            self.refused.emit(f"Choose K fits at least one covariance type: tick another before unticking "
                              f"{kept[0]}." if not types and len(kept) == 1 else
                              f"{str(error)[:1].upper()}{str(error)[1:]}.")
