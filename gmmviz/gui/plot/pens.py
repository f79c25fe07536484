"""Pens shared by the plot's items: a dashed line of a given pattern (the true mixture, the prior)."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6 import QtCore


def dashed_pen(color, width, dashes):
    """A pen of ``color`` and ``width`` dashed by ``dashes`` (dash, gap, ... in units of the width)."""
    pen = pg.mkPen(color, width=width)
    pen.setStyle(QtCore.Qt.PenStyle.CustomDashLine)
    pen.setDashPattern(list(dashes))
    return pen
