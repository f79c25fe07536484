"""Starting the window: the QApplication, the off-screen platform, and ``run_window`` for the CLI.

Start-up is kept short (the window must be up within 1.5 s): scikit-learn is imported only
when it is first needed, and the numba kernels are compiled (or loaded from numba's cache) on
a background thread once the window is showing.
"""

import os
import sys
import threading
from pathlib import Path


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


def warm_up_kernels():
    """Compile or load the EM kernels on a daemon thread so the first step is quick."""
    def warm_up():
        from gmmviz.core import kernels

        kernels.warm_up()

    thread = threading.Thread(target=warm_up, name="gmmviz-warm-up", daemon=True)
    thread.start()
    return thread


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


def run_window(path=None, columns=None, n_components=None, covariance_type=None, seed=None,
               run=False, screenshot=None):
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
    screenshot : str or Path, optional
        Save a picture of the whole window there and return instead of running the event loop.

    Returns
    -------
    int
        Exit status (0 on success).

    Raises
    ------
    GmmvizError
        With ``screenshot``, when the file cannot be read or EM fails (interactive use shows
        the message in the window instead); without ``screenshot`` when there is no display
        (the window would be invisible and never end).
    """
    import shiboken6

    from gmmviz.core import GmmvizError

    app = ensure_app()
    if screenshot is None and app.platformName() in ("offscreen", "minimal"):
        raise GmmvizError("there is no display to show the window on: use --screenshot OUT.png, "
                          "or gmmviz fit for results without a window")
    from gmmviz.gui.commands.file_commands import apply_session
    from gmmviz.gui.main_window import MainWindow

    interactive = screenshot is None
    loaded = session = None
    if path is not None and not interactive:     # a bad file fails before any window exists
        from gmmviz.io import read_points
        from gmmviz.io.session import SUFFIX, load_session

        if Path(path).suffix.lower() == SUFFIX:
            session = load_session(path)
        else:
            loaded = read_points(path, columns)
    window = MainWindow()
    panel = window.settings_panel
    if n_components is not None:
        panel.n_components.setValue(int(n_components))
    if covariance_type is not None:
        panel.covariance_type.setCurrentText(covariance_type)
    if seed is not None:
        panel.seed.setValue(int(seed))
    window.show()
    if interactive:
        # A screenshot run compiles on its first step anyway, and a warm-up still compiling
        # when the interpreter exits would only make noise.
        warm_up_kernels()
    if loaded is not None:
        window.set_points(loaded.X, loaded.columns, f"Open {Path(path).name}")
    elif session is not None:
        apply_session(window, session)      # a session brings its own settings and history
    elif path is not None:
        window.load_file(path, columns)
    try:
        if run and len(window.store.X):
            errors = []
            window.runner.errored.connect(errors.append)
            window.run_to_convergence()
            if not interactive:
                wait_until_idle(window)
                if errors:
                    raise GmmvizError(errors[0])
        if interactive:
            return app.exec()
        app.processEvents()
        window.grab().save(os.fspath(screenshot))
    finally:
        if not interactive:
            window.close()
            shiboken6.delete(window)     # the window is ours: free it now, not at garbage collection
    return 0
