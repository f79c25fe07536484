"""Python's cycle collector run on the GUI thread only, so that no other thread destroys Qt objects.

Python collects reference cycles on whichever thread allocates when a threshold is passed. In gmmviz that
can be the EM worker (importing numba, stepping EM), the warm-up, a file being read or a kernel's helper
thread, and a cycle it collects may hold Qt objects (a closed window's menus and actions). Destroying them
there deadlocks: ``~QObject`` takes Qt's lock on the object's connections and then waits for the GIL to call
into Python, while the GUI thread, holding the GIL, waits for that lock to delete objects of its own. Seen
in the test suite: the window froze for good about once in thirty runs of the truth tests.

So :func:`collect_on_gui_thread` turns automatic collection off and a timer on the GUI thread collects
instead every ``INTERVAL_MS``: the young objects each time (a few milliseconds), the older generations
by Python's own thresholds (the recipe Qt users of Python have long used). Objects outside cycles are
still freed at once, by reference counting, wherever their last reference goes; the worker threads hold
no Qt objects (they send arrays).
"""

from __future__ import annotations

import gc

from PySide6 import QtCore

#: Milliseconds between two looks at the collector's counts.
INTERVAL_MS = 500


class _Collector(QtCore.QObject):
    def __init__(self, parent):
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        self._long_lived = len(gc.get_objects(generation=2))     # the old generation at the last full collection
        self._timer = QtCore.QTimer(self, interval=INTERVAL_MS)
        self._timer.timeout.connect(self.collect)
        self._timer.start()

    def collect(self):
        """Collect the young objects, and an older generation when its count passed Python's threshold.

        The young generation every time: Python's own trigger, the count of objects made and not yet freed,
        can stay low while a worker makes and frees many, and garbage would then wait.
        """
        gc.collect(0)
        counts = gc.get_count()
        if counts[2] > self._thresholds[2] and len(gc.get_objects(generation=2)) > 1.25 * self._long_lived:
            # Python's rule for a full collection (0.1 s with a window open): the old objects grew by a quarter.
            gc.collect(2)
            self._long_lived = len(gc.get_objects(generation=2))
        elif counts[1] > self._thresholds[1]:
            gc.collect(1)


def collect_on_gui_thread(app) -> None:
    """Collect cycles only on ``app``'s thread from now on (once per application; later calls do nothing)."""
    if app.findChild(_Collector) is None:
        _Collector(app)
    gc.disable()
