"""Starting the window for the CLI: ``run_window``, the kernel warm-up, Ctrl-C.

Start-up is kept short (the window must be up within 1.5 s): scikit-learn is imported only
when it is first needed (never for a fit), and once the window has been painted for the first time
numba and its kernels are loaded on a background thread (:mod:`gmmviz.gui.engine.warm_up`),
so the first Initialise finds them ready. A window that only makes a picture (``--screenshot``)
starts with the default layout and starting settings and writes no settings
(:meth:`~gmmviz.gui.commands.preferences.Preferences.detach`).
"""

import functools
import signal
import socket
import threading
from pathlib import Path

from gmmviz.gui.application import ensure_app
from gmmviz.gui.engine import warm_up
from gmmviz.gui.engine.background import cancel_runs

#: Seconds the process waits at exit for a warm-up still loading machine code (it ends in a few).
WARM_UP_EXIT_WAIT = 30.0


def when_painted(widget, callback):
    """Call ``callback()`` once, from the event loop, right after ``widget`` is painted for the first time."""
    from PySide6 import QtCore

    class FirstPaint(QtCore.QObject):
        def eventFilter(self, watched, event):
            if watched is widget and event.type() == QtCore.QEvent.Type.Paint:
                widget.removeEventFilter(self)
                QtCore.QTimer.singleShot(0, callback)       # after this paint has reached the screen
            return False

    widget.installEventFilter(FirstPaint(widget))


def warm_up_when_painted(window):
    """Start the EM warm-up on its own thread once ``window`` is on screen (it must not delay the first paint)."""
    when_painted(window, warm_up.start)


def wait_until_idle(window):
    """Process events until the window's EM job (if any) has finished."""
    from PySide6 import QtCore

    if window.runner.is_running:
        loop = QtCore.QEventLoop()
        window.runner.finished.connect(loop.quit)
        if window.runner.is_running:
            loop.exec()
        window.runner.finished.disconnect(loop.quit)
    QtCore.QCoreApplication.processEvents()


class _CtrlC:
    """Ctrl-C (SIGINT) in the window: stop what runs, then raise ``KeyboardInterrupt`` outside Qt.

    Python's own handler raises ``KeyboardInterrupt`` in whatever Python code runs next, which in a
    window is a Qt slot: Qt prints the traceback and carries on. Between :meth:`install` and
    :meth:`restore` a press is only noted; :meth:`run` runs an event loop, ends it on a press
    (``stop``, called from the loop, not from inside the slot that was interrupted) and raises
    ``KeyboardInterrupt`` once the loop has returned. A wake-up socket lets a press reach Python
    while Qt waits for events and no Python code runs.
    """

    def __init__(self):
        self.pressed = False
        self._stop = None
        self._installed = False
        self._previous = self._previous_fd = None          # what install() replaced
        self._wake = self._wake_write = self._notifier = None

    @classmethod
    def install(cls):
        """Take over SIGINT (on the main thread; elsewhere signals cannot be handled and nothing changes)."""
        from PySide6 import QtCore

        ctrl_c = cls()
        if threading.current_thread() is not threading.main_thread():
            return ctrl_c
        ctrl_c._wake, ctrl_c._wake_write = socket.socketpair()
        for end in (ctrl_c._wake, ctrl_c._wake_write):
            end.setblocking(False)
        ctrl_c._notifier = QtCore.QSocketNotifier(ctrl_c._wake.fileno(), QtCore.QSocketNotifier.Type.Read)
        ctrl_c._notifier.activated.connect(ctrl_c._drain)
        ctrl_c._previous_fd = signal.set_wakeup_fd(ctrl_c._wake_write.fileno(), warn_on_full_buffer=False)
        ctrl_c._previous = signal.signal(signal.SIGINT, ctrl_c._press)
        ctrl_c._installed = True
        return ctrl_c

    def run(self, loop, stop=None):
        """``loop()`` unless Ctrl-C came first; on a press during it ``stop()`` ends it.

        Raises
        ------
        KeyboardInterrupt
            After the loop, when Ctrl-C was pressed.
        """
        result = None
        self._stop = stop
        try:
            if not self.pressed:
                result = loop()
        finally:
            self._stop = None
        if self.pressed:
            raise KeyboardInterrupt
        return result

    def restore(self):
        """Give SIGINT back to the handler it had before :meth:`install`."""
        if not self._installed:
            return
        signal.signal(signal.SIGINT, self._previous if self._previous is not None else signal.SIG_DFL)
        signal.set_wakeup_fd(self._previous_fd)
        self._notifier.setEnabled(False)
        self._wake.close()
        self._wake_write.close()
        self._installed = False

    def _press(self, signum, frame):
        from PySide6 import QtCore

        self.pressed = True
        if self._stop is not None:
            QtCore.QTimer.singleShot(0, self._stop)

    def _drain(self):
        # Python ran the handler before this slot; the bytes only woke the event loop.
        try:
            self._wake.recv(4096)
        except OSError:
            pass


def run_window(path=None, columns=None, n_components=None, covariance_type=None, seed=None,
               run=False, screenshot=None, select=None, truth=None, sample=None):
    """Open the main window, optionally load points and run EM, then run the event loop.

    Parameters
    ----------
    path : str or Path, optional
        Points file to load.
    columns : str or pair, optional
        Columns of ``path`` to use (as ``gmmviz.io.read_points``); default: ask when the file
        has more than two numeric columns (interactive) or take the first two (screenshot).
    n_components, covariance_type, seed : optional
        Initial settings of the Mixture panel.
    run : bool
        Run EM to convergence after loading.
    select : dict, optional
        A Choose K request (``SweepRequest`` fields): show the panel, fit its candidates after loading and
        load the best (before ``run``).
    screenshot : str or Path, optional
        Save a picture of the whole window there and return instead of running the event loop.
    truth : str or Path, optional
        Mixture JSON file to show as the true mixture.
    sample : int, optional
        Draw this many points from ``truth`` with ``seed`` instead of loading ``path``; K defaults
        to the truth's.

    Returns
    -------
    int
        Exit status (0 on success).

    Raises
    ------
    KeyboardInterrupt
        On Ctrl-C, once the event loop has stopped (no screenshot is written).
    GmmvizError
        With ``screenshot``, when the file cannot be read, EM fails or the picture cannot be
        written (interactive use shows
        the message in the window instead); without ``screenshot`` when there is no display
        (the window would be invisible and never end).
    """
    import shiboken6

    from gmmviz.core import GmmvizError

    app = ensure_app()
    if screenshot is None and app.platformName() in ("offscreen", "minimal"):
        raise GmmvizError("there is no display to show the window on: use --screenshot OUT.png, "
                          "or gmmviz fit for results without a window")
    from gmmviz.gui.export.image import settle, write_png
    from gmmviz.gui.main_window import MainWindow
    from gmmviz.gui.model.session_file import apply_session

    interactive = screenshot is None
    loaded = session = None
    true_mixture = None
    if truth is not None:                        # a bad file fails before any window exists
        from gmmviz.io.mixture_json import read_mixture

        true_mixture = read_mixture(truth)[0]
        if sample is not None and n_components is None:
            n_components = true_mixture.n_components
    if path is not None and not interactive:     # a bad file fails before any window exists
        from gmmviz.io import read_points
        from gmmviz.io.session import SUFFIX, load_session

        if Path(path).suffix.lower() == SUFFIX:
            session = load_session(path)
        else:
            loaded = read_points(path, columns)
    window = MainWindow()
    if not interactive:
        window.preferences.detach()     # a picture is the same on every machine and changes no settings
    for name, value in (("n_components", n_components), ("covariance_type", covariance_type), ("seed", seed)):
        if value is not None:
            window.session.set_setting(name, value)     # a value the window cannot take is an error
    window.show()
    if interactive:     # a screenshot run warms up in its first job, which follows at once
        warm_up_when_painted(window)
    ctrl_c = _CtrlC.install()
    # Ctrl-C while a file is read, points are drawn or candidates are fitted cancels that work as its Cancel would.
    cancel = functools.partial(cancel_runs, window)
    try:
        if loaded is not None:
            window.set_points(loaded.X, loaded.columns, f"Open {Path(path).name}", name=Path(path).name)
        elif session is not None:
            apply_session(window.session, session, path)      # a session brings its own settings and history
            window.frame_new_points()
        elif path is not None:
            ctrl_c.run(lambda: window.load_file(path, columns), stop=cancel)    # recorded in Open recent
        if true_mixture is not None:
            window.session.truth.set_mixture(true_mixture)
            if sample is not None:
                ctrl_c.run(lambda: window.truth_commands.sample(sample, seed), stop=cancel)
        if select is not None:
            window.session.selection.set_request(**select)
            window.candidates.show_choose_k()
            ctrl_c.run(window.candidates.run_sweep, stop=cancel)
            ctrl_c.run(lambda: wait_until_idle(window), stop=window.runner.stop)
        if run and len(window.session.points):
            errors = []
            window.runner.errored.connect(lambda message, details: errors.append(message))
            window.run_to_convergence()
            if not interactive:
                ctrl_c.run(lambda: wait_until_idle(window), stop=window.runner.stop)
                if errors:
                    raise GmmvizError(errors[0])
        if interactive:
            return ctrl_c.run(app.exec, stop=lambda: app.exit(130))
        ctrl_c.run(app.processEvents)
        settle(window)      # axes as wide as their labels, as the next paint on screen would make them
        write_png(window.grab().toImage(), screenshot)
    finally:
        ctrl_c.restore()
        warm_up.finish(WARM_UP_EXIT_WAIT)    # the interpreter must not end under a thread loading machine code
        if not interactive:
            window.close()
            shiboken6.delete(window)     # the window is ours: free it now, not at garbage collection
    return 0
