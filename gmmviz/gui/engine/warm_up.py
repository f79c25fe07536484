"""The first EM step made quick: numba and the compiled kernels loaded before they are needed.

In a fresh process the first Initialise would import numba and load the kernels from numba's cache
(about a second: numba's first compiled call sets up its type registry), and only then start to work.
:func:`start` does that on a background thread once the window is showing
(:func:`gmmviz.gui.app.run_window`), so a user who loads data and presses Initialise finds it done.

Decisions:

- The warm-up is one tiny EM run (k-means initialisation, an E-step and an M-step on six fixed
  points): it takes the paths of a real first step (the imports, the k-means pass and both EM
  kernels with the argument types EM gives them), not a guess at them.
- It runs once per process, under a lock, and every EM job of the window first calls
  :func:`warm_up` (:func:`after_warm_up`): a job started while the warm-up runs waits for it
  instead of importing the same packages and compiling the same kernels at the same time on
  another thread (two threads importing one package tree in different orders can be handed a
  partly initialised module, Python's way out of an import deadlock). The wait costs nothing: it
  is work the job would do itself. Without a warm-up (a screenshot, the tests) the first job does it.
- It cannot deadlock: while it holds its lock it waits only for import locks and numba's
  compiler lock, and a job takes its lock before it imports or compiles anything; the GUI thread
  never takes it. A warm-up that fails leaves the work (and the error) to the first job.
- No Qt here, so ``import gmmviz`` and the command line never load Qt through it.
"""

from __future__ import annotations

import threading

import numpy as np

#: Six points in two groups: enough for k-means, an E-step and an M-step with K = 2.
_POINTS = np.array([[0.0, 0.0], [0.3, 0.1], [0.1, 0.4], [5.0, 5.0], [5.2, 4.8], [4.9, 5.3]])

_lock = threading.Lock()
_started = threading.Event()
_done = threading.Event()


def warm_up() -> None:
    """Import numba and load the kernels, once per process; other callers wait until it is done."""
    _started.set()
    with _lock:
        if _done.is_set():
            return
        try:
            from gmmviz.core import EM

            em = EM(_POINTS, 2, init="kmeans", seed=0)
            em.e_step()
            em.m_step()
        except Exception:       # the first real job meets the same problem and reports it
            pass
        finally:
            _done.set()


def is_warm() -> bool:
    """Whether :func:`warm_up` has finished in this process."""
    return _done.is_set()


def finish(timeout: float) -> None:
    """Wait (at most ``timeout`` seconds) for a warm-up that has started to finish; return at once otherwise."""
    if _started.is_set():
        _done.wait(timeout)


def start() -> threading.Thread:
    """Run :func:`warm_up` on a daemon thread (named ``gmmviz-warm-up``) and return the thread."""
    thread = threading.Thread(target=warm_up, name="gmmviz-warm-up", daemon=True)
    thread.start()
    return thread


def after_warm_up(job):
    """The job ``job(cancel)`` (see :mod:`gmmviz.gui.engine.jobs`), run once :func:`warm_up` has finished."""
    def warmed_job(cancel):
        warm_up()
        yield from job(cancel)

    return warmed_job
