"""The mixture plot's hover read-out: where the mouse is, the density there and P(k | x) of each component.

Decisions:

- It is a label over the plot widget, in a top corner of the view the legend is not in, and below a
  strip the window lays over the top of the plot (a notice), so it hides neither. It is never wider than
  the view (its lines wrap between fields); one wider than half the view goes to the bottom when the
  legend is at the top.
- Its text grows with the presentation scale only up to the legend's 2× (at 3× it covered a cluster).
- Under a still mouse it follows the mixture on screen: each EM step, each iteration chosen in the history.
- The axis names come from a file: they are escaped, never read as markup.
- At most four responsibilities a line, in the components' colours.
"""

import html

from PySide6 import QtCore, QtGui, QtWidgets

from gmmviz.gui.render.palette import component_colors

#: Pixels between the read-out and the edges of the view.
_MARGIN = 8
#: Qt's QWIDGETSIZE_MAX (PySide6 does not export it): no maximum width.
_NO_LIMIT = (1 << 24) - 1


def readout_html(names, x, y, density=None, proba=None) -> str:
    """The read-out's rich text at (x, y): ``names`` of the axes, p(x, y) and P(k | x, y) (n_components,) if known."""
    x_name, y_name = (html.escape(name) for name in names)
    lines = [f"{x_name} = {x:.4g}, {y_name} = {y:.4g}"]
    if density is not None:
        lines[0] += f" &nbsp; p(x) = {density:.4g}"
        colors = component_colors(len(proba))
        cells = [f"<span style='color: rgb({c[0]},{c[1]},{c[2]})'>■</span>&nbsp;P({k + 1}|x)&nbsp;=&nbsp;{p:.3f}"
                 for k, (c, p) in enumerate(zip(colors, proba))]
        lines += ["&nbsp;&nbsp; ".join(cells[i:i + 4]) for i in range(0, len(cells), 4)]
    return "<br>".join(lines)


class HoverReadout:
    """The read-out label over ``parent`` (a plot widget); hidden until the mouse is :meth:`follow`-ed.

    ``describe(scene_pos)`` gives ``(text, view, legend_corner)`` (see :meth:`show_text`) for the mouse at
    a scene position, or None where there is nothing to read out (off the view).
    """

    def __init__(self, parent, describe):
        self._label = QtWidgets.QLabel(parent)
        self._label.setTextFormat(QtCore.Qt.TextFormat.RichText)
        self._label.setAttribute(QtCore.Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._label.hide()
        self._top_inset = 0.0
        self._describe = describe
        self._position = None           # the mouse's last scene position

    def follow(self, scene_pos):
        """Show what there is to read out with the mouse at ``scene_pos``, or hide."""
        self._position = scene_pos
        shown = self._describe(scene_pos)
        if shown is None:
            self.hide()
        else:
            self.show_text(*shown)

    def refresh(self):
        """Read out again where the mouse last was, when shown: the mixture or the view changed under it."""
        if self.visible and self._position is not None:
            self.follow(self._position)

    def set_style(self, css, scale):
        """The label's colours and border (``css``, a style sheet's declarations) and its text at ``scale``."""
        self._label.setStyleSheet(f"QLabel {{ {css} border-radius: 4px; padding: 4px 6px; "
                                  f"font-size: {9 * scale:.0f}pt; }}")

    def set_top_inset(self, pixels):
        """Keep below the top ``pixels`` of the plot widget (0 = none)."""
        self._top_inset = max(0.0, float(pixels))

    def show_text(self, text, view, legend_corner):
        """Show ``text`` in the top corner of ``view`` (QRectF, widget pixels) that ``legend_corner`` is not."""
        label, room = self._label, max(1, int(view.width() - 2 * _MARGIN))
        label.setText(text)
        label.setWordWrap(False)
        label.setMinimumWidth(0)
        label.setMaximumWidth(_NO_LIMIT)
        label.adjustSize()
        if label.width() > room:        # wrapped to the view's width
            label.setWordWrap(True)
            label.setFixedWidth(room)
            label.resize(room, label.heightForWidth(room))
        left = legend_corner != "top-left"
        x = view.left() + _MARGIN if left else view.right() - _MARGIN - label.width()
        top = max(view.top(), self._top_inset) + _MARGIN
        if label.width() > view.width() / 2 - 2 * _MARGIN and str(legend_corner).startswith("top"):
            top = view.bottom() - _MARGIN - label.height()      # across the top it would cover the legend
        label.move(int(x), int(top))
        label.show()

    def hide(self):
        self._label.hide()

    @property
    def visible(self):
        return self._label.isVisible()

    @property
    def text(self):
        """Plain text of the read-out (empty when hidden)."""
        if not self._label.isVisible():
            return ""
        doc = QtGui.QTextDocument()
        doc.setHtml(self._label.text())
        return html.unescape(doc.toPlainText())
