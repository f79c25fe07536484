"""The mixture plot's axes: tick labels that tell neighbouring ticks apart at any distance from 0."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg


class DataAxis(pg.AxisItem):
    """A ``pg.AxisItem`` whose tick labels are the ticks' values, at any distance from 0.

    pyqtgraph writes a value of 10 000 or more with ``%g``, six significant digits, so the ticks of
    data near 1e6 (Old Faithful shifted by a million) all read ``1e+06``. Such values are written here
    with as many significant digits as their level's tick spacing needs (at least pyqtgraph's six, at
    most 15, beyond which a float's digits are noise), the same way at every level.
    """

    def tickStrings(self, values, scale, spacing):
        scaled = np.asarray(values, dtype=float) * scale
        step = abs(spacing * scale)
        largest = float(np.abs(scaled).max()) if len(scaled) else 0.0
        if self.logMode or not step or largest < 1e4:
            return super().tickStrings(values, scale, spacing)
        digits = min(15, max(6, math.ceil(math.log10(largest / step)) + 1))
        return [f"{value:.{digits}g}" for value in scaled]
