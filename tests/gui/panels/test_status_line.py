"""The status line: whole read-outs packed into lines, and a status bar that follows its height."""

import shiboken6
from PySide6 import QtWidgets

from gmmviz.gui.model.readouts import FIELDS
from gmmviz.gui.panels.status_line import StatusLine


def _window_with_long_read_outs(qtbot):
    window = QtWidgets.QMainWindow()
    window.setCentralWidget(QtWidgets.QLabel("plot"))
    line = StatusLine()
    window.statusBar().addPermanentWidget(line, 1)
    line.show_fields({**{key: f"{key}: a read-out of some length" for key in FIELDS}, "warnings": ""})
    qtbot.addWidget(window)
    window.resize(300, 400)
    window.show()
    qtbot.waitExposed(window)
    return window, line


def test_the_status_bar_shrinks_back_when_the_read_outs_unwrap(qtbot):
    window, line = _window_with_long_read_outs(qtbot)
    wrapped = window.statusBar().height()
    window.resize(1600, 400)
    qtbot.waitUntil(lambda: window.statusBar().height() < wrapped)
    assert line.readouts.text().count("\n") == 0


def test_the_status_bar_is_never_rebuilt_while_it_lays_out_its_widgets(qtbot):
    # Rebuilding it from inside its own layout pass freed the layout Qt was still working in: the
    # window crashed now and then entering or leaving presentation mode, when the read-outs unwrap.
    window, _line = _window_with_long_read_outs(qtbot)
    layout = window.statusBar().layout()
    window.resize(1600, 400)        # lays the status bar out before it returns
    assert shiboken6.isValid(layout)


def test_a_warning_wider_than_the_line_is_broken_between_words_not_cut(qtbot):
    """At 2x on a narrow screen the degenerate component's advice ran off the right edge."""
    window, line = _window_with_long_read_outs(qtbot)
    advice = "degenerate component: 3 (use fewer components, a larger reg_covar, the prior or more points)"
    line.show_fields({**line.fields, "warnings": advice})
    shown = line.warnings.text().split("\n")
    assert len(shown) > 1 and " ".join(shown) == advice
    metrics = line.warnings.fontMetrics()
    assert all(metrics.horizontalAdvance(text) <= line.width() - 12 for text in shown)
