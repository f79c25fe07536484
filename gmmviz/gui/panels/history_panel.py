"""The "History" dock: log-likelihood per iteration and a slider to show any past iteration.

For maximum likelihood (and for MAP, whose log posterior EM also never lowers) the curve must
never go down; an iteration whose value is lower than the previous one (beyond round-off,
1e-9 relative) is marked with a red dot. Values on either side of a change of the points or
of the objective are not compared.

The axes are set from the values shown each time: iterations from 0 in whole numbers (never a
"×0.001" scale), and a value axis at least ``MIN_RELATIVE_SPAN`` of the values wide, so
changes of round-off size (1e-11) are drawn flat instead of as a full-height fall.

With a true mixture, a second curve (``set_agreement``) shows the adjusted Rand index of every
iteration against the truth, dashed, on a right-hand axis from 0 to 1 of its own.
"""

import math

import numpy as np
import pyqtgraph as pg
from PySide6 import QtCore, QtGui, QtWidgets

from gmmviz.gui.model.history import OBJECTIVE_NAMES
from gmmviz.gui.plot.themes import THEMES, axis_label_style, style_axes

#: Colour of the log-likelihood curve (the first palette colour).
CURVE_COLOR = "#0072B2"
#: Colour of the agreement (ARI) curve: Okabe–Ito orange, apart from the blue curve and the red falls.
AGREEMENT_COLOR = "#E69F00"
#: The value axis spans at least this fraction of the values' size (and at least this much at 0): a change
#: of round-off is drawn flat.
MIN_RELATIVE_SPAN = 1e-6
#: Around a single value (the first E-step) the axis spans this fraction of its size, so that its labels are
#: a few round numbers, not the value's sixth and seventh digits.
SINGLE_VALUE_SPAN = 1e-3


def slider_style(scale, dark):
    """``(style sheet, minimum height)`` of the iteration slider at a presentation ``scale`` and theme.

    The desk's slider is the platform's own (``("", 0)``). On a projector its handle grows with the text
    (a lecturer drags it), and in the dark theme it is white on a grey groove: the platform's shades of
    a black window are black.
    """
    if scale == 1.0 and not dark:
        return "", 0
    handle, groove = round(14 * scale), max(4, round(4 * scale))
    face, done = ("white", "#ffd400") if dark else ("black", "#0050c8")
    sheet = (f"QSlider::groove:horizontal {{ height: {groove}px; background: #808080; "
             f"border-radius: {groove // 2}px; }}"
             f"QSlider::sub-page:horizontal {{ background: {done}; border-radius: {groove // 2}px; }}"
             f"QSlider::handle:horizontal {{ background: {face}; width: {handle}px; height: {handle}px; "
             f"margin: -{(handle - groove) // 2}px 0; border-radius: {handle // 2}px; }}")
    return sheet, handle + 2        # room for the whole round handle


def decreases(values, breaks=()):
    """Indices ``i`` where ``values[i] < values[i - 1]`` beyond round-off (NaNs never count).

    Parameters
    ----------
    values : ndarray of shape (n,)
    breaks : iterable of int
        Indices ``i`` not compared with ``i - 1`` (the data or objective changed in between).
    """
    values = np.asarray(values, dtype=float)
    if len(values) < 2:
        return np.empty(0, dtype=int)
    previous, current = values[:-1], values[1:]
    with np.errstate(invalid="ignore"):
        lower = current < previous - 1e-9 * np.maximum(np.abs(previous), 1.0)
    index = np.flatnonzero(lower) + 1
    return np.setdiff1d(index, np.fromiter(breaks, dtype=int))


class IterationAxis(pg.AxisItem):
    """An axis that only labels whole iterations."""

    def tickValues(self, minVal, maxVal, size):
        levels = super().tickValues(minVal, maxVal, size)
        whole = [(max(spacing, 1.0), [v for v in values if float(v).is_integer()])
                 for spacing, values in levels]
        return [level for level in whole if level[1]]


def history_title(kinds):
    """The dock's title for values of ``kinds`` (a set of bool: log posterior or not, as
    :meth:`~gmmviz.gui.model.history.History.objective_kinds`): with both, which dots are which (the y axis
    has no room for a name)."""
    if len(kinds) == 2:
        return f"History: {OBJECTIVE_NAMES[False]} (●) and {OBJECTIVE_NAMES[True]} (○)"
    return f"History: {OBJECTIVE_NAMES[next(iter(kinds))]} per iteration"


class SpacedAxis(pg.AxisItem):
    """A vertical value axis whose labels never touch: half a label's height of room between two of them.

    pyqtgraph chooses the major ticks from the axis length alone and labels minor ones while they fill
    less than 60-80 % of it, so a short axis at lecture scale (the history at 3×: 27 pt labels on 100
    pixels) gets labels drawn over each other. Here the labelled ticks are the major ones and as many
    finer levels as fit; when even the major ones do not fit, every k-th of them, k as small as fits,
    starting where the kept ones lie farthest from the ends (pyqtgraph hides a label that would stick
    out of the axis). Only the first level returned is labelled.
    """

    def __init__(self, orientation, **kwargs):
        super().__init__(orientation, **kwargs)
        self.setStyle(maxTextLevel=0)

    def tickValues(self, minVal, maxVal, size):
        levels = super().tickValues(minVal, maxVal, size)
        if not levels:
            return levels
        label_height = QtGui.QFontMetricsF(self.style["tickFont"] or QtGui.QFont()).height()
        room = max(1, int((size + label_height / 2) // (1.5 * label_height)))   # n labels, n - 1 gaps of half one
        spacing, labelled = levels[0]
        if len(labelled) > room:
            return [self._thinned(spacing, labelled, room, minVal, maxVal, size, label_height), *levels[1:]]
        finer = 1
        for finer_spacing, values in levels[1:]:
            merged = sorted([*labelled, *values])
            if len(merged) > room:
                break
            spacing, labelled, finer = finer_spacing, merged, finer + 1
        return [(spacing, list(labelled)), *levels[finer:]]

    @staticmethod
    def _thinned(spacing, values, room, minVal, maxVal, size, label_height):
        k = math.ceil(len(values) / room)
        low, high = min(minVal, maxVal), max(minVal, maxVal)

        def shown(kept):
            """How many of ``kept`` have their label inside the axis, then how far the nearest is from an end."""
            margins = [min(v - low, high - v) * size / (high - low) for v in kept]
            return sum(margin >= label_height / 2 for margin in margins), min(margins)

        return spacing * k, list(max((values[start::k] for start in range(k)), key=shown))


class HistoryPanel(QtWidgets.QWidget):
    """Log-likelihood curve with the iteration on screen marked, and the history slider.

    ``iteration_selected(i)`` fires when the user moves the slider or clicks the curve.
    """

    iteration_selected = QtCore.Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        # No pyqtgraph menu (log axes, mouse mode, a second export): the curve is read, not edited.
        self.plot = pg.PlotWidget(viewBox=pg.ViewBox(enableMenu=False),
                                  axisItems={"bottom": IterationAxis("bottom"), "left": SpacedAxis("left"),
                                             "right": SpacedAxis("right")})
        item = self.plot.getPlotItem()
        item.hideAxis("right")          # until there is an agreement curve to read on it
        item.showGrid(x=True, y=True, alpha=0.15)
        item.hideButtons()
        item.setMouseEnabled(x=False, y=False)
        item.disableAutoRange()
        for side in ("bottom", "left"):
            item.getAxis(side).enableAutoSIPrefix(False)
        self._curve = pg.PlotDataItem(symbol="o", symbolBrush=CURVE_COLOR, symbolPen=None)
        self._posterior = pg.ScatterPlotItem()      # a log posterior's dot, hollow, over the curve's filled one
        self._decreases = pg.ScatterPlotItem(size=10, brush=pg.mkBrush("#D62728"), pen=pg.mkPen("w"))
        self._cursor = pg.InfiniteLine(angle=90, pen=pg.mkPen("#888", style=QtCore.Qt.PenStyle.DashLine))
        for plot_item in (self._curve, self._posterior, self._decreases, self._cursor):
            item.addItem(plot_item)
        self.plot.scene().sigMouseClicked.connect(self._on_plot_clicked)

        self.slider = QtWidgets.QSlider(QtCore.Qt.Orientation.Horizontal, minimum=0, maximum=0)
        self.slider.setToolTip("Show a past iteration (Left / Right)")
        self.slider.valueChanged.connect(self._on_slider)
        self.label = QtWidgets.QLabel("no fit")
        self.label.setMinimumWidth(self.fontMetrics().horizontalAdvance("iteration 0000 / 0000"))
        row = QtWidgets.QHBoxLayout()
        row.addWidget(QtWidgets.QLabel("Iteration"))
        row.addWidget(self.slider, 1)
        row.addWidget(self.label)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.plot, 1)
        layout.addLayout(row)
        self._updating = False
        self.n_decreases = 0
        self._agreement = None          # (ViewBox, curve) of the ARI curve, made when first shown
        self._style = (1.0, False)
        self.set_style()

    def set_style(self, scale=1.0, dark=False):
        """Font and line scale (1 = normal) and light or dark theme, as ``MixturePlot.set_style``."""
        style_axes(self.plot, scale, dark)
        self._curve.setPen(pg.mkPen(CURVE_COLOR, width=1.8 * scale))
        self._curve.setSymbolSize(5 * scale)
        self._posterior.setSize(5 * scale)
        self._posterior.setBrush(pg.mkBrush(THEMES[dark]["background"]))
        self._posterior.setPen(pg.mkPen(CURVE_COLOR, width=1.2 * scale))
        self.plot.setMinimumHeight(int(40 + 35 * scale))   # room for the scaled axis, not more
        # The y axis is left unnamed: a vertical title does not fit a short plot at lecture
        # scale; the window names the objective in the panel's title.
        # Above 2× the x axis goes unnamed too: the slider below says "Iteration", and the
        # curve needs the height on a projector.
        self.plot.getPlotItem().setLabel("bottom", "iteration" if scale <= 2 else None, **axis_label_style(scale, dark))
        sheet, height = slider_style(scale, dark)
        self.slider.setStyleSheet(sheet)
        self.slider.setMinimumHeight(height)
        self._style = (scale, dark)
        if self._agreement is not None:
            self._style_agreement()

    def set_agreement(self, values):
        """Show the ARI with the truth of every iteration, (n,) with NaN where unknown, or hide it (None)."""
        if values is None:
            if self._agreement is not None:
                self._agreement[1].setData([], [])
                self.plot.getPlotItem().hideAxis("right")
            return
        if self._agreement is None:
            self._agreement_curve()
        values = np.asarray(values, dtype=float)
        finite = np.isfinite(values)
        self._agreement[1].setData(np.arange(len(values))[finite], values[finite])
        self.plot.getPlotItem().showAxis("right")

    @property
    def agreement_values(self):
        """The (iteration, ARI) points of the agreement curve, shape (n_points, 2) (empty when hidden)."""
        if self._agreement is None or not self.plot.getPlotItem().getAxis("right").isVisible():
            return np.empty((0, 2))
        x, y = self._agreement[1].getData()
        return np.empty((0, 2)) if x is None else np.column_stack([x, y])

    def _agreement_curve(self):
        """A view box over the plot's, sharing its x axis, with the 0–1 ARI axis on the right."""
        item = self.plot.getPlotItem()
        view = pg.ViewBox(enableMouse=False)
        item.scene().addItem(view)
        axis = item.getAxis("right")
        axis.linkToView(view)
        axis.enableAutoSIPrefix(False)
        view.setXLink(item)
        view.setYRange(0.0, 1.0, padding=0.1)      # room for the markers of a perfect 1
        curve = pg.PlotDataItem(symbol="t", symbolPen=None, symbolBrush=AGREEMENT_COLOR)
        view.addItem(curve)

        def follow():
            view.setGeometry(item.getViewBox().sceneBoundingRect())

        item.getViewBox().sigResized.connect(follow)
        follow()
        self._agreement = (view, curve)
        self._style_agreement()

    def _style_agreement(self):
        scale, dark = self._style
        view, curve = self._agreement
        curve.setPen(pg.mkPen(AGREEMENT_COLOR, width=1.6 * scale, style=QtCore.Qt.PenStyle.DashLine))
        curve.setSymbolSize(6 * scale)
        style_axes(self.plot, scale, dark, sides=("right",))
        self.plot.getPlotItem().setLabel("right", "ARI", **axis_label_style(scale, dark))

    def set_history(self, values, shown, breaks=(), posterior=None):
        """Show the per-iteration values (n,), the iteration on screen and the decreases; ``posterior`` (n,) bool
        marks the values that are a log posterior, drawn as hollow dots (a log-likelihood's are filled)."""
        iterations = np.arange(len(values))
        finite = np.isfinite(values)
        shown_at = iterations[finite]
        # No line into a break: values on either side are not of the same points or objective.
        joined = ~np.isin(np.append(shown_at[1:], -1), np.fromiter(breaks, dtype=int))
        self._curve.setData(shown_at, values[finite], connect=joined)
        hollow = shown_at[np.asarray(posterior, bool)[finite]] if posterior is not None else shown_at[:0]
        self._posterior.setData(hollow, values[hollow])
        bad = decreases(values, breaks)
        self.n_decreases = len(bad)
        self._decreases.setData(bad, values[bad])
        self._updating = True
        self.slider.setMaximum(max(len(values) - 1, 0))
        self.slider.setValue(max(shown, 0))
        self._updating = False
        self._cursor.setValue(max(shown, 0))
        self._cursor.setVisible(len(values) > 0)
        self.label.setText(f"iteration {shown} / {len(values) - 1}" if len(values) else "no fit")
        self._set_ranges(values)

    def _set_ranges(self, values):
        item = self.plot.getPlotItem()
        item.setXRange(0, max(len(values) - 1, 1), padding=0.03)
        finite = values[np.isfinite(values)]
        if not len(finite):
            item.setYRange(0, 1, padding=0)
            return
        low, high = float(finite.min()), float(finite.max())
        least = (SINGLE_VALUE_SPAN if len(finite) == 1 else MIN_RELATIVE_SPAN) * max(abs(low), abs(high), 1.0)
        if high - low < least:
            middle = (low + high) / 2
            low, high = middle - least / 2, middle + least / 2
        item.setYRange(low, high, padding=0.08)

    def _on_slider(self, value):
        if not self._updating:
            self.iteration_selected.emit(value)

    def _on_plot_clicked(self, event):
        view = self.plot.getPlotItem().getViewBox()
        if view.sceneBoundingRect().contains(event.scenePos()) and self.slider.maximum() > 0:
            x = view.mapSceneToView(event.scenePos()).x()
            self.iteration_selected.emit(int(np.clip(round(x), 0, self.slider.maximum())))
