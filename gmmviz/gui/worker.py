"""Running EM off the GUI thread.

``EMWorker`` lives on its own ``QThread`` and drives a *job*: a plain generator function
``job(cancel) -> iterator of EMState`` (napari/superqt style) that does one half-step per
``next``. Between half-steps the worker checks the cancel flag, so stopping costs at most one
half-step. For every half-step it emits ``stepped(job_id, state)`` with a lean copy of the state
(no responsibilities, so a slow GUI never queues up n_samples × K arrays); the newest full state
waits in a one-slot mailbox that the GUI empties when it redraws. However fast the worker
steps, the GUI draws only the newest state.

``EMRunner`` is the GUI-side owner of the thread: ``start(job)``, ``stop()`` (cancel, wait
until the worker is idle and deliver the job's last signals) and ``shutdown()`` (stop, quit and
join the thread).
"""

import threading
from dataclasses import replace

from PySide6 import QtCore

from gmmviz.core.errors import GmmvizError


class EMWorker(QtCore.QObject):
    """Drives one job at a time on the thread it was moved to."""

    started = QtCore.Signal(int)
    stepped = QtCore.Signal(int, object)      # job id, EMState without resp
    finished = QtCore.Signal(int)
    errored = QtCore.Signal(int, str)

    def __init__(self):
        super().__init__()
        self.cancel_event = threading.Event()
        self.idle = threading.Event()
        self.idle.set()
        self._lock = threading.Lock()
        self._latest = None

    def take_latest(self):
        """The newest full ``EMState`` (with resp) not yet taken, or None; empties the mailbox."""
        with self._lock:
            state, self._latest = self._latest, None
        return state

    @QtCore.Slot(int, object)
    def run(self, job_id, job):
        """Drive ``job(cancel_event)``; always ends with ``finished(job_id)``."""
        self.started.emit(job_id)
        try:
            for state in job(self.cancel_event):
                with self._lock:
                    self._latest = state
                self.stepped.emit(job_id, replace(state, resp=None))
                if self.cancel_event.is_set():
                    break
        except GmmvizError as exc:
            self.errored.emit(job_id, str(exc))
        except Exception as exc:  # a bug must not kill the thread; the window shows it
            self.errored.emit(job_id, f"{type(exc).__name__}: {exc}")
        finally:
            self.idle.set()
            self.finished.emit(job_id)


class EMRunner(QtCore.QObject):
    """Owns the worker thread; at most one job runs at a time.

    Signals mirror the worker's, for the current job only.
    """

    started = QtCore.Signal()
    stepped = QtCore.Signal(object)
    finished = QtCore.Signal()
    errored = QtCore.Signal(str)
    _submit = QtCore.Signal(int, object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._thread = QtCore.QThread()
        self._thread.setObjectName("gmmviz-em")
        self._worker = EMWorker()
        self._worker.moveToThread(self._thread)
        self._submit.connect(self._worker.run)
        self._worker.started.connect(self._on_started)
        self._worker.stepped.connect(self._on_stepped)
        self._worker.finished.connect(self._on_finished)
        self._worker.errored.connect(self._on_errored)
        self._job_id = 0
        self._running = False
        self._thread.start()

    @property
    def is_running(self):
        """True from ``start`` until the job's ``finished`` has been delivered."""
        return self._running

    def start(self, job):
        """Run ``job(cancel_event)`` on the worker thread (stops a running job first)."""
        self.stop()
        self._job_id += 1
        self._running = True
        self._worker.cancel_event.clear()
        self._worker.idle.clear()
        self._submit.emit(self._job_id, job)

    def stop(self, timeout_ms=30000):
        """Cancel the running job and wait until the worker has left it.

        Blocks for at most one half-step. The job's signals still queued are delivered before
        this returns, so whoever records the states has seen every half-step that was done.
        """
        if not self._running:
            return
        self._worker.cancel_event.set()
        if self._worker.idle.wait(timeout_ms / 1000):
            QtCore.QCoreApplication.sendPostedEvents(self, QtCore.QEvent.Type.MetaCall)
        if self._running:            # the worker is stuck: disown whatever it still sends
            self._job_id += 1
            self._running = False
            self.finished.emit()

    def take_latest(self):
        """Newest full state of the current job not yet drawn, or None."""
        return self._worker.take_latest()

    def shutdown(self):
        """Stop any job, then quit and join the thread (call before the window goes away)."""
        self.stop()
        self._thread.quit()
        self._thread.wait()

    def _on_started(self, job_id):
        if job_id == self._job_id:
            self.started.emit()

    def _on_stepped(self, job_id, state):
        if job_id == self._job_id:
            self.stepped.emit(state)

    def _on_finished(self, job_id):
        if job_id == self._job_id:
            self._running = False
            self.finished.emit()

    def _on_errored(self, job_id, message):
        if job_id == self._job_id:
            self.errored.emit(message)
