"""The QApplication of gmmviz, made once, on the off-screen platform when there is no display.

Both the window (:mod:`gmmviz.gui.app`) and the plot exporters of the command line
(:mod:`gmmviz.gui.export.headless`) start Qt through :func:`ensure_app`.
"""

import os
import sys


# Qt messages that say nothing to a user: the off-screen platform reports every window it
# cannot resize to its contents' size hints.
_SILENCED_QT_MESSAGES = ("This plugin does not support propagateSizeHints()",)


def _qt_message_handler(mode, context, message):
    if message not in _SILENCED_QT_MESSAGES:
        print(message, file=sys.stderr)


_application = None  # the QApplication made here, kept alive for the life of the process


def ensure_app():
    """The running QApplication, or a new one; off-screen when there is no display."""
    global _application
    from PySide6 import QtCore, QtWidgets

    app = QtWidgets.QApplication.instance()
    if app is None:
        if _no_display():
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        QtCore.qInstallMessageHandler(_qt_message_handler)
        app = _application = QtWidgets.QApplication(sys.argv[:1])
        app.setApplicationName("gmmviz")
        app.setOrganizationName("gmmviz")
    return app


def _no_display() -> bool:
    if sys.platform in ("win32", "darwin"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
