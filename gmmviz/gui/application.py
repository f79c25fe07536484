"""The QApplication of gmmviz, made once: on the off-screen platform for exports and when there is no display.

Both the window (:mod:`gmmviz.gui.app`) and the plot exporters of the command line
(:mod:`gmmviz.gui.export.headless`) start Qt through :func:`ensure_app`.

Decisions
---------
- Exports (``ensure_app(offscreen=True)``) always use Qt's ``offscreen`` platform, whatever
  ``DISPLAY`` or ``QT_QPA_PLATFORM`` say: they draw nothing on a screen, so a display that is set
  but gone (an ended ``ssh -X`` session, a stopped Xvfb) cannot stop ``gmmviz fit --png``.
- The window checks its display before Qt starts, because Qt aborts the process (status 134, with a
  hint about ``xcb-cursor0`` that is rarely the cause) when it cannot open one. A display that is
  named but cannot be reached (no server listening on the X socket or TCP port ``DISPLAY`` names,
  no Wayland socket) is a :class:`~gmmviz.core.errors.GmmvizError`. The check connects to the
  socket only: an X server that refuses this user is still Qt's to report.
- ``QT_QPA_PLATFORM`` set but empty counts as not set, as Qt itself treats it. A value naming other
  platforms (``offscreen``, ``vnc``, a fallback list with one of them) is left to Qt.
- With nothing named (no ``DISPLAY`` or ``WAYLAND_DISPLAY`` on Linux), the off-screen platform is
  used and the window refuses to start without ``--screenshot`` (:func:`gmmviz.gui.app.run_window`).
  When only the Wayland display of the two works, Qt is told to use Wayland.
- On Windows and macOS the platform has its own display and nothing is checked.
- Reference cycles are collected on the GUI thread only (:mod:`gmmviz.gui.engine.gui_thread_gc`): a
  collection on a worker thread that destroys Qt objects can freeze the window for good.
- The application carries the packaged icon at every size and the desktop file name ``gmmviz``
  (:mod:`gmmviz.desktop`), so window lists and Wayland docks show the entry's name and icon.
"""

import os
import socket
import sys

from gmmviz.core.errors import GmmvizError
from gmmviz.desktop import DESKTOP_ID, icon_files

# Qt messages that say nothing to a user: the off-screen platform reports every window it
# cannot resize to its contents' size hints.
_SILENCED_QT_MESSAGES = ("This plugin does not support propagateSizeHints()",)

#: Seconds to wait for an X server over TCP (``DISPLAY=host:0``, ``ssh -X``'s ``localhost:10``).
_CONNECT_TIMEOUT = 2.0

#: The platforms that show windows on an X or Wayland display, the ones checked before Qt starts.
_X11, _WAYLAND = "xcb", ("wayland", "wayland-egl", "wayland-brcm")


def _qt_message_handler(mode, context, message):
    if message not in _SILENCED_QT_MESSAGES:
        print(message, file=sys.stderr)


_application = None  # the QApplication made here, kept alive for the life of the process


def ensure_app(offscreen: bool = False):
    """The running QApplication, or a new one.

    Parameters
    ----------
    offscreen : bool
        Make it on Qt's off-screen platform whatever the environment says (exports). Otherwise the
        environment's display, or the off-screen platform when there is none.

    Raises
    ------
    GmmvizError
        Without ``offscreen``, when the environment names a display that cannot be reached.
    """
    global _application
    from PySide6 import QtCore, QtWidgets

    app = QtWidgets.QApplication.instance()
    if app is None:
        platform = "offscreen" if offscreen else window_platform(os.environ, sys.platform)
        QtCore.qInstallMessageHandler(_qt_message_handler)
        # A -platform argument wins over QT_QPA_PLATFORM, and leaves the environment as it was.
        arguments = sys.argv[:1] + (["-platform", platform] if platform else [])
        app = _application = QtWidgets.QApplication(arguments)
        app.setApplicationName("gmmviz")
        app.setOrganizationName("gmmviz")
        # Wayland compositors match a window to its menu entry by this id (gmmviz.desktop, the file
        # --install-desktop writes).
        app.setDesktopFileName(DESKTOP_ID)
        app.setWindowIcon(_application_icon())
    from gmmviz.gui.engine.gui_thread_gc import collect_on_gui_thread

    collect_on_gui_thread(app)
    return app


def _application_icon():
    """The packaged icon at every size, so Qt never scales a 512 px picture down to 16 px."""
    from PySide6 import QtGui

    icon = QtGui.QIcon()
    for packaged in icon_files().values():
        icon.addFile(str(packaged))
    return icon


def window_platform(environ, system: str) -> str | None:
    """The Qt platform the window must be given, or None for Qt's own choice.

    Parameters
    ----------
    environ : mapping of str to str
        The environment (``DISPLAY``, ``WAYLAND_DISPLAY``, ``XDG_RUNTIME_DIR``, ``QT_QPA_PLATFORM``).
    system : str
        ``sys.platform``.

    Raises
    ------
    GmmvizError
        When the display the window would open cannot be reached (see the module docstring).
    """
    if system in ("win32", "darwin"):
        return None
    named = [entry.split(":")[0].strip() for entry in environ.get("QT_QPA_PLATFORM", "").split(";")]
    named = [name for name in named if name]
    if any(name != _X11 and name not in _WAYLAND for name in named):
        return None
    x_display, wayland_display = environ.get("DISPLAY", ""), environ.get("WAYLAND_DISPLAY", "")
    wants_x = not named or _X11 in named
    wants_wayland = not named or any(name in _WAYLAND for name in named)
    if not named and not x_display and not wayland_display:
        return "offscreen"
    x_works = wants_x and bool(x_display) and _x_server_listens(x_display)
    wayland_works = wants_wayland and bool(wayland_display) and _wayland_listens(wayland_display, environ)
    if x_works:
        return None
    if wayland_works:
        return None if named else "wayland"
    raise GmmvizError(_unreachable_message(x_display if wants_x else "", wayland_display if wants_wayland else "",
                                           named))


def _unreachable_message(x_display: str, wayland_display: str, named: list) -> str:
    """The one sentence saying which display cannot be reached and what to do."""
    tried = [f"{name}={value}" for name, value in (("DISPLAY", x_display), ("WAYLAND_DISPLAY", wayland_display))
             if value]
    problem = f"{' or '.join(tried)} cannot be reached" if tried else "DISPLAY is not set"
    platform = f" (QT_QPA_PLATFORM={';'.join(named)})" if named else ""
    return (
        f"the window cannot open a display{platform}: {problem}; start the display server or correct the "
        "variable (unset it to use --screenshot OUT.png without a display), or use gmmviz fit for results "
        "without a window"
    )


def _x_server_listens(display: str) -> bool:
    """Whether an X server accepts connections on the socket ``display`` (``[host]:n[.screen]``) names."""
    host, separator, number = display.rpartition(":")
    number = number.split(".")[0]
    if not separator or not number.isdigit():
        return False
    if host in ("", "unix"):
        path = f"/tmp/.X11-unix/X{number}"
        # Linux servers listen on an abstract socket too, which is all a container may share.
        return _unix_socket_listens(path) or (sys.platform.startswith("linux") and _unix_socket_listens("\0" + path))
    try:
        socket.create_connection((host, 6000 + int(number)), timeout=_CONNECT_TIMEOUT).close()
    except (OSError, ValueError):
        return False
    return True


def _wayland_listens(display: str, environ) -> bool:
    """Whether a Wayland compositor listens on ``display`` (a path, or a name in ``XDG_RUNTIME_DIR``)."""
    runtime = environ.get("XDG_RUNTIME_DIR", "")
    if not os.path.isabs(display) and not runtime:
        return False
    return _unix_socket_listens(os.path.join(runtime, display))


def _unix_socket_listens(path: str) -> bool:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
        probe.settimeout(_CONNECT_TIMEOUT)
        try:
            probe.connect(path)
        except OSError:
            return False
    return True
