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

A job's failure reaches the GUI thread as ``errored(message, details)``: a ``GmmvizError``
is a message for the user (``details`` empty); any other exception is a bug, forwarded with its
traceback in ``details``. Warnings a job raises (numpy's, a re-seeded component's) are caught on
the worker thread and forwarded as ``warned(message)``, so they reach the window instead of a
terminal nobody reads.

``EMRunner`` is the GUI-side owner of the thread: ``start(job)``, ``stop()`` (cancel, wait
briefly until the worker is idle and deliver the job's last signals) and ``shutdown()`` (stop,
quit and join the thread). Stopping blocks the GUI thread for at most ``STOP_WAIT`` seconds: a
job still busy after that (a long initialisation on a huge data set) is disowned, and whatever it
still sends is ignored.
"""

import atexit
import os
import threading
import time
import traceback
import warnings
import weakref

from PySide6 import QtCore

from gmmviz.core.errors import GmmvizError

#: Niceness added to the worker thread (and the threads it starts).
WORKER_NICENESS = 10

#: Seconds between two states prepared for drawing (the GUI redraws at most this often anyway).
PREPARE_INTERVAL = 0.03

#: Seconds ``EMRunner.stop`` waits for the worker before it disowns the job.
STOP_WAIT = 1.0


class EMWorker(QtCore.QObject):
    """Drives one job at a time on the thread it was moved to."""

    stepped = QtCore.Signal(int, object)      # job id, EMState without resp
    finished = QtCore.Signal(int)
    errored = QtCore.Signal(int, str, str)    # job id, message, traceback ("" for a GmmvizError)
    warned = QtCore.Signal(int, str)

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
        unposted = None
        last_post = -float("inf")
        # Only this thread warns while a job runs: the GUI thread stops the job before it does
        # anything that might warn (reading a file), so the global filters are not contended.
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                for state in job(self.cancel_event):
                    if time.monotonic() - last_post >= PREPARE_INTERVAL:
                        self._post(state, prepare)
                        last_post, unposted = time.monotonic(), None
                    else:
                        unposted = state
                    self._forward(job_id, caught)
                    self.stepped.emit(job_id, state.lean())
                    if self.cancel_event.is_set():
                        break
                if unposted is not None:
                    self._post(unposted, prepare)
            except GmmvizError as exc:
                self.errored.emit(job_id, str(exc), "")
            except Exception as exc:  # a bug must not kill the thread; the window shows it
                self.errored.emit(job_id, f"{type(exc).__name__}: {exc}", traceback.format_exc())
            finally:
                self._forward(job_id, caught)
                self.idle.set()
                self.finished.emit(job_id)

    def _forward(self, job_id, caught):
        for warning in caught:
            self.warned.emit(job_id, str(warning.message))
        caught.clear()


class EMRunner(QtCore.QObject):
    """Owns the worker thread; at most one job runs at a time.

    Signals mirror the worker's, for the current job only.
    """

    stepped = QtCore.Signal(object)
    finished = QtCore.Signal()
    errored = QtCore.Signal(str, str)
    warned = QtCore.Signal(str)
    _submit = QtCore.Signal(int, object, object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._thread = QtCore.QThread()
        self._thread.setObjectName("gmmviz-em")
        self._worker = EMWorker()
        self._worker.moveToThread(self._thread)
        self._submit.connect(self._worker.run)
        self._worker.stepped.connect(self._on_stepped)
        self._worker.finished.connect(self._on_finished)
        self._worker.errored.connect(self._on_errored)
        self._worker.warned.connect(self._on_warned)
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

    def stop(self, timeout=STOP_WAIT):
        """Cancel the running job and wait (at most ``timeout`` seconds) until the worker has left it.

        Usually this takes at most one half-step, and the job's signals still queued are
        delivered before it returns, so whoever records the states has seen every half-step that
        was done. A job still busy after ``timeout`` is disowned.
        """
        if not self._running:
            return
        self._worker.cancel_event.set()
        if self._worker.idle.wait(timeout):
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

    def _on_stepped(self, job_id, state):
        if job_id == self._job_id:
            self.stepped.emit(state)

    def _on_finished(self, job_id):
        if job_id == self._job_id:
            self._running = False
            self.finished.emit()

    def _on_errored(self, job_id, message, details):
        if job_id == self._job_id:
            self.errored.emit(message, details)

    def _on_warned(self, job_id, message):
        if job_id == self._job_id:
            self.warned.emit(message)
