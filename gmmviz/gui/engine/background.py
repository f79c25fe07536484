"""Waiting for a job on a thread of its own while the window stays responsive, with progress and Cancel.

``run_with_progress(steps, parent, text)`` drives ``steps``, a generator that yields the fraction done
(0..1) and returns its result (e.g. :func:`gmmviz.gui.engine.load_job.load_points_job`), on a new thread,
and meanwhile spins a local event loop, so the window repaints and its timers fire. A window-modal
``QProgressDialog`` with Cancel appears when the work lasts longer than ``PROGRESS_DELAY_MS``, and the
cursor shows that the program is busy. Like a dialog's ``exec()`` it returns when the work is done:
``(True, result)``, or ``(False, None)`` when it was cancelled. An exception of the job (a
``GmmvizError`` for a bad file) is raised again in the caller, on the GUI thread.

Decisions:

- Nothing Qt crosses threads: the worker leaves the latest fraction and the outcome in plain attributes,
  and a GUI timer reads them every ``POLL_MS``.
- Cancel returns at once and changes nothing; the worker stops at the job's next step (a block or a chunk
  of lines, some 20 ms) and closes the generator on its own thread, which closes the file; its result is
  dropped. A thread is started per run (runs are rare), as a daemon so that an abandoned run never keeps
  the program from ending.
- This is for one result the caller waits for. The EM jobs stream states to be drawn while the window goes
  on, which is :class:`gmmviz.gui.engine.worker.EMRunner`'s work.
"""

from __future__ import annotations

import threading

from PySide6 import QtCore, QtWidgets

#: Milliseconds of work before the progress dialog appears.
PROGRESS_DELAY_MS = 300

#: Milliseconds between two looks at the worker.
POLL_MS = 30

# Resolution of the progress bar.
_STEPS = 1000


class _Run:
    """The worker's side: drives the generator and leaves the fraction and the outcome for the GUI."""

    def __init__(self, steps):
        self.steps = steps
        self.fraction = 0.0
        self.outcome = None          # (True, result) or (False, exception)
        self.cancel = threading.Event()
        self.done = threading.Event()

    def drive(self):
        try:
            while not self.cancel.is_set():
                try:
                    self.fraction = next(self.steps)
                except StopIteration as stop:
                    self.outcome = (True, stop.value)
                    return
            self.steps.close()
        except BaseException as exc:  # raised again on the GUI thread
            self.outcome = (False, exc)
        finally:
            self.done.set()


def cancel_runs(parent):
    """Cancel every :func:`run_with_progress` whose progress dialog belongs to ``parent``, as its Cancel button would."""
    for dialog in parent.findChildren(QtWidgets.QProgressDialog):
        dialog.cancel()


def run_with_progress(steps, parent, text):
    """Run the generator ``steps`` on a thread; return ``(True, result)``, or ``(False, None)`` on Cancel.

    Parameters
    ----------
    steps : generator
        Yields fractions done (0..1); its return value is the result.
    parent : QWidget
        The window the progress dialog belongs to.
    text : str
        What the dialog says is being done.

    Raises
    ------
    Exception
        Whatever ``steps`` raised.
    """
    run = _Run(steps)
    loop = QtCore.QEventLoop()
    dialog = QtWidgets.QProgressDialog(text, "Cancel", 0, _STEPS, parent)
    dialog.setWindowModality(QtCore.Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(PROGRESS_DELAY_MS)
    dialog.setAutoReset(False)
    dialog.setAutoClose(False)
    dialog.canceled.connect(loop.quit)
    timer = QtCore.QTimer(interval=POLL_MS)

    def look():
        if run.done.is_set() or dialog.wasCanceled():      # cancel() called, not the button: no canceled signal
            loop.quit()
        else:
            dialog.setValue(round(run.fraction * _STEPS))

    timer.timeout.connect(look)
    QtWidgets.QApplication.setOverrideCursor(QtCore.Qt.CursorShape.BusyCursor)
    try:
        threading.Thread(target=run.drive, name="gmmviz-load", daemon=True).start()
        timer.start()
        loop.exec()
    finally:
        timer.stop()
        cancelled = dialog.wasCanceled() or not run.done.is_set()
        run.cancel.set()
        QtWidgets.QApplication.restoreOverrideCursor()
        dialog.close()
        dialog.deleteLater()
    if cancelled:
        return False, None
    succeeded, value = run.outcome
    if not succeeded:
        raise value
    return True, value
