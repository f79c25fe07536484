"""Running EM off the GUI thread.

``EMWorker`` lives on its own ``QThread`` and drives a *job*: a plain generator function
``job(cancel) -> iterator of EMState`` (napari/superqt style) that does one half-step per
``next``. Between half-steps the worker checks the cancel flag, so stopping costs at most one
half-step. For every half-step it emits ``stepped(job_id, state)`` with a lean copy of the state
(no responsibilities, so a slow GUI never queues up n_samples × K arrays). For drawing, the
newest full state waits in a one-slot mailbox together with whatever the job's optional
``prepare`` callable derives from it (the window colours and rasterises the points there, off
the GUI thread); at most one state per ``PREPARE_INTERVAL`` is prepared, and always the last
one of a job. However fast the worker steps, the GUI draws only the newest prepared state.

The worker thread runs at a lower OS scheduling priority (nice +10 on Linux; threads it
starts, such as the engine's kernel threads, inherit it), so on a machine with few cores
the GUI thread still gets the CPU when it needs it and stays responsive during long runs.

``EMRunner`` is the GUI-side owner of the thread: ``start(job)``, ``stop()`` (cancel, wait
until the worker is idle and deliver the job's last signals) and ``shutdown()`` (stop, quit and
join the thread).
"""

import atexit
import os
import threading
import time
import weakref
from dataclasses import replace

from PySide6 import QtCore

from gmmviz.core.errors import GmmvizError

#: Niceness added to the worker thread (and the threads it starts).
WORKER_NICENESS = 10

#: Seconds between two states prepared for drawing (the GUI redraws at most this often anyway).
PREPARE_INTERVAL = 0.03


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
        """The newest prepared ``(EMState with resp, prepared)`` not yet taken, or None."""
        with self._lock:
            latest, self._latest = self._latest, None
        return latest

    def _post(self, state, prepare):
        prepared = prepare(state) if prepare is not None else None
        with self._lock:
            self._latest = (state, prepared)

    @QtCore.Slot()
    def lower_priority(self):
        """Make the calling thread (the worker's) yield the CPU to the GUI thread."""
        try:
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), WORKER_NICENESS)
        except (AttributeError, OSError):   # not Linux, or not permitted: run at normal priority
            pass

    @QtCore.Slot(int, object, object)
    def run(self, job_id, job, prepare):
        """Drive ``job(cancel_event)``; always ends with ``finished(job_id)``."""
        self.started.emit(job_id)
        unposted = None
        last_post = -float("inf")
        try:
            for state in job(self.cancel_event):
                if time.monotonic() - last_post >= PREPARE_INTERVAL:
                    self._post(state, prepare)
                    last_post, unposted = time.monotonic(), None
                else:
                    unposted = state
                self.stepped.emit(job_id, replace(state, resp=None))
                if self.cancel_event.is_set():
                    break
            if unposted is not None:
                self._post(unposted, prepare)
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
    _submit = QtCore.Signal(int, object, object)

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
        self._thread.started.connect(self._worker.lower_priority)
        self._job_id = 0
        self._running = False
        self._thread.start()
        # A QThread destroyed while running aborts the process, so make sure it is joined even
        # when the program ends without closing the window.
        runner = weakref.ref(self)
        atexit.register(lambda: runner() is not None and runner()._shutdown_quietly())

    @property
    def is_running(self):
        """True from ``start`` until the job's ``finished`` has been delivered."""
        return self._running

    def start(self, job, prepare=None):
        """Run ``job(cancel_event)`` on the worker thread (stops a running job first).

        ``prepare(state)``, if given, runs on the worker for the states to be drawn; its
        result comes back with ``take_latest``. It must not touch Qt objects.
        """
        self.stop()
        self._job_id += 1
        self._running = True
        self._worker.cancel_event.clear()
        self._worker.idle.clear()
        self._submit.emit(self._job_id, job, prepare)

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
        """``(state, prepared)`` for the newest prepared state not yet drawn, or None.

        ``prepared`` is what the job's ``prepare(state)`` returned (None without one).
        """
        return self._worker.take_latest()

    def shutdown(self):
        """Stop any job, then quit and join the thread (call before the window goes away)."""
        self.stop()
        self._thread.quit()
        self._thread.wait()

    def _shutdown_quietly(self):
        try:
            self.shutdown()
        except RuntimeError:     # the Qt objects are already gone
            pass

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
