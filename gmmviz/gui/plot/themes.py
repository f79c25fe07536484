"""The light and dark themes of gmmviz's plots, and the style of their axes at a presentation scale.

Every plot (the mixture plot, the history, Choose K, the restarts) takes its background, axis and text colours
from :data:`THEMES`, so the panels' plots look like the mixture plot's in either theme.
"""

import math

import pyqtgraph as pg
from PySide6 import QtGui

from gmmviz.gui.render.palette import WARNING_COLORS

#: Colours of a plot, keyed by dark.
THEMES = {
    False: {"background": "#ffffff", "foreground": "#2b2b2b", "contour": (60, 60, 60), "outline": (0, 0, 0, 90),
            "warning": WARNING_COLORS[False], "mean_pen": (20, 20, 20), "legend_bg": (255, 255, 255, 235),
            "readout": "background: rgba(255,255,255,230); color: #222; border: 1px solid #aaa;"},
    True: {"background": "#15171a", "foreground": "#e8e8e8", "contour": (215, 215, 215), "outline": (255, 255, 255, 70),
           "warning": WARNING_COLORS[True], "mean_pen": (245, 245, 245), "legend_bg": (30, 32, 36, 235),
           "readout": "background: rgba(30,32,36,235); color: #eee; border: 1px solid #666;"},
}


def style_axes(widget, scale=1.0, dark=False, sides=("left", "bottom")):
    """Background, axis lines and tick labels (of the axes on ``sides``) of a ``pg.PlotWidget`` at ``scale``
    (1 = normal) in the light or dark theme."""
    theme = THEMES[bool(dark)]
    widget.setBackground(theme["background"])
    font = QtGui.QFont()
    font.setPointSizeF(9 * scale)
    for name in sides:
        axis = widget.getPlotItem().getAxis(name)
        axis.setPen(pg.mkPen(theme["foreground"], width=scale))
        axis.setTextPen(pg.mkPen(theme["foreground"]))
        # pyqtgraph spaces the axis title from the tick labels by a fixed 5 px plus a share of
        # the title's box, so at large scales they touch; a wider text margin around the title
        # (Qt's 4 px at scale 1) keeps the gap about proportional to the scale.
        axis.label.document().setDocumentMargin(max(4 * scale, 12 * scale - 8))
        axis.setStyle(tickFont=font, tickTextOffset=int(4 * scale))
        if name in ("bottom", "top"):
            # The font's height: pyqtgraph's own measure, taken while painting, ignores changes under 10 px,
            # so an axis back from a larger scale was a few pixels off, its title against the tick labels.
            axis.setStyle(autoExpandTextSpace=False, tickTextHeight=math.ceil(QtGui.QFontMetricsF(font).height()))


def axis_label_style(scale=1.0, dark=False):
    """Keyword arguments of ``PlotItem.setLabel`` for an axis title at ``scale`` in the theme."""
    return {"color": THEMES[bool(dark)]["foreground"], "font-size": f"{10 * scale:.0f}pt"}
